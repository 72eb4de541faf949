"""claimgraph.graph — attribution records to the knowledge graph: IRIs, RDF, the store, SHACL
validation, exports, SPARQL, and the networkx view with its explorer page and figures."""
from __future__ import annotations

from .actors import ActorIndex, Match, RoleFact
from .analytics import (
    anonymous_reliance,
    contested_claims,
    contradictions,
    most_cited_sources,
    reporting_chains,
)
from .claims import ClaimClusters
from .explorer import DEFAULT_MAX_NODES, Explorer, explorer_html, write_explorer
from .export import FORMATS, export
from .jsonl import read_attributions, write_attributions
from .network import Evidence, QuoteVariant, find, neighbourhood, project, top
from .rdf import ArticleGraph, article_graph, content_hash
from .records import read_records
from .resolve import Resolution, Resolver
from .sparql import (
    NamedQuery,
    QueryError,
    QueryPool,
    QueryRefused,
    QueryTimeout,
    execute,
    guard,
    named_queries,
)
from .store import GraphStore, StoreLocked, StoreMissing
from .story import all_claims, claims_in, forget_article, settled_denials, story_graph, update_story
from .validate import ShapeValidator, Validation

__all__ = [
    "FORMATS", "ActorIndex", "ArticleGraph", "ClaimClusters", "Match", "Resolution", "Resolver", "RoleFact",
    "all_claims", "claims_in", "forget_article", "settled_denials", "content_hash", "story_graph", "update_story", "GraphStore", "NamedQuery", "QueryError", "QueryPool", "QueryRefused", "QueryTimeout",
    "ShapeValidator", "StoreLocked", "StoreMissing", "Validation", "article_graph", "execute", "export", "guard",
    "named_queries", "read_attributions", "read_records", "write_attributions",
    "DEFAULT_MAX_NODES", "Evidence", "Explorer", "QuoteVariant", "anonymous_reliance", "contested_claims",
    "contradictions", "explorer_html", "find", "most_cited_sources", "neighbourhood", "project", "reporting_chains",
    "top", "write_explorer",
]
