"""Repair what news text carries before parsing, keeping a map back to the text as read.

The parser sees a cleaned copy (comment prompts and share buttons blanked, ``U.S.U.S.`` folded to
``U.S.``, damaged bytes turned into spaces); every offset found in the copy is mapped back with
:meth:`CleanText.to_raw` so records always point into :attr:`Article.text`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..lexicon import Lexicon, default_lexicon

# "U.S.U.S." / "U.N.U.N." — machine translation sometimes emits an abbreviation twice.
_DOUBLED_ABBREVIATION = re.compile(r"\b((?:[A-Z]\.){2,})\1")
#: Two apostrophes typed for a double quotation mark (archives and wire feeds: ''It's more
#: tinkering,'' he said): the parser and the quotation scanner read one mark.
_TWO_APOSTROPHES = re.compile(r"(?<!')''(?!')")
# Control characters other than tab and newlines, the replacement character and zero-width marks.
_DAMAGE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\u200b\ufeff]")
_LINE = re.compile(r"[^\n]*")
# Wire-copy datelines that open a paragraph: "NAIROBI (Reuters) - ", "WASHINGTON, March 14 (AP) — ",
# "RIVERTON, May 3, 2023 (Valley Wire) – ", "RIVERTON May 3 2023 - ", "Beijing, 14 March 2022 (Xinhua) —".
# A place in capitals, or one followed by a date or an outlet in brackets (never "Trump - the …").
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’-]*(?:[ -][A-Z][A-Za-z.'’-]*){0,3})"
    r"(?:,?\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?))?,?"
    r"\s*(?:\((?P<outlet>[^()\n]{1,40})\))?\s*[-–—]+\s+"
)


def dateline(line: str) -> re.Match[str] | None:
    """The dateline opening ``line``, if any (see :data:`_DATELINE`)."""
    m = _DATELINE.match(line)
    if m is None or not (m.group("place").replace(" ", "").replace("-", "").isupper() or m.group("date")
                         or m.group("outlet")):
        return None
    return m


def dateline_outlet(text: str) -> str | None:
    """The outlet a dateline names in brackets ("NAIROBI (Reuters) -" → "Reuters"), in the first lines."""
    for line in text.splitlines()[:6]:
        m = dateline(line.strip())
        if m is not None and m.group("outlet"):
            return " ".join(m.group("outlet").split())
    return None


@dataclass(frozen=True, slots=True)
class CleanText:
    """A cleaned copy of an article text with an offset map back to the original."""

    text: str
    raw: str
    _clean_at: tuple[int, ...]
    _raw_at: tuple[int, ...]
    _raw_len: tuple[int, ...]
    _clean_len: tuple[int, ...]

    def to_raw(self, i: int) -> int:
        """Map a start offset in the cleaned text to the matching offset in the raw text."""
        k = bisect.bisect_right(self._clean_at, i) - 1
        if k < 0:
            return i
        return self._raw_at[k] + min(i - self._clean_at[k], self._raw_len[k])

    def to_clean(self, i: int) -> int:
        """Map an offset in the raw text to the cleaned text (an offset inside a repaired or
        removed piece goes to that piece's start in the cleaned text, or its end past it)."""
        k = bisect.bisect_right(self._raw_at, i) - 1
        if k < 0:
            return i
        return self._clean_at[k] + min(i - self._raw_at[k], self._clean_len[k])

    def to_raw_end(self, i: int) -> int:
        """Map an end offset: the end of a repaired piece ("U.S.") maps to the end of the original
        ("U.S.U.S."), never into the text that follows it."""
        k = bisect.bisect_left(self._clean_at, i) - 1
        if k < 0:
            return i
        off = i - self._clean_at[k]
        if off >= self._clean_len[k]:
            return self._raw_at[k] + self._raw_len[k]
        return self._raw_at[k] + min(off, self._raw_len[k])


def _edits(raw: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Find (start, end, replacement) edits on the raw text; non-overlapping, sorted."""
    edits: list[tuple[int, int, str]] = []
    tail = _boilerplate_tail(raw, lex)
    for m in _LINE.finditer(raw):
        line = m.group().strip()
        if not line:
            continue
        if m.start() >= tail or lex.boilerplate_lines.fullmatch(line):
            edits.append((m.start(), m.end(), ""))
            continue
        opening = dateline(m.group())
        if opening:
            edits.append((m.start(), m.start() + opening.end(), ""))
        for d in _DOUBLED_ABBREVIATION.finditer(m.group()):
            if opening and d.start() < opening.end():
                continue
            edits.append((m.start() + d.start(), m.start() + d.end(), d.group(1)))
        for d in _TWO_APOSTROPHES.finditer(m.group()):
            edits.append((m.start() + d.start(), m.start() + d.end(), '"'))
        for d in _DAMAGE.finditer(m.group()):
            if not any(s <= m.start() + d.start() < e for s, e, _ in edits):
                edits.append((m.start() + d.start(), m.start() + d.end(), " "))
    edits.sort()
    return edits


def _boilerplate_tail(raw: str, lex: Lexicon) -> int:
    """Offset where trailing boilerplate starts ("You may also like", "Leave a Reply" …), else len."""
    for m in lex.boilerplate_tail.finditer(raw):
        if m.start() > len(raw) // 2:  # only in the back half: a marker early on is article text
            return m.start()
    return len(raw)


def clean(raw: str, lex: Lexicon | None = None) -> CleanText:
    """Return the cleaned copy of ``raw`` that the parser reads, with its offset map; ``lex``
    says which lines are boilerplate (English when ``None``)."""
    parts: list[str] = []
    segments: list[tuple[int, int, int, int]] = []  # (clean start, raw start, raw length, clean length)
    pos = 0  # raw position
    out = 0  # clean position
    for start, end, repl in [*_edits(raw, lex or default_lexicon()), (len(raw), len(raw), "")]:
        if start < pos:
            continue
        if start > pos:  # unchanged text before the edit
            segments.append((out, pos, start - pos, start - pos))
            parts.append(raw[pos:start])
            out += start - pos
        if end > start or repl:
            segments.append((out, start, end - start, len(repl)))
            parts.append(repl)
            out += len(repl)
        pos = end
    columns = (tuple(col) for col in zip(*segments, strict=True)) if segments else ((), (), (), ())
    clean_at, raw_at, raw_len, clean_len = columns
    return CleanText("".join(parts), raw, clean_at, raw_at, raw_len, clean_len)
