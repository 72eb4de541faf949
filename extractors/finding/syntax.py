"""Dependency-parse helpers the cue, content and source rules share: who a verb's subject is,
whether a noun could speak, token and character spans."""
from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Span, Token

from ..lexicon import Lexicon
from .quotes import Quote


def subject_of(verb: Token, lex: Lexicon, *, follow_report: bool = True) -> Token | None:
    """The speaker of a verb: its subject, the noun a relative clause hangs on, or the subject
    of the verb it is coordinated with or subordinate to ("…, saying: …"). ``follow_report``: a
    verb coordinated inside a reported clause is said by the reporter (off for cue nouns)."""
    if verb.dep_ == "conj" and follow_report and not has_own_subject(verb, lex):
        # "He said China found X and added: …" — parsed as coordinated with "found": the
        # speaker is the one who said it, not China.
        head = verb.head
        while head.dep_ == "conj" and head.head is not head:
            head = head.head
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in lex.reporting_verbs:
            return subject_of(head.head, lex, follow_report=follow_report)
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in lex.relative_pronouns and verb.dep_ == "relcl":
                return verb.head
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ == "conj" and verb.head is not verb:
        return subject_of(verb.head, lex, follow_report=follow_report)
    if verb.dep_ in {"advcl", "xcomp", "pcomp", "conj"} and verb.tag_ == "VBG" and verb.head is not verb \
            and verb.head.lemma_ != "quote" and verb.head.dep_ != "prep":
        return subject_of(verb.head, lex, follow_report=follow_report)
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    head = verb.head.head if verb.head.dep_ == "prep" else verb.head
    if verb.tag_ == "VBG" and head.lemma_ == "quote":  # "X was quoted as saying …"
        return next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    prev = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if prev is not None and prev.pos_ == "PROPN" and prev.ent_type_ in {"PERSON", "ORG"} and verb.dep_ == "ROOT":
        return prev  # "In an interview with Reuters, Chief Executive Sarah Kim said …" (misparsed subject)
    return None


def unspoken(tok: Token, lex: Lexicon) -> bool:
    """A speech act that did not happen: negated ("did not say") or governed by a verb under which
    nothing is said ("refused to say", "plans to announce"), or a refusal itself ("declined")."""
    return negated_act(tok) or tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.blocking_governors \
        or tok.lemma_.lower() in lex.refusal_verbs


def negated_act(tok: Token) -> bool:
    """"did not deny", "doesn't say", "refused to say": a speech act that did not happen."""
    return any(c.dep_ == "neg" and c.i < tok.i for c in tok.children)


def source_like(tok: Token, lex: Lexicon) -> bool:
    """Could this noun be a speaker? People, organisations, places, groups of officials, media."""
    words = {tok.lemma_.lower(), tok.lower_}
    heads = lex.anonymous_heads | lex.media_heads | lex.document_heads | lex.organization_heads | lex.role_nouns
    return (
        tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
        or bool(words & heads)
        or tok.pos_ == "PROPN"
        or (tok.pos_ == "PRON" and tok.lower_ not in lex.non_speaker_pronouns)
    )


def inside_quote(pos: int, quotes: list[Quote], qs: list[int]) -> bool:
    k = bisect.bisect_right(qs, pos) - 1
    return k >= 0 and quotes[k].start <= pos < quotes[k].end


def cue_first(tok: Token) -> Token:
    aux = [c for c in tok.children if c.dep_ in {"aux", "auxpass"} and c.i < tok.i and c.lower_ != "to"]
    return aux[0] if aux else tok


def cue_text(tok: Token, extra: Iterable[Token] = ()) -> str:
    """The cue as written: auxiliaries, the verb, its particle and addressee ("told CNN")."""
    toks = {tok.i: tok}
    for c in tok.children:
        if c.dep_ in {"aux", "auxpass"} and c.i < tok.i and c.lower_ != "to":
            toks[c.i] = c
    for t in extra:
        toks[t.i] = t
    ordered = [toks[i] for i in sorted(toks)]
    return " ".join(t.text for t in ordered)


def has_own_subject(verb: Token, lex: Lexicon) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} and c.lower_ not in lex.relative_pronouns for c in verb.children)


def subtree_span(tok: Token) -> Span:
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1]


def token_span(first: Token, last: Token) -> Span:
    return first.doc[first.left_edge.i : last.right_edge.i + 1]


def rightmost_clause(verb: Token, prep: Token) -> Token:
    """Carry a warning's content on to a trailing "whether …" clause of the same verb."""
    last = prep
    for c in verb.children:
        if c.i > last.i and c.dep_ in {"advcl", "prep"}:
            last = c
    return last


def overlap(s: int, e: int, cs: int, ce: int) -> float:
    """Share of [s, e) that lies inside [cs, ce)."""
    return max(0, min(e, ce) - max(s, cs)) / max(1, e - s)


def end_char(tok: Token) -> int:
    return tok.idx + len(tok)
