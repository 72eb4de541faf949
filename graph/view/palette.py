"""How kinds and relations look, shared by the HTML explorer, the static figure and the legend:
shape and colour by node kind, colour and dash by relation (stance colours follow the usual
green = asserts, red = denies, orange = warns). Every stance and actor kind of the ontology needs
an entry here (a test checks): the colour is the one thing about a new stance the ontology cannot say."""
from __future__ import annotations

from typing import NamedTuple

from claimgraph.ontology.vocab import SourceKind, Stance

#: Most nodes the explorer page draws (the most important first); importable without networkx.
DEFAULT_MAX_NODES = 400
#: Most nodes on the page a build rewrites after every change: drawing it must cost what a small
#: store's page costs (at 400 nodes, 1.1 s a build at 1,000 articles; at 150, 0.4 s). The full
#: graph view starts from the 150 most important nodes; ``claimgraph view --max-nodes N`` draws more.
BUILD_MAX_NODES = 150
#: The colour of what a reviewer corrected (an edge's "reviewed" label, the panel's badge).
REVIEWED = "#1864ab"


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
    SourceKind.PERSON: NodeStyle("dot", "o", "#3b7dd8", "person"),
    SourceKind.ORGANIZATION: NodeStyle("square", "s", "#17a2b8", "organization"),
    SourceKind.OUTLET: NodeStyle("diamond", "D", "#f08c00", "news outlet"),
    SourceKind.ANONYMOUS: NodeStyle("triangle", "^", "#868e96", "anonymous source"),
    SourceKind.COUNTRY: NodeStyle("hexagon", "h", "#7048e8", "country / government"),
    SourceKind.DOCUMENT: NodeStyle("triangleDown", "v", "#a0522d", "document"),
}
EDGES: dict[str, EdgeStyle] = {
    Stance.ASSERTS: EdgeStyle("#2b8a3e", False, True, "asserts"),
    Stance.DENIES: EdgeStyle("#e03131", False, True, "denies"),
    Stance.WARNS: EdgeStyle("#f76707", False, True, "warns"),
    Stance.QUESTIONS: EdgeStyle("#9c36b5", False, True, "questions"),
    Stance.HEDGED: EdgeStyle("#868e96", True, True, "hedged (may, reportedly)"),
    "reports": EdgeStyle("#f08c00", True, True, "outlet reports"),
    "cites": EdgeStyle("#4c6ef5", True, True, "outlet cites source"),
    "relays": EdgeStyle("#4c6ef5", False, True, "relays (citing …)"),
    "contradicts": EdgeStyle("#c92a2a", True, False, "contradicts"),
}
CONTESTED = "#e03131"  # border of a contested claim
FLIP = "#ae3ec9"  # a quote whose polarity flips between renderings
