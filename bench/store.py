"""Store benchmark: every named query's median time as the store grows, side by side.

    python bench/store.py [--sizes 100000,1000000[,10000000]] [--runs 3] [--retold] [--rdflib]

Each store is the seeds' real extracted graph replicated with fresh IRIs (nothing invented) to the
given number of quads, bulk-loaded into Oxigraph; then its catalog is made and its rankings
refreshed as a build would (``claimgraph.graph.store.catalog``). Every copy gets its own article,
attribution, actor and claim IRIs, and — unless ``--retold`` — its own wording: the letters of
every string of copy k are permuted by a key of its own, so a copy reads as another story of the
same shape. A phrase or an actor the user looks up then belongs to one story, as in a real store
that grows by covering more stories; with ``--retold`` every copy tells the seeds' story word for
word and a phrase search returns ten times the rows at ten times the size (what it measures then
is the answer's size). Prints, per size, the load time and size on disk, then each query's median
and its growth from the smallest size. ``--rdflib`` adds rdflib's in-memory store at the smallest
size.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import string
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

import claimgraph
from claimgraph.graph import GraphStore, execute, named_queries
from claimgraph.graph.iris import cg
from claimgraph.graph.store.catalog import Catalog
from claimgraph.graph.store.rankings import refresh_rankings
from claimgraph.ontology import DEFAULT_BASE, PREFIXES

ROOT = Path(__file__).resolve().parent.parent
PARAMS = {"text": "never heard", "actor": "Liu Pengyu", "mode": "statement"}


#: The story graph's rankings are over the whole store: each store ranks its copies afresh.
_RANKS = {cg(p) for p in ("claimRank", "contestedRank", "citedRank", "attributionCount", "denialCount")}


def seed_nquads(tmp: Path) -> str:
    claimgraph.build([ROOT / "corpus" / "seeds"], tmp / "seeds", validate=False)
    with GraphStore(tmp / "seeds") as store:
        quads = [q for q in store.ox.quads_for_pattern(None, None, None, None) if q.predicate not in _RANKS]
        return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode()


_NAMED = re.compile(r'^(\S+ <https://w3id.org/claimgraph/ontology#(?:name|documentId)> "[^"]*)"', re.M)
# A literal with its datatype or language; only strings are reworded (numbers, dates and booleans
# keep their value).
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"(\^\^<[^>]*>|@[A-Za-z0-9-]+)?')
_XSD_STRING = "^^<http://www.w3.org/2001/XMLSchema#string>"


_ESCAPE = re.compile(r"(\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.))")


def _cipher(k: int) -> dict[int, str]:
    """Copy ``k``'s letter permutation (lower and upper case alike)."""
    rng = random.Random(k)
    letters = list(string.ascii_lowercase)
    rng.shuffle(letters)
    table = dict(zip(string.ascii_lowercase, letters, strict=True))
    return str.maketrans({**table, **{a.upper(): b.upper() for a, b in table.items()}})


def _retell(nquads: str, k: int) -> str:
    """Copy ``k`` with its own wording: each string literal's letters permuted (escapes kept)."""
    table = _cipher(k)

    def one(m: re.Match[str]) -> str:
        if m.group(2) and m.group(2).startswith("^^") and m.group(2) != _XSD_STRING:
            return m.group(0)
        parts = _ESCAPE.split(m.group(1))  # escapes ("\\n", "\\u00e9") stay as they are
        return '"' + "".join(p if i % 2 else p.translate(table) for i, p in enumerate(parts)) + '"' + (m.group(2) or "")

    return _LITERAL.sub(one, nquads)


def replicate(nquads: str, triples: int, *, retold: bool = False) -> tuple[bytes, int]:
    """Copies of the seed graph with fresh IRIs, to about ``triples`` quads. Names and document
    ids get a copy number; without ``retold`` each copy's strings get a wording of their own."""
    per_copy = nquads.count("\n")
    copies = max(1, -(-triples // per_copy))
    parts = [nquads]
    for k in range(1, copies):
        copy = _NAMED.sub(rf'\1 (copy {k})"', nquads.replace(DEFAULT_BASE, f"{DEFAULT_BASE}r{k}/"))
        parts.append(copy if retold else _retell(copy, k))
    return "".join(parts).encode(), copies * per_copy


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def time_queries(run, runs: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    out = {}
    for q in named_queries().values():
        params = {p: PARAMS[p] for p in q.params}
        run(q.text, params)  # warm the store's caches once
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            run(q.text, params)
            times.append(time.perf_counter() - t0)
        out[q.name] = statistics.median(times) * 1000
    return out


def oxigraph_at(data: bytes, tmp: Path, runs: int) -> tuple[float, float, int, dict[str, float]]:
    """Load time, catalog time, size on disk and query medians (ms) of a store holding ``data``."""
    out = tmp / f"ox{len(data)}"
    out.mkdir()
    store = ox.Store(str(out / "store"))
    t0 = time.perf_counter()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    store.flush()
    load = time.perf_counter() - t0
    del store
    t0 = time.perf_counter()
    with GraphStore(out, write=True) as gs:  # the catalog a build keeps, made from the store
        catalog = Catalog(gs)
        refresh_rankings(gs.ox, catalog)
    catalog.seal()
    indexed = time.perf_counter() - t0
    with GraphStore(out) as ro:
        lat = time_queries(lambda text, params: execute(ro.ox, text, params, fmt="json", cap=100_000,
                                                        index=ro.dir), runs)
    return load, indexed, folder_size(out), lat


def rdflib_at(data: bytes, runs: int) -> tuple[float, dict[str, float]]:
    import rdflib

    ds = rdflib.Dataset(default_union=True)
    t0 = time.perf_counter()
    ds.parse(data=data, format="nquads")
    load = time.perf_counter() - t0
    init = {k: rdflib.Namespace(v) for k, v in PREFIXES.items()}

    def run(text: str, params: dict[str, str]) -> None:
        list(ds.query(text, initNs=init, initBindings={k: rdflib.Literal(v) for k, v in params.items()}))

    return load, time_queries(run, runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000", help="comma-separated store sizes in quads")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--retold", action="store_true", help="every copy tells the seeds' story word for word")
    ap.add_argument("--rdflib", action="store_true", help="also time rdflib's in-memory store at the smallest size")
    ap.add_argument("--keep", type=Path, help="keep each store (a build folder) under this folder")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: list[tuple[int, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        seeds = seed_nquads(tmp)
        where = args.keep or tmp
        for size in sizes:
            data, n = replicate(seeds, size, retold=args.retold)
            load, indexed, disk, lat = oxigraph_at(data, where, args.runs)
            del data
            print(f"Oxigraph, {n:,} quads: load {load:.1f} s, catalog and rankings {indexed:.1f} s, "
                  f"{disk / 2**20:.0f} MiB on disk", flush=True)
            results.append((n, lat))
        n0, base = results[0]
        head = "".join(f"{n:>14,}" for n, _ in results)
        growth = "".join(f"   ×{n / n0:<5g}" for n, _ in results[1:])
        print(f"\nmedian ms of {args.runs} runs{'':9}{head}{growth}")
        for qname in base:
            cells = "".join(f"{lat[qname]:>14.1f}" for _, lat in results)
            ratios = "".join(f"{lat[qname] / max(base[qname], 1e-3):>9.2f}" for _, lat in results[1:])
            print(f"  {qname:24}{cells}{ratios}", flush=True)
        if args.rdflib:
            small, n_small = replicate(seeds, sizes[0], retold=args.retold)
            rl_load, rl_lat = rdflib_at(small, max(1, args.runs // 3))
            print(f"\nrdflib at {n_small:,} quads: load {rl_load:.2f} s")
            for qname, ms in rl_lat.items():
                print(f"  {qname:24} rdflib {ms:9.1f} ms   Oxigraph {base[qname]:8.1f} ms")


if __name__ == "__main__":
    main()
