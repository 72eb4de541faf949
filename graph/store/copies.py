"""Copies: the same text under another name — a syndicated wire story run by several outlets, a
file given twice (as ``.txt`` and inside a ``.jsonl``). A copy is stored with its own metadata
(outlet, day, address) and no attribution of its own, so every count counts the text once, and is
noted in the copies graph (``copy cg:sameTextAs original``), which the explorer reads to say who
"also ran" an article.

A copy is found by its digests (:func:`~claimgraph.graph.store.rdf.text_digests`): the whole text
with case and spacing folded, and the text after its first line, so a wire copy under another
headline is one too. The first article stored with a text is the original.
"""
from __future__ import annotations

import pyoxigraph as ox

from claimgraph.extractors import Article
from claimgraph.graph.iris import cg, copies_graph, term_value
from claimgraph.graph.store.rdf import text_digests

_SAME = cg("sameTextAs")
_DIGESTS = (cg("textDigest"), cg("bodyDigest"))


class Copies:
    """The texts stored so far, by digest: which article an incoming one copies, if any."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.built: dict[str, str] = {}  # digest → article IRI, for the articles of this build

    def original(self, article: Article, iri: str) -> str | None:
        """The IRI of the article whose text ``article`` repeats (another article, itself no copy)."""
        for key in filter(None, text_digests(article.text)):
            hit = self.built.get(key)
            if hit is not None and hit != iri:
                return hit
            for p in _DIGESTS:
                for q in self.store.quads_for_pattern(None, p, ox.Literal(key), None):
                    other = term_value(q.graph_name)
                    if other != iri and copy_of(self.store, other) is None:
                        return other
        return None

    def stored(self, article: Article, iri: str) -> None:
        """Note an article stored with its own text (an original from now on)."""
        for key in filter(None, text_digests(article.text)):
            self.built.setdefault(key, iri)


def copy_of(store: ox.Store, iri: str) -> str | None:
    """The original an article is a copy of, else ``None``."""
    for q in store.quads_for_pattern(ox.NamedNode(iri), _SAME, None, ox.NamedNode(copies_graph())):
        return term_value(q.object)
    return None


def mark_copy(store: ox.Store, iri: str, original: str | None) -> None:
    """Note article ``iri`` as a copy of ``original`` (``None``: as no copy)."""
    g, node = ox.NamedNode(copies_graph()), ox.NamedNode(iri)
    for q in list(store.quads_for_pattern(node, _SAME, None, g)):
        store.remove(q)
    if original is not None:
        store.add(ox.Quad(node, _SAME, ox.NamedNode(original), g))
