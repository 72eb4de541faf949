"""When it was published and when it was said: dates a fact-checker can line up."""
from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.extractors import Article
from claimgraph.extractors.extract import extract
from claimgraph.extractors.lexicon import EN
from claimgraph.extractors.reading.times import dateline_date, published_on, resolve

MONDAY = dt.date(2022, 3, 14)


def days(n: int) -> str:
    return (MONDAY + dt.timedelta(days=n)).isoformat()


@pytest.mark.parametrize(("said", "expected"), [
    ("on Sunday", days(-1)), ("Sunday night", days(-1)), ("Monday", days(0)), ("on Friday", days(-3)),
    ("yesterday", days(-1)), ("today", days(0)), ("last night", days(-1)),
    ("on March 13", "2022-03-13"), ("March 13, 2021", "2021-03-13"), ("13 March", "2022-03-13"),
    ("last week", "2022-W10"), ("this week", "2022-W11"), ("last month", "2022-02"),
])
def test_a_statement_time_is_resolved_against_the_publication_date(said, expected):
    assert resolve(said, MONDAY, EN) == expected


@pytest.mark.parametrize("said", ["in 2014", "for years", "recently", "since the invasion"])
def test_what_names_no_time_of_saying_stays_unknown(said):
    assert resolve(said, MONDAY, EN) is None


def test_without_a_publication_date_a_relative_time_stays_unknown():
    assert resolve("on Sunday", None, EN) is None
    assert resolve("March 13, 2022", None, EN) == "2022-03-13"  # an absolute date needs no anchor


@pytest.mark.parametrize(("written", "day"), [
    ("2022-03-14", MONDAY), ("2022-03-14T09:30:00Z", MONDAY), ("March 14, 2022", MONDAY), ("14 March 2022", MONDAY),
    ("March 14", None), ("soon", None), ("", None), ("2022-03-14 " * 10_000, None), ("\x00\ud800", None),
])
def test_publication_dates_as_metadata_writes_them(written, day):
    assert published_on(written) == day


def test_a_dated_dateline_gives_the_publication_date():
    assert dateline_date("WASHINGTON, March 13, 2022 (Reuters) - The United States said …") == "2022-03-13"
    assert dateline_date("WASHINGTON (Reuters) - The United States said …") is None


def test_told_cnn_on_sunday_is_the_sunday_before_publication(nlp):
    article = Article(id="a", text="Sullivan told CNN on Sunday that China would face consequences.",
                      published="2022-03-16")  # a Wednesday
    [(_, [rec])] = list(extract([article], nlp))
    assert (rec.statement_time, rec.statement_time_text) == ("2022-03-13", "Sunday")


def test_a_time_in_the_content_is_not_the_time_of_saying(nlp):
    article = Article(id="a", text="The minister said the bridge would open on Friday.", published="2022-03-16")
    [(_, [rec])] = list(extract([article], nlp))
    assert rec.statement_time is None
