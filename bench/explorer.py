"""Cost of the explorer page at scale: a graph of N nodes (default 5,000) drawn in headless Chromium.

    python bench/explorer.py [--nodes 5000] [--runs 3]

The graph is the seeds' real projection (built by claimgraph) replicated with fresh node ids until
it holds N nodes, so every label, edge and evidence sentence is real prose. For the default page
(the most connected ``DEFAULT_MAX_NODES`` nodes) and for the whole graph (``--max-nodes 0``) it
prints the Python cost (layout and page), the page size, and the time from navigation until the
graph is drawn in Debian's chromium (physics is off: drawn means settled), plus the time one
filter takes in the page. Medians of ``--runs``.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

import claimgraph
from claimgraph.graph import DEFAULT_MAX_NODES, GraphStore, explorer_html, project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import chromium_path, visit  # noqa: E402

FILTER = """() => { const t0 = performance.now(); const box = document.getElementById('f-claim');
  box.value = 'military'; box.dispatchEvent(new Event('input')); return performance.now() - t0; }"""


def replicated(G: nx.MultiDiGraph, nodes: int) -> nx.MultiDiGraph:
    """Copies of ``G`` with fresh node ids (actor names get a copy number) until ``nodes`` nodes."""
    copies = max(1, -(-nodes // len(G)))
    parts = []
    for k in range(copies):
        H = nx.relabel_nodes(G, {n: f"{n}#{k}" for n in G}, copy=True)
        for _, data in H.nodes(data=True):
            if k and data["kind"] != "claim":
                data["label"] = f"{data['label']} ({k})"
        parts.append(H)
    big = nx.compose_all(parts)
    big.graph.update(articles=G.graph["articles"], variants=[])
    return big


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if chromium_path() is None:
        sys.exit("bench/explorer.py: no chromium found (apt-get install chromium, or set CLAIMGRAPH_CHROMIUM)")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        claimgraph.build([ROOT / "corpus" / "seeds"], tmp / "seeds", validate=False)
        with GraphStore(tmp / "seeds") as store:
            seeds = project(store.ox)
        big = replicated(seeds, args.nodes)
        print(f"graph: {big.number_of_nodes():,} nodes, {big.number_of_edges():,} edges "
              f"(seeds ×{-(-args.nodes // len(seeds))}); chromium {chromium_path()}")
        print(f"{'page':<22}{'nodes drawn':>12}{'python s':>10}{'size MB':>9}{'drawn in chromium s':>21}{'filter ms':>11}")
        for label, G, max_nodes in (("seeds", seeds, DEFAULT_MAX_NODES),
                                    (f"{len(big):,} default", big, DEFAULT_MAX_NODES),
                                    (f"{len(big):,} all", big, 0)):
            builds, ready, filters = [], [], []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                page = explorer_html(G, max_nodes=max_nodes)
                builds.append(time.perf_counter() - t0)
            path = tmp / "page.html"
            path.write_text(page, encoding="utf-8")
            drawn = 0
            for _ in range(args.runs):
                v = visit(path.as_uri(), script=FILTER, timeout_s=300,
                          actions=lambda p: None)
                if v.console_errors or v.page_errors:
                    sys.exit(f"bench/explorer.py: errors in the page: {v.console_errors + v.page_errors}")
                assert v.ready_ms is not None
                ready.append(v.ready_ms / 1000)
                filters.append(float(v.values["script"]))  # type: ignore[arg-type]
                drawn = len(G) if max_nodes <= 0 else min(len(G), max_nodes)
            print(f"{label:<22}{drawn:>12,}{statistics.median(builds):>10.2f}{len(page.encode()) / 1e6:>9.2f}"
                  f"{statistics.median(ready):>21.2f}{statistics.median(filters):>11.0f}")


if __name__ == "__main__":
    main()
