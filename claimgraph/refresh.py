"""After articles were stored, replaced, removed or corrected: the story graph and the rankings
brought up to date for the claims that changed (``build``, ``remove`` and ``correct`` alike)."""
from __future__ import annotations

from claimgraph.extractors.lexicon import Lexicon
from claimgraph.graph import GraphStore
from claimgraph.graph.resolve.story import prune_actors, update_story
from claimgraph.graph.store.catalog import Catalog
from claimgraph.graph.store.rankings import refresh_rankings


def refresh_story(store: GraphStore, catalog: Catalog, touched: set[str], *, lex: Lexicon,
                  same_as: dict[str, str] | None = None, prune: bool = False) -> set[str]:
    """After articles were stored, replaced or removed (``build`` and ``remove`` alike): the story
    facts of the ``touched`` claims, the actors no article names any more (``prune``), the
    rankings; returns the documents whose records the story rewrote (a negation read as a denial)."""
    settled = update_story(store.ox, touched, lexicon=lex, same_as=same_as, mentions=catalog.mentions_of,
                           on_settled=catalog.settle)
    if prune:
        prune_actors(store.ox)
        catalog.sync_actors()
    refresh_rankings(store.ox, catalog, None if catalog.rebuilt else touched)
    return docs_of(store, settled)


def docs_of(store: GraphStore, graphs: set[str]) -> set[str]:
    """The document ids of article graphs (those whose records the story refresh rewrote)."""
    return {doc for doc, iri in store.articles() if iri in graphs} if graphs else set()
