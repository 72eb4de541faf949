"""The main job: ingest → extract → export, with a report of what happened."""
from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph import __version__
from claimgraph.distributed import extract_distributed, extract_parallel
from claimgraph.extractors import (
    Article,
    Attribution,
    IngestError,
    PipelineSpec,
    extract,
    load_pipeline,
    read_inputs,
)
from claimgraph.extractors.lexicon import Lexicon, lexicon
from claimgraph.extractors.reading.article import one_line
from claimgraph.graph import (
    ArticleGraph,
    GraphStore,
    ShapeValidator,
    StoreMissing,
    all_claims,
    article_graph,
    claims_in,
    content_hash,
    forget_article,
    settled_denials,
)
from claimgraph.graph.iris import article_iri, claim_iri
from claimgraph.graph.resolve import Linker
from claimgraph.graph.resolve.corrections import Correction
from claimgraph.graph.store.catalog import Catalog
from claimgraph.graph.store.copies import Copies, copy_of, mark_copy
from claimgraph.ontology.vocab import Stance
from claimgraph.refresh import refresh_story
from claimgraph.replay import BuildOrder, replay
from claimgraph.review import Reviews, marked, write_review
from claimgraph.snapshot import seal, take_baseline, write_snapshot

if TYPE_CHECKING:
    from spacy.language import Language

Parsed = list[Attribution] | IngestError  # an article's records, or why it could not be parsed

#: With ``validate="sample"``, one article graph in this many is checked against the SHACL shapes
#: (pyshacl costs about as much as parsing: checking every graph nearly doubles a build's time).
VALIDATE_EVERY = 50


@dataclass(slots=True)
class BuildReport:
    """What a build did: counts, the files it skipped and why, and where it wrote."""

    out_dir: Path
    articles: int = 0
    words: int = 0
    attributions: int = 0
    seconds: float = 0.0
    skipped: list[IngestError] = field(default_factory=list)
    graphs: Counter[str] = field(default_factory=Counter)  # added / replaced / unchanged / invalid
    replayed: int = 0  # stored articles resolved again in id order (see claimgraph.replay)
    sources: Counter[str] = field(default_factory=Counter)
    stances: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    #: Reviewers' corrections whose target is gone from an article built now (kept for review).
    orphaned: list[tuple[Correction, str]] = field(default_factory=list)
    #: Articles stored as copies of another (the same text under another id): (copy, original).
    copies: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.skipped

    def summary(self) -> str:
        """A one-screen summary for the terminal."""
        rate = self.articles / self.seconds if self.seconds else 0.0
        lines = [
            (f"claimgraph: {self.articles} articles, {self.attributions} attributions "
             f"in {self.seconds:.1f} s ({rate:.1f} articles/s, {self.words / max(self.seconds, 1e-9):,.0f} words/s)"),
            "  stance: " + ", ".join(f"{k} {v}" for k, v in self.stances.most_common()),
            "  type:   " + ", ".join(f"{k} {v}" for k, v in self.types.most_common()),
            "  top sources: " + "; ".join(f"{name} ({n})" for name, n in self.sources.most_common(5)),
            "  store:  " + ", ".join(f"{k} {v}" for k, v in sorted(self.graphs.items())) + " article graph(s)"
            + (f"; {self.replayed} re-resolved in id order" if self.replayed else ""),
            (f"  wrote {self.out_dir / 'store'}, {self.out_dir / 'graph.trig'}, {self.out_dir / 'attributions.jsonl'}, "
             f"{self.out_dir / 'explorer.html'}"),
        ]
        if self.copies:  # the same text under another id: its attributions counted once, with the original's
            lines.append(f"  copies: {len(self.copies)} article(s) with the text of another, counted once: "
                         + "; ".join(f"{c} = {o}" for c, o in self.copies[:5])
                         + (f"; … and {len(self.copies) - 5} more" if len(self.copies) > 5 else ""))
        if self.skipped:
            lines.append(f"  skipped {len(self.skipped)} input(s):")
            lines += [f"    {err}" for err in self.skipped[:20]]
            if len(self.skipped) > 20:
                lines.append(f"    … and {len(self.skipped) - 20} more")
        return "\n".join(lines)


def build(inputs: Iterable[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *,
          model: str | PipelineSpec | None = None, batch_size: int = 16, workers: int = 1,
          validate: bool | str = "sample", aliases: str | os.PathLike[str] | None = None,
          engine: str = "local", scheduler: str | None = None, partition_size: int = 32,
          on_error: Callable[[IngestError], None] | None = None,
          on_article: Callable[[int], None] | None = None, items: Iterable[Article | IngestError] | None = None,
          nlp: Language | None = None, files: bool = True, arrival: bool = False) -> BuildReport:
    """Read ``inputs``, extract attributions and add them to the store in ``out_dir``.

    Each article becomes one named graph in ``<out_dir>/store``; an unchanged article is skipped, a
    changed one replaces its graph. SHACL validation as graphs are written: ``validate="sample"``
    (the default) checks the first graph and every :data:`VALIDATE_EVERY`-th, ``"all"`` (or
    ``True``) every graph, ``"none"`` (or ``False``) none; ``claimgraph validate`` checks a store.
    Then ``attributions.jsonl``, ``graph.trig`` and the ``explorer.html`` page are written from the
    whole store, atomically.
    Each article is resolved against what the store holds (see :mod:`claimgraph.graph.resolve.linker`),
    looked up in the store's catalog (:mod:`claimgraph.graph.store.catalog`) rather than read back:
    its sources join known actors, its contents join known claims (``aliases``: an optional CSV of
    ``name,alias[,same_as]``), and the story graph and its rankings are refreshed for the claims it
    touched.
    Unreadable inputs are reported through ``on_error`` (and in the report) while the rest goes on;
    a build that reads no article leaves earlier output untouched.

    ``engine="local"`` parses here, in this process or in ``workers`` worker processes;
    ``engine="dask"`` parses on a Dask cluster (``scheduler`` address, or a local cluster of
    ``workers`` processes). Workers take ``partition_size`` articles per task and send back
    records, while resolution and storing stay here (see :mod:`claimgraph.distributed`).
    All give the same store.

    ``items``: articles already read (the ingest endpoint's), instead of reading ``inputs``;
    ``nlp``: a pipeline already loaded; ``files=False``: the store only — the exports are left
    stamped as showing an older state, for :func:`claimgraph.snapshot.write_files` to bring up to date later;
    ``arrival=True``: new articles are resolved after every stored one whatever their ids (see
    :class:`~claimgraph.replay.BuildOrder`), as the ingest endpoint takes them.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    mode = ("all" if validate else "none") if isinstance(validate, bool) else validate
    if mode not in ("all", "sample", "none"):
        raise ValueError(f"unknown validation mode {validate!r}: use 'all', 'sample' or 'none'")
    out = Path(out_dir)
    report = BuildReport(out_dir=out)
    start = time.perf_counter()
    spec = model if isinstance(model, PipelineSpec) else PipelineSpec(model)

    def fail(err: IngestError) -> None:
        report.skipped.append(err)
        if on_error:
            on_error(err)

    def articles() -> Iterator[Article]:
        for item in items if items is not None else read_inputs(inputs):
            if isinstance(item, IngestError):
                fail(item)
            else:
                yield item

    # loaded before the store opens: a missing model leaves the store as it was
    nlp = nlp or (load_pipeline(spec) if engine == "local" and workers == 1 else None)
    wrote = False
    with GraphStore(out, write=True) as store:
        baseline = take_baseline(out)
        spliceable = baseline is not None and not store.recovering
        session = _Session(store, report, lexicon(spec.lang), spec.fingerprint(), aliases=aliases, arrival=arrival,
                           validator=ShapeValidator() if mode != "none" else None, validate_all=mode == "all", fail=fail)
        for article, recs in _parse(articles(), spec, nlp, engine=engine, batch_size=batch_size, workers=workers,
                                    scheduler=scheduler, partition_size=partition_size):
            if isinstance(recs, IngestError):
                fail(recs)
                continue
            session.add(article, recs)
            if on_article:
                on_article(report.articles)
        story_changed = session.finish()
        if (report.articles or story_changed or not spliceable) and files:
            store.flush()
            baseline = write_snapshot(store, out, changed=session.changed if spliceable else None, baseline=baseline)
            wrote = True
    session.catalog.seal()  # the store closed cleanly: the catalog shows its generation
    if baseline is not None and (wrote or spliceable) and files:  # files written now, or still showing the store
        seal(out, baseline)
    report.seconds = time.perf_counter() - start
    return report


def _parse(articles: Iterator[Article], spec: PipelineSpec, nlp: Language | None, *, engine: str, batch_size: int,
           workers: int, scheduler: str | None, partition_size: int) -> Iterator[tuple[Article, Parsed]]:
    """Each article with its records (or why it could not be parsed): parsed here with ``nlp``, in
    worker processes, or on a Dask cluster."""
    if nlp is not None:
        return extract(articles, nlp, batch_size=batch_size)
    if engine == "local":
        return extract_parallel(articles, model=spec, batch_size=batch_size, workers=workers, partition_size=partition_size)
    return extract_distributed(articles, model=spec, batch_size=batch_size, workers=workers, scheduler=scheduler,
                               partition_size=partition_size)


@dataclass(eq=False)
class _Session:
    """One build inside the open store: each parsed article resolved, checked and stored in turn,
    then the store's order, story and rankings brought up to date."""

    store: GraphStore
    report: BuildReport
    lex: Lexicon
    fingerprint: str
    aliases: str | os.PathLike[str] | None
    validator: ShapeValidator | None
    validate_all: bool
    fail: Callable[[IngestError], None]
    arrival: bool = False  # new articles appended whatever their ids (the ingest endpoint)
    built: int = 0
    changed: set[str] = field(default_factory=set)  # the documents whose records the build rewrote
    seen: set[str] = field(default_factory=set)  # the article graphs of this build's inputs
    ids: dict[str, str] = field(default_factory=dict)  # article graph → the id that claimed it in this build

    def __post_init__(self) -> None:
        self.catalog = Catalog(self.store)  # what the resolver looks up, kept beside the store
        self.order = BuildOrder.of(self.store)  # the store's articles were resolved in id order: still so?
        self.order.arrival = self.arrival
        self.reviews = Reviews.of(self.store.ox)  # the reviewers' corrections, applied to each article made
        self.copies = Copies(self.store.ox)  # the texts stored so far, to know a copy when one comes
        self.linker = self._fresh_linker()
        # after a writer died: its articles are whole or absent, the story is refreshed in full
        self.touched: set[str] = all_claims(self.store.ox) if self.store.recovering else set()

    def _fresh_linker(self) -> Linker:
        """A linker that knows only what the catalog holds (after a failed article: forget what
        it half-learnt)."""
        return self.catalog.linker(self.lex, aliases=self.aliases)

    def add(self, article: Article, recs: list[Attribution]) -> None:
        """Resolve ``article`` against the store, check its graph and store it (unless unchanged)."""
        iri = article_iri(article.id)
        if self._claimed_by_another(article, iri):
            return
        report = self.report
        report.articles += 1
        report.words += len(article.text.split())
        report.attributions += len(recs)
        self.seen.add(iri)
        if self.store.content_hash(iri) == content_hash(article, __version__, self.fingerprint):
            report.graphs["unchanged"] += 1
            original = copy_of(self.store.ox, iri)
            if original is None:
                _count(report, recs)
            else:
                report.attributions -= len(recs)
                report.copies.append((article.id, self.store.document_id(original) or original))
            return
        original = self.copies.original(article, iri)
        if original is not None:  # the same text under another name: stored once, this one noted as its copy
            report.attributions -= len(recs)
            self._store_copy(article, original)
            return
        review = None
        try:
            resolution = self.linker.resolve(article, recs)
            if self.reviews:  # a reviewer's corrections hold on the article, however it was read again
                resolution, applied, machine = self.reviews.correct(article, resolution)
            graph = article_graph(article, recs, version=__version__, fingerprint=self.fingerprint, resolution=resolution)
            if self.reviews:
                graph, review = marked(graph, applied, machine)
        except Exception as exc:
            if isinstance(exc, sqlite3.DatabaseError):  # the catalog is damaged: the next writer rebuilds it
                self.catalog.damaged = True
            why = f"{exc.__class__.__name__}: {one_line(str(exc))}"
            self._refuse(article, f"could not be made into a graph ({why}); not stored")
            return
        _count(report, resolution.records)
        self.built += 1
        if self.validator is not None and (self.validate_all or self.built % VALIDATE_EVERY == 1):
            check = self.validator.check(graph.iri, [*graph.quads, *graph.actor_quads])
            if not check.conforms:
                report.graphs["invalid"] += 1
                self._refuse(article, "its graph fails the SHACL shapes (not stored): " + one_line(check.report, 300))
                return
        self._put(article, graph, original=None)
        self.copies.stored(article, iri)
        if review is not None:
            write_review(self.store.ox, article.id, review)
        self.linker.claims.settle()
        self.touched |= {claim_iri(rec.claim) for rec in resolution.records if rec.claim}

    def _store_copy(self, article: Article, original: str) -> None:
        """A copy keeps its own metadata (outlet, day, address) and states no attribution: every
        count counts the text once, and the page lists the copy's outlet as "also run by"."""
        self._put(article, article_graph(article, [], version=__version__, fingerprint=self.fingerprint),
                  original=original)
        self.report.copies.append((article.id, self.store.document_id(original) or original))

    def _put(self, article: Article, graph: ArticleGraph, *, original: str | None) -> None:
        """Store an article's graph in place of its earlier version (noted as a copy of
        ``original``, or as none), in the catalog and the build's order too."""
        self.touched |= claims_in(self.store.ox, graph.iri)  # what the earlier version touched
        forget_article(self.store.ox, graph.iri)
        stored = self.store.put(graph)
        mark_copy(self.store.ox, graph.iri, original)
        self.report.graphs[stored] += 1
        self.order.resolved(article.id, replaced=stored == "replaced")
        self.catalog.record(graph.iri, [*graph.quads, *graph.actor_quads])
        self.changed.add(article.id)

    def _claimed_by_another(self, article: Article, iri: str) -> bool:
        """"Report A" and "report-a" would be one article: refuse the second, lose neither."""
        other = self.ids.get(iri) or self.store.document_id(iri)
        if other is not None and other != article.id:
            self.fail(IngestError(article.path or article.id, f"its id {article.id!r} and the id {other!r} of an article "
                                  "already stored or read name the same article (ids are compared without case, spacing "
                                  "or Unicode form); not stored: give it another id"))
            return True
        self.ids[iri] = article.id
        return False

    def _refuse(self, article: Article, why: str) -> None:
        self.fail(IngestError(article.path or article.id, why))
        self.linker = self._fresh_linker()

    def finish(self) -> bool:
        """The store's id order kept (else re-resolved), then the story and rankings of the claims
        touched and the denials the story reads; whether the story changed."""
        report = self.report
        if not self.order.kept:  # resolve everything again in id order: the graph does not depend on the batching
            replayed = replay(self.store, self.catalog, self.lex, version=__version__, aliases=self.aliases,
                              reviews=self.reviews)
            self.touched |= replayed.claims
            self.changed |= replayed.docs
            report.replayed = len(replayed.docs)
            for err in replayed.failed:
                self.fail(err)
        story_changed = bool(self.touched or self.linker.actors.same_as or self.catalog.rebuilt)
        if story_changed:
            self.changed |= refresh_story(self.store, self.catalog, self.touched, lex=self.lex,
                                           same_as=self.linker.actors.same_as)
        report.orphaned = self.reviews.orphaned
        denials = settled_denials(self.store.ox, self.seen)  # negated assertions the story reads as denials
        report.stances[Stance.ASSERTS] -= denials
        report.stances[Stance.DENIES] += denials
        return story_changed


def remove(out_dir: str | os.PathLike[str], docs: Iterable[str], *, model: str | PipelineSpec | None = None,
           aliases: str | os.PathLike[str] | None = None) -> list[str]:
    """Remove articles (by document id) from the store in ``out_dir``, refresh the story graph for
    the claims they touched and rewrite the three files; returns the ids that were not there. An
    article may also be named by the path it was built from. What stays is resolved again with the
    lexicon of ``model``'s language and the ``aliases`` CSV, as :func:`build` resolves it."""
    out = Path(out_dir)
    lex = lexicon((model if isinstance(model, PipelineSpec) else PipelineSpec(model)).lang)
    if not (out / "store").is_dir():
        raise StoreMissing(f"{out / 'store'}: no claimgraph store here")
    with GraphStore(out, write=True) as store:  # a failure leaves the store marked for recovery
        # An article is named by its id, or by the path it was built from ("corpus/seeds/x.txt").
        known = {doc for doc, _ in store.articles()}
        gone = [d if d in known or Path(d).name not in known else Path(d).name for d in docs]
        baseline = take_baseline(out)
        spliceable = baseline is not None and not store.recovering
        touched: set[str] = all_claims(store.ox) if store.recovering else set()
        for d in gone:
            touched |= claims_in(store.ox, article_iri(d))
            forget_article(store.ox, article_iri(d))
        missing = [d for d in gone if not store.remove(article_iri(d))]
        catalog = Catalog(store)
        for d in gone:
            catalog.forget(article_iri(d))
        redone: set[str] = set()
        same_as: dict[str, str] = {}
        if len(missing) < len(gone) and next(store.articles(), None) is not None:
            # what stays was resolved knowing the removed articles (an actor's roles, a surname's
            # full name): resolve it again, as if they had never been built
            replayed = replay(store, catalog, lex, version=__version__, aliases=aliases)
            touched |= replayed.claims
            redone, same_as = replayed.docs, replayed.same_as
        redone |= refresh_story(store, catalog, touched, lex=lex, same_as=same_as, prune=True)
        baseline = write_snapshot(store, out, changed=set(gone) | redone if spliceable else None, baseline=baseline)
    catalog.seal()
    seal(out, baseline)
    return missing


def _count(report: BuildReport, recs: Iterable[Attribution]) -> None:
    for rec in recs:
        report.sources[rec.source.name] += 1
        report.stances[rec.stance] += 1
        report.types[rec.type] += 1
