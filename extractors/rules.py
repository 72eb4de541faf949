"""Attribution rules over a parsed ``Doc``: cues, sources, contents, nesting and stance.

The rules follow the cue → source → content decomposition of BBC citron and PARC-style
annotation (Pareti 2016): a reporting verb (or "according to", "citing", a cue noun, a hedge
such as "reportedly") is found first, then its source from the dependency parse, then its content
(a complement clause, a noun-phrase object, an adjacent quotation, or the previous sentence for
"… , the FT reports."). Quotations are found by character scanning (:mod:`.finding.quotes`) so that
quotes over several sentences or paragraphs, and unbalanced marks, are handled. Offsets here are
character offsets into ``doc.text``.
"""
from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc

from claimgraph.ontology.vocab import QuoteKind

from .finding.contents import shape_content, skip_that
from .finding.cues import cues_at
from .finding.modes import mode_of
from .finding.quotes import find_quotes
from .finding.stance import classify
from .finding.uncued import (
    TURN,
    continued_quotes,
    headline_labels,
    hedge_attributions,
    is_speaker_label,
    speaker_turns,
)
from .lexicon import Lexicon, SourceKind
from .reading.times import time_span
from .records import Found
from .speakers.named import Sieve
from .speakers.sources import SourceResolver


def find_attributions(doc: Doc, lex: Lexicon) -> list[Found]:
    """Every attribution the rules find in ``doc``, in text order, with resolved sources,
    nesting, stance and mode."""
    return finish(doc, lex, rule_candidates(doc, lex))


def rule_candidates(doc: Doc, lex: Lexicon, *, text: str | None = None) -> list[Found]:
    """The rules' attributions before sources, nesting and stance (:func:`finish`); ``text``:
    ``doc.text`` when the caller has it."""
    text = doc.text if text is None else text
    quotes = find_quotes(text)
    quote_starts = [q.start for q in quotes]
    found: list[Found] = []
    for sent in doc.sents:
        for tok in sent:
            for cand in cues_at(tok, sent, lex, quotes, quote_starts):
                cand.sentence_start, cand.sentence_end = sent.start_char, sent.end_char
                cand.cue_i = tok.i if cand.cue_i < 0 else cand.cue_i
                found.append(cand)
    _share_cited_content(found, text)
    found = [shape_content(f, text, quotes) for f in found]
    found = [f for f in found if f.content_end > f.content_start]
    found.extend(hedge_attributions(doc, lex, found))
    found.extend(continued_quotes(doc, quotes, found))
    found.extend(speaker_turns(doc, text, lex, found))
    found.extend(headline_labels(doc, text, lex, found))
    return _dedupe(found)


def finish(doc: Doc, lex: Lexicon, found: list[Found], *, text: str | None = None) -> list[Found]:
    """Order candidates, resolve their sources, nest them and read their stance and mode —
    the same for every extractor (rules, model or both). ``text``: ``doc.text`` when the caller
    has read it already (spaCy rebuilds it at every access)."""
    found = sorted(found, key=lambda f: _order(doc, f))
    _resolve_sources(doc, lex, found, doc.text if text is None else text)
    _cut_trailing_citations(found, doc.text if text is None else text)
    _nest(found)
    _acts(found)
    for f in found:
        first = f.spans()[0]  # a split quote's first piece carries its predicate, not the cue between
        span = doc.char_span(first[0], first[1], alignment_mode="expand")
        if span is None or not len(span):
            continue
        reading = classify(f.cue_lemma, f.cue_hedged, span, lex, answering=_answering(doc, f, lex))
        f.stance, f.certainty, f.negated = reading.stance, reading.certainty, reading.negated
        f.mode = mode_of(f, doc, lex)
        f.time_span = time_span(doc, f.cue_i)  # "told CNN on Sunday": resolved against the publication date
    return found


def _answering(doc: Doc, f: Found, lex: Lexicon) -> bool:
    """Does the cue answer something put to the speaker: "replied", "Asked about the memo, she
    said …", "In response to the report, …"?"""
    if f.cue_lemma in lex.answer_verbs:
        return True
    if not 0 <= f.cue_i < len(doc):
        return False
    cue = doc[f.cue_i]
    if any(c.dep_ == "advcl" and c.lemma_ == "ask" and c.tag_ == "VBN" for c in cue.children):
        return True
    sent = cue.sent
    opening = [t.lower_ for t in sent[:4] if not t.is_punct]
    return opening[:1] == ["asked"] or opening[:2] == ["when", "asked"] or opening[:3] == ["in", "response", "to"]


def _share_cited_content(found: list[Found], text: str) -> None:
    """"The FT reports, citing officials, that …": the cited source shares the report's content."""
    by_cue = {f.cue_i: f for f in found if f.notes.citing_head is None}
    for f in found:
        head = f.notes.citing_head
        outer = by_cue.get(head) if head is not None else None
        if outer is None:
            continue
        end, f.notes.phrase_end = f.notes.phrase_end, None
        if end is not None and outer.content_start <= f.cue_start < outer.content_end and end < outer.content_end:
            # "reported, citing people familiar with the matter, that …": the citation is not content
            outer.content_start = skip_that(text, end)
        f.content_start, f.content_end = outer.content_start, outer.content_end


def _order(doc: Doc, f: Found) -> tuple[int, int, int]:
    """Text order by cue; a cited source comes right after the report that cites it."""
    if f.continues_quote:
        return f.content_start, 0, f.content_start
    head = f.notes.citing_head
    if head is not None and head >= 0:
        return doc[head].idx, 1, f.content_start
    return f.cue_start, 0, f.content_start


# -- cues -------------------------------------------------------------------------------------


# -- hedges and continued quotes ------------------------------------------------------------


# -- content shape ----------------------------------------------------------------------------


def _dedupe(found: list[Found]) -> list[Found]:
    seen: dict[tuple[int, int, int], int] = {}
    out: list[Found] = []
    for f in found:
        key = (f.content_start, f.content_end, f.cue_start)
        if key in seen:
            continue
        seen[key] = len(out)
        out.append(f)
    # The same content from a verb and from an adjacent quote: keep the one with a real cue.
    by_content: dict[tuple[int, int], Found] = {}
    result = []
    for f in out:
        k = (f.content_start, f.content_end)
        if k in by_content and (f.continues_quote or f.cue_start == by_content[k].cue_start):
            continue
        if k in by_content and f.implicit is None and by_content[k].implicit is None \
                and f.notes.citing_head is None and by_content[k].notes.citing_head is None:
            continue
        by_content.setdefault(k, f)
        result.append(f)
    return result


# -- sources and nesting ----------------------------------------------------------------------
def _resolve_sources(doc: Doc, lex: Lexicon, found: list[Found], text: str) -> None:
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    resolver = SourceResolver(doc, lex, lambda at: bisect.bisect_right(breaks, at), text=text)
    last_quoted: Found | None = None
    for f in found:
        turn, f.notes.turn = f.notes.turn or TURN.match(text, f.content_start), None
        if turn is not None and is_speaker_label(turn.group("label"), lex):
            # "WALLACE: Let's start …" — a transcript's speaker turn: the label speaks, whoever
            # introduced the transcript; unlabelled quotes after it continue that turn.
            a, b = turn.span("label")
            f.source = resolver.speaker(turn.group("label"), a, b)
            f.cue, f.cue_start, f.cue_end = ":", b, b + 1
            f.content_start = turn.end()
            if f.pieces:
                f.pieces = ((turn.end(), f.pieces[0][1]), *f.pieces[1:])
            f.type, f.continues_quote, f.mention, f.implicit = QuoteKind.DIRECT, False, None, None
            last_quoted = f
            continue
        if f.continues_quote:
            if last_quoted is None or last_quoted.source is None:
                f.source = None
                continue
            f.source, f.cue, f.cue_lemma = last_quoted.source, last_quoted.cue, last_quoted.cue_lemma
            f.notes.goes_on = last_quoted
            resolver.same_as(f.source, f.content_start)
            last_quoted = f
            continue
        f.source = resolver.resolve(f.mention, f.cue_start, f.implicit, cue=f.cue_lemma)
        if f.source_span is not None and f.source.text is not None:
            # The source as written, whole ("Hemsley, the co-author of …"); resolved on its head.
            a, b = f.source_span
            f.source = replace(f.source, text=text[a:b], start=a, end=b)
        if f.type in {QuoteKind.DIRECT, QuoteKind.MIXED} and f.implicit is None:
            last_quoted = f
    found[:] = [f for f in found if f.source is not None]
    _headline_sources(found, text, lex)


def _headline_sources(found: list[Found], text: str, lex: Lexicon) -> None:
    """A headline names its speaker by what it is ("Ministry denies …", "Tech firm says …"); the
    body names it: the first later speaker with that head word (a company: one whose name says so)."""
    first_break = text.find("\n")
    if first_break < 0:
        return
    generic = lex.generic_organizations | lex.organization_heads
    body = [f.source for f in found if f.source is not None and f.cue_start > first_break
            and f.source.kind in {SourceKind.ORGANIZATION, SourceKind.COUNTRY, SourceKind.OUTLET, SourceKind.PERSON}]
    for f in found:
        src = f.source
        if src is None or f.cue_start >= first_break or src.sieve not in {Sieve.ORGANIZATION, Sieve.FALLBACK}:
            continue
        words = src.name.lower().split()
        if not words or len(words) > 2 or words[-1] not in generic:
            continue
        head = words[-1]
        for named in body:
            theirs = {w.lower() for w in named.name.split()} | {w.lower().rstrip("s") for w in named.name.split()}
            if head in theirs and named.name.lower() != src.name.lower() or \
                    head in lex.company_nouns and theirs & lex.company_suffixes:
                f.source = replace(named, text=src.text, start=src.start, end=src.end, sieve=Sieve.HEADLINE)
                break


def _cut_trailing_citations(found: list[Found], text: str) -> None:
    """A content ending in the phrase that cites its teller ("he said Pelosi should back it, according
    to one of the officials") stops before it: the phrase is the outer attribution's, and the
    inner one nests in it."""
    for f in found:
        if f.cue_lemma != "according":
            continue
        for g in found:
            if g is f or not (g.content_start < f.cue_start < g.content_end):
                continue
            if text[f.cue_end:g.content_end].count(".") > 1:
                continue  # the phrase is not at the content's end
            end = f.cue_start
            while end > g.content_start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
                end -= 1
            if end > g.content_start:
                g.content_end = end
                if g.pieces:
                    g.pieces = tuple((a, min(b, end)) for a, b in g.pieces if a < end)


def _nest(found: list[Found]) -> None:
    """Link each attribution to the innermost one whose content holds its cue and content."""
    index = {id(f): i for i, f in enumerate(found)}
    for i, f in enumerate(found):
        hedge, f.notes.hedged_by = f.notes.hedged_by, None
        if hedge is not None and id(hedge) in index:
            f.parent = index[id(hedge)]
            continue
        head, f.notes.citing_head = f.notes.citing_head, None
        best: int | None = None
        for j, g in enumerate(found):
            if j == i or g.continues_quote and f.continues_quote:
                continue
            if head is not None and g.content_start == f.content_start and g.content_end == f.content_end and j != i \
                    and g.notes.citing_head is None and g.implicit is None:
                best = j
                break
            holds_cue = any(a <= f.cue_start and f.cue_end <= b + 1 for a, b in g.spans())
            holds_content = any(a <= f.content_start and f.content_end <= b + 1 for a, b in g.spans())
            width = g.content_end - g.content_start
            if holds_cue and holds_content and width > f.content_end - f.content_start and \
                    (best is None or found[best].content_end - found[best].content_start > width):
                best = j
        f.parent = best


def _acts(found: list[Found]) -> None:
    """One utterance kept as several claims ("“A,” he said. “B.”"; a quote paragraph going on
    without a cue): each part, and the attribution that opens it, carry the opener's index."""
    index = {id(f): i for i, f in enumerate(found)}
    for f in found:  # in text order: what a part goes on from has its act already
        prev, f.notes.goes_on = f.notes.goes_on, None
        if prev is None or id(prev) not in index:
            continue
        opener = prev.act if prev.act is not None else index[id(prev)]
        f.act = found[opener].act = opener


# -- small helpers ----------------------------------------------------------------------------


