"""claimgraph.graph.store — resolved records as RDF and where they live: IRIs per article graph
(``rdf``), the on-disk pyoxigraph store with its lock and generation (``database``), records read
back (``readback``), SHACL validation, exports and the JSONL file. Knows records and the vocabulary,
never the view."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

from .database import DIRTY, GraphStore, StoreLocked, StoreMissing, bump_generation, generation
from .export import FORMATS, export

_LAZY: dict[str, str] = {  # name → the module that defines it
    **dict.fromkeys(["ArticleGraph", "article_graph", "content_hash"], ".rdf"),
    **dict.fromkeys(["read_records"], ".readback"),
    **dict.fromkeys(["ShapeValidator", "Validation"], ".validate"),
    **dict.fromkeys(["read_attributions", "write_attributions"], ".jsonl"),
    **dict.fromkeys(["atomic_write"], ".files"),
}

if TYPE_CHECKING:
    from .files import atomic_write
    from .jsonl import read_attributions, write_attributions
    from .rdf import ArticleGraph, article_graph, content_hash
    from .readback import read_records
    from .validate import ShapeValidator, Validation

__all__ = [  # the names _LAZY (and the imports above) offer, listed for the tools that read __all__
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
