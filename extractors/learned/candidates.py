"""The learned model's tags as :class:`Found` records: the source mention the tagger marked (or
the cue's own subject when it marked none), content pieces trimmed as the rules trim them, and
whether the content is quoted."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from claimgraph.ontology.vocab import QuoteKind, SourceKind

from ..finding.contents import skip_that, trim
from ..finding.mentions import mention_for, strip_span
from ..finding.quotes import Quote
from ..lexicon import Lexicon
from ..records import Found
from .features import DocView
from .tagger import AttributionModel, Tagged


def model_candidates(doc: Doc, model: AttributionModel, lex: Lexicon, v: DocView | None = None, *,
                     min_confidence: float = 0.0, skip: Callable[[tuple[int, int]], bool] | None = None) -> list[Found]:
    """The model's attributions as :class:`Found` records (source mention, content pieces, type),
    reading ``doc`` through ``v`` when given; ``min_confidence`` and ``skip`` as in
    :meth:`AttributionModel.tag`."""
    v = v or DocView.of(doc)
    out = []
    for t in model.tag(doc, v, min_confidence=min_confidence, skip=skip):
        f = _found(doc, v, t, lex)
        if f is not None:
            out.append(f)
    return out


def _found(doc: Doc, v: DocView, t: Tagged, lex: Lexicon) -> Found | None:
    """One model attribution as a :class:`Found`."""
    text = v.string
    pieces = [p for p in (_piece(text, v.idx[a], v.idx[b - 1] + len(v.text[b - 1])) for a, b in t.content) if p[1] > p[0]]
    if not pieces:
        return None
    start = skip_that(text, pieces[0][0])  # the complementizer is no content
    if start < pieces[0][1]:
        pieces[0] = (start, pieces[0][1])
    cue_first, cue_last = doc[t.cue[0]], doc[t.cue[1] - 1]
    head = doc[t.cue_head]
    a, b = v.sents[v.sent_of[t.cue_head]]
    sent_start, sent_end = v.idx[a], v.idx[b - 1] + len(v.text[b - 1])
    # A quotation that opens a sentence after the cue's is a proposition of its own (the rules
    # credit it to the same speaker); PolNeAR would make it another piece.
    pieces = [p for p in pieces if p[0] < sent_end] or pieces[:1]
    mention = source_span = None
    if t.source is not None:
        span = strip_span(doc[t.source[0]:t.source[1]], lex)
        mention = mention_for(span.root, lex)
        source_span = (span.start_char, span.end_char)
    else:  # the tagger named no source: the cue's own subject, possessor or agent, if any
        mention = _syntactic_source(head, pieces, lex)
        if mention is not None:
            source_span = (mention.start_char, mention.end_char)
            rel = next((c for c in head.children if c.dep_ == "nsubj" and c.tag_ in {"WP", "WDT"}), None)
            if rel is not None:  # "Morial, who said …": PolNeAR marks the pronoun
                source_span = (rel.idx, rel.idx + len(rel))
    hedged = any(v.lower[i] in lex.hedge_words for i in range(*t.cue)) or \
        any(c.dep_ == "auxpass" for c in head.children) and v.lemma[t.cue_head] in lex.hedge_passives
    lemma = _cue_lemma(doc[t.cue[0]:t.cue[1]], head)
    return Found(
        cue=text[cue_first.idx:cue_last.idx + len(cue_last)], cue_lemma=lemma, cue_start=cue_first.idx,
        cue_end=cue_last.idx + len(cue_last), content_start=pieces[0][0], content_end=pieces[-1][1],
        mention=mention, implicit=None if mention is not None else ("unspecified (implicit)", SourceKind.ANONYMOUS),
        cue_hedged=hedged, type=_kind(pieces, v.quotes), sentence_start=sent_start,
        sentence_end=sent_end, cue_i=t.cue_head, pieces=tuple(pieces) if len(pieces) > 1 else (),
        source_span=source_span, confidence=t.confidence,
    )


def _syntactic_source(head: Token, pieces: list[tuple[int, int]], lex: Lexicon) -> Span | None:
    """The speaker the parse gives a cue: its subject ("Trump *urged* …"), its possessor ("*his*
    claim"), its passive agent, or those of the verb it is coordinated with; never a token inside
    the content, nor an expletive "it"/"there"."""
    for verb in (head, head.head if head.dep_ in {"conj", "xcomp"} else None):
        if verb is None:
            continue
        if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in {"WP", "WDT"} for c in verb.children) \
                and not any(a <= verb.head.idx < b for a, b in pieces):
            return mention_for(verb.head, lex)
        for c in verb.children:
            tok = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "agent" else c
            if tok is None or c.dep_ not in {"nsubj", "poss", "agent"} or tok.dep_ == "expl" \
                    or tok.lower_ in lex.empty_subjects or tok.tag_ in {"WP", "WDT"}:
                continue
            if any(a <= tok.idx < b for a, b in pieces):
                continue
            return mention_for(tok, lex)
    return None


def _cue_lemma(cue: Span, head: Token) -> str:
    """The word that says what the cue does: its first full verb ("are *convinced*", "*said* in a
    statement"), else its first adjective or noun, else its syntactic head."""
    if any(t.lower_ == "according" for t in cue):
        return "according"
    for pos in ("VERB", "ADJ", "NOUN"):
        word = next((t for t in cue if t.pos_ == pos), None)
        if word is not None:
            return word.lemma_.lower()
    return head.lemma_.lower()


def _piece(text: str, s: int, e: int) -> tuple[int, int]:
    """A content piece trimmed as the rules trim contents, then without a pair of quotation marks
    around it whole (the content of a direct quote is what lies inside the marks)."""
    s, e = trim(text, s, e)
    if e - s > 2 and text[s] in "“\"‘" and text[e - 1] in "”\"’" and not any(ch in "“”\"" for ch in text[s + 1:e - 1]):
        s, e = trim(text, s + 1, e - 1)
    return s, e


def _kind(pieces: list[tuple[int, int]], quotes: list[Quote]) -> QuoteKind:
    """direct: every piece is (nearly) a whole quotation; mixed: a quotation inside; else indirect."""
    quoted = 0
    partial = False
    for s, e in pieces:
        inside = [q for q in quotes if q.start < e and s < q.end]
        if any(q.inner_start - 1 <= s and e <= q.end + 1 for q in inside) or \
                any(abs(q.start - s) <= 1 and abs(q.end - e) <= 2 for q in inside):
            quoted += 1
        elif inside:
            partial = True
    if quoted == len(pieces):
        return QuoteKind.DIRECT
    return QuoteKind.MIXED if quoted or partial else QuoteKind.INDIRECT
