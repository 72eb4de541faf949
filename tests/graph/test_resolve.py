"""Across articles: one node per person however they are written, one claim however it is worded,
contested claims, and quotes that changed on the way from one outlet to another."""
from __future__ import annotations

import json
import shutil

import pytest

import claimgraph
from claimgraph.extractors.lexicon import EN
from claimgraph.graph import ActorIndex, ClaimClusters, GraphStore, named_queries
from claimgraph.graph.resolve.actors import VARIANT_CONFIDENCE, Match, leaders, role_facts
from claimgraph.graph.resolve.claims import is_deictic, mention_terms

from .test_sparql import rows


# -- actors ---------------------------------------------------------------------------------------
def test_two_people_sharing_a_surname_stay_apart():
    index = ActorIndex()
    index.resolve("Jake Sullivan", "person")
    john = index.resolve("John Sullivan", "person")
    assert (john.name, john.rule) == ("John Sullivan", "new")
    bare = index.resolve("Sullivan", "person")  # two Sullivans known: no evidence for either
    assert (bare.name, bare.rule) == ("Sullivan", "new")


def test_a_bare_surname_joins_the_only_person_with_it_with_lower_confidence():
    index = ActorIndex()
    index.resolve("Liu Pengyu", "person")
    m = index.resolve("Liu", "person")
    assert (m.name, m.rule) == ("Liu Pengyu", "surname") and m.confidence < 1


def test_a_spelling_variant_merges():
    index = ActorIndex()
    index.resolve("Xi Jinping", "person")
    m = index.resolve("Xi Jingping", "person")
    assert (m.name, m.rule) == ("Xi Jinping", "spelling") and 0.8 <= m.confidence < 1


def test_a_middle_initial_or_a_title_is_the_same_person():
    index = ActorIndex()
    index.resolve("Mary K. Olsen", "person")
    m = index.resolve("Mary Olsen", "person")
    assert (m.name, m.rule) == ("Mary K. Olsen", "initial") and m.confidence < 1
    index.resolve("Tom Reyes", "person")
    t = index.resolve("Governor Tom Reyes", "person")
    assert (t.name, t.rule) == ("Tom Reyes", "title")


def test_a_middle_initial_does_not_merge_two_first_names():
    index = ActorIndex()
    index.resolve("Mary K. Olsen", "person")
    assert index.resolve("Maria Olsen", "person").rule == "new"


@pytest.mark.parametrize(("first", "second"), [("Nuclear Regulatory Commission", "NRC"),
                                               ("NRC", "Nuclear Regulatory Commission")])
def test_an_acronym_and_its_expansion_are_one_organization(first, second):
    index = ActorIndex()
    index.resolve(first, "organization")
    m = index.resolve(second, "organization")
    assert (m.name, m.rule) == (first, "acronym") and m.confidence < 1


def test_an_acronym_that_fits_two_organizations_stays_apart():
    index = ActorIndex()
    index.resolve("National Rifle Association", "organization")
    index.resolve("National Research Agency", "organization")
    assert index.resolve("NRA", "organization").rule == "new"


def test_different_short_first_names_do_not_merge():
    index = ActorIndex()
    index.resolve("Jon Smith", "person")
    assert index.resolve("Jan Smith", "person").rule == "new"


def test_an_anonymous_group_never_merges_into_a_person():
    index = ActorIndex()
    index.resolve("Officials Johnson", "person")
    index.resolve("US Officials", "person")
    m = index.resolve("US officials", "anonymous")
    assert (m.name, m.rule) == ("US officials", "new")
    assert index.resolve("officials", "anonymous").rule == "new"


def test_an_alias_table_merges_names_and_links_out(tmp_path):
    table = tmp_path / "aliases.csv"
    table.write_text("name,alias,same_as\nVolodymyr Zelensky,Wolodymyr Selenskyj,http://www.wikidata.org/entity/Q3881739\n")
    index = ActorIndex()
    index.load_aliases(table)
    m = index.resolve("Wolodymyr Selenskyj", "person")
    assert (m.name, m.rule) == ("Volodymyr Zelensky", "alias")
    assert index.same_as["Volodymyr Zelensky"].endswith("Q3881739")


def test_roles_and_affiliations_come_from_titles_and_appositions():
    text = ("French President Emmanuel Macron met reporters. Anna Berg, a spokeswoman for the Swedish "
            "foreign ministry, said the talks went well.")
    facts = {(f.name, f.role, f.affiliation) for f in role_facts(text, {"Anna Berg"}, EN)}
    assert ("Emmanuel Macron", "president", "France") in facts
    assert ("Anna Berg", "spokeswoman", "Swedish foreign ministry") in facts
    assert leaders(role_facts(text, set(), EN), EN) == {"Emmanuel Macron": "France"}


def test_roles_with_an_organisation_before_the_name_are_split_off():
    text = ("EPA Administrator Jane Roe said the rule would stand. A Herald spokeswoman, Ann Lee, said "
            "the paper stood by its story.")
    facts = {(f.name, f.role, f.affiliation) for f in role_facts(text, {"Jane Roe", "Ann Lee"}, EN)}
    assert {("Jane Roe", "administrator", "EPA"), ("Ann Lee", "spokeswoman", "Herald")} <= facts


# -- claims ---------------------------------------------------------------------------------------
def _clusters(*sentences: str, leaders_: dict[str, str] | None = None) -> list[str]:
    cc = ClaimClusters()
    return [cc.assign(mention_terms(s, s, EN, leaders_), str(n), deictic=is_deictic(s, EN))[0]
            for n, s in enumerate(sentences)]


def test_one_proposition_in_different_words_is_one_claim():
    a, b, c = _clusters("Tehran asked Moscow for drones and artillery shells",
                        "Iran had requested drones from Russia",
                        "The health ministry is deeply concerned about the outbreak")
    assert a == b != c


def test_metonyms_and_leaders_stand_for_their_country():
    a, b = _clusters("President Lula has asked Washington for financial aid",
                     "Brazil requested financial assistance from the United States",
                     leaders_={"Lula": "Brazil"})
    assert a == b


def test_asking_for_aid_is_not_offering_it():
    a, b = _clusters("Russia has asked China for military aid", "China has offered military aid to Russia")
    assert a != b


def test_a_denial_that_points_back_joins_what_it_denies():
    cc = ClaimClusters()
    stated = "the mining company bribed officials to win the licence"
    first, _ = cc.assign(mention_terms(stated, stated, EN), "1")
    sentence = "Asked about reports that the mining company bribed officials, the chief executive dismissed the reports."
    second, _ = cc.assign(mention_terms("the reports", sentence, EN), "2", deictic=is_deictic("the reports", EN))
    assert first == second


# -- the story graph on the seeds -----------------------------------------------------------------
def test_the_request_for_aid_is_one_contested_claim(seeds_out):
    found = [r for r in rows(seeds_out, "contested-claims")
             if {"Liu Pengyu", "Zhao Lijian", "Dmitry Peskov"} <= set(r["deniedBy"].split("; "))]
    assert len(found) == 1
    assert {"US officials", "Financial Times"} <= set(found[0]["assertedBy"].split("; "))
    assert int(found[0]["mentions"]) >= 10


def test_who_contradicts_whom(seeds_out):
    pairs = {(r["asserter"], r["denier"]) for r in rows(seeds_out, "contradictions")}
    assert ("US officials", "Liu Pengyu") in pairs and ("Financial Times", "Dmitry Peskov") in pairs


def test_sullivans_quote_flips_polarity_between_outlets(seeds_out):
    flips = [r for r in rows(seeds_out, "quote-variants") if r["polarityFlip"] == "true"]
    assert any(r["speaker"] == "Jake Sullivan" and "absolutely be consequences" in r["quote1"] + r["quote2"]
               and "no repercussions" in r["quote1"] + r["quote2"] for r in flips)


def test_claim_stances_gather_every_wording(seeds_out):
    found = rows(seeds_out, "claim-stances", text="never heard")
    stances = {(r["source"], r["stance"]) for r in found}
    assert ("Liu Pengyu", "denies") in stances and ("US officials", "asserts") in stances
    assert len({r["content"] for r in found}) >= 8  # many wordings, one claim


NEW_ARTICLE = """Kremlin rejects report on Chinese weapons

Russia has asked China for weapons and financial aid, Reuters reported on Tuesday, citing two US officials.
Kremlin spokesman Dmitry Peskov said the report was "false" and that Moscow had never sought military help from Beijing.
"""


def test_a_sixth_article_joins_existing_claims_without_rebuilding(seeds_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seeds_out, out)
    with GraphStore(out) as store:
        before = {q.graph_name.value for q in store.ox.quads_for_pattern(None, None, None, None)}
        contested_before = rows(out, "contested-claims")
    request = next(r["claim"] for r in contested_before if "Zhao Lijian" in r["deniedBy"])
    new = tmp_path / "reuters.txt"
    new.write_text(NEW_ARTICLE)
    report = claimgraph.build([new], out)
    assert report.graphs == {"added": 1}  # nothing else rebuilt
    joined = list(rows(out, "claim-stances", text="weapons and financial aid"))
    assert joined and all(r["claimLabel"] == next(c["label"] for c in contested_before if c["claim"] == request)
                          for r in joined)
    with GraphStore(out) as store:
        after = {q.graph_name.value for q in store.ox.quads_for_pattern(None, None, None, None)}
    assert after - before == {claimgraph.graph.iris.article_iri("reuters.txt")}


def test_removing_an_article_updates_contested_claims(seeds_out, tmp_path):
    from click.testing import CliRunner

    from claimgraph.cli import main
    out = tmp_path / "out"
    shutil.copytree(seeds_out, out)
    result = CliRunner().invoke(main, ["remove", "--store", str(out), "004_835e8c8de76d6bf3.txt"])
    assert result.exit_code == 0, result.output
    deniers = {d for r in rows(out, "contested-claims") for d in r["deniedBy"].split("; ")}
    assert "Zhao Lijian" not in deniers and "Dmitry Peskov" not in deniers


@pytest.mark.parametrize("name", ["contested-claims", "contradictions", "quote-variants", "claim-stances"])
def test_story_queries_are_in_the_library(name):
    assert name in named_queries()


def test_a_middle_name_written_by_one_outlet_is_the_same_person():
    index = ActorIndex()
    first = index.resolve("Hillary Clinton", "person")
    assert index.resolve("Hillary Rodham Clinton", "person") == Match(first.name, VARIANT_CONFIDENCE, "middle name")
    assert index.resolve("Donald Trump Jr.", "person").rule == "new"  # a son is not his father


def test_three_outlets_wording_of_one_allegation_are_one_claim(tmp_path):
    texts = ["Union leader Omar Haddad said the company hid two safety reports from state inspectors.\n",
             "The company concealed a pair of safety reports from state inspectors, union chief Omar Haddad said on Monday.\n",
             "Omar Haddad, who leads the union, accused the company of hiding two safety reports from inspectors.\n"]
    paths = []
    for n, text in enumerate(texts):
        path = tmp_path / f"outlet{n}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    out = tmp_path / "out"
    claimgraph.build(paths, out)
    lines = (out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len({json.loads(line)["claim"] for line in lines}) == 1
