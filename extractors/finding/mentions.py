"""Source mentions: the span a source's syntactic head stands for — a named entity with its
honorific or possessor, the name in an apposition ("spokesman Dmitry Peskov"), else the noun phrase
without relative clauses, appositions or lists."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import Lexicon

_EXCLUDED_NP_DEPS = {"relcl", "appos", "acl", "punct", "advcl", "parataxis", "conj", "cc", "prep"}


_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def np_span(head: Token, lex: Lexicon) -> Span:
    """The noun phrase a source head stands for, without relative clauses, appositions or lists."""
    toks = [head]
    for child in head.children:
        if child.dep_ in _EXCLUDED_NP_DEPS and not (child.dep_ == "prep" and _keep_prep(child, lex)):
            continue
        if child.dep_ in {"npadvmod", "prt"} or child.ent_type_ in {"DATE", "TIME"}:
            continue  # "Trump over the weekend", parsed with "Trump" as a verb
        toks.extend(child.subtree)
    # An apposition that is a name stands for the person ("spokesman Dmitry Peskov").
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks) + 1
    doc = head.doc
    while hi > lo + 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space or doc[hi - 1].tag_ == "POS"):
        hi -= 1
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo:hi]


def _keep_prep(prep: Token, lex: Lexicon) -> bool:
    """Keep "familiar with the matter", "officials with access to …" as part of a source name, not
    a time ("Trump over the weekend denied …")."""
    timed = any(c.dep_ == "pobj" and (c.ent_type_ in {"DATE", "TIME"} or c.lemma_.lower() in lex.time_heads)
                for c in prep.children)
    return prep.lower_ in lex.source_preps and prep.head.lower_ not in lex.said_forms and not timed


def mention_for(head: Token, lex: Lexicon) -> Span:
    """The mention span of a source whose syntactic head is ``head``."""
    doc = head.doc
    if head.ent_type_ in _ENTITY_LABELS and head.ent_type_ != "NORP":
        ent = entity_of(head)
        if ent is not None:
            start = ent.start
            if start > 0 and doc[start - 1].lower_.rstrip(".") in lex.honorifics:
                start -= 1
            poss = next((c for c in head.children if c.dep_ == "poss" and c.i < start), None)
            if poss is not None and ent.label_ != "PERSON":
                start = poss.left_edge.i  # "Turkey's defense ministry", not "defense ministry"
            if ent.label_ == "PERSON" or head.pos_ == "PROPN":
                return doc[start : ent.end]
    for child in head.children:
        if child.dep_ in {"appos", "compound"} and child.ent_type_ == "PERSON" and head.pos_ == "NOUN" \
                and (child.dep_ == "appos" or head.lemma_.lower() in lex.role_nouns):
            ent = entity_of(child)
            if ent is not None:
                return ent
        if child.dep_ == "appos" and child.ent_type_ == "ORG" and head.pos_ == "NOUN" and head.ent_type_ == "" \
                and head.lemma_.lower() not in lex.role_nouns:
            ent = entity_of(child)  # "the medical news site HealthWire"
            if ent is not None:
                return ent
    return np_span(head, lex)


def entity_of(tok: Token) -> Span | None:
    """The named entity a token is part of, read off its IOB tags (``doc.ents`` would rebuild every
    entity of the doc at each call)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def strip_span(span: Span, lex: Lexicon) -> Span:
    """A span without the punctuation around it, a focus adverb before it ("Even China"), nor a
    time after it ("Trump over the weekend")."""
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    if len(span) > 1 and (span[-1].ent_type_ in {"DATE", "TIME"} or span[-1].lemma_.lower() in lex.time_heads):
        while len(span) > 1 and (span[-1].ent_type_ in {"DATE", "TIME"} or span[-1].pos_ in {"ADP", "DET"}
                                 or span[-1].lemma_.lower() in lex.time_heads):
            span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space or span[0].pos_ == "ADV" and span[0].dep_ == "advmod"
                             and span[0].lower_ in lex.focus_adverbs):
        span = span[1:]
    return span
