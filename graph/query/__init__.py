"""claimgraph.graph.query — SPARQL over the store: guards for untrusted queries and updates,
result formats, the named queries in ``ontology/queries`` and a worker pool with timeouts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

_LAZY: dict[str, tuple[str, str]] = {
    'MEDIA_TYPES': ('.sparql', 'MEDIA_TYPES'),
    'NamedQuery': ('.sparql', 'NamedQuery'),
    'QueryError': ('.sparql', 'QueryError'),
    'QueryOverMemory': ('.sparql', 'QueryOverMemory'),
    'QueryPool': ('.sparql', 'QueryPool'),
    'QueryRefused': ('.sparql', 'QueryRefused'),
    'QueryTimeout': ('.sparql', 'QueryTimeout'),
    'execute': ('.sparql', 'execute'),
    'guard': ('.sparql', 'guard'),
    'guard_update': ('.sparql', 'guard_update'),
    'named_queries': ('.sparql', 'named_queries'),
    'parse_bindings': ('.sparql', 'parse_bindings'),
    'Mention': ('.timeline', 'Mention'),
    'format_timeline': ('.timeline', 'format_timeline'),
    'timeline': ('.timeline', 'timeline'),
}

if TYPE_CHECKING:
    from .sparql import (
        MEDIA_TYPES,
        NamedQuery,
        QueryError,
        QueryOverMemory,
        QueryPool,
        QueryRefused,
        QueryTimeout,
        execute,
        guard,
        guard_update,
        named_queries,
        parse_bindings,
    )
    from .timeline import Mention, format_timeline, timeline

__all__ = [
    "MEDIA_TYPES",
    "Mention",
    "NamedQuery",
    "QueryError",
    "QueryOverMemory",
    "QueryPool",
    "QueryRefused",
    "QueryTimeout",
    "execute",
    "format_timeline",
    "guard",
    "guard_update",
    "named_queries",
    "parse_bindings",
    "timeline",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
