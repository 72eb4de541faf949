"""Cues: the words that attribute (a reporting verb, "according to", "citing", a cue noun, "call
for", a label) and, for each, its source mention and its content (:mod:`.contents`)."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from claimgraph.ontology.vocab import QuoteKind

from ..lexicon import Lexicon
from ..records import Found, PassNotes
from .contents import adjacent_quote, complement, previous_sentence, skip_that, trim
from .mentions import mention_for
from .quotes import Quote
from .syntax import (
    cue_first,
    cue_text,
    end_char,
    has_own_subject,
    inside_quote,
    negated_act,
    rightmost_clause,
    source_like,
    subject_of,
    subtree_span,
    token_span,
    unspoken,
)


def cues_at(tok: Token, sent: Span, lex: Lexicon, quotes: list[Quote], qs: list[int]) -> Iterator[Found]:
    lemma = tok.lemma_.lower()
    if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
        yield from _according_to(tok, sent, lex)
    elif lemma in lex.citing_verbs and tok.pos_ == "VERB":
        yield from _citing(tok, sent, lex)
    elif lemma in lex.cue_nouns and tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_ in lex.light_verbs:
        yield from _cue_noun(tok, lex)
    elif lemma == "call" and tok.pos_ == "VERB" and any(c.lower_ == "for" for c in tok.children):
        yield from _call_for(tok, lex)
    elif lemma in lex.label_verbs and tok.pos_ == "VERB":
        yield from _labels(tok, lex)
    elif lemma in lex.reporting_verbs and tok.pos_ in {"VERB", "AUX"}:
        yield from _reporting_verb(tok, sent, lex, quotes, qs)
    elif lemma in lex.making_verbs and tok.pos_ == "VERB":
        yield from _made_clear(tok, lex)


def _according_to(tok: Token, sent: Span, lex: Lexicon) -> Iterator[Found]:
    to = next(c for c in tok.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() in lex.not_sources:
        return
    head = sent.root  # "according to X" scopes over its whole sentence, wherever it attaches
    skip = {t.i for t in tok.subtree}
    clause = [t for t in head.subtree if t.i not in skip] if head is not tok else []
    if not clause:
        return
    left = [t for t in clause if t.i < tok.i]
    right = [t for t in clause if t.i > to.right_edge.i]
    side = left if len(left) >= len(right) else right  # the content is one side of the phrase
    if not side:
        return
    yield Found("according to", "according", tok.idx, to.idx + len(to), side[0].idx,
                side[-1].idx + len(side[-1]), mention=mention_for(pobj, lex))


def _citing(tok: Token, sent: Span, lex: Lexicon) -> Iterator[Found]:
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return
    clause_child = next((c for c in obj.children if c.dep_ in {"acl", "relcl", "ccomp"} and has_own_subject(c, lex)), None)
    own = next((c for c in tok.children if c.dep_ == "ccomp" and has_own_subject(c, lex)), None)
    if source_like(obj, lex) and own is not None:
        # "Reuters reported, citing a source, that …": the parser hangs the clause on "citing";
        # both the report and the cited source say it.
        head = _governing_cue(tok, sent, lex)
        span = subtree_span(own)
        start = skip_that(sent.doc.text, span.start_char)
        span = sent.doc.char_span(start, span.end_char, alignment_mode="expand") or span
        yield Found("citing", "cite", tok.idx, end_char(tok), span.start_char, span.end_char, mention=mention_for(obj, lex),
                    notes=PassNotes(citing_head=head.i if head is not None else -1, phrase_end=end_char(tok.right_edge)))
        subject = subject_of(head, lex) if head is not None else None
        if head is not None and subject is not None and not any(c.dep_ == "ccomp" for c in head.children):
            outer = Found(head.text, head.lemma_.lower(), head.idx, end_char(head), span.start_char, span.end_char,
                          mention=mention_for(subject, lex))
            outer.cue_i = head.i
            yield outer
        return
    if source_like(obj, lex) and (clause_child is None or clause_child.dep_ == "relcl"):
        # "The FT reports, citing officials, that …": the cited source shares the report's content.
        head = _governing_cue(tok, sent, lex)
        skip = {t.i for t in tok.subtree}
        clause = [t for t in (head or sent.root).subtree if t.i not in skip and not t.is_punct]
        yield Found("citing", "cite", tok.idx, end_char(tok),
                    clause[0].idx if clause else tok.idx, end_char(clause[-1]) if clause else tok.idx,
                    mention=mention_for(obj, lex),
                    notes=PassNotes(citing_head=head.i if head is not None else -1, phrase_end=end_char(tok.right_edge)))
        return
    # "refused to disclose it, citing fears such information could …": a reason, said by the subject.
    subject = subject_of(tok.head, lex) if tok.head is not tok else None
    if clause_child is not None and subject is not None:
        span = subtree_span(clause_child)
        yield Found(f"citing {obj.text}", "cite", tok.idx, end_char(obj), span.start_char, span.end_char,
                    mention=mention_for(subject, lex))


def _governing_cue(tok: Token, sent: Span, lex: Lexicon) -> Token | None:
    """The reporting verb a "citing X" phrase belongs to: an ancestor, else the nearest in the sentence
    (the parser often hangs the participle on a comma or a noun)."""
    for anc in tok.ancestors:
        if anc.lemma_.lower() in lex.reporting_verbs and anc.pos_ in {"VERB", "AUX"}:
            return anc
    verbs = [t for t in sent if t.lemma_.lower() in lex.reporting_verbs and t.pos_ == "VERB" and t is not tok]
    return min(verbs, key=lambda t: abs(t.i - tok.i)) if verbs else None


def _cue_noun(tok: Token, lex: Lexicon) -> Iterator[Found]:
    verb = tok.head
    subject = subject_of(verb, lex)
    if subject is None:
        return
    content: Span | None = None
    for holder in (tok, verb):
        for child in holder.children:
            if child.dep_ in {"acl", "ccomp", "relcl"} and holder is tok:
                content = subtree_span(child)
            elif child.dep_ == "prep" and child.lower_ in lex.warn_preps | {"that"} and child.i > tok.i:
                content = token_span(child, rightmost_clause(verb, child))
            if content is not None:
                break
        if content is not None:
            break
    if content is None:
        return
    yield Found(f"{verb.text} {tok.doc[tok.left_edge.i:tok.i + 1].text}", tok.lemma_.lower(), verb.idx,
                end_char(tok), content.start_char, content.end_char, mention=mention_for(subject, lex))


def _call_for(tok: Token, lex: Lexicon) -> Iterator[Found]:
    prep = next(c for c in tok.children if c.lower_ == "for")
    subject = subject_of(tok, lex, follow_report=False)
    pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
    if subject is None or pobj is None or negated_act(tok):
        return
    span = subtree_span(pobj)
    yield Found(cue_text(tok, extra=[prep]), "call", cue_first(tok).idx, end_char(prep), span.start_char,
                span.end_char, mention=mention_for(subject, lex))


def _labels(tok: Token, lex: Lexicon) -> Iterator[Found]:
    """"called the reports “baseless”", "described the response as pathetic": a verdict on something."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    after = obj.i if obj is not None else tok.i
    verdict = next((c for c in tok.children if c.dep_ in {"oprd", "ccomp", "xcomp"} and c.i > after), None)
    if verdict is None:
        verdict = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if verdict is None and obj is not None:  # the parser hangs a quoted verdict on the noun
        verdict = next((c for c in obj.children if c.i > obj.i and (c.dep_ == "amod" or c.lower_ == "as")), None)
    subject = subject_of(tok, lex)
    if obj is None or verdict is None or subject is None or negated_act(tok) \
            or obj.pos_ == "PRON" and obj.lower_ not in lex.label_pronouns:
        return
    end = verdict.right_edge
    doc = tok.doc
    while end.i + 1 < len(doc) and doc[end.i + 1].text in {"”", '"', "’"}:
        end = doc[end.i + 1]
    yield Found(cue_text(tok), tok.lemma_.lower(), cue_first(tok).idx, end_char(tok), obj.left_edge.idx, end_char(end),
                mention=mention_for(subject, lex))


def _made_clear(tok: Token, lex: Lexicon) -> Iterator[Found]:
    """"made it (loud and) clear that …", "made plain that …": the that-clause is what is said."""
    near = [c for c in tok.children if c.dep_ in {"ccomp", "oprd", "acomp", "xcomp", "dobj"}]
    near += [g for c in near for g in c.children if g.dep_ == "conj"]
    word = next((c for c in near if c.lower_ in lex.made_known_words), None)
    if word is None or negated_act(tok):
        return
    clause = next((t for t in tok.subtree if t.i > word.i and t.dep_ in {"ccomp", "advcl"}
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children)), None)
    subject = subject_of(tok, lex)
    if clause is None or subject is None or subject.lower_ in lex.non_subjects:
        return
    span = subtree_span(clause)
    text = tok.doc.text
    start, end = trim(text, skip_that(text, span.start_char), span.end_char)
    yield Found(text[tok.idx:end_char(word)], tok.lemma_.lower(), tok.idx, end_char(word), start, end,
                mention=mention_for(subject, lex))


def _reporting_verb(tok: Token, sent: Span, lex: Lexicon, quotes: list[Quote], qs: list[int]) -> Iterator[Found]:
    lemma = tok.lemma_.lower()
    if unspoken(tok, lex):
        return
    if lemma == "continue" and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in {":", "“", '"'}):
        return  # "continue" reports speech only as "He continued: “…”"
    if any(c.dep_ == "auxpass" for c in tok.children) and not any(
            c.dep_ == "agent" and any(g.dep_ == "pobj" for g in c.children) for c in tok.children):
        # "is said to …" is a hedge (see hedge_attributions); "was told" names the addressee —
        # unless the teller is named: "she was told by aides that …" is the aides speaking
        return
    if tok.dep_ in {"amod", "compound"}:
        return
    subject = subject_of(tok, lex)
    if subject is None or subject.lower_ in lex.non_subjects:
        return
    if lemma in lex.thing_subject_verbs and not source_like(subject, lex):
        return  # "the data show", "such information could reveal": not a speaker
    in_quote = inside_quote(tok.idx, quotes, qs)
    if not in_quote and sent.text.rstrip().endswith("?") and not any(c.dep_ == "ccomp" for c in tok.children):
        return  # "Why is the U.S. warning China?"

    content, extra_cue = complement(tok, lex)
    adjacent = False
    if content is None and not in_quote:
        content = adjacent_quote(tok, sent, quotes, qs)
        adjacent = content is not None
    if content is None and not in_quote and lemma in lex.outlet_verbs and lemma != "say":
        content = previous_sentence(sent)
    if content is None:
        return
    start, end = content
    if subject.idx >= start and end_char(subject) <= end:
        return  # the "subject" sits inside the content: a misparse
    first = cue_first(tok)
    cue_end = max([end_char(tok)] + [end_char(t) for t in extra_cue])
    yield Found(cue_text(tok, extra=extra_cue), lemma, first.idx, cue_end, start, end,
                mention=mention_for(subject, lex), type=QuoteKind.DIRECT if adjacent else QuoteKind.INDIRECT)


