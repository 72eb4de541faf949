"""How kinds and relations look, shared by the HTML explorer, the static figure and the legend:
shape and colour by node kind, colour and dash by relation (stance colours follow the usual
green = asserts, red = denies, orange = warns)."""
from __future__ import annotations

from typing import NamedTuple

#: Most nodes the explorer page draws (the most important first); importable without networkx.
DEFAULT_MAX_NODES = 400


class NodeStyle(NamedTuple):
    shape: str  # a vis-network shape
    marker: str  # the matplotlib marker for the same shape
    colour: str
    label: str


class EdgeStyle(NamedTuple):
    colour: str
    dashed: bool
    arrow: bool
    label: str


NODES: dict[str, NodeStyle] = {
    "claim": NodeStyle("box", "s", "#fff1b8", "claim"),
    "person": NodeStyle("dot", "o", "#3b7dd8", "person"),
    "organization": NodeStyle("square", "s", "#17a2b8", "organization"),
    "outlet": NodeStyle("diamond", "D", "#f08c00", "news outlet"),
    "anonymous": NodeStyle("triangle", "^", "#868e96", "anonymous source"),
    "country": NodeStyle("hexagon", "h", "#7048e8", "country / government"),
    "document": NodeStyle("triangleDown", "v", "#a0522d", "document"),
}
EDGES: dict[str, EdgeStyle] = {
    "asserts": EdgeStyle("#2b8a3e", False, True, "asserts"),
    "denies": EdgeStyle("#e03131", False, True, "denies"),
    "warns": EdgeStyle("#f76707", False, True, "warns"),
    "questions": EdgeStyle("#9c36b5", False, True, "questions"),
    "hedged": EdgeStyle("#868e96", True, True, "hedged (may, reportedly)"),
    "reports": EdgeStyle("#f08c00", True, True, "outlet reports"),
    "cites": EdgeStyle("#4c6ef5", True, True, "outlet cites source"),
    "relays": EdgeStyle("#4c6ef5", False, True, "relays (citing …)"),
    "contradicts": EdgeStyle("#c92a2a", True, False, "contradicts"),
}
CONTESTED = "#e03131"  # border of a contested claim
FLIP = "#ae3ec9"  # a quote whose polarity flips between renderings
