"""One graph whatever the batching and order of builds.

Resolution is incremental: an article joins the actors and claims stored before it, and what it
decided is not decided again. So the store's resolution is that of its articles taken one by one
in the order they were built, and the same articles built in another order (or a surname read
before the full name it stands for) would give another graph. The store keeps one order: its
articles **sorted by document id**. A build that appends articles after every stored one (a first
build of a folder, a rerun after a crash, new articles with later ids) keeps it at no cost; one
that does not (an article whose id sorts before a stored one, a changed article, a removal)
re-resolves every stored article in that order from the records it holds — as the extractor gave
them, the source as the article named it (``cg:sourceName``) — without parsing anything again.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import pyoxigraph as ox

from claimgraph.extractors import Attribution, IngestError
from claimgraph.extractors.lexicon import Lexicon
from claimgraph.extractors.reading.article import one_line
from claimgraph.graph import GraphStore, all_claims, article_graph
from claimgraph.graph.iris import actors_graph, claim_iri, story_graph
from claimgraph.graph.resolve.linker import Linker
from claimgraph.graph.store.catalog import Catalog
from claimgraph.graph.store.corrections import machine_records
from claimgraph.graph.store.readback import read_article, read_records
from claimgraph.review import Reviews, marked, restore, write_review


@dataclass(slots=True)
class BuildOrder:
    """Whether the articles stored so far were resolved in the store's order (by document id)."""

    last: str = ""  # the greatest id resolved so far
    kept: bool = True
    #: Articles arriving one by one (``serve --ingest``) are resolved after everything stored, as
    #: they come, whatever their ids: a new one never replays the store (at 1,000 articles that
    #: cost 45 s a post). The next replay (a changed or removed article) puts them in id order.
    arrival: bool = False

    @classmethod
    def of(cls, store: GraphStore) -> BuildOrder:
        return cls(max((doc for doc, _ in store.articles()), default=""))

    def resolved(self, doc: str, *, replaced: bool) -> None:
        """Note an article just resolved; one before a stored one, or one that replaced its own
        earlier version (which the articles after it were resolved against), breaks the order."""
        if replaced or (doc < self.last and not self.arrival):
            self.kept = False
        self.last = max(self.last, doc)


@dataclass(slots=True)
class Replayed:
    """What re-resolving the store changed: the claims to refresh in the story and the articles."""

    claims: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    failed: list[IngestError] = field(default_factory=list)
    same_as: dict[str, str] = field(default_factory=dict)  # the alias table's links, for the story


def replay(store: GraphStore, catalog: Catalog, lex: Lexicon, *, version: str,
           aliases: str | os.PathLike[str] | None = None, reviews: Reviews | None = None) -> Replayed:
    """Re-resolve every stored article in document-id order, from an empty catalog, actors graph
    and story graph: the graph a single build of the same articles in that order makes. The story
    (and the rankings) are left for the caller to refresh for :attr:`Replayed.claims`."""
    out = Replayed(claims=all_claims(store.ox))
    records: dict[str, list[Attribution]] = {}  # read everything before anything is cleared, in one pass
    for rec in read_records(store.ox, as_extracted=True):
        records.setdefault(rec.doc, []).append(rec)
    reviews = reviews if reviews is not None else Reviews.of(store.ox)
    # a record a reviewer changed or rejected is resolved again as the machine read it, then corrected again
    stored = [(graph, *read_article(store.ox, graph), restore(records.get(doc, []), machine_records(store.ox, doc)))
              for doc, graph in sorted(store.articles())]
    for g in (actors_graph(), story_graph()):
        store.ox.remove_graph(ox.NamedNode(g))
    catalog.reset()
    resolver = catalog.linker(lex, aliases=aliases)
    for graph, article, digest, recs in stored:
        try:
            resolution = resolver.resolve(article, recs)
        except Exception as exc:  # what resolved once should resolve again; if not, alone
            out.failed.append(IngestError(article.id, f"could not be re-resolved against the other articles "
                                          f"({exc.__class__.__name__}: {one_line(str(exc))}); resolved on its own"))
            resolver = catalog.linker(lex, aliases=aliases)
            resolution = Linker(lex).resolve(article, recs)
        review = None
        if reviews:
            resolution, applied, machine = reviews.correct(article, resolution)
        made = article_graph(article, recs, version=version, resolution=resolution, digest=digest)
        if reviews:
            made, review = marked(made, applied, machine)
        store.remove(graph)
        store.put(made)
        if review is not None:
            write_review(store.ox, article.id, review)
        catalog.record(made.iri, [*made.quads, *made.actor_quads])
        resolver.claims.settle()
        out.docs.add(article.id)
        out.claims |= {claim_iri(rec.claim) for rec in resolution.records if rec.claim}
    out.same_as = resolver.actors.same_as
    return out
