"""The lexicon reads like a dictionary: each entry says what a word does in attribution."""
from __future__ import annotations

import pytest

from claimgraph.extractors.lexicon import EN, Lexicon, LexiconError, languages, lexicon, load


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


def test_english_is_registered_and_loaded_once():
    assert "en" in languages() and lexicon("en") is EN and EN.lang == "en"


def test_an_unknown_language_says_which_ones_exist():
    with pytest.raises(LexiconError, match=r"'xx'.*known: \['en'\]"):
        lexicon("xx")


def _english_file() -> bytes:
    from importlib import resources

    return (resources.files("claimgraph.extractors.lexicon") / "en.toml").read_bytes()


def test_a_second_language_is_a_file_not_a_branch_in_the_rules():
    # Another language's data is the same file shape; here English with one more denial verb.
    text = _english_file().replace(b'lang = "en"', b'lang = "xx"').replace(b'"denies" = [', b'"denies" = ["nay", ')
    other = load(text, "xx")
    assert isinstance(other, Lexicon) and other.reporting_verbs["nay"] == "denies" and "nay" not in EN.reporting_verbs
    assert other.digest != EN.digest  # a store rebuilds what a lexicon change touches


def test_a_broken_language_file_names_itself():
    with pytest.raises(LexiconError, match=r"xx\.toml"):
        load(b"lang = [", "xx")
    with pytest.raises(LexiconError, match=r"xx\.toml: missing .*reporting_verbs"):
        load(b'lang = "xx"', "xx")


@pytest.mark.parametrize("field", ["claim_stop", "deictic_heads", "negators", "relative_pronouns", "boilerplate_lines"])
def test_the_graph_layer_and_the_cleaner_read_their_words_from_the_lexicon(field):
    assert getattr(EN, field)
