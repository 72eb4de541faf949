"""Review and correct: a reviewer's corrections taken into a built store, and kept through rebuilds.

``claimgraph correct --store OUT FILE`` reads JSON Lines (one correction per line; the format is in
:mod:`claimgraph.graph.resolve.corrections`), checks every line against the store and refuses the
whole file when one line cannot be taken. Then, in **one transaction**, it stores the corrections
(the corrections graph) and replaces each article they touch with its corrected view — made again
from the records the store holds (the machine's version of those a correction changed is kept in
the article's review graph), without parsing or resolving anything again. A ``kill -9`` leaves the
store as it was before or as it is after. The story, rankings, catalog and the three files follow,
as after a build (a writer killed there leaves the store marked, and the next one refreshes them).

A build applies the stored corrections to every article it extracts (:class:`Reviews`), matched by
what they target in the text, so new rules, new weights or an edited article keep them; one whose
target is gone is reported at the end of the build and kept, marked orphaned, for review.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from claimgraph import __version__
from claimgraph.extractors import Article, Attribution
from claimgraph.graph.iris import actors_graph, cg, claim_iri, review_graph, term_value
from claimgraph.graph.resolve.actors import Match
from claimgraph.graph.resolve.corrections import Applied, Correction, Known, apply, parse
from claimgraph.graph.resolve.linker import Resolution
from claimgraph.graph.resolve.story import claims_in, forget_article
from claimgraph.graph.store.corrections import (
    MachineRecord,
    corrected_quads,
    correction_quads,
    machine_records,
    read_corrections,
    review_quads,
)
from claimgraph.graph.store.database import GraphStore, StoreMissing
from claimgraph.graph.store.rdf import ArticleGraph, article_graph
from claimgraph.graph.store.readback import read_article, read_records, read_resolution
from claimgraph.ontology.vocab import SOURCE_KIND_TERM


@dataclass(slots=True)
class Reviews:
    """The store's corrections, as a build applies them to each article it makes."""

    corrections: list[Correction]
    missing: dict[tuple[str, str], Correction] = field(default_factory=dict)  # (correction, article) whose target is gone

    @classmethod
    def of(cls, store: ox.Store) -> Reviews:
        return cls(read_corrections(store))

    def __bool__(self) -> bool:
        return bool(self.corrections)

    @property
    def orphaned(self) -> list[tuple[Correction, str]]:
        """The corrections whose target is gone, with the article, each once."""
        return [(c, doc) for (_, doc), c in sorted(self.missing.items())]

    def correct(self, article: Article, resolution: Resolution) -> tuple[Resolution, Applied, dict[str, MachineRecord]]:
        """The article's resolution with its corrections applied; what applied, and the machine's
        version of each record they changed."""
        applied = apply(resolution.records, self.corrections)
        machine = {rid: MachineRecord.of(rec, resolution) for rid, rec in applied.machine.items()}
        for c in applied.missing:
            self.missing[(c.id, article.id)] = c
        return replace(resolution, records=applied.records), applied, machine


def marked(graph: ArticleGraph, applied: Applied, machine: dict[str, MachineRecord]) -> tuple[ArticleGraph, list[ox.Quad]]:
    """The article graph with its corrected attributions marked ``cg:correctedBy``, and its review
    graph (how the corrections hold on it)."""
    marks = corrected_quads(graph.doc, graph.iri, applied)
    return replace(graph, quads=[*graph.quads, *marks]), review_quads(graph.doc, applied, machine)


def restore(records: list[Attribution], kept: dict[str, MachineRecord]) -> list[Attribution]:
    """An article's records as the extractor gave them (the source as the article named it, no
    claim), with the machine's version of each record a correction changed or rejected put back:
    what a replay resolves again."""
    by_id = {r.id: r for r in records}
    for rid, m in kept.items():
        by_id[rid] = replace(m.record, source=replace(m.record.source, name=m.mentioned), claim=None, extra={})
    return sorted(by_id.values(), key=_order)


def write_review(store: ox.Store, doc: str, quads: list[ox.Quad]) -> None:
    """Replace article ``doc``'s review graph (how the corrections hold on it now)."""
    g = ox.NamedNode(review_graph(doc))
    store.remove_graph(g)
    if quads:
        store.extend(quads)


@dataclass(slots=True)
class CorrectReport:
    """What ``claimgraph correct`` did."""

    added: int = 0  # new corrections (one already stored is not added twice)
    articles: list[str] = field(default_factory=list)  # the articles made again
    orphaned: list[tuple[Correction, str]] = field(default_factory=list)


def known(store: ox.Store) -> Known:
    """What corrections are checked against: the store's records, actors and claims."""
    records = {r.id: r for r in read_records(store)}
    kinds = {iri: kind for kind, iri in SOURCE_KIND_TERM.items()}
    actors: dict[str, object] = {}
    for q in store.quads_for_pattern(None, cg("name"), None, ox.NamedNode(actors_graph())):
        for t in store.quads_for_pattern(q.subject, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                         None, ox.NamedNode(actors_graph())):
            if term_value(t.object) in kinds:
                actors.setdefault(term_value(q.object), kinds[term_value(t.object)])
    claims = {r.claim for r in records.values() if r.claim}
    return Known(records=records, actors=actors, claims=claims,  # type: ignore[arg-type]
                 taken={c.id: c for c in read_corrections(store)})


def remake(store: ox.Store, doc: str, graph: str, corrections: list[Correction]
           ) -> tuple[ArticleGraph, Applied, dict[str, MachineRecord]]:
    """Article ``doc`` made again from the store with ``corrections``: its records as resolved
    (the machine's version of those a correction changed or rejected put back), the corrections
    applied, the resolution the graph states kept."""
    article, digest = read_article(store, graph)
    kept = machine_records(store, doc)
    matches, mentioned, terms, similarity, roles = read_resolution(store, graph)
    records = {r.id: r for r in read_records(store, docs={doc}, settled=False)}
    for rid, m in kept.items():  # the machine's reading back, before any correction
        records[rid] = replace(m.record, extra={})
        mentioned[rid] = m.mentioned
        if m.match is not None:
            matches[rid] = Match(m.record.source.name, m.match[1], m.match[0])  # type: ignore[arg-type]
        else:
            matches.pop(rid, None)
        for table, value in ((terms, m.terms), (similarity, m.similarity)):
            if value is not None:
                table[rid] = value  # type: ignore[assignment]
            else:
                table.pop(rid, None)
    ordered = sorted(records.values(), key=_order)
    plain = [replace(r, extra={k: v for k, v in r.extra.items() if k != "corrected_by"}) for r in ordered]
    resolution = Resolution(records=plain, matches={k: v for k, v in matches.items() if k in records}, mentioned=mentioned,
                            terms=terms, similarity=similarity, roles=roles, leaders_in_article={})
    reviews = Reviews(corrections)
    fixed, applied, machine = reviews.correct(article, resolution)
    for rid, m in kept.items():  # the machine's version stays the one first kept
        if rid in machine:
            machine[rid] = m
    made = article_graph(article, fixed.records, version=__version__, resolution=fixed, digest=digest)
    return made, applied, machine


def _order(rec: Attribution) -> tuple[int, str]:
    _, _, n = rec.id.rpartition("-")
    return int(n) if n.isdigit() else 0, rec.id


def correct(out_dir: str | os.PathLike[str], lines: Iterable[str], *, where: str = "corrections") -> CorrectReport:
    """Take the corrections in ``lines`` into the store in ``out_dir`` (see the module's text);
    raises :class:`~claimgraph.graph.resolve.corrections.CorrectionError` (nothing changed) when a
    line cannot be taken."""
    from claimgraph.extractors.lexicon import lexicon
    from claimgraph.graph.store.catalog import Catalog
    from claimgraph.refresh import refresh_story
    from claimgraph.snapshot import seal, take_baseline, write_snapshot

    out = Path(out_dir)
    if not (out / "store").is_dir():
        raise StoreMissing(f"{out / 'store'}: no claimgraph store here; run `claimgraph build … --out {out}` first")
    report = CorrectReport()
    lines = list(lines)
    with GraphStore(out) as reader:  # checked read-only first: a refused file leaves even the catalog as it was
        parse(lines, known(reader.ox), where=where)
    with GraphStore(out, write=True) as store:
        new = parse(lines, known(store.ox), where=where)  # again, under the lock: what the writer sees
        stored = read_corrections(store.ox)
        have = {c.id for c in stored}
        fresh = [c for c in {c.id: c for c in new}.values() if c.id not in have]
        report.added = len(fresh)
        everything = stored + fresh
        docs = _touched(store, fresh)
        graphs = {doc: iri for doc, iri in store.articles() if doc in docs}
        made: dict[str, tuple[ArticleGraph, list[ox.Quad]]] = {}
        for doc, iri in sorted(graphs.items()):
            graph, applied, machine = remake(store.ox, doc, iri, everything)
            made[doc] = marked(graph, applied, machine)
            report.orphaned += [(c, doc) for c in applied.missing]
        baseline = take_baseline(out)
        spliceable = baseline is not None and not store.recovering
        touched: set[str] = set()
        for iri in graphs.values():
            touched |= claims_in(store.ox, iri)
        store.ox.update(_transaction(correction_quads(fresh), made))  # before or after, never between
        catalog = Catalog(store)
        for graph, _ in made.values():
            forget_article(store.ox, graph.iri)
            catalog.record(graph.iri, [*graph.quads, *graph.actor_quads])
            touched |= {claim_iri(c) for c in claims_of(graph)}
        report.articles = sorted(made)
        refresh_story(store, catalog, touched, lex=lexicon("en"))
        store.flush()
        baseline = write_snapshot(store, out, changed=set(made) if spliceable else None, baseline=baseline)
    catalog.seal()
    seal(out, baseline)
    return report


def training_rows(out_dir: str | os.PathLike[str]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The reviewed articles of a store as training examples, in the shared gold format: each
    article a reviewer corrected (its text as read, and its records as corrected: a rejected one
    is gone, so its cue teaches the cue tagger what is not a cue), for ``claimgraph train
    --corrections``."""
    with GraphStore(out_dir) as store:
        reviewed = {doc for doc, _ in store.articles()
                    if any(True for _ in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(review_graph(doc))))}
        for doc, iri in sorted(store.articles()):
            if doc not in reviewed:
                continue
            article, _ = read_article(store.ox, iri)
            rows: list[dict[str, Any]] = [
                {"id": r.id, "doc": doc, "cue_pieces": [[r.cue_start, r.cue_end]] if r.cue_end > r.cue_start else [],
                 "source_pieces": [[r.source.start, r.source.end]] if r.source.start >= 0 else [],
                 "content_pieces": [list(p) for p in (r.content_pieces or ((r.content_start, r.content_end),))]}
                for r in read_records(store.ox, docs={doc})]
            yield article.text, rows


def claims_of(graph: ArticleGraph) -> set[str]:
    """The claim keys an article graph's attributions point to."""
    return {term_value(q.object).rpartition("/")[2] for q in graph.quads if q.predicate == cg("claim")}


def _touched(store: GraphStore, fresh: list[Correction]) -> set[str]:
    """The articles new corrections change: their targets', and for a merge every article naming
    one of the actors merged."""
    docs = {d for c in fresh for d in c.docs}
    names = {n for c in fresh if c.action == "merge_actors" for n in c.names}
    if names:
        docs |= {r.doc for r in read_records(store.ox) if r.source.name in names}
    return docs


def _transaction(corrections: list[ox.Quad], made: dict[str, tuple[ArticleGraph, list[ox.Quad]]]) -> str:
    """One SPARQL update: the new corrections in, each article's graph and review graph replaced,
    new actors named. Oxigraph runs one update request as one transaction."""
    ops: list[str] = []
    inserts: list[ox.Quad] = list(corrections)
    for doc, (graph, review) in made.items():
        ops.append(f"DROP SILENT GRAPH <{graph.iri}>")
        ops.append(f"DROP SILENT GRAPH <{review_graph(doc)}>")
        inserts += [*graph.quads, *review, *graph.actor_quads]
    if inserts:
        ops.append("INSERT DATA { " + " ".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}"
                                             for q in dict.fromkeys(inserts)) + " }")
    return " ;\n".join(ops) if ops else "INSERT DATA { }"


__all__ = ["CorrectReport", "Reviews", "correct", "known", "marked", "remake", "restore", "write_review"]
