"""Who said it: speaker resolution inside one article."""
from __future__ import annotations

import pytest


def sources(records):
    return [(r.source.text, r.source.name, r.source.kind) for r in records]


def test_pronoun_goes_to_the_last_speaker(attributions):
    recs = attributions("Jake Sullivan said the talks were useful.\n\nHe added that more meetings were planned.")
    assert sources(recs)[1] == ("He", "Jake Sullivan", "person")


def test_surname_and_title_resolve_to_the_full_name(attributions):
    recs = attributions("Maria Lopez, the opposition leader, said the vote was rigged.\n\n"
                        "“We will go to court,” Ms Lopez said. “Nobody believes the count,” Lopez added.")
    assert {r.source.name for r in recs} == {"Maria Lopez"}


def test_chinese_name_order_resolves_by_family_name(attributions):
    recs = attributions("Wang Yi said the visit was a success.\n\n“We are friends,” Mr Wang said.")
    assert [r.source.name for r in recs] == ["Wang Yi", "Wang Yi"]


def test_description_resolves_to_the_person_with_that_role(attributions):
    recs = attributions("Ned Price, the State Department spokesman, said the meeting was frank.\n\n"
                        "The spokesman said further talks were planned.")
    assert recs[1].source.name == "Ned Price"


def test_different_role_is_not_merged(attributions):
    recs = attributions("Prime Minister Jan Novak said taxes would fall.\n\nThe foreign minister said the embassy would reopen.")
    assert recs[1].source.name == "foreign minister"


def test_anonymous_sources_stay_typed_groups(attributions):
    recs = attributions("Several US officials said the request was made last week.\n\n"
                        "A person familiar with the matter said the talks would resume.")
    assert sources(recs) == [
        ("Several US officials", "US officials", "anonymous"),
        ("A person familiar with the matter", "person familiar with the matter", "anonymous"),
    ]


def test_anonymous_source_is_never_merged_with_a_named_person(attributions):
    recs = attributions("John Smith said the plant was safe.\n\nAn official said the plant would close.")
    assert recs[1].source.name == "unnamed official"


def test_definite_officials_go_back_to_the_group_named_before(attributions):
    recs = attributions("Two Israeli officials said the strike was planned.\n\nThe officials said it would happen soon.")
    assert [r.source.name for r in recs] == ["Israeli officials", "Israeli officials"]


def test_capital_stands_for_its_country(attributions):
    recs = attributions("Beijing said the claims were untrue.\n\nWashington officials said the evidence was clear.")
    assert sources(recs) == [("Beijing", "China", "country"), ("Washington officials", "US officials", "anonymous")]


def test_unnamed_media_and_the_report_back_to_its_outlet(attributions):
    recs = attributions("The Financial Times reported that the deal was signed.\n\n"
                        "The sale will close in June, according to the report.\n\nThe media said the price was high.")
    assert [r.source.name for r in recs] == ["Financial Times", "Financial Times", "unnamed media reports"]
    assert {r.source.kind for r in recs} == {"outlet"}


def test_report_credited_to_its_author(attributions):
    [rec] = attributions("The report, published by Human Rights Watch, said prisoners had been tortured.")
    assert rec.source.name == "Human Rights Watch"


def test_country_possessive_organisation_gets_the_demonym(attributions):
    [rec] = attributions("China's foreign ministry said the report was false.")
    assert rec.source.name == "Chinese foreign ministry"
    assert rec.source.kind == "organization"


def test_coordinated_speakers_are_one_group_in_a_stable_order(attributions):
    a = attributions("Presidents Xi and Putin announced a new partnership.")
    assert a[0].source.name == "Putin and Xi"


def test_pronoun_prefers_a_person_named_earlier_in_the_sentence(attributions):
    recs = attributions("Liu Pengyu said the visit was useful.\n\n"
                        "Putin flew to Beijing in February – he and Xi pledged support for each other.")
    assert recs[-1].source.name == "Putin and Xi"


def test_unnamed_role_is_a_person_and_its_short_form_refers_back(attributions):
    recs = attributions("The transport minister denied accepting bribes.\n\n“These accusations are false,” the minister told parliament.")
    assert [(r.source.name, r.source.kind) for r in recs] == [("transport minister", "person")] * 2


def test_middle_name_resolves_to_the_full_name(attributions):
    recs = attributions("President Luiz Inacio Lula da Silva promised aid.\n\n“There will be no lack of resources,” Lula told reporters.")
    assert recs[-1].source.name == "Luiz Inacio Lula da Silva"


def test_it_speaks_for_the_organisation_named_before(attributions):
    recs = attributions("The electoral commission said the count was accurate.\n\nIt added that observers had seen no fraud.")
    assert recs[1].source.name == "electoral commission"


def test_wire_dateline_is_not_the_speaker(attributions):
    [rec] = attributions("NAIROBI (Reuters) - Kenya's electoral commission said it had found no evidence of fraud.")
    assert rec.source.name == "Kenyan electoral commission"  # like "Chinese foreign ministry"
    assert rec.content == "it had found no evidence of fraud"


def test_the_newspaper_is_an_outlet(attributions):
    [rec] = attributions("The newspaper said the documents showed payments of more than $2 million.")
    assert rec.source.kind == "outlet"


# -- who a pronoun stands for on real news -----------------------------------------------------------
def test_a_pronoun_never_stands_for_a_thing_that_cannot_speak(attributions):
    recs = attributions("President Ray Dunn met the leaders on Friday.\n\n"
                        "The press conference suggested the standoff could end soon.\n\n"
                        "“We are not playing games,” he told reporters.")
    assert recs[-1].source.name == "Ray Dunn"


def test_a_pronoun_after_a_quote_skips_the_people_the_quote_speaks_of(attributions):
    recs = attributions("Press secretary Ann Cole spoke on Friday.\n\n"
                        "“The people that elected Mara Voss did not elect her to play games,” she said.")
    assert recs[-1].source.name == "Ann Cole"


def test_a_pronoun_prefers_the_sentences_subject_to_a_name_it_mentions(attributions):
    recs = attributions("Ray Dunn met the press.\n\n"
                        "Luis Ortega, an outspoken critic of Dunn, started the fight when he said the visit was a mistake.")
    assert recs[-1].source.name == "Luis Ortega"


def test_a_headlines_bare_surname_is_the_person_the_body_names(attributions):
    recs = attributions("Dunn warns shutdown could last years\n\n"
                        "President Dunn said the shutdown could last for years.")
    assert {(r.source.name, r.source.kind) for r in recs} == {("Dunn", "person")}


def test_the_president_is_not_the_vice_president(attributions):
    recs = attributions("Vice President Mike Pence and President Ray Dunn met the leaders.\n\n"
                        "“Walls work,” the president said.")
    assert recs[-1].source.name == "Ray Dunn"


def test_a_title_with_its_office_gives_the_role(attributions):
    recs = attributions("Secretary of State Hillary Clinton testified on Wednesday.\n\n"
                        "The secretary said the cables came through the department every year.")
    assert recs[-1].source.name == "Hillary Clinton"


def test_a_long_title_ends_in_the_name_and_a_client_is_not_the_lawyer(attributions):
    [lamb] = attributions("Deputy Assistant Secretary for Diplomatic Security Charlene Lamb testified that the attack was large.")
    assert lamb.source.name == "Charlene Lamb"
    [lawyer] = attributions("The lawyer for Michael Flynn said the plea was fair.")
    assert lawyer.source.name != "Michael Flynn"


@pytest.mark.parametrize("dateline", [
    "RIVERTON, May 3, 2023 (Valley Wire) – ",
    "RIVERTON May 3 2023 - ",
    "Riverton, 3 May 2023 (Valley Wire) — ",
])
def test_a_dateline_with_a_date_or_an_outlet_is_never_the_speaker(attributions, dateline):
    recs = attributions(dateline + "Union leader Omar Haddad said the plant was unsafe. He said workers were scared.")
    assert [r.source.name for r in recs] == ["Omar Haddad", "Omar Haddad"]
    assert recs[0].content == "the plant was unsafe"


def test_a_time_after_the_speakers_name_is_not_part_of_it(attributions):
    recs = attributions("Ray Dunn met the leaders on Friday.\n\n"
                        "Dunn over the weekend denied that he asked the director to stop the inquiry.")
    assert "weekend" not in recs[-1].source.name


def test_staff_speak_for_the_office_they_work_for_not_for_a_client(attributions):
    [prosecutors] = attributions("Prosecutors working for the special counsel said the aide had lied.")
    assert prosecutors.source.name == "special counsel"
    [aides] = attributions("Governor Jane Roe spoke on Monday. Aides to the governor said she would veto the bill.")[-1:]
    assert aides.source.name == "Jane Roe's office"
    [lawyer] = attributions("The lawyer for Michael Flynn said the plea was fair.")
    assert lawyer.source.name != "Michael Flynn's office"
