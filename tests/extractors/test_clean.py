"""Repairs of news text before parsing, with offsets that still point into the text as read."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimgraph.extractors.reading.clean import clean


def test_doubled_abbreviations_are_folded():
    raw = "The U.S.U.S. and the U.N.U.N. met."
    assert clean(raw).text == "The U.S. and the U.N. met."


def test_comment_prompts_and_tail_boilerplate_are_blanked():
    raw = "Body text here that is long enough.\n\nMore body text follows here.\n\nYou may also like\n\nOther headline\n\nLeave a Reply"
    c = clean(raw)
    assert "You may also like" not in c.text and "Other headline" not in c.text
    assert c.text.startswith("Body text here")


def test_boilerplate_lines_anywhere():
    c = clean("Para one.\nPlease enter your comment!\nPlease enter your name here\nPara two.")
    assert "Please" not in c.text and "Para two." in c.text


def test_damaged_bytes_become_spaces_and_keep_offsets():
    raw = "bad\ufffdbyte and \x00 NUL"
    c = clean(raw)
    assert c.text == "bad byte and   NUL"
    assert c.to_raw(c.text.index("NUL")) == raw.index("NUL")


def test_offsets_map_back_across_repairs():
    raw = "The U.S.U.S. said no.\nLeave a Reply\nThe end came."
    c = clean(raw)
    i = c.text.index("said")
    assert raw[c.to_raw(i):c.to_raw(i + 4)] == "said"
    j = c.text.index("U.S.")
    assert raw[c.to_raw(j):c.to_raw_end(j + 4)] == "U.S.U.S."
    assert raw[c.to_raw(0):c.to_raw_end(j + 4)] == "The U.S.U.S."
    k = c.text.index("The end")
    assert raw[c.to_raw(k):] == "The end came."


@given(st.text())
def test_offsets_always_inside_the_raw_text(raw):
    c = clean(raw)
    for i in range(len(c.text) + 1):
        assert 0 <= c.to_raw(i) <= len(raw)
        assert 0 <= c.to_raw_end(i) <= len(raw)


def test_two_apostrophes_typed_for_a_quotation_mark_read_as_one(attributions):
    """Archives and wire feeds type ''…'' for “…”: the parser and the quotation scanner see one
    mark, the records' offsets still point into the text as read, and a quote split by its cue
    is one utterance."""
    raw = "''This isn't tax reform,'' said Jane Roe, an economist. ''It's anti-reform and more complex.''"
    cleaned = clean(raw)
    assert cleaned.text == '"This isn\'t tax reform," said Jane Roe, an economist. "It\'s anti-reform and more complex."'
    first, second = attributions(raw)
    assert raw[first.content_start:first.content_end] == "This isn't tax reform"
    assert second.content == "It's anti-reform and more complex"
    assert first.act == second.act == first.id
    assert clean("the '70s and rock 'n' roll").text == "the '70s and rock 'n' roll"


def test_gold_offsets_move_onto_the_cleaned_text_and_back():
    """Training reads the cleaned text as extraction does: a span of the text as read moves onto it
    and back unchanged, across removed lines, folded abbreviations and quotation marks."""
    raw = "Leave a Reply\nMs. Roe said ''the U.S.U.S. budget is balanced,'' and officials agreed.\n"
    c = clean(raw)
    for word in ("Roe", "budget", "officials"):
        a = raw.index(word)
        assert c.text[c.to_clean(a):c.to_clean(a) + len(word)] == word
        assert c.to_raw(c.to_clean(a)) == a
