"""SHACL validation of article graphs with pyshacl, one article graph at a time (pyshacl costs
~10 s per 100k triples, so the whole store is never validated in one go)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from claimgraph.ontology import ONTOLOGY_FILE, SHAPES_FILE
from pyshacl import validate as shacl_validate


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

    def check(self, graph_iri: str, quads: Iterable[ox.Quad]) -> Validation:
        data = rdflib.Graph()
        data.parse(data=ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES), format="nt")
        conforms, _, text = shacl_validate(data, shacl_graph=self.shapes, ont_graph=self.ontology,
                                           inference="none", advanced=False)
        return Validation(graph_iri, bool(conforms), "" if conforms else str(text))

    def check_store(self, store: ox.Store) -> Iterable[Validation]:
        """Validate every article graph of a store, one at a time (the story graph is derived from
        them and holds no article: its claims' wordings live in the article graphs)."""
        for g in store.named_graphs():
            if g.value.endswith("/graph/story"):
                continue
            yield self.check(g.value, store.quads_for_pattern(None, None, None, g))
