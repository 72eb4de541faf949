"""Who denies what: a negative statement is a denial only of something someone else asserts.

The extractor keeps a negated statement's surface negation; whether it denies is decided across the
store, where claims are clustered — so a later article can turn an earlier negative statement into
a denial, and the answer is the same in either build order.
"""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from claimgraph import build, remove
from claimgraph.graph import GraphStore, ShapeValidator
from claimgraph.ontology import NAMESPACE

from .test_sparql import rows

NEGATIVE = "Mayor Ann Cole said the city did not pay the contractor for the bridge repairs.\n"
POSITIVE = "The state auditor, Tom Reyes, said the city paid the contractor for the bridge repairs last year.\n"


def feed(tmp_path, name, text):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def stances(out):
    lines = (out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()
    return {(r["source"], r["stance"], r["negated"]) for r in map(json.loads, lines)}


def test_a_negative_fact_nobody_disputes_stays_an_assertion(tmp_path):
    out = tmp_path / "out"
    build([feed(tmp_path, "a", NEGATIVE)], out)
    assert stances(out) == {("Ann Cole", "asserts", True)}
    assert rows(out, "who-denies", text="contractor") == []


@pytest.mark.parametrize("order", [("negative", "positive"), ("positive", "negative")])
def test_a_negation_of_what_another_article_asserts_is_a_denial_in_either_order(tmp_path, order):
    texts = {"negative": NEGATIVE, "positive": POSITIVE}
    out = tmp_path / "out"
    for name in order:  # one build per article: the second joins the store the first left
        build([feed(tmp_path, name, texts[name])], out)
    assert stances(out) == {("Ann Cole", "denies", True), ("Tom Reyes", "asserts", False)}
    assert {r["source"] for r in rows(out, "who-denies", text="contractor")} == {"Ann Cole"}
    contested = rows(out, "contested-claims")
    assert len(contested) == 1 and {"Ann Cole", "Tom Reyes"} <= set(json.dumps(contested[0]).split('"'))


def test_the_story_graph_records_what_the_denial_answers_and_article_graphs_stay_as_written(tmp_path):
    out = tmp_path / "out"
    build([feed(tmp_path, "a", NEGATIVE), feed(tmp_path, "b", POSITIVE)], out)
    cg = NAMESPACE
    with GraphStore(out) as store:
        [basis] = list(store.ox.quads_for_pattern(None, ox.NamedNode(cg + "denialBasis"), None, None))
        assert basis.graph_name.value.endswith("/graph/story")
        # the negative article's own graph states no stance for its negated statement: it says
        # what the article says, and is valid against the shapes
        article = next(g for d, g in GraphStore.articles(store) if d == "a.txt")
        assert not list(store.ox.quads_for_pattern(basis.subject, ox.NamedNode(cg + "stance"), None, ox.NamedNode(article)))
        assert all(r.conforms for r in ShapeValidator().check_store(store.ox))


def test_removing_the_assertion_takes_the_denial_back(tmp_path):
    out = tmp_path / "out"
    build([feed(tmp_path, "a", NEGATIVE), feed(tmp_path, "b", POSITIVE)], out)
    remove(out, ["b.txt"])
    assert stances(out) == {("Ann Cole", "asserts", True)}


def test_removing_an_article_forgets_the_actors_only_it_named(tmp_path):
    out = tmp_path / "out"
    build([feed(tmp_path, "a", NEGATIVE), feed(tmp_path, "b", POSITIVE)], out)
    remove(out, ["b.txt"])
    with GraphStore(out) as store:
        names = {q.object.value for q in store.ox.quads_for_pattern(None, ox.NamedNode(NAMESPACE + "name"), None, None)}
    assert "Ann Cole" in names and "Tom Reyes" not in names


# -- the denial of a proposition, in other words than the claim's --------------------------------
CLAIM = ("Candidate Ray Dunn insisted that as president he would have the leverage to compel Mexico "
         "to pay for the wall, which he estimates would cost $8 billion.\n")
REFUSAL = ("Vicente Fox, a former president of Mexico, spoke on Thursday.\n"
           "“I’m not going to pay for that wall,” Mr. Fox said in an interview.\n")
ECHO = "Felipe Calderón, who was president of Mexico until 2012, said Mexico will not pay for a border wall.\n"


@pytest.mark.parametrize("order", [("claim", "refusal", "echo"), ("echo", "refusal", "claim")])
def test_a_leaders_refusal_denies_the_claim_it_answers_in_either_order(tmp_path, order):
    texts = {"claim": CLAIM, "refusal": REFUSAL, "echo": ECHO}
    out = tmp_path / "out"
    for name in order:
        build([feed(tmp_path, name, texts[name])], out)
    lines = (out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()
    recs = {r["source"]: r for r in map(json.loads, lines)}
    assert recs["Vicente Fox"]["stance"] == recs["Felipe Calderón"]["stance"] == "denies"
    assert recs["Ray Dunn"]["stance"] == "asserts"
    # one claim, asserted by one side and denied by the other
    assert len({recs[name]["claim"] for name in ("Vicente Fox", "Felipe Calderón", "Ray Dunn")}) == 1
    assert {r["source"] for r in rows(out, "who-denies", text="wall")} == {"Vicente Fox", "Felipe Calderón"}


def test_a_negative_statement_about_another_matter_stays_an_assertion(tmp_path):
    other = "Vicente Fox, a former president of Mexico, said he had not met the candidate in years.\n"
    out = tmp_path / "out"
    build([feed(tmp_path, "claim", CLAIM), feed(tmp_path, "other", other)], out)
    assert ("Vicente Fox", "asserts", True) in stances(out)


# -- a denial that names what it answers ------------------------------------------------------------
ALLEGATION = ("RIVERTON, May 3, 2023 (Valley Wire) – Union leader Omar Haddad said the company had hidden two "
              "safety reports from the state inspectors.\n\n"
              "The company denied the allegation. “There is no truth to it,” its spokesman said.\n")


def test_the_allegation_denied_is_the_one_just_made(tmp_path):
    out = tmp_path / "out"
    build([feed(tmp_path, "a", ALLEGATION)], out)
    lines = (out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()
    recs = list(map(json.loads, lines))
    assert len({r["claim"] for r in recs}) == 1
    [contested] = rows(out, "contested-claims")
    assert "Omar Haddad" in contested["assertedBy"] and "company" in contested["deniedBy"]
    assert {r["source"] for r in rows(out, "who-denies", text="safety reports")} == {"company", "its spokesman"}


def test_a_former_leaders_reported_refusal_in_the_third_person_answers_the_claim(tmp_path):
    refusal = ("Vicente Fox, a former president of Mexico, said on Thursday that he would never pay for "
               "that wall.\n")
    out = tmp_path / "out"
    build([feed(tmp_path, "claim", CLAIM), feed(tmp_path, "refusal", refusal)], out)
    assert ("Vicente Fox", "denies", True) in stances(out)


def test_a_negation_of_what_another_source_says_in_the_same_article_is_a_denial(tmp_path):
    text = ("Mayor Ann Cole said the city paid the contractor for the bridge repairs in March.\n\n"
            "The contractor, Tom Ruiz, said the city did not pay him for the bridge repairs.\n")
    out = tmp_path / "out"
    build([feed(tmp_path, "same", text)], out)
    assert stances(out) == {("Ann Cole", "asserts", False), ("Tom Ruiz", "denies", True)}


# -- a dated three-article dispute, as a desk would feed it -------------------------------------------
DISPUTE = [
    {"id": "a1", "published": "2024-03-01", "outlet": "Valley Wire", "text":
     "Union says Riverton Chemical hid safety reports\n\nRIVERTON, March 1, 2024 (Valley Wire) – The head of the "
     "workers' union at Riverton Chemical, Omar Haddad, accused the company on Friday of hiding two safety "
     "inspection reports from state regulators."},
    {"id": "a2", "published": "2024-03-02", "outlet": "State Herald", "text":
     "Riverton Chemical denies hiding reports\n\nRiverton Chemical on Saturday denied the union's accusation that it "
     "had concealed safety reports from regulators.\n\n\"Every report was filed on time,\" said Lena Park, a "
     "spokeswoman for the company."},
    {"id": "a3", "published": "2024-03-04", "outlet": "Metro Daily", "text":
     "Regulators review Riverton Chemical dispute\n\nState regulators said Monday they were reviewing the union's "
     "claim that Riverton Chemical had withheld two safety reports. The company has said the claim is false."},
]


def test_a_dated_dispute_shows_the_accusation_contested_and_who_denies_it(tmp_path):
    feed_file = tmp_path / "dispute.jsonl"
    feed_file.write_text("".join(json.dumps(row) + "\n" for row in DISPUTE), encoding="utf-8")
    out = tmp_path / "out"
    build([feed_file], out)
    contested = rows(out, "contested-claims")
    assert any("Riverton Chemical" in row["deniedBy"] for row in contested)
    assert "Riverton Chemical" in {r["source"] for r in rows(out, "who-denies", text="safety reports")}
