"""What a view shows behind an edge: each occurrence's sentence with the cue and the content
located in it, the passage around it in its article, the article's own facts, and the quote
variants of a claim (plain, frozen values: the saved projection keeps them)."""
from __future__ import annotations

from dataclasses import dataclass

from claimgraph.extractors import Attribution


@dataclass(frozen=True, slots=True)
class Evidence:
    """One occurrence behind an edge: the sentence it was read from, with the cue and the content
    located in it (offsets into ``sentence``; a span that lies outside the sentence, as when the
    parser splits a quote from its "…, he said", is ``(0, 0)`` and shown from ``cue_text`` or
    ``content_text``), and where the sentence stands in its article (``begin``)."""

    record: str
    doc: str
    claim: str
    sentence: str
    begin: int
    cue: tuple[int, int]
    content: tuple[int, int]
    cue_text: str
    content_text: str
    stance: str
    kind: str
    hedged: bool
    source_text: str | None
    mode: str = "statement"
    source_sieve: str = ""  # which resolution sieve named the speaker (pronoun, name, role …)
    negated: bool = False  # the content is negated on the surface
    #: The content's pieces in ``sentence`` (one for most; a quote split by its cue has two); a
    #: piece outside the sentence is left out.
    pieces: tuple[tuple[int, int], ...] = ()
    said: str | None = None  # when the source said it (a day, ISO week or month), when the text tells
    said_as: str | None = None  # the words that told it ("Sunday")
    #: The passage around the evidence as article offsets (its paragraph, and the one a cue or
    #: content the parser put in a neighbouring sentence lies in; the text itself is the article's,
    #: kept once in :class:`ArticleInfo`), with the cue and content located in it; (0, 0) when the
    #: store keeps no article text.
    context_at: tuple[int, int] = (0, 0)
    context_cue: tuple[int, int] = (0, 0)
    context_content: tuple[int, int] = (0, 0)
    #: The utterance this record is part of (``Attribution.act``: "“A,” he said. “B.”" kept as two
    #: claims), and the other parts' contents in the passage, which then spans them all: the
    #: explorer shows one utterance once, every part marked.
    act: str | None = None
    context_parts: tuple[tuple[int, int], ...] = ()
    #: The reviewers' corrections that changed this record (their ids): the page marks it.
    corrected_by: tuple[str, ...] = ()


#: Longest passage shown around a piece of evidence.
CONTEXT_CHARS = 1200


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the store knows of an article besides its attributions."""

    doc: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    text: str | None = None  # as the store keeps it (nif:isString): evidence passages are cut from it


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """Two renderings of the same speaker's quote for one claim in different articles."""

    claim: str
    speaker: str
    first: Evidence
    second: Evidence
    similarity: float
    flip: bool


def evidence_of(rec: Attribution, claim: str, text: str | None = None, parts: tuple[Attribution, ...] = ()) -> Evidence:
    """The evidence of one record, with offsets made relative to its sentence; with the article's
    ``text``, the passage around it (:func:`context_of`), around the whole utterance when the
    record is one of its ``parts`` (the other records that share its act)."""
    s0 = rec.sentence_start
    sentence = (s0, s0 + len(rec.sentence))
    passage, cue, content = context_of(rec, text, parts) if text else ((0, 0), (0, 0), (0, 0))

    return Evidence(record=rec.id, doc=rec.doc, claim=claim, sentence=rec.sentence, begin=s0,
                    cue=_within(sentence, rec.cue_start, rec.cue_end),
                    content=_within(sentence, rec.content_start, rec.content_end),
                    cue_text=rec.cue, content_text=rec.content, stance=rec.stance, kind=rec.type,
                    hedged=rec.certainty == "hedged", source_text=rec.source.text, mode=rec.mode,
                    source_sieve=rec.source.sieve, negated=rec.negated,
                    pieces=tuple(p for p in (_within(sentence, a, b) for a, b in rec.pieces) if p != (0, 0)),
                    said=rec.statement_time, said_as=rec.statement_time_text, context_at=passage,
                    context_cue=cue, context_content=content, act=rec.act,
                    context_parts=tuple(_within(passage, p.content_start, p.content_end) for p in parts) if text else (),
                    corrected_by=tuple(rec.extra.get("corrected_by", ())))


def context_of(rec: Attribution, text: str,
               parts: tuple[Attribution, ...] = ()) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """The paragraphs holding the sentence, the cue and the content (a cue or content the parser
    put in a neighbouring sentence included, and the contents of the utterance's other ``parts``),
    at most :data:`CONTEXT_CHARS` around them: (the passage's offsets in the article, the cue and
    the content in the passage)."""
    lo = max(0, min(rec.sentence_start, rec.cue_start, rec.content_start, *(p.content_start for p in parts)))
    hi = min(len(text), max(rec.sentence_end, rec.cue_end, rec.content_end, *(p.content_end for p in parts)))
    start = text.rfind("\n", 0, lo) + 1
    end = text.find("\n", hi)
    end = len(text) if end < 0 else end
    if end - start > CONTEXT_CHARS:  # a long paragraph: the span and what fits around it
        spare = max(0, CONTEXT_CHARS - (hi - lo)) // 2
        start, end = max(start, lo - spare), min(end, hi + spare)
    passage = (start, end)
    return passage, _within(passage, rec.cue_start, rec.cue_end), _within(passage, rec.content_start, rec.content_end)


def _within(span: tuple[int, int], a: int, b: int) -> tuple[int, int]:
    """Article offsets ``a``–``b`` relative to ``span`` (a sentence or a passage), cut to it;
    (0, 0) when they fall outside it."""
    start, end = span
    a, b = max(a - start, 0), min(b - start, end - start)
    return (a, b) if a < b else (0, 0)
