"""SHACL validation of article graphs with pyshacl, one article graph at a time (pyshacl costs
~10 s per 100k triples, so the whole store is never validated in one go)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate

from claimgraph.ontology import NAMESPACE, ONTOLOGY_FILE, SHAPES_FILE


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome for one graph: ``conforms`` and, when not, pyshacl's report text."""

    graph: str
    conforms: bool
    report: str


class ShapeValidator:
    """Checks graphs against ``ontology/shapes.ttl``, with the ontology's class hierarchy."""

    def __init__(self) -> None:
        self.shapes = rdflib.Graph().parse(SHAPES_FILE)
        self.ontology = rdflib.Graph().parse(ONTOLOGY_FILE)
        # The vocabulary's individuals (cg:Assertion a cg:Stance, cg:Statement a cg:Mode …): the
        # shapes check stances, modes and kinds with sh:class, so no list of them lives there.
        self.vocabulary = [t for cls in ("Stance", "Mode", "QuoteKind")
                           for t in self.ontology.triples((None, rdflib.RDF.type, rdflib.URIRef(NAMESPACE + cls)))]

    def check(self, graph_iri: str, quads: Iterable[ox.Quad]) -> Validation:
        data = rdflib.Graph()
        data.parse(data=ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES), format="nt")
        for triple in self.vocabulary:
            data.add(triple)
        conforms, _, text = shacl_validate(data, shacl_graph=self.shapes, ont_graph=self.ontology,
                                           inference="none", advanced=False)
        return Validation(graph_iri, bool(conforms), "" if conforms else str(text))

    def check_store(self, store: ox.Store) -> Iterable[Validation]:
        """Validate every article graph of a store, one at a time, with what the actors graph says
        of the actors it names (the story and actors graphs are shared, derived from the articles)."""
        for g in store.named_graphs():
            if g.value.endswith(("/graph/story", "/graph/actors", "/graph/corrections", "/graph/copies")) \
                    or "/graph/review/" in g.value:
                continue  # shared or derived graphs, and the reviewers' (checked as corrections are taken)
            quads = list(store.quads_for_pattern(None, None, None, g))
            yield self.check(g.value, quads + _actor_facts(store, quads))


def _actor_facts(store: ox.Store, quads: list[ox.Quad]) -> list[ox.Quad]:
    """The actors graph's quads about the actors (and the authors, countries they point to) that
    ``quads`` name."""
    from claimgraph.graph.iris import actor_kind, actors_graph

    graph = ox.NamedNode(actors_graph())
    todo = {q.object for q in quads if isinstance(q.object, ox.NamedNode) and actor_kind(q.object.value)}
    todo |= {q.subject for q in quads if isinstance(q.subject, ox.NamedNode) and actor_kind(q.subject.value)}
    seen: set[ox.NamedNode] = set()
    out: list[ox.Quad] = []
    while todo:
        node = todo.pop()
        seen.add(node)
        for q in store.quads_for_pattern(node, None, None, graph):
            out.append(q)
            if isinstance(q.object, ox.NamedNode) and actor_kind(q.object.value) and q.object not in seen:
                todo.add(q.object)
    return out
