"""Cost of resolution: adding one article to a store of N articles (default 10,000).

    python bench/resolve.py [--articles 10000]

The store is the seeds' real graph (built by claimgraph, with claim terms) replicated with fresh
IRIs until it holds N articles; every copy's mentions share their terms with the new article's, so
candidate lookup meets the worst case (a story told N/5 times). Then one new article is built into
it, timing each step: opening the store's catalog and the resolver it gives (the catalog is made
from the store once, beforehand, as the first build after an upgrade does), extraction,
resolution, storing (with the catalog's rows), and refreshing the story graph and the rankings for
the claims it touched.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from store import replicate, seed_nquads  # bench/store.py

from claimgraph import __version__
from claimgraph.extractors import extract, load_pipeline, read_inputs
from claimgraph.extractors.lexicon import default_lexicon
from claimgraph.graph import GraphStore, article_graph, claims_in, update_story
from claimgraph.graph.store.catalog import Catalog
from claimgraph.graph.store.rankings import refresh_rankings

ARTICLE = """Kremlin rejects report on Chinese weapons

Russia has asked China for weapons and financial aid, Reuters reported on Tuesday, citing two US officials.
Kremlin spokesman Dmitry Peskov said the report was "false" and that Moscow had never sought military help from Beijing.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        seeds = seed_nquads(tmp)
        per_copy = seeds.count("\n")
        data, n = replicate(seeds, per_copy * max(1, args.articles // 5), retold=True)
        out = tmp / "big"
        (out / "store").mkdir(parents=True)
        t0 = time.perf_counter()
        s = ox.Store(str(out / "store"))
        s.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        s.flush()
        del s
        print(f"store: {args.articles:,} articles, {n:,} quads, loaded in {time.perf_counter() - t0:.1f} s", flush=True)
        (tmp / "new.txt").write_text(ARTICLE)
        nlp = load_pipeline()
        t = time.perf_counter()
        with GraphStore(out, write=True) as store:
            made = Catalog(store)
        made.seal()  # after the store closed: the stamp is its new generation
        print(f"catalog made from the store once: {time.perf_counter() - t:.1f} s", flush=True)
        with GraphStore(out, write=True) as store:
            t = time.perf_counter()
            catalog = Catalog(store)
            resolver = catalog.linker(default_lexicon())
            t_load = time.perf_counter() - t
            t = time.perf_counter()
            [(article, recs)] = list(extract(list(read_inputs([tmp / "new.txt"])), nlp))  # type: ignore[misc]
            t_extract = time.perf_counter() - t
            t = time.perf_counter()
            res = resolver.resolve(article, recs)
            t_resolve = time.perf_counter() - t
            t = time.perf_counter()
            graph = article_graph(article, recs, version=__version__, resolution=res)
            store.put(graph)
            catalog.record(graph.iri, [*graph.quads, *graph.actor_quads])
            t_put = time.perf_counter() - t
            t = time.perf_counter()
            touched = claims_in(store.ox, graph.iri)
            update_story(store.ox, touched, lexicon=resolver.lexicon, mentions=catalog.mentions_of,
                         on_settled=catalog.settle)
            refresh_rankings(store.ox, catalog, touched)
            t_story = time.perf_counter() - t
        print(f"  open the catalog, resolver {t_load * 1000:8.0f} ms  ({catalog.mentions:,} claim mentions indexed)")
        print(f"  extract (spaCy)            {t_extract * 1000:8.0f} ms")
        print(f"  resolve actors and claims  {t_resolve * 1000:8.0f} ms  ({len(res.records)} attributions)")
        print(f"  store the article graph    {t_put * 1000:8.0f} ms")
        print(f"  refresh story and rankings {t_story * 1000:8.0f} ms  ({len(touched)} claims touched)")
        print(f"  total                      {(t_load + t_extract + t_resolve + t_put + t_story) * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
