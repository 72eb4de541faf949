"""claimgraph.graph — attribution records to the knowledge graph: IRIs, RDF, the store, SHACL
validation, exports and SPARQL."""
from __future__ import annotations

from .export import FORMATS, export
from .jsonl import read_attributions, write_attributions
from .rdf import ArticleGraph, article_graph
from .records import read_records
from .sparql import NamedQuery, QueryError, QueryPool, QueryRefused, QueryTimeout, execute, guard, named_queries
from .store import GraphStore, StoreLocked, StoreMissing
from .validate import ShapeValidator, Validation

__all__ = [
    "FORMATS", "ArticleGraph", "GraphStore", "NamedQuery", "QueryError", "QueryPool", "QueryRefused", "QueryTimeout",
    "ShapeValidator", "StoreLocked", "StoreMissing", "Validation", "article_graph", "execute", "export", "guard",
    "named_queries", "read_attributions", "read_records", "write_attributions",
]
