"""Quotation spans found by character scanning."""
from __future__ import annotations

from claimgraph.extractors.finding.quotes import find_quotes


def inner(text):
    return [q.inner(text) for q in find_quotes(text)]


def test_curly_and_straight_marks():
    assert inner('He said “yes” and she said "no".') == ["yes", "no"]


def test_guillemets():
    assert inner("Il a dit «non» hier.") == ["non"]


def test_unclosed_quote_runs_to_the_end_of_its_paragraph_only():
    text = "“We will win, he said.\n\nNext paragraph “fine” here."
    assert inner(text) == ["We will win, he said.", "fine"]


def test_quote_continued_in_the_next_paragraph_is_marked():
    text = "She said: “First part.\n\n“Second part.”"
    quotes = find_quotes(text)
    assert [q.continues for q in quotes] == [False, True]
    assert [q.closed for q in quotes] == [False, True]


def test_inch_marks_do_not_open_quotes():
    assert inner('a 12" pipe and "a quote" here') == ["a quote"]


def test_no_marks_no_quotes():
    assert find_quotes("Plain text without marks.") == []
