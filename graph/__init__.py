"""claimgraph.graph — attribution records to the knowledge graph, in four sub-packages that depend
one way (resolve → store → query / view):

- ``resolve``: the same actor and the same claim across articles; the story graph.
- ``store``: records as RDF named graphs in the on-disk store; validation, exports, JSONL.
- ``query``: SPARQL with guards, formats, named queries and a worker pool.
- ``view``: the networkx projection, analytics, the explorer page and figures.

``iris`` is the naming scheme they share. Names are imported on first use (PEP 562), so a command
that only queries the store never imports spaCy, rdflib or networkx."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

_LAZY: dict[str, str] = {  # name → the sub-package that offers it
    **dict.fromkeys([
        "GraphStore", "StoreLocked", "StoreMissing", "FORMATS", "export", "ArticleGraph", "article_graph",
        "content_hash", "read_records", "ShapeValidator", "Validation", "read_attributions", "write_attributions"
    ], ".store"),
    **dict.fromkeys([
        "Linker", "Resolution", "ActorIndex", "Match", "RoleFact", "ClaimClusters", "all_claims", "claims_in",
        "forget_article", "prune_actors", "settled_denials", "update_story"
    ], ".resolve"),
    **dict.fromkeys([
        "NamedQuery", "QueryError", "QueryPool", "QueryRefused", "QueryTimeout", "execute", "guard", "named_queries"
    ], ".query"),
    **dict.fromkeys([
        "Evidence", "QuoteVariant", "find", "neighbourhood", "project", "top", "anonymous_reliance",
        "contested_claims", "contradictions", "most_cited_sources", "reporting_chains", "Explorer", "explorer_html",
        "write_explorer", "DEFAULT_MAX_NODES"
    ], ".view"),
    **dict.fromkeys(["story_graph"], ".iris"),
}

if TYPE_CHECKING:
    from .iris import story_graph
    from .query import NamedQuery, QueryError, QueryPool, QueryRefused, QueryTimeout, execute, guard, named_queries
    from .resolve import (
        ActorIndex,
        ClaimClusters,
        Linker,
        Match,
        Resolution,
        RoleFact,
        all_claims,
        claims_in,
        forget_article,
        prune_actors,
        settled_denials,
        update_story,
    )
    from .store import (
        FORMATS,
        ArticleGraph,
        GraphStore,
        ShapeValidator,
        StoreLocked,
        StoreMissing,
        Validation,
        article_graph,
        content_hash,
        export,
        read_attributions,
        read_records,
        write_attributions,
    )
    from .view import (
        DEFAULT_MAX_NODES,
        Evidence,
        Explorer,
        QuoteVariant,
        anonymous_reliance,
        contested_claims,
        contradictions,
        explorer_html,
        find,
        most_cited_sources,
        neighbourhood,
        project,
        reporting_chains,
        top,
        write_explorer,
    )

__all__ = [  # the names _LAZY (and the imports above) offer, listed for the tools that read __all__
    "DEFAULT_MAX_NODES",
    "FORMATS",
    "ActorIndex",
    "ArticleGraph",
    "ClaimClusters",
    "Evidence",
    "Explorer",
    "GraphStore",
    "Linker",
    "Match",
    "NamedQuery",
    "QueryError",
    "QueryPool",
    "QueryRefused",
    "QueryTimeout",
    "QuoteVariant",
    "Resolution",
    "RoleFact",
    "ShapeValidator",
    "StoreLocked",
    "StoreMissing",
    "Validation",
    "all_claims",
    "anonymous_reliance",
    "article_graph",
    "claims_in",
    "content_hash",
    "contested_claims",
    "contradictions",
    "execute",
    "explorer_html",
    "export",
    "find",
    "forget_article",
    "guard",
    "most_cited_sources",
    "named_queries",
    "neighbourhood",
    "project",
    "prune_actors",
    "read_attributions",
    "read_records",
    "reporting_chains",
    "settled_denials",
    "story_graph",
    "top",
    "update_story",
    "write_attributions",
    "write_explorer",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
