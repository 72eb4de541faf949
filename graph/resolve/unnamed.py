"""Claims that rest on unnamed sources alone ("officials said", "the FT reports, citing people
familiar with the matter, …"): decided per claim as the story is refreshed and kept as a class
(``cg:AnonymousOnlyClaim``), so that listing them reads a hundred facts rather than every
attribution and nesting in the store."""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from claimgraph.graph.iris import cg, term_value

_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ANONYMOUS = cg("AnonymousGroup").value


def anonymous_only(store: ox.Store, said: Iterable[tuple[str, str | None]]) -> bool:
    """Whether a claim's attributions (``said``: each one's IRI and its source's) rest on unnamed
    sources alone: some source is an anonymous group, and every named one relays an unnamed one."""
    kinds: dict[str, set[str]] = {}

    def classes(actor: str) -> set[str]:
        if actor not in kinds:
            kinds[actor] = {term_value(q.object) for q in store.quads_for_pattern(ox.NamedNode(actor), _TYPE, None, None)}
        return kinds[actor]

    def anonymous(actor: str | None) -> bool:
        return actor is not None and _ANONYMOUS in classes(actor)

    def relays_unnamed(node: str) -> bool:
        for q in store.quads_for_pattern(None, cg("nestedIn"), ox.NamedNode(node), None):
            if any(anonymous(term_value(s.object)) for s in store.quads_for_pattern(q.subject, cg("source"), None, None)):
                return True
        return False

    rows = list(said)
    if not any(anonymous(source) for _, source in rows):
        return False
    return all(relays_unnamed(node) for node, source in rows if source is not None and classes(source) - {_ANONYMOUS})
