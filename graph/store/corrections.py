"""The reviewers' corrections in the store, apart from the machine's reading.

Two kinds of named graph:

* ``graph/corrections``: each correction as a PROV-O entity — who made it
  (``prov:wasAttributedTo`` a ``prov:Agent``), when (``prov:generatedAtTime``), why
  (``rdfs:comment``), what it does (``cg:correctionAction`` and ``cg:sets…``) and the whole
  decision as JSON (``cg:correctionJson``, what a rebuild reads back). Written once, never changed.
* ``graph/review/<article>``: how the corrections hold on that article now — the attribution each
  one holds on (``cg:appliedTo``, ``cg:rejects``), the machine's version of every record they
  changed (``cg:extractedSource``, ``cg:extractedStance``, ``cg:extractedClaim`` and the whole
  record in ``cg:machineRecord``), and those whose target is gone (``cg:status "orphaned"``).
  Rewritten with the article.

The article graph itself holds the corrected view, each corrected attribution marked
``cg:correctedBy`` its corrections: the named queries, the story and the exports read it as they
read any article, and a query can still ask what the extractor said.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from claimgraph.extractors import Attribution
from claimgraph.graph.iris import (
    actor_iri,
    article_iri,
    attribution_iri,
    cg,
    claim_iri,
    correction_iri,
    corrections_graph,
    review_graph,
    slug,
    term_value,
)
from claimgraph.graph.resolve.corrections import Applied, Correction
from claimgraph.graph.resolve.linker import Resolution
from claimgraph.ontology import DEFAULT_BASE, PREFIXES, PROV, XSD
from claimgraph.ontology.vocab import STANCE_TERM

RDFS = PREFIXES["rdfs"]
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_JSON = cg("correctionJson")
_MACHINE = cg("machineRecord")


@dataclass(frozen=True, slots=True)
class MachineRecord:
    """A record as the machine read and resolved it, before any correction: what a rebuild of its
    article from the store starts from again."""

    record: Attribution
    mentioned: str  # the source as the article named it
    terms: frozenset[str] | None
    similarity: float | None
    match: tuple[str, float] | None  # (rule, confidence)

    def as_json(self) -> str:
        return json.dumps({"record": self.record.to_json(), "mentioned": self.mentioned,
                           "terms": sorted(self.terms) if self.terms is not None else None,
                           "similarity": self.similarity, "match": list(self.match) if self.match else None},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> MachineRecord:
        row = json.loads(text)
        return cls(Attribution.from_json(row["record"]), row["mentioned"],
                   frozenset(row["terms"]) if row["terms"] is not None else None, row["similarity"],
                   tuple(row["match"]) if row["match"] else None)

    @classmethod
    def of(cls, rec: Attribution, resolution: Resolution) -> MachineRecord:
        match = resolution.matches.get(rec.id)
        return cls(rec, resolution.mentioned.get(rec.id, rec.source.name), resolution.terms.get(rec.id),
                   resolution.similarity.get(rec.id),
                   (str(match.rule), float(match.confidence)) if match is not None else None)


def correction_quads(corrections: Iterable[Correction], base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """The corrections as PROV-O entities in the corrections graph."""
    g = ox.NamedNode(corrections_graph(base))
    out: list[ox.Quad] = []
    for c in corrections:
        node = ox.NamedNode(correction_iri(c.id, base))

        def add(p: ox.NamedNode, o: ox.NamedNode | ox.Literal, s: ox.NamedNode = node) -> None:
            out.append(ox.Quad(s, p, o, g))

        add(_RDF_TYPE, cg("Correction"))
        add(_RDF_TYPE, ox.NamedNode(PROV + "Entity"))
        add(cg("correctionAction"), ox.Literal(c.action))
        add(_JSON, ox.Literal(json.dumps(c.as_json(), ensure_ascii=False, sort_keys=True)))
        if c.at:
            add(ox.NamedNode(PROV + "generatedAtTime"), ox.Literal(c.at, datatype=ox.NamedNode(XSD + "dateTime")))
        if c.by:
            agent = ox.NamedNode(f"{base}reviewer/{slug(c.by)}")
            add(ox.NamedNode(PROV + "wasAttributedTo"), agent)
            add(_RDF_TYPE, ox.NamedNode(PROV + "Agent"), agent)
            add(ox.NamedNode(RDFS + "label"), ox.Literal(c.by), agent)
        if c.note:
            add(ox.NamedNode(RDFS + "comment"), ox.Literal(c.note))
        if c.anchor is not None:
            add(cg("targetsArticle"), ox.NamedNode(article_iri(c.anchor.doc, base)))
            add(cg("targetContent"), ox.Literal(c.anchor.content))
        if c.source is not None:
            add(cg("setsSource"), ox.NamedNode(actor_iri(c.source, c.source_kind or "person", base)))
        if c.stance is not None:
            add(cg("setsStance"), ox.NamedNode(STANCE_TERM[c.stance]))
        if c.claim is not None:
            add(cg("splitsClaim" if c.action == "split_claim" else "setsClaim"), ox.NamedNode(claim_iri(c.claim, base)))
        for name in c.names:
            add(cg("mergesActorNamed"), ox.Literal(name))
    return out


def read_corrections(store: ox.Store, base: str = DEFAULT_BASE) -> list[Correction]:
    """Every stored correction, in the order they were made."""
    g = ox.NamedNode(corrections_graph(base))
    found = [Correction.from_json(json.loads(term_value(q.object))) for q in store.quads_for_pattern(None, _JSON, None, g)]
    return sorted(found, key=lambda c: (c.at, c.id))


def review_quads(doc: str, applied: Applied, machine: dict[str, MachineRecord],
                 base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """How the corrections hold on article ``doc`` now (its review graph)."""
    g = ox.NamedNode(review_graph(doc, base))
    out: list[ox.Quad] = []
    for cid, rid in applied.targets.items():
        predicate = cg("rejects") if rid in applied.rejected else cg("appliedTo")
        out.append(ox.Quad(ox.NamedNode(correction_iri(cid, base)), predicate,
                           ox.NamedNode(attribution_iri(doc, rid, base)), g))
    for rid, m in machine.items():
        node = ox.NamedNode(attribution_iri(doc, rid, base))
        rec = m.record
        out.append(ox.Quad(node, _MACHINE, ox.Literal(m.as_json()), g))
        out.append(ox.Quad(node, cg("extractedSource"), ox.NamedNode(actor_iri(rec.source.name, rec.source.kind, base)), g))
        out.append(ox.Quad(node, cg("extractedStance"), ox.NamedNode(STANCE_TERM[rec.stance]), g))
        if rec.claim:
            out.append(ox.Quad(node, cg("extractedClaim"), ox.NamedNode(claim_iri(rec.claim, base)), g))
    for c in applied.missing:
        node = ox.NamedNode(correction_iri(c.id, base))
        out.append(ox.Quad(node, cg("status"), ox.Literal("orphaned"), g))
        out.append(ox.Quad(node, cg("missingIn"), ox.NamedNode(article_iri(doc, base)), g))
    return out


def corrected_quads(doc: str, graph: str, applied: Applied, base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """``cg:correctedBy`` on each corrected attribution still in the article (its own graph)."""
    g = ox.NamedNode(graph)
    kept = {r.id for r in applied.records}
    return [ox.Quad(ox.NamedNode(attribution_iri(doc, rid, base)), cg("correctedBy"),
                    ox.NamedNode(correction_iri(cid, base)), g)
            for rid, cids in applied.by_record.items() if rid in kept for cid in cids]


def machine_records(store: ox.Store, doc: str, base: str = DEFAULT_BASE) -> dict[str, MachineRecord]:
    """The machine's version of each record of ``doc`` that a correction changed or rejected."""
    g = ox.NamedNode(review_graph(doc, base))
    out = {}
    for q in store.quads_for_pattern(None, _MACHINE, None, g):
        m = MachineRecord.from_json(term_value(q.object))
        out[m.record.id] = m
    return out
