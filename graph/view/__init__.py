"""claimgraph.graph.view — the store seen as a who-asserts-or-denies-what network: the networkx
projection (``network``), its analytics, the interactive explorer page (pyvis data, our template),
static figures and the one palette they share."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

_LAZY: dict[str, str] = {  # name → the module that defines it
    **dict.fromkeys(["ACTOR_KINDS", "find", "neighbourhood", "project", "top"], ".network"),
    **dict.fromkeys(["Evidence", "QuoteVariant"], ".evidence"),
    **dict.fromkeys([
        "anonymous_reliance", "contested_claims", "contradictions", "most_cited_sources", "reporting_chains",
    ], ".analytics"),
    **dict.fromkeys(["Explorer", "explorer_html", "write_explorer"], ".explorer"),
    **dict.fromkeys(["draw"], ".figure"),
    **dict.fromkeys(["DEFAULT_MAX_NODES", "EDGES", "NODES"], ".palette"),
}

if TYPE_CHECKING:
    from .analytics import anonymous_reliance, contested_claims, contradictions, most_cited_sources, reporting_chains
    from .evidence import Evidence, QuoteVariant
    from .explorer import Explorer, explorer_html, write_explorer
    from .figure import draw
    from .network import ACTOR_KINDS, find, neighbourhood, project, top
    from .palette import DEFAULT_MAX_NODES, EDGES, NODES

__all__ = [  # the names _LAZY (and the imports above) offer, listed for the tools that read __all__
    "ACTOR_KINDS",
    "DEFAULT_MAX_NODES",
    "EDGES",
    "NODES",
    "Evidence",
    "Explorer",
    "QuoteVariant",
    "anonymous_reliance",
    "contested_claims",
    "contradictions",
    "draw",
    "explorer_html",
    "find",
    "most_cited_sources",
    "neighbourhood",
    "project",
    "reporting_chains",
    "top",
    "write_explorer",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
