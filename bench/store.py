"""Store benchmark: load time, size on disk and named-query latency on a large graph, beside
rdflib's in-memory store.

    python bench/store.py [--triples 1000000] [--rdflib-triples 200000] [--runs 7]

The graph is the seeds' real extracted graph replicated with fresh IRIs (nothing invented): every
copy gets its own article, attribution, actor and claim IRIs. Oxigraph is measured at full size;
rdflib at --rdflib-triples (its load and queries are far slower) and Oxigraph again at that size,
so that the ratio compares like with like.
"""
from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

import claimgraph
from claimgraph.graph import GraphStore, execute, named_queries
from claimgraph.ontology import DEFAULT_BASE, PREFIXES

ROOT = Path(__file__).resolve().parent.parent
PARAMS = {"text": "never heard", "actor": "Liu Pengyu"}


def seed_nquads(tmp: Path) -> str:
    claimgraph.build([ROOT / "corpus" / "seeds"], tmp / "seeds", validate=False)
    with GraphStore(tmp / "seeds") as store:
        quads = store.ox.quads_for_pattern(None, None, None, None)
        return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode()


_NAMED = re.compile(r'^(\S+ <https://w3id.org/claimgraph/ontology#(?:name|documentId)> "[^"]*)"', re.M)


def replicate(nquads: str, triples: int) -> tuple[bytes, int]:
    """Copies of the seed graph with fresh IRIs; names and document ids get a copy number too,
    so that looking up one actor or article stays as selective as in a real store of that size
    (phrase searches over claim wordings still hit every copy: the texts are the same)."""
    per_copy = nquads.count("\n")
    copies = max(1, -(-triples // per_copy))
    parts = [nquads] + [_NAMED.sub(rf'\1 (copy {k})"', nquads.replace(DEFAULT_BASE, f"{DEFAULT_BASE}r{k}/"))
                        for k in range(1, copies)]
    return "".join(parts).encode(), copies * per_copy


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def time_queries(run, runs: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    out = {}
    for q in named_queries().values():
        params = {p: PARAMS[p] for p in q.params}
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            run(q.text, params)
            times.append(time.perf_counter() - t0)
        out[q.name] = statistics.median(times) * 1000
    return out


def oxigraph_at(data: bytes, tmp: Path, runs: int) -> tuple[float, int, dict[str, float]]:
    path = tmp / f"ox{len(data)}"
    store = ox.Store(str(path))
    t0 = time.perf_counter()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    store.flush()
    load = time.perf_counter() - t0
    del store
    ro = ox.Store.read_only(str(path))
    lat = time_queries(lambda text, params: execute(ro, text, params, fmt="json", cap=100_000), runs)
    return load, folder_size(path), lat


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
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--rdflib-triples", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        seeds = seed_nquads(tmp)
        big, n_big = replicate(seeds, args.triples)
        load, size, lat = oxigraph_at(big, tmp, args.runs)
        print(f"Oxigraph, {n_big:,} quads: load {load:.1f} s ({n_big / load:,.0f} quads/s), "
              f"{size / 2**20:.0f} MiB on disk", flush=True)
        for qname, ms in lat.items():
            print(f"  {qname:24} median {ms:8.1f} ms", flush=True)
        small, n_small = replicate(seeds, args.rdflib_triples)
        ox_load, _, ox_lat = oxigraph_at(small, tmp, args.runs)
        rl_load, rl_lat = rdflib_at(small, max(1, args.runs // 3))
        print(f"\nAt {n_small:,} quads — load: Oxigraph {ox_load:.2f} s, rdflib {rl_load:.2f} s "
              f"(rdflib/Oxigraph {rl_load / ox_load:.1f}x)")
        for qname in ox_lat:
            print(f"  {qname:24} Oxigraph {ox_lat[qname]:8.1f} ms   rdflib {rl_lat[qname]:9.1f} ms   "
                  f"ratio {rl_lat[qname] / max(ox_lat[qname], 1e-3):6.1f}x")


if __name__ == "__main__":
    main()
