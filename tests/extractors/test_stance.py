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
        ("He said there was no collusion.", "denies"),
        ("The ministry denied the report.", "denies"),
        ("The agency dismissed the claims as baseless.", "denies"),
        ("Officials said there would be consequences if the border was crossed.", "warns"),
        ("Officials said there would be no consequences for the vote.", "denies"),
        ("The general warned that the offensive could start within days.", "warns"),
        ("The minister said the economy may contract next year.", "hedged"),
        ("Analysts said the deal would likely collapse.", "hedged"),
        ("The report said it was unclear whether the ship had sunk.", "hedged"),
        ("The president said the economy is growing.", "asserts"),
        ("“I am not going to resign, but I will change my team,” the mayor said.", "asserts"),
        ("The senator questioned whether the plan was legal.", "questions"),
        ("The minister accused the opposition of spreading false information.", "asserts"),
        ("The ministry said no curfew had been imposed.", "denies"),
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
