"""The ontology is the source of truth: documented, parseable, and mirrored by a closed vocabulary."""
from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from claimgraph.ontology import CG, NAMESPACE, ONTOLOGY_FILE, SHAPES_FILE, generate


def test_generated_vocabulary_is_up_to_date():
    assert (ONTOLOGY_FILE.parent / "_cg.py").read_text(encoding="utf-8") == generate.render()


def test_misspelt_term_fails():
    assert str(CG.asserts) == NAMESPACE + "asserts"
    with pytest.raises(AttributeError):
        CG.assertz  # noqa: B018


def test_every_term_has_a_label():
    g = rdflib.Graph().parse(ONTOLOGY_FILE)
    terms = {s for s in g.subjects() if str(s).startswith(NAMESPACE) and str(s) != NAMESPACE}
    unlabelled = [t for t in terms if (t, RDFS.label, None) not in g]
    assert not unlabelled


def test_alignment_with_prov_schema_nif():
    g = rdflib.Graph().parse(ONTOLOGY_FILE)
    assert (CG.Attribution, RDFS.subClassOf, rdflib.URIRef("http://www.w3.org/ns/prov#Attribution")) in g
    assert (CG.Claim, RDFS.subClassOf, rdflib.URIRef("https://schema.org/Claim")) in g
    assert (CG.Article, RDFS.subClassOf, rdflib.URIRef("https://schema.org/NewsArticle")) in g
    assert (rdflib.URIRef(NAMESPACE), RDF.type, OWL.Ontology) in g


def test_shapes_parse():
    assert len(rdflib.Graph().parse(SHAPES_FILE)) > 20
