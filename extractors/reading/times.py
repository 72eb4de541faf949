"""When it was published, and when it was said.

An article's publication date comes from its metadata (JSON Lines ``published``, the date
trafilatura reads from HTML meta and bylines) or, failing that, a dated dateline ("WASHINGTON,
March 13, 2022 (Reuters) –"). A statement's time is the date expression the parse hangs on its cue
("told CNN *on Sunday*", "said *Tuesday*", "said *last week*", "told reporters *on March 13*"),
resolved against the publication date, as NewsReader anchored event times to the document
creation time. Precision is kept in the form: a day ``2022-03-13``, a week ``2022-W10``, a month
``2022-03``. Without a publication date a relative expression stays unresolved: unknown is
unknown, never the build time.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..lexicon import Lexicon

#: A dateline that carries a full date: "WASHINGTON, March 13, 2022 (Reuters) -", "Beijing, 14 March 2022 —",
#: "RIVERTON May 3 2023 -".
_DATELINE = re.compile(r"^[A-Z][\w .'’-]{1,40},? (?P<date>[A-Za-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]+\.? \d{4})\b")


def published_on(value: str | None) -> dt.date | None:
    """The day a metadata date names ("2022-03-14", "2022-03-14T09:30:00Z", "March 14, 2022");
    ``None`` when it names none."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if len(text) > 80:  # no date is written in more; a hostile field is not parsed at length
        return None
    from dateutil import parser

    try:
        when = parser.parse(text, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    return when.date() if when.year > 1 else None  # a date without a year names no day


def dateline_date(text: str) -> str | None:
    """The ISO date of a dated dateline in the article's first lines, else ``None``."""
    for line in text.splitlines()[:6]:
        m = _DATELINE.match(line.strip())
        if m:
            day = published_on(m.group("date"))
            if day is not None:
                return day.isoformat()
    return None


def time_span(doc: Doc, cue_i: int) -> tuple[int, int] | None:
    """Character offsets of the date or time expression the parse attaches to the cue token
    (its own modifier, or the object of one of its prepositions), else ``None``."""
    if not 0 <= cue_i < len(doc):
        return None
    cue = doc[cue_i]
    best: tuple[int, int] | None = None
    for ent in cue.sent.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        head = ent.root.head
        attached = head.i == cue.i and ent.root.dep_ in {"npadvmod", "tmod", "advmod"} or \
            head.dep_ == "prep" and head.head.i == cue.i and ent.root.dep_ == "pobj"
        if attached and (best is None or abs(ent.start - cue_i) < abs(best[0] - cue_i)):
            best = (ent.start, ent.end)
    if best is None:
        return None
    span = doc[best[0]:best[1]]
    return span.start_char, span.end_char


def resolve(expression: str, published: dt.date | None, lex: Lexicon) -> str | None:
    """The time ``expression`` names, relative to ``published``: a day, an ISO week or a month;
    ``None`` when it names none this can resolve (or it is relative and nothing anchors it)."""
    text = " ".join(re.sub(r"[^\w\s]", " ", expression.lower()).split())
    words = [w for w in text.split() if w not in lex.articles and w not in lex.time_preps]
    phrase = " ".join(words)
    absolute = _absolute(phrase, published, lex)
    if absolute is not None or published is None:
        return absolute
    if phrase in lex.day_offsets:
        return (published + dt.timedelta(days=int(lex.day_offsets[phrase]))).isoformat()
    if phrase in lex.week_offsets:
        year, week, _ = (published + dt.timedelta(weeks=int(lex.week_offsets[phrase]))).isocalendar()
        return f"{year}-W{week:02d}"
    if phrase in lex.month_offsets:
        first = published.replace(day=1)
        month = first.month - 1 + int(lex.month_offsets[phrase])
        return f"{first.year + month // 12}-{month % 12 + 1:02d}"
    if words and words[0] in lex.weekdays and all(w in lex.day_parts for w in words[1:]):
        # "on Sunday", "Sunday night": the last such day on or before publication
        back = (published.weekday() - lex.weekdays.index(words[0])) % 7
        return (published - dt.timedelta(days=back)).isoformat()
    return None


def _absolute(phrase: str, published: dt.date | None, lex: Lexicon) -> str | None:
    """"March 13", "13 March 2022", "March 13, 2022": the day, its year from the expression or the
    publication (a day after publication is last year's)."""
    words = phrase.split()
    months = [i for i, w in enumerate(words) if w in lex.months or w[:3] in lex.month_abbreviations]
    days = [w for w in words if w.isdigit() and 1 <= int(w) <= 31]
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    if len(months) != 1 or len(days) != 1 or len(words) > 4:
        return None
    name = words[months[0]]
    month = (lex.months.index(name) if name in lex.months else lex.month_abbreviations.index(name[:3])) + 1
    year = years[0] if years else published.year if published is not None else None
    if year is None:
        return None
    try:
        day = dt.date(year, month, int(days[0]))
    except ValueError:
        return None
    if not years and published is not None and day > published + dt.timedelta(days=2):
        day = day.replace(year=year - 1)
    return day.isoformat()
