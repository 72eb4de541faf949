"""The lexicon reads like a dictionary: each entry says what a word does in attribution."""
from __future__ import annotations

import pytest

from claimgraph.extractors.lexicon import EN, LEXICONS


@pytest.mark.parametrize(("verb", "stance"), [
    ("say", "asserts"), ("tell", "asserts"), ("claim", "asserts"), ("warn", "warns"), ("threaten", "warns"),
    ("deny", "denies"), ("reject", "denies"), ("dismiss", "denies"), ("question", "questions"),
])
def test_reporting_verbs_lend_a_stance(verb, stance):
    assert EN.reporting_verbs[verb] == stance


@pytest.mark.parametrize("word", ["untrue", "baseless", "false", "bogus"])
def test_denial_predicates(word):
    assert word in EN.denial_predicates


@pytest.mark.parametrize("phrase", ["fake news", "not true", "not accurate"])
def test_denial_phrases(phrase):
    assert phrase in EN.denial_phrases


@pytest.mark.parametrize("word", ["reportedly", "allegedly", "apparently", "likely"])
def test_hedges(word):
    assert word in EN.hedge_words


@pytest.mark.parametrize("head", ["official", "officials", "source", "person", "diplomat"])
def test_anonymous_source_heads(head):
    assert head in EN.anonymous_heads


@pytest.mark.parametrize(("place", "country"), [
    ("washington", "United States"), ("u.s.", "United States"), ("beijing", "China"), ("kremlin", "Russia"),
    ("london", "United Kingdom"), ("kyiv", "Ukraine"),
])
def test_capitals_stand_for_countries(place, country):
    assert EN.countries[place] == country


def test_every_country_has_an_adjective_for_anonymous_groups():
    assert set(EN.countries.values()) <= set(EN.country_adjectives)


def test_english_is_registered():
    assert LEXICONS["en"] is EN
