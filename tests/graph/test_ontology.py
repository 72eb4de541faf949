"""The ontology is the source of truth: documented, parseable, and mirrored by a closed vocabulary."""
from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from claimgraph.ontology import CG, NAMESPACE, ONTOLOGY_FILE, QUERIES_DIR, SHAPES_FILE, generate
from claimgraph.ontology.vocab import (
    NEGATIVE_STANCES,
    POSITIVE_STANCES,
    SOURCE_KIND_TERM,
    STANCE_TERM,
    Mode,
    SourceKind,
    Stance,
)


def test_generated_vocabulary_is_up_to_date():
    assert (ONTOLOGY_FILE.parent / "_cg.py").read_text(encoding="utf-8") == generate.render()
    assert (ONTOLOGY_FILE.parent / "vocab.py").read_text(encoding="utf-8") == generate.render_vocab()


def test_the_named_queries_stance_tables_are_generated_from_the_ontology():
    tables = generate.query_tables()
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        assert text == generate.render_query(text, tables), f"{path.name}: run python -m claimgraph.ontology.generate"
    assert '(cg:Assertion "asserts")' in tables["stance codes"] and "cg:Denial" not in tables["positive stance codes"]


def test_the_enums_are_the_ontologys_terms():
    g = rdflib.Graph().parse(ONTOLOGY_FILE)
    for stance, iri in STANCE_TERM.items():
        assert (rdflib.URIRef(iri), CG.code, rdflib.Literal(stance.value)) in g
        assert (rdflib.URIRef(iri), RDF.type, CG.Stance) in g
    assert Stance.DENIES in NEGATIVE_STANCES and {Stance.ASSERTS, Stance.WARNS} <= POSITIVE_STANCES
    assert [m.value for m in Mode] == ["statement", "belief", "intention", "evidence", "evaluation"]
    assert SOURCE_KIND_TERM[SourceKind.ANONYMOUS] == NAMESPACE + "AnonymousGroup"


def test_every_stance_and_actor_kind_has_a_colour():
    from claimgraph.graph.view.palette import EDGES, NODES

    assert set(Stance) <= set(EDGES) and set(SourceKind) <= set(NODES)


def test_a_lexicon_cannot_name_a_stance_the_ontology_lacks():
    from importlib import resources

    from claimgraph.extractors.lexicon import LexiconError, load

    text = (resources.files("claimgraph.extractors.lexicon") / "en.toml").read_bytes()
    with pytest.raises(LexiconError, match=r"reporting_verbs: assertz is no Stance"):
        load(text.replace(b'[reporting_verbs]\n"asserts"', b'[reporting_verbs]\n"assertz"'), "xx")


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


def test_minting_a_term_the_ontology_lacks_fails_loudly():
    from claimgraph.graph.iris import cg

    assert cg("stance").value == NAMESPACE + "stance"
    with pytest.raises(KeyError, match=r"cg:stanse is not in ontology/claimgraph\.ttl"):
        cg("stanse")
