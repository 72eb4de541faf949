"""Stance is read against the proposition (see the corpus README), not from the verb alone."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The spokesman said reports that Russia had sought aid were untrue.", "denies"),
        ("Zhao replied that it was “fake news”.", "denies"),
        ("She said she had never heard of the plan.", "denies"),
        ("The embassy said it was not aware of any request.", "denies"),
        ("The ministry denied the report.", "denies"),
        ("The agency dismissed the claims as baseless.", "denies"),
        ("Officials said there would be consequences if the border was crossed.", "warns"),
        ("The general warned that the offensive could start within days.", "warns"),
        ("The minister said the economy may contract next year.", "hedged"),
        ("Analysts said the deal would likely collapse.", "hedged"),
        ("The report said it was unclear whether the ship had sunk.", "hedged"),
        ("The president said the economy is growing.", "asserts"),
        ("“I am not going to resign, but I will change my team,” the mayor said.", "asserts"),
        ("The senator questioned whether the plan was legal.", "questions"),
        ("The minister accused the opposition of spreading false information.", "asserts"),
        ("The ministry called the reports “baseless”.", "denies"),
        ("The senator described the plan as “a good start”.", "asserts"),
    ],
)
def test_stance(attributions, text, stance):
    recs = attributions(text)
    assert recs, f"no attribution in {text!r}"
    assert recs[0].stance == stance


def test_hedged_warning_stays_a_warning_with_hedged_certainty(attributions):
    [rec] = attributions("The official said there will likely be consequences for China.")
    assert (rec.stance, rec.certainty) == ("warns", "hedged")


# -- denial means rejecting something someone advances ---------------------------------------------
@pytest.mark.parametrize("text", [
    "The governor said she can't veto a court ruling.",
    "The union said it had not coordinated the filing with the party.",
    "The auditor said the mayor was not a subject of the audit.",
    "He said there was no collusion.",
    "Officials said there would be no consequences for the vote.",
    "The ministry said no curfew had been imposed.",
])
def test_a_negative_fact_nobody_disputes_is_asserted_and_kept_as_negated(attributions, text):
    [rec] = attributions(text)
    assert (rec.stance, rec.negated) == ("asserts", True)


@pytest.mark.parametrize("text", [
    "“I don't recall that meeting,” the senator said.",
    "“I can't say for sure where the file came from,” Lee said.",
    "She said she did not know who had sent it.",
    "The minister said he was not sure whether the talks would resume.",
])
def test_not_knowing_is_hedged_not_a_denial(attributions, text):
    [rec] = attributions(text)
    assert rec.stance == "hedged"
    assert rec.certainty == "hedged"


@pytest.mark.parametrize("text", [
    "The spokesman said that was “flatly untrue”.",
    "The mayor said the Herald's bogus story had hurt the city.",
    "The ministry said the report was not accurate.",
    "She said she had never heard of that.",
    "The embassy said it was not aware of any request from Moscow.",
    "Asked about the cover-up, the governor said there was no cover-up.",
    "The company replied that it had not broken any law.",
])
def test_rejecting_a_report_or_answering_an_allegation_is_a_denial(attributions, text):
    recs = attributions(text)
    assert recs and recs[0].stance == "denies"


# -- refusals, verdicts and who they are about ------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Asked whether the budget was to blame, Lamb said: “No.”",
    "“No, not $2 billion, no,” the president said. ",
    "“No way,” the former governor said.",
    "Asked about the merger, the chairman said: “Absolutely not.”",
    "The senator said the argument “doesn't wash.”",
    "The minister said any suggestion that this was a budget issue was off base.",
    "The ministry called the accusations “baseless propaganda.”",
])
def test_a_refusal_or_a_verdict_on_what_was_put_to_the_speaker_denies(attributions, text):
    recs = attributions(text)
    assert recs and recs[0].stance == "denies", text


@pytest.mark.parametrize("text", [
    "The senator repeated his false claims about the border.",
    "She called the mayor a false prophet.",
    "“No one expected the storm to be this strong,” the forecaster said.",
    "The coach said there was no way to know before the scan.",
])
def test_a_verdict_on_a_person_or_on_ones_own_claims_is_no_denial(attributions, text):
    assert all(r.stance != "denies" for r in attributions(text)), text


def test_a_quote_the_parser_ends_at_its_exclamation_mark_keeps_its_cue(attributions):
    recs = attributions("Fox spoke on Thursday.\n\n“Stop lying!” Mr. Fox wrote. “Mexico is not yours to play with.”")
    assert [(r.content, r.stance) for r in recs] == [("Stop lying!", "denies"),
                                                    ("Mexico is not yours to play with", "asserts")]


def test_quote_marks_mixed_by_hand_still_pair(attributions):
    [first, second] = attributions('"I’m not going to pay for that wall!” Fox told the interviewer. “He should pay for it.”')
    assert first.content == "I’m not going to pay for that wall!" and first.negated
    assert second.content == "He should pay for it"


def test_making_it_clear_is_saying(attributions):
    [rec] = attributions("Former President Vicente Fox made it loud and clear that he won’t pay for any part of the wall.")
    assert (rec.source.name, rec.cue, rec.content) == ("Vicente Fox", "made it loud and clear",
                                                        "he won’t pay for any part of the wall")
    assert rec.negated
