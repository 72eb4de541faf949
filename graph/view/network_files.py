"""The who-asserts-or-denies-what network for the tools network researchers already use: GEXF
(Gephi) and GraphML (Cytoscape, yEd, igraph), both written by networkx.

The network is the explorer's: the same selection of nodes (:func:`.network.top`) and the same
edges, so a file and the page show one graph. Nodes are keyed by their IRI and carry the page's
label, kind and counts; edges carry their relation and weight (occurrences). Evidence stays in the
store and the CSV export: a network file holds what a layout or a centrality measure reads.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

import networkx as nx

from claimgraph.graph.store.files import atomic_write
from claimgraph.graph.view.network import top

FORMATS = ("gexf", "graphml")


def flat(G: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The explorer's network (its ``max_nodes`` most important nodes; 0: all) with scalar
    attributes only, as GEXF and GraphML hold them."""
    shown = top(G, max_nodes)
    out = nx.MultiDiGraph()
    for n, d in shown.nodes(data=True):
        out.add_node(n, label=str(d["label"]), kind=str(d["kind"]), mentions=int(d["mentions"]),
                     articles=len(d.get("docs", ())), contested=bool(d.get("contested", False)))
    for u, v, rel, d in shown.edges(keys=True, data=True):
        out.add_edge(u, v, key=str(rel), relation=str(rel), weight=float(d.get("weight", 1)),
                     flip=bool(d.get("flip", False)))
    return out


def write_network(G: nx.MultiDiGraph, fmt: str, path: str | os.PathLike[str], *, max_nodes: int) -> Path:
    """Write :func:`flat` of ``G`` to ``path`` as ``fmt`` (``gexf`` or ``graphml``), atomically."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown network format {fmt!r}; choose one of {', '.join(FORMATS)}")
    net = flat(G, max_nodes)

    def write(fh: IO[Any]) -> None:
        if fmt == "gexf":
            nx.write_gexf(net, fh)
        else:
            nx.write_graphml(net, fh)

    return atomic_write(Path(path), write)
