"""claimgraph.graph.query — SPARQL over the store: guards for untrusted queries and updates,
result formats, the named queries in ``ontology/queries`` and a worker pool with timeouts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

_LAZY: dict[str, str] = {  # name → the module that defines it
    **dict.fromkeys([
        "MEDIA_TYPES", "NamedQuery", "QueryError", "QueryOverMemory", "QueryRefused",
        "QueryTimeout", "execute", "guard", "guard_update", "named_queries", "parse_bindings",
    ], ".sparql"),
    "QueryPool": ".pool",
    **dict.fromkeys(["Mention", "format_timeline", "timeline"], ".timeline"),
}

if TYPE_CHECKING:
    from .pool import QueryPool
    from .sparql import (
        MEDIA_TYPES,
        NamedQuery,
        QueryError,
        QueryOverMemory,
        QueryRefused,
        QueryTimeout,
        execute,
        guard,
        guard_update,
        named_queries,
        parse_bindings,
    )
    from .timeline import Mention, format_timeline, timeline

__all__ = [  # the names _LAZY (and the imports above) offer, listed for the tools that read __all__
    "MEDIA_TYPES", "Mention", "NamedQuery", "QueryError", "QueryOverMemory", "QueryPool", "QueryRefused",
    "QueryTimeout", "execute", "format_timeline", "guard", "guard_update", "named_queries", "parse_bindings",
    "timeline",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
