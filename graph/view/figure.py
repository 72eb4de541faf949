"""A static picture of the graph for reports (PNG or SVG through matplotlib), drawn with the same
shapes, colours and layout as the explorer."""
from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import networkx as nx

from claimgraph.graph.view.explorer import shorten
from claimgraph.graph.view.layout import layout
from claimgraph.graph.view.network import CLAIM, top
from claimgraph.graph.view.palette import CONTESTED, EDGES, NODES
from claimgraph.graph.view.storyview import sides, story_claims, story_layout

DEFAULT_FIGURE_NODES = 120


def draw(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, max_nodes: int = DEFAULT_FIGURE_NODES,
         title: str | None = None, labels: int = 40, story: bool = True, focus: str | None = None) -> Path:
    """Draw ``G`` to ``path`` (format from its suffix: .png, .svg, .pdf).

    ``story=True`` (the default) draws what the explorer opens on (:mod:`.storyview`): the most
    contested claim — or the one whose wording holds ``focus`` — with who stands for it on the
    left, against it on the right, its outlets above, every node labelled clear of the others.
    ``story=False`` draws the ``max_nodes`` most important nodes, leaving out components of one or
    two nodes when larger ones exist; the ``labels`` most mentioned nodes are labelled."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    claims = story_claims(G, first=focus, k=1) if story else []
    if claims:
        placed = story_layout(G, claims[0])
        shown = G.subgraph(placed).copy()
        shown.remove_edges_from([(u, v, k) for u, v, k in list(shown.edges(keys=True)) if k == "contradicts"])
        pos = {n: (x, -y) for n, (x, y) in placed.items()}
        fig, ax = plt.subplots(figsize=(13, 9))
    else:
        shown = top(G, max_nodes)
        big = [c for c in nx.weakly_connected_components(shown) if len(c) > 2]
        if big:
            shown = shown.subgraph(set().union(*big)).copy()
        pos = {n: (x, -y) for n, (x, y) in layout(shown).items()}  # screen y grows downwards
        side = min(24.0, max(8.0, math.sqrt(len(shown)) * 1.6))
        fig, ax = plt.subplots(figsize=(side * 1.25, side))
    ax.set_axis_off()
    for rel, style in EDGES.items():
        edges = [(u, v) for u, v, k in shown.edges(keys=True) if k == rel]
        if not edges:
            continue
        widths = [min(0.8 + 1.2 * math.log2(shown.edges[u, v, rel]["weight"] + 1), 6) for u, v in edges]
        nx.draw_networkx_edges(shown, pos, edgelist=edges, ax=ax, edge_color=style.colour, width=widths,
                               style="dashed" if style.dashed else "solid", arrows=style.arrow,
                               alpha=0.8, node_size=120, **({"arrowsize": 8} if style.arrow else {}))
    for kind, node_style in NODES.items():
        nodes = [n for n, d in shown.nodes(data=True) if d["kind"] == kind]
        if not nodes:
            continue
        sizes = [120 + 40 * shown.nodes[n]["mentions"] for n in nodes]
        borders = [CONTESTED if shown.nodes[n].get("contested") else "#495057" for n in nodes]
        nx.draw_networkx_nodes(shown, pos, nodelist=nodes, ax=ax, node_shape=node_style.marker, node_color=node_style.colour,
                               node_size=sizes, edgecolors=borders,
                               linewidths=[3 if shown.nodes[n].get("contested") else 0.8 for n in nodes])
    if claims:
        _story_labels(ax, shown, pos, claims[0])
    else:  # actors by name, claims only when contested or much mentioned: claim labels are long
        named = sorted(shown, key=lambda n: (shown.nodes[n]["kind"] == CLAIM and not shown.nodes[n].get("contested"),
                                             -shown.nodes[n]["mentions"]))[:labels]
        named = [n for n in named if shown.nodes[n]["kind"] != CLAIM or shown.nodes[n].get("contested")
                 or shown.nodes[n]["mentions"] > 2]
        text = {n: shorten(shown.nodes[n]["label"], 38 if shown.nodes[n]["kind"] == CLAIM else 26) for n in named}
        nx.draw_networkx_labels(shown, pos, labels=text, ax=ax, font_size=7, verticalalignment="bottom")
    handles = [Line2D([], [], marker=s.marker, linestyle="", markerfacecolor=s.colour, markeredgecolor="#495057",
                      markersize=9, label=s.label)
               for k, s in NODES.items() if any(d["kind"] == k for _, d in shown.nodes(data=True))]
    handles.append(Line2D([], [], marker="s", linestyle="", markerfacecolor=NODES["claim"].colour,
                          markeredgecolor=CONTESTED, markeredgewidth=2.5, markersize=9, label="contested claim"))
    handles += [Line2D([], [], color=s.colour, linestyle="--" if s.dashed else "-", label=s.label)
                for k, s in EDGES.items() if any(r == k for *_, r in shown.edges(keys=True))]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
    heading = title or "Who asserts or denies what"
    if claims:
        heading += " — one claim: for it on the left, against it on the right"
    elif len(shown) < len(G):
        heading += f" (the {len(shown)} most connected of {len(G)} nodes)"
    ax.set_title(heading)
    target = Path(path)
    fig.savefig(target, bbox_inches="tight", dpi=150)
    plt.close(fig)
    return target


def _story_labels(ax: Any, G: nx.MultiDiGraph, pos: dict[str, tuple[float, float]], claim: str) -> None:
    """Labels that stay clear of each other: the left column's to the left of its nodes, the
    right column's to the right, the rows' above or below, the claim's wrapped in its box."""
    import textwrap

    by_side = sides(G, claim)
    columns = set(by_side["for"]) | set(by_side["against"])
    for n, (x, y) in pos.items():
        label = G.nodes[n]["label"]
        if n == claim:
            ax.text(x, y, textwrap.fill(shorten(label, 140), 34), ha="center", va="center", fontsize=9,
                    bbox={"boxstyle": "round,pad=0.5", "facecolor": NODES["claim"].colour,
                          "edgecolor": CONTESTED if G.nodes[n].get("contested") else "#495057", "linewidth": 2})
        elif n in columns:  # a column: beside the node, away from the claim
            ax.text(x - 28 if x < 0 else x + 28, y, shorten(label, 34), ha="right" if x < 0 else "left",
                    va="center", fontsize=9)
        else:  # a row: above or below
            ax.text(x, y + (26 if y > 0 else -26), shorten(label, 26), ha="center", va="bottom" if y > 0 else "top",
                    fontsize=9)
    ax.margins(0.3, 0.15)
