"""Quotation spans in article text, found by character scanning rather than by the parser.

Marks are paired inside a paragraph: curly quotes by direction, straight quotes by alternation, and
a closing mark of either kind closes a quote opened with the other (copy edited by hand mixes them).
A quote left open at the end of a paragraph runs to the paragraph's end and, when the next
paragraph opens with a mark, the next quote is marked as its continuation — the English
convention for quotes over several paragraphs. Unbalanced marks never abort the article (textacy's
``direct_quotations`` gives up on the whole document).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted span. ``start``/``end`` include the marks; ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    continues: bool  # opens a paragraph right after a quote left open: same speaker
    closed: bool

    def inner(self, text: str) -> str:
        return text[self.inner_start : self.inner_end]


@lru_cache(maxsize=4)
def find_quotes(text: str) -> list[Quote]:
    """Return the quotation spans of ``text`` in order, each inside one paragraph. Remembered for
    the last few texts: the rules, the model's view and the pronoun sieve all read the same
    article's quotations (callers read the list, never change it)."""
    quotes: list[Quote] = []
    left_open = False
    for para in _PARAGRAPH.finditer(text):
        found = _in_paragraph(text, para.start(), para.end())
        if not found:
            left_open = False if para.group().strip() else left_open
            continue
        first = found[0]
        if left_open and not text[para.start() : first.start].strip():
            found[0] = Quote(first.start, first.end, first.inner_start, first.inner_end, True, first.closed)
        quotes.extend(found)
        left_open = not found[-1].closed
    return quotes


def _in_paragraph(text: str, start: int, end: int) -> list[Quote]:
    found: list[Quote] = []
    open_at: int | None = None
    open_mark = ""
    for i in range(start, end):
        ch = text[i]
        if open_at is None:
            if ch in OPENING or (ch == STRAIGHT and _can_open(text, i, start)):
                open_at, open_mark = i, ch
        elif ch in CLOSING or ch == STRAIGHT and (open_mark == STRAIGHT or _can_close(text, i, end)):
            # marks mixed by a careless edit ("I'm not going to pay!” Fox said) still pair
            if i > open_at + 1:
                found.append(Quote(open_at, i + 1, open_at + 1, i, False, True))
            open_at = None
        elif ch in OPENING and open_mark != STRAIGHT:
            # A new opening mark before any closing one: the earlier quote was never closed.
            found.append(_open_quote(text, open_at, i))
            open_at, open_mark = i, ch
    if open_at is not None and end - open_at > 1:
        found.append(_open_quote(text, open_at, end))
    return found


def _open_quote(text: str, open_at: int, end: int) -> Quote:
    inner_end = end
    while inner_end > open_at + 1 and text[inner_end - 1].isspace():
        inner_end -= 1
    return Quote(open_at, inner_end, open_at + 1, inner_end, False, False)


def _can_close(text: str, i: int, para_end: int) -> bool:
    """A straight mark closes a curly-opened quote at a word end: before a space, punctuation or the end."""
    return i + 1 >= para_end or not text[i + 1].isalnum()


def _can_open(text: str, i: int, para_start: int) -> bool:
    """A straight mark opens a quote at a word start, not after a letter (inch marks, typos)."""
    return i == para_start or not text[i - 1].isalnum()
