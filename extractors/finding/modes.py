"""Which kind of attribution a cue makes: a statement, a belief, an intention, evidence or an
evaluation.

PolNeAR (Newell et al. 2018) and PARC (Pareti 2016) count more than speech as attribution:
"X believes", "X wants Y to", "the poll shows", "X endorsed Y". The mode is read from the cue's
lemma (the lexicon's ``*_verbs``) and, for evidence, from the source: a record (a poll, study,
data, documents) that "shows" or "finds" gives evidence; a person who "finds" holds a belief.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..lexicon import Lexicon, Mode, SourceKind

if TYPE_CHECKING:
    from ..records import Found


def mode_of(f: Found, doc: Doc, lex: Lexicon) -> Mode:
    """The mode of one found attribution (its cue, source and content already set)."""
    lemma = f.cue_lemma
    head = f.mention.root if f.mention is not None else None
    record = head is not None and (head.lemma_.lower() in lex.record_heads or head.lower_ in lex.record_heads)
    if record or lemma in lex.evidence_verbs and f.source is not None and f.source.kind == SourceKind.DOCUMENT:
        return Mode.EVIDENCE
    if lemma == "call":
        # "called on X to …", "called for …": a call to act; "called it a disgrace": a verdict.
        return Mode.INTENTION if _calls_to_act(f, doc, lex) else Mode.EVALUATION
    if lemma == "ask":
        return Mode.INTENTION if _calls_to_act(f, doc, lex) else Mode.STATEMENT
    if lemma in lex.intention_verbs:
        return Mode.INTENTION
    if lemma in lex.belief_verbs:
        return Mode.BELIEF
    if lemma in lex.evaluation_verbs:
        return Mode.EVALUATION
    return Mode.STATEMENT


def _calls_to_act(f: Found, doc: Doc, lex: Lexicon) -> bool:
    """"asked X to …", "called on X to …", "called for …": the cue asks someone to act."""
    span = doc.char_span(min(f.cue_start, f.content_start), max(f.cue_end, f.content_end), alignment_mode="expand")
    if span is None:
        return False
    cue = [t.lower_ for t in span if f.cue_start <= t.idx < f.cue_end]
    first = next((t.lower_ for t in span if t.idx >= f.content_start), "")
    return bool(cue) and cue[-1] in lex.intention_cue_preps or first in lex.intention_content_marks or \
        any(t.dep_ == "xcomp" or t.lower_ in lex.infinitive_marks and t.dep_ == "aux" for t in span)
