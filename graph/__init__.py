"""claimgraph.graph — attribution records to the knowledge graph: IRIs, RDF, the store, SHACL
validation, exports, SPARQL, and the networkx view with its explorer page and figures.

Names are imported on first use (PEP 562), so a command that only queries the store never
imports spaCy, rdflib or networkx."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

# A name that is also its module's name is imported now: importing the module would otherwise
# shadow the lazy name with the module.
from .export import export

_LAZY: dict[str, tuple[str, str]] = {
    'ActorIndex': ('.actors', 'ActorIndex'),
    'Match': ('.actors', 'Match'),
    'RoleFact': ('.actors', 'RoleFact'),
    'anonymous_reliance': ('.analytics', 'anonymous_reliance'),
    'contested_claims': ('.analytics', 'contested_claims'),
    'contradictions': ('.analytics', 'contradictions'),
    'most_cited_sources': ('.analytics', 'most_cited_sources'),
    'reporting_chains': ('.analytics', 'reporting_chains'),
    'ClaimClusters': ('.claims', 'ClaimClusters'),
    'DEFAULT_MAX_NODES': ('.explorer', 'DEFAULT_MAX_NODES'),
    'Explorer': ('.explorer', 'Explorer'),
    'explorer_html': ('.explorer', 'explorer_html'),
    'write_explorer': ('.explorer', 'write_explorer'),
    'FORMATS': ('.export', 'FORMATS'),
    'read_attributions': ('.jsonl', 'read_attributions'),
    'write_attributions': ('.jsonl', 'write_attributions'),
    'Evidence': ('.network', 'Evidence'),
    'QuoteVariant': ('.network', 'QuoteVariant'),
    'find': ('.network', 'find'),
    'neighbourhood': ('.network', 'neighbourhood'),
    'project': ('.network', 'project'),
    'top': ('.network', 'top'),
    'ArticleGraph': ('.rdf', 'ArticleGraph'),
    'article_graph': ('.rdf', 'article_graph'),
    'content_hash': ('.rdf', 'content_hash'),
    'read_records': ('.records', 'read_records'),
    'Resolution': ('.resolve', 'Resolution'),
    'Resolver': ('.resolve', 'Resolver'),
    'NamedQuery': ('.sparql', 'NamedQuery'),
    'QueryError': ('.sparql', 'QueryError'),
    'QueryPool': ('.sparql', 'QueryPool'),
    'QueryRefused': ('.sparql', 'QueryRefused'),
    'QueryTimeout': ('.sparql', 'QueryTimeout'),
    'execute': ('.sparql', 'execute'),
    'guard': ('.sparql', 'guard'),
    'named_queries': ('.sparql', 'named_queries'),
    'GraphStore': ('.store', 'GraphStore'),
    'StoreLocked': ('.store', 'StoreLocked'),
    'StoreMissing': ('.store', 'StoreMissing'),
    'all_claims': ('.story', 'all_claims'),
    'claims_in': ('.story', 'claims_in'),
    'forget_article': ('.story', 'forget_article'),
    'prune_actors': ('.story', 'prune_actors'),
    'settled_denials': ('.story', 'settled_denials'),
    'story_graph': ('.story', 'story_graph'),
    'update_story': ('.story', 'update_story'),
    'ShapeValidator': ('.validate', 'ShapeValidator'),
    'Validation': ('.validate', 'Validation'),
}

if TYPE_CHECKING:
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
    from .story import (
        all_claims,
        claims_in,
        forget_article,
        settled_denials,
        story_graph,
        update_story,
    )
    from .validate import ShapeValidator, Validation

__all__ = [
    "DEFAULT_MAX_NODES",
    "FORMATS",
    "ActorIndex",
    "ArticleGraph",
    "ClaimClusters",
    "Evidence",
    "Explorer",
    "GraphStore",
    "Match",
    "NamedQuery",
    "QueryError",
    "QueryPool",
    "QueryRefused",
    "QueryTimeout",
    "QuoteVariant",
    "Resolution",
    "Resolver",
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
