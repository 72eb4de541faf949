"""claimgraph.graph.store — resolved records as RDF and where they live: IRIs per article graph
(``rdf``), the on-disk pyoxigraph store with its lock and generation (``database``), records read
back (``readback``), SHACL validation, exports and the JSONL file. Knows records and the vocabulary,
never the view."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

from .database import DIRTY, GraphStore, StoreLocked, StoreMissing, bump_generation, generation
from .export import FORMATS, export

_LAZY: dict[str, tuple[str, str]] = {
    'ArticleGraph': ('.rdf', 'ArticleGraph'),
    'article_graph': ('.rdf', 'article_graph'),
    'content_hash': ('.rdf', 'content_hash'),
    'read_records': ('.readback', 'read_records'),
    'ShapeValidator': ('.validate', 'ShapeValidator'),
    'Validation': ('.validate', 'Validation'),
    'read_attributions': ('.jsonl', 'read_attributions'),
    'write_attributions': ('.jsonl', 'write_attributions'),
    'atomic_write': ('.files', 'atomic_write'),
}

if TYPE_CHECKING:
    from .files import atomic_write
    from .jsonl import read_attributions, write_attributions
    from .rdf import ArticleGraph, article_graph, content_hash
    from .readback import read_records
    from .validate import ShapeValidator, Validation

__all__ = [
    "DIRTY",
    "FORMATS",
    "ArticleGraph",
    "GraphStore",
    "ShapeValidator",
    "StoreLocked",
    "StoreMissing",
    "Validation",
    "article_graph",
    "atomic_write",
    "bump_generation",
    "content_hash",
    "export",
    "generation",
    "read_attributions",
    "read_records",
    "write_attributions",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
