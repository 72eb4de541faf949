"""Attribution beyond speech: every record says which mode it is (sentences written for these tests)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "source", "mode"), [
    ("The minister said the talks had failed.", "The minister", "statement"),
    ("The spokeswoman denied that the plant would close.", "The spokeswoman", "statement"),
    ("Most economists believe that inflation will ease next year.", "Most economists", "belief"),
    ("Opposition leaders fear the new law will silence critics.", "Opposition leaders", "belief"),
    ("Officials are convinced that the virus came from the market.", "Officials", "belief"),
    ("The union wants the government to raise wages.", "The union", "intention"),
    ("The mayor called on residents to stay indoors.", "The mayor", "intention"),
    ("The families asked the court to reopen the case.", "The families", "intention"),
    ("A new poll shows that support for the plan has fallen.", "A new poll", "evidence"),
    ("Internal documents indicate the company knew about the defect.", "Internal documents", "evidence"),
    ("The senator praised the governor for her handling of the floods.", "The senator", "evaluation"),
    ("The newspaper endorsed Jane Doe for mayor.", "The newspaper", "evaluation"),
])
def test_each_attribution_says_its_mode(attributions, text, source, mode):
    [rec] = attributions(text)
    assert rec.source.text == source
    assert rec.mode == mode


def test_a_belief_keeps_its_content_without_the_complementizer(attributions):
    [rec] = attributions("Most economists believe that inflation will ease next year.")
    assert rec.content == "inflation will ease next year"
    assert rec.stance == "asserts"


def test_mode_travels_through_json(attributions):
    from claimgraph.extractors import Attribution

    [rec] = attributions("The union wants the government to raise wages.")
    row = rec.to_json()
    assert row["mode"] == "intention"
    assert Attribution.from_json(row) == rec
