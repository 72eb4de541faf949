"""Attribution rules over a parsed ``Doc``: cues, sources, contents, nesting and stance.

The rules follow the cue → source → content decomposition of BBC citron and PARC-style
annotation (Pareti 2016): a reporting verb (or "according to", "citing", a cue noun, a hedge
such as "reportedly") is found first, then its source from the dependency parse, then its content
(a complement clause, a noun-phrase object, an adjacent quotation, or the previous sentence for
"… , the FT reports."). Quotations are found by character scanning (:mod:`.quotes`) so that
quotes over several sentences or paragraphs, and unbalanced marks, are handled. Offsets here are
character offsets into ``doc.text``.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon, SourceKind, Stance
from .modes import Mode, mode_of
from .quotes import Quote, find_quotes
from .records import Source
from .sources import SourceResolver, mention_for
from .stance import Certainty, classify

_CLAUSE_DEPS = {"ccomp"}
# Verbs that also take things as subjects ("the data show", "the documents reveal"): with these the
# subject must be able to speak.
_THING_SUBJECT_VERBS = frozenset(
    "reveal show indicate suggest confirm note explain mention describe highlight underline underscore "
    "stress emphasize emphasise continue conclude predict estimate specify publish".split()
)
# Objects of "deny"/"reject" that make it a refusal, not a rejected proposition ("denied bail").
_REFUSED_THINGS = frozenset(
    "bail entry access permission request application visa appeal motion service parole asylum admission".split()
)
# Things one acts "according to" that are not sources ("according to plan").
NOT_SOURCES = frozenset("plan plans schedule rule rules tradition custom legend design protocol instruction "
                         "instructions script law".split())
_LABEL_VERBS = frozenset({"call", "describe", "label", "brand", "dub", "term"})
_LIGHT_VERBS = {"issue", "give", "make", "send", "release", "deliver", "sound", "publish"}
_WARN_PREPS = {"of", "against", "about"}
_OBJECT_PREPS = {"of", "for", "against", "about", "on", "over", "to", "in"}
_MEDIUM_PREPS = {"on", "in", "to"}
_REL_PRONOUNS = {"who", "that", "which"}
_CONDITION_MARKS = {"if", "unless", "although", "though", "because", "while", "whereas", "since"}
_TRIM_LEFT = " \t\n,;:–—-"
_TRIM_RIGHT = " \t\n,;:–—-."


@dataclass(slots=True)
class Found:
    """One attribution found in a doc, offsets into ``doc.text``; the source resolved later."""

    cue: str
    cue_lemma: str
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    mention: Span | None = None
    implicit: tuple[str, SourceKind] | None = None
    cue_hedged: bool = False
    continues_quote: bool = False  # no cue of its own: the previous quoted speaker goes on
    kind: Literal["direct", "indirect", "mixed"] = "indirect"
    source: Source | None = None
    stance: Stance = "asserts"
    certainty: Certainty = "certain"
    parent: int | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    cue_i: int = -1  # token index of the cue word
    mode: Mode = "statement"
    negated: bool = False  # the content's main predicate is negated on the surface
    # The content's pieces ("“X,” he said, “Y.”" has two), in text order; empty: one piece.
    pieces: tuple[tuple[int, int], ...] = ()
    source_span: tuple[int, int] | None = None  # the whole source as written, when wider than ``mention``
    confidence: float = 1.0  # how sure the extractor is (the model's cue probability; rules: 1)
    extra: dict[str, object] = field(default_factory=dict)

    def spans(self) -> tuple[tuple[int, int], ...]:
        """The content's pieces, at least one."""
        return self.pieces or ((self.content_start, self.content_end),)

    def as_data(self) -> dict[str, object]:
        """Plain values only (no spaCy objects), so docs can cross process boundaries with
        ``nlp.pipe(n_process=…)``, which serializes ``doc._`` with msgpack."""
        src = self.source
        return {
            "cue": self.cue, "cue_start": self.cue_start, "cue_end": self.cue_end,
            "content_start": self.content_start, "content_end": self.content_end, "kind": self.kind,
            "stance": self.stance, "certainty": self.certainty, "parent": self.parent,
            "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
            "source": None if src is None else [src.text, src.name, src.kind, src.start, src.end, src.sieve,
                                                src.author, src.author_kind],
            "mode": self.mode, "negated": self.negated,
            "pieces": [list(p) for p in self.pieces] or [[self.content_start, self.content_end]],
        }


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
            for cand in _at_token(tok, sent, lex, quotes, quote_starts):
                cand.sentence_start, cand.sentence_end = sent.start_char, sent.end_char
                cand.cue_i = tok.i if cand.cue_i < 0 else cand.cue_i
                found.append(cand)
    _share_cited_content(found, text)
    found = [_shape_content(f, text, quotes) for f in found]
    found = [f for f in found if f.content_end > f.content_start]
    found.extend(_hedge_attributions(doc, lex, found))
    found.extend(_continued_quotes(doc, quotes, found))
    found.extend(_speaker_turns(doc, text, lex, found))
    return _dedupe(found)


def finish(doc: Doc, lex: Lexicon, found: list[Found], *, text: str | None = None) -> list[Found]:
    """Order candidates, resolve their sources, nest them and read their stance and mode —
    the same for every extractor (rules, model or both). ``text``: ``doc.text`` when the caller
    has read it already (spaCy rebuilds it at every access)."""
    found = sorted(found, key=lambda f: _order(doc, f))
    _resolve_sources(doc, lex, found, doc.text if text is None else text)
    _nest(found)
    for f in found:
        first = f.spans()[0]  # a split quote's first piece carries its predicate, not the cue between
        span = doc.char_span(first[0], first[1], alignment_mode="expand")
        if span is None or not len(span):
            continue
        reading = classify(f.cue_lemma, f.cue_hedged, span, lex, answering=_answering(doc, f, lex))
        f.stance, f.certainty, f.negated = reading.stance, reading.certainty, reading.negated
        f.mode = mode_of(f, doc, lex)
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
    by_cue = {f.cue_i: f for f in found if "citing_head" not in f.extra}
    for f in found:
        head = f.extra.get("citing_head")
        outer = by_cue.get(head) if isinstance(head, int) else None
        if outer is None:
            continue
        end = f.extra.pop("phrase_end", None)
        if isinstance(end, int) and outer.content_start <= f.cue_start < outer.content_end and end < outer.content_end:
            # "reported, citing people familiar with the matter, that …": the citation is not content
            outer.content_start = skip_that(text, end)
        f.content_start, f.content_end = outer.content_start, outer.content_end


def _order(doc: Doc, f: Found) -> tuple[int, int, int]:
    """Text order by cue; a cited source comes right after the report that cites it."""
    if f.continues_quote:
        return f.content_start, 0, f.content_start
    head = f.extra.get("citing_head")
    if isinstance(head, int) and head >= 0:
        return doc[head].idx, 1, f.content_start
    return f.cue_start, 0, f.content_start


# -- cues -------------------------------------------------------------------------------------
def _at_token(tok: Token, sent: Span, lex: Lexicon, quotes: list[Quote], qs: list[int]) -> Iterator[Found]:
    lemma = tok.lemma_.lower()
    if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
        yield from _according_to(tok, sent)
    elif lemma in lex.citing_verbs and tok.pos_ == "VERB":
        yield from _citing(tok, sent, lex)
    elif lemma in lex.cue_nouns and tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_ in _LIGHT_VERBS:
        yield from _cue_noun(tok, lex)
    elif lemma == "call" and tok.pos_ == "VERB" and any(c.lower_ == "for" for c in tok.children):
        yield from _call_for(tok)
    elif lemma in _LABEL_VERBS and tok.pos_ == "VERB":
        yield from _labels(tok, lex)
    elif lemma in lex.reporting_verbs and tok.pos_ in {"VERB", "AUX"}:
        yield from _reporting_verb(tok, sent, lex, quotes, qs)


def _according_to(tok: Token, sent: Span) -> Iterator[Found]:
    to = next(c for c in tok.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() in NOT_SOURCES:
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
                side[-1].idx + len(side[-1]), mention=mention_for(pobj))


def _citing(tok: Token, sent: Span, lex: Lexicon) -> Iterator[Found]:
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return
    clause_child = next((c for c in obj.children if c.dep_ in {"acl", "relcl", "ccomp"} and _has_own_subject(c)), None)
    own = next((c for c in tok.children if c.dep_ == "ccomp" and _has_own_subject(c)), None)
    if _source_like(obj, lex) and own is not None:
        # "Reuters reported, citing a source, that …": the parser hangs the clause on "citing";
        # both the report and the cited source say it.
        head = _governing_cue(tok, sent, lex)
        span = _subtree(own)
        start = skip_that(sent.doc.text, span.start_char)
        span = sent.doc.char_span(start, span.end_char, alignment_mode="expand") or span
        yield Found("citing", "cite", tok.idx, _end(tok), span.start_char, span.end_char, mention=mention_for(obj),
                    extra={"citing_head": head.i if head is not None else -1, "phrase_end": _end(tok.right_edge)})
        subject = _subject(head, lex) if head is not None else None
        if head is not None and subject is not None and not any(c.dep_ == "ccomp" for c in head.children):
            outer = Found(head.text, head.lemma_.lower(), head.idx, _end(head), span.start_char, span.end_char,
                          mention=mention_for(subject))
            outer.cue_i = head.i
            yield outer
        return
    if _source_like(obj, lex) and (clause_child is None or clause_child.dep_ == "relcl"):
        # "The FT reports, citing officials, that …": the cited source shares the report's content.
        head = _governing_cue(tok, sent, lex)
        skip = {t.i for t in tok.subtree}
        clause = [t for t in (head or sent.root).subtree if t.i not in skip and not t.is_punct]
        yield Found("citing", "cite", tok.idx, _end(tok),
                    clause[0].idx if clause else tok.idx, _end(clause[-1]) if clause else tok.idx,
                    mention=mention_for(obj), extra={"citing_head": head.i if head is not None else -1,
                                                     "phrase_end": _end(tok.right_edge)})
        return
    # "refused to disclose it, citing fears such information could …": a reason, said by the subject.
    subject = _subject(tok.head, lex) if tok.head is not tok else None
    if clause_child is not None and subject is not None:
        span = _subtree(clause_child)
        yield Found(f"citing {obj.text}", "cite", tok.idx, _end(obj), span.start_char, span.end_char,
                    mention=mention_for(subject))


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
    subject = _subject(verb, lex)
    if subject is None:
        return
    content: Span | None = None
    for holder in (tok, verb):
        for child in holder.children:
            if child.dep_ in {"acl", "ccomp", "relcl"} and holder is tok:
                content = _subtree(child)
            elif child.dep_ == "prep" and child.lower_ in _WARN_PREPS | {"that"} and child.i > tok.i:
                content = _span(child, _rightmost_clause(verb, child))
            if content is not None:
                break
        if content is not None:
            break
    if content is None:
        return
    yield Found(f"{verb.text} {tok.doc[tok.left_edge.i:tok.i + 1].text}", tok.lemma_.lower(), verb.idx,
                _end(tok), content.start_char, content.end_char, mention=mention_for(subject))


def _call_for(tok: Token) -> Iterator[Found]:
    prep = next(c for c in tok.children if c.lower_ == "for")
    subject = _subject(tok, lex=None)
    pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
    if subject is None or pobj is None or negated_act(tok):
        return
    span = _subtree(pobj)
    yield Found(_cue_text(tok, extra=[prep]), "call", _cue_first(tok).idx, _end(prep), span.start_char,
                span.end_char, mention=mention_for(subject))


def _labels(tok: Token, lex: Lexicon) -> Iterator[Found]:
    """"called the reports “baseless”", "described the response as pathetic": a verdict on something."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    verdict = next((c for c in tok.children if c.dep_ in {"oprd", "ccomp", "xcomp"} and c.i > (obj.i if obj is not None else tok.i)), None)
    if verdict is None:
        verdict = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if verdict is None and obj is not None:  # the parser hangs a quoted verdict on the noun
        verdict = next((c for c in obj.children if c.i > obj.i and (c.dep_ == "amod" or c.lower_ == "as")), None)
    subject = _subject(tok, lex)
    if obj is None or verdict is None or subject is None or negated_act(tok) or obj.pos_ == "PRON" and obj.lower_ not in {"it", "them"}:
        return
    end = verdict.right_edge
    doc = tok.doc
    while end.i + 1 < len(doc) and doc[end.i + 1].text in {"”", '"', "’"}:
        end = doc[end.i + 1]
    yield Found(_cue_text(tok), tok.lemma_.lower(), _cue_first(tok).idx, _end(tok), obj.left_edge.idx, _end(end),
                mention=mention_for(subject))


def _reporting_verb(tok: Token, sent: Span, lex: Lexicon, quotes: list[Quote], qs: list[int]) -> Iterator[Found]:
    lemma = tok.lemma_.lower()
    if unspoken(tok, lex):
        return
    if lemma == "continue" and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in {":", "“", '"'}):
        return  # "continue" reports speech only as "He continued: “…”"
    if any(c.dep_ == "auxpass" for c in tok.children) and not any(
            c.dep_ == "agent" and any(g.dep_ == "pobj" for g in c.children) for c in tok.children):
        # "is said to …" is a hedge (see _hedge_attributions); "was told" names the addressee —
        # unless the teller is named: "she was told by aides that …" is the aides speaking
        return
    if tok.dep_ in {"amod", "compound"}:
        return
    subject = _subject(tok, lex)
    if subject is None or subject.lower_ in {"there", "what", "which"}:
        return
    if lemma in _THING_SUBJECT_VERBS and not _source_like(subject, lex):
        return  # "the data show", "such information could reveal": not a speaker
    in_quote = _inside_quote(tok.idx, quotes, qs)
    if not in_quote and sent.text.rstrip().endswith("?") and not any(c.dep_ == "ccomp" for c in tok.children):
        return  # "Why is the U.S. warning China?"

    content, extra_cue = _complement(tok, lex)
    adjacent = False
    if content is None and not in_quote:
        content = _adjacent_quote(tok, sent, quotes, qs)
        adjacent = content is not None
    if content is None and not in_quote and lemma in lex.outlet_verbs and lemma != "say":
        content = _previous_sentence(sent)
    if content is None:
        return
    start, end = content
    if subject.idx >= start and _end(subject) <= end:
        return  # the "subject" sits inside the content: a misparse
    first = _cue_first(tok)
    cue_end = max([_end(tok)] + [_end(t) for t in extra_cue])
    yield Found(_cue_text(tok, extra=extra_cue), lemma, first.idx, cue_end, start, end,
                mention=mention_for(subject), kind="direct" if adjacent else "indirect")


def _complement(tok: Token, lex: Lexicon) -> tuple[tuple[int, int] | None, list[Token]]:
    """The content of a reporting verb from the parse, and extra cue words ("told CNN")."""
    lemma = tok.lemma_.lower()
    extra: list[Token] = [c for c in tok.children if c.dep_ == "prt"]
    clauses = [c for c in tok.children if c.dep_ in _CLAUSE_DEPS]
    objs = [c for c in tok.children if c.dep_ in {"dobj", "xcomp"} and c.pos_ != "PRON"]
    if lemma in lex.np_object_verbs and objs and objs[0].i > tok.i and all(c.i < tok.i for c in clauses):
        clauses = []  # "– he and Xi pledged support": the object, not the clause before the dash
    if lemma in lex.addressee_verbs and not clauses:
        # "told outlets that China has offered …" misparsed as a relative clause on the addressee
        for obj in (c for c in tok.children if c.dep_ in {"dobj", "dative"}):
            rel = next((c for c in obj.children if c.dep_ == "relcl" and _has_own_subject(c)), None)
            if rel is not None:
                extra.append(obj)
                span = _subtree(rel)
                if span[0].lower_ == "that":
                    span = span[1:]
                return (span.start_char, span.end_char), extra
    if lemma in lex.addressee_verbs:
        extra += [c for c in tok.children if c.dep_ in {"dative", "dobj"} and clauses and c.i < clauses[0].i]
        extra += [t for c in extra if c.dep_ == "dative" for t in c.subtree]
    if clauses:
        main = clauses[-1] if all(c.i > tok.i for c in clauses) else clauses[0]
        lo, hi = main.left_edge.i, _clause_end(main, lex)
        for c in tok.children:  # "…, and China's goal is …": a clause coordinated with the content;
            # "… if it helped Moscow": a condition the parser hung on the verb
            if c.i > hi and main.i > tok.i and (_continues_content(c, lex) or _is_condition(c)):
                hi = c.right_edge.i
        span = tok.doc[lo : hi + 1]
        return _trim_mark(span), _cue_preps(tok, span, extra)
    if lex.reporting_verbs.get(lemma) == "warns" or lemma == "express":
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in _WARN_PREPS), None)
        if prep is not None and (lemma != "express" or not any(c.dep_ == "dobj" for c in tok.children)):
            pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
            if pobj is not None:  # "warned of a spiral", "warns China against helping Russia"
                addressee = [c for c in tok.children if c.dep_ == "dobj" and c.i < prep.i]
                if prep.lower_ == "against":
                    return (prep.idx, _object_span(pobj)[1]), extra + addressee
                return _object_span(pobj), extra + [prep] + addressee
    if lemma in lex.np_object_verbs and objs and _source_like(_subject(tok, lex) or tok, lex) \
            and objs[0].lemma_.lower() not in _REFUSED_THINGS:
        obj = objs[0]  # "claimed neutrality" (not "the floods claimed 39 lives", "denied bail")
        hi = obj.right_edge.i
        for c in tok.children:  # "accused the US of spreading …", "urged China to do more"
            if c.i > hi and ((c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS) or c.dep_ in {"xcomp", "ccomp"}):
                hi = c.right_edge.i
        span = tok.doc[obj.left_edge.i : hi + 1]
        return (span.start_char, span.end_char), extra
    if tok.dep_ == "parataxis" and tok.head.pos_ in {"VERB", "AUX"} and lemma not in _THING_SUBJECT_VERBS:
        head = tok.head
        skip = {t.i for t in tok.subtree}
        rest = [t for t in head.subtree if t.i not in skip]
        if rest:
            return (rest[0].idx, _end(rest[-1])), extra
    return None, extra


def _clause_end(clause: Token, lex: Lexicon) -> int:
    """Right edge of a content clause, stopping before a coordinated speech act ("… and added: …")."""
    hi = clause.right_edge.i
    for c in clause.children:
        if c.dep_ == "conj" and c.lemma_.lower() in lex.reporting_verbs and c.lemma_.lower() not in _THING_SUBJECT_VERBS \
                and c.i > clause.i:
            cut = min(t.i for t in c.subtree)
            while cut > clause.i and clause.doc[cut - 1].dep_ in {"cc", "punct"}:
                cut -= 1
            hi = min(hi, cut - 1)
    return hi


def _continues_content(c: Token, lex: Lexicon) -> bool:
    return (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and c.lemma_.lower() not in lex.reporting_verbs
            and _has_own_subject(c))


def _is_condition(c: Token) -> bool:
    return c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)


def _has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} and c.lower_ not in _REL_PRONOUNS for c in verb.children)


def _object_span(obj: Token) -> tuple[int, int]:
    """A prepositional object without trailing adjuncts: "warned of “a spiral” in a column"."""
    hi = obj.i
    for c in obj.children:
        if c.i > obj.i and (c.dep_ in {"relcl", "acl"} or (c.dep_ == "prep" and c.lower_ == "of") or c.is_punct):
            hi = max(hi, c.right_edge.i)
    doc = obj.doc
    while hi + 1 < len(doc) and doc[hi + 1].text in {"”", '"', "’"}:
        hi += 1
    return doc[obj.left_edge.i].idx, _end(doc[hi])


def _cue_preps(tok: Token, content: Span, extra: list[Token]) -> list[Token]:
    """Keep "on Twitter" / "in a speech" between the verb and its content as part of the cue."""
    out = list(extra)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _MEDIUM_PREPS and tok.i < c.i < content.start and c.right_edge.i - c.i <= 3:
            out.extend(c.subtree)
    return out


def _adjacent_quote(tok: Token, sent: Span, quotes: list[Quote], qs: list[int]) -> tuple[int, int] | None:
    """A quotation right after the cue ("said: “…”") or right before it ("“…,” she said")."""
    text = tok.doc.text
    k = bisect.bisect_left(qs, _end(tok))
    if k < len(quotes):
        q = quotes[k]
        gap = text[_end(tok) : q.start]
        if q.start < sent.end_char + 2 and (":" in gap or len(gap.split()) <= 3) and "\n\n" not in gap:
            return q.inner_start, q.inner_end
        if sent.text.rstrip().endswith(":") and not gap.strip(" \n:"):
            return q.inner_start, q.inner_end
    k = bisect.bisect_right(qs, tok.idx) - 1
    if k >= 0:
        q = quotes[k]
        if q.end <= tok.idx and q.end >= sent.start_char:
            between = tok.doc.char_span(q.end, tok.idx, alignment_mode="contract")
            if between is not None and not any(t.pos_ in {"VERB"} for t in between):
                return q.inner_start, q.inner_end
    return None


def _previous_sentence(sent: Span) -> tuple[int, int] | None:
    """"… . The Financial Times reports." points back to the sentence before."""
    if any(t.dep_ in {"ccomp", "dobj"} for t in sent.root.children):
        return None
    if sent.start == 0:
        return None
    prev = sent.doc[sent.start - 1].sent
    span = prev
    while span.start > 0 and not span.text.strip():
        span = sent.doc[span.start - 1].sent
    if not span.text.strip():
        return None
    start = span.start_char
    colon = span.text.find(": ")
    if 0 < colon < len(span.text) // 2:  # "The United States is alarmed: the regime is said to …"
        start += colon + 2
    return start, span.end_char


# -- hedges and continued quotes ------------------------------------------------------------
def _hedge_attributions(doc: Doc, lex: Lexicon, found: list[Found]) -> list[Found]:
    """"reportedly", "allegedly", "is said to": attributions with an implicit source.

    When the hedge modifies a cue ("officials have reportedly revealed"), it becomes the outer
    attribution and the cue's attribution is nested in it. Elsewhere it stands alone unless its
    clause is already the content of an explicit attribution.
    """
    out: list[Found] = []
    by_cue = {f.cue_end: i for i, f in enumerate(found)}
    for tok in doc:
        low = tok.lower_
        verb: Token | None = None
        implicit: tuple[str, SourceKind]
        if low in {"reportedly", "allegedly", "purportedly"} and tok.dep_ == "advmod":
            verb, cue, implicit = tok.head, tok.text, ("unnamed media reports", "outlet")
            cue_start, cue_end = tok.idx, _end(tok)
        elif tok.lemma_ in lex.hedge_passives and \
                any(c.dep_ == "auxpass" for c in tok.children) and any(c.dep_ == "xcomp" for c in tok.children):
            verb = tok
            aux = [c for c in tok.children if c.dep_ == "auxpass"]
            to = next((t for t in tok.doc[tok.i + 1 : tok.i + 3] if t.lower_ == "to"), tok)
            cue_start, cue_end = aux[0].idx, _end(to)
            cue, implicit = doc.text[cue_start:cue_end], ("unspecified (implicit)", "anonymous")
        if verb is None:
            continue
        span = _subtree(verb)
        inner = by_cue.get(_end(verb))
        if inner is None and any(_overlap(span.start_char, span.end_char, f.content_start, f.content_end) > 0.5 for f in found):
            continue
        cs, ce = trim(doc.text, span.start_char, span.end_char)
        f = Found(cue, low, cue_start, cue_end, cs, ce, implicit=implicit,
                  cue_hedged=True, sentence_start=verb.sent.start_char, sentence_end=verb.sent.end_char)
        out.append(f)
        if inner is not None:
            found[inner].extra["hedged_by"] = f
    return out


def _continued_quotes(doc: Doc, quotes: list[Quote], found: list[Found]) -> list[Found]:
    """Quotations with no cue of their own that go on from the previous quoted speaker.

    The second half of a quote split by its cue in one sentence ("“A,” said X, “and B.”") becomes
    the second piece of that attribution; a quotation that opens a new sentence is an attribution
    of its own (another proposition), credited to the same speaker.
    """
    out: list[Found] = []
    text = doc.text
    covered = [(f.content_start, f.content_end) for f in found]
    for q in quotes:
        if any(s <= q.inner_start < e or s < q.inner_end <= e for s, e in covered):
            continue
        sent = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
        if sent is None or not len(sent):
            continue
        sentence = sent[0].sent
        # Only a quote that is (nearly) a sentence of its own carries speech; "Z" on a tank does not.
        outside = text[sentence.start_char : q.start] + text[q.end : max(q.end, sentence.end_char)]
        split = _splits_quote(q, quotes, found, text)
        if not q.continues and split is None and outside.replace("\xa0", " ").strip(" \t\n.,;:"):
            continue
        if len(text[q.inner_start : q.inner_end].split()) < 3:
            continue
        s, e = trim(text, q.inner_start, q.inner_end)
        if split is not None and split.content_start >= sentence.start_char and not split.pieces:
            split.pieces = ((split.content_start, split.content_end), (s, e))
            split.content_end = e
            covered.append((s, e))
            continue
        f = Found("", "", s, s, s, e, continues_quote=True,
                  kind="direct", sentence_start=sentence.start_char, sentence_end=sentence.end_char)
        out.append(f)
    return out


def _splits_quote(q: Quote, quotes: list[Quote], found: list[Found], text: str) -> Found | None:
    """"“A,” said X, “and B.”": the quoted attribution whose cue splits it from ``q``, if any."""
    k = quotes.index(q)
    if k == 0:
        return None
    prev = quotes[k - 1]
    gap = text[prev.end : q.start]
    if "\n" in gap or len(gap.split()) > 12:
        return None
    return next((f for f in found if f.content_start >= prev.inner_start and f.content_end <= prev.inner_end
                 and f.kind == "direct" and prev.end <= f.cue_start < q.start), None)


# -- content shape ----------------------------------------------------------------------------
def _shape_content(f: Found, text: str, quotes: list[Quote]) -> Found:
    """Trim the content, widen it to whole quotations, and type it direct / indirect / mixed."""
    s, e = trim(text, f.content_start, f.content_end)
    for q in quotes:
        if q.end <= s or q.start >= e:
            continue
        cue_inside = q.start <= f.cue_start < q.end
        if q.inner_start <= s and e <= q.inner_end + 1 and not cue_inside:
            s, e = trim(text, q.inner_start, q.inner_end)  # content lies in one quote: take it all
            return replace(f, content_start=s, content_end=e, kind="direct")
        if s <= q.inner_start and q.inner_end <= e + 1 and not text[s:q.start].strip(_TRIM_LEFT + "“\"") \
                and not text[q.end:e].strip(_TRIM_RIGHT + "”\""):
            s, e = trim(text, q.inner_start, q.inner_end)
            return replace(f, content_start=s, content_end=e, kind="direct")
        if s < q.end <= e + 1 or s <= q.start < e:
            if q.start < e < q.end:
                e = q.end  # a partial quote cut by the parse: keep the whole quotation
            if not cue_inside:
                return replace(f, content_start=s, content_end=e, kind="mixed")
    return replace(f, content_start=s, content_end=e, kind="direct" if f.kind == "direct" else "indirect")


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM_LEFT:
        s += 1
    while e > s and text[e - 1] in _TRIM_RIGHT:
        e -= 1
    # Marks left dangling at either end (the quote itself is kept inside).
    while s < e and text[s] in "”\"’" and (text.count("“", s, e) < text.count("”", s, e) or text[s] == '"' and text.count('"', s, e) % 2):
        s += 1
    return s, e


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
                and "citing_head" not in f.extra and "citing_head" not in by_content[k].extra:
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
        turn = f.extra.pop("turn", None) or _TURN.match(text, f.content_start)
        if isinstance(turn, re.Match) and _is_speaker_label(turn.group("label"), lex):
            # "WALLACE: Let's start …" — a transcript's speaker turn: the label speaks, whoever
            # introduced the transcript; unlabelled quotes after it continue that turn.
            a, b = turn.span("label")
            f.source = resolver.speaker(turn.group("label"), a, b)
            f.cue, f.cue_start, f.cue_end = ":", b, b + 1
            f.content_start = turn.end()
            if f.pieces:
                f.pieces = ((turn.end(), f.pieces[0][1]), *f.pieces[1:])
            f.kind, f.continues_quote, f.mention, f.implicit = "direct", False, None, None
            last_quoted = f
            continue
        if f.continues_quote:
            if last_quoted is None or last_quoted.source is None:
                f.source = None
                continue
            f.source, f.cue, f.cue_lemma = last_quoted.source, last_quoted.cue, last_quoted.cue_lemma
            f.extra["continues"] = True
            resolver.same_as(f.source, f.content_start)
            last_quoted = f
            continue
        f.source = resolver.resolve(f.mention, f.cue_start, f.implicit, cue=f.cue_lemma)
        if f.source_span is not None and f.source.text is not None:
            # The source as written, whole ("Hemsley, the co-author of …"); resolved on its head.
            a, b = f.source_span
            f.source = replace(f.source, text=text[a:b], start=a, end=b)
        if f.kind in {"direct", "mixed"} and f.implicit is None:
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
            and f.source.kind in {"organization", "country", "outlet", "person"}]
    for f in found:
        src = f.source
        if src is None or f.cue_start >= first_break or src.sieve not in {"organization", "fallback"}:
            continue
        words = src.name.lower().split()
        if not words or len(words) > 2 or words[-1] not in generic:
            continue
        head = words[-1]
        for named in body:
            theirs = {w.lower() for w in named.name.split()} | {w.lower().rstrip("s") for w in named.name.split()}
            if head in theirs and named.name.lower() != src.name.lower() or \
                    head in {"company", "firm", "corporation"} and theirs & lex.company_suffixes:
                f.source = replace(named, text=src.text, start=src.start, end=src.end, sieve="headline")
                break


#: A transcript's speaker label at the start of a paragraph or quotation: "WALLACE: …", "MR. LEE: …".
_TURN = re.compile(r"[\"“‘']?(?P<label>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}):[ \t]+(?=\S)")
_NOT_SPEAKERS = frozenset({"UPDATE", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "WATCH", "READ", "RELATED",
                           "PHOTOS", "VIDEO", "AUDIO", "LIVE", "BREAKING", "ADVERTISEMENT", "SOURCE", "SOURCES", "TRANSCRIPT"})


def _speaker_turns(doc: Doc, text: str, lex: Lexicon, found: list[Found]) -> list[Found]:
    """A transcript's turns that no other rule found ("PENCE: She will not …" on a line of its
    own): the label is resolved with the sources; the content runs to the end of the line."""
    out = []
    for m in re.finditer(r"(?m)^[ \t]*(?=[\"“‘']?[A-Z])", text):
        turn = _TURN.match(text, m.end())
        if turn is None or not _is_speaker_label(turn.group("label"), lex):
            continue
        end = text.find("\n", turn.end())
        end = len(text) if end < 0 else end
        content = text[turn.end():end].rstrip().rstrip("\"”’'")
        if not content.strip() or any(f.content_start <= turn.end() < f.content_end or
                                      f.content_start <= m.end() < f.content_end for f in found):
            continue
        span = doc.char_span(turn.end(), turn.end() + len(content), alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        f = Found(":", "say", turn.end("label"), turn.end("label") + 1, turn.end(), turn.end() + len(content),
                  kind="direct", sentence_start=sent.start_char, sentence_end=min(end, max(sent.end_char, end)),
                  cue_i=span.start)
        f.extra["turn"] = turn
        out.append(f)
    return out


def _is_speaker_label(label: str, lex: Lexicon) -> bool:
    return len(label.replace(".", "")) >= 2 and label not in _NOT_SPEAKERS and label.lower() not in lex.countries


def _nest(found: list[Found]) -> None:
    """Link each attribution to the innermost one whose content holds its cue and content."""
    index = {id(f): i for i, f in enumerate(found)}
    for i, f in enumerate(found):
        hedge = f.extra.pop("hedged_by", None)
        if hedge is not None and id(hedge) in index:
            f.parent = index[id(hedge)]
            continue
        head = f.extra.pop("citing_head", None)
        best: int | None = None
        for j, g in enumerate(found):
            if j == i or g.continues_quote and f.continues_quote:
                continue
            if head is not None and g.content_start == f.content_start and g.content_end == f.content_end and j != i \
                    and "citing_head" not in g.extra and g.implicit is None:
                best = j
                break
            holds_cue = any(a <= f.cue_start and f.cue_end <= b + 1 for a, b in g.spans())
            holds_content = any(a <= f.content_start and f.content_end <= b + 1 for a, b in g.spans())
            if holds_cue and holds_content and (g.content_end - g.content_start) > (f.content_end - f.content_start):
                if best is None or (found[best].content_end - found[best].content_start) > (g.content_end - g.content_start):
                    best = j
        f.parent = best


# -- small helpers ----------------------------------------------------------------------------
def _subject(verb: Token, lex: Lexicon | None = None) -> Token | None:
    """The speaker of a verb: its subject, the noun a relative clause hangs on, or the subject
    of the verb it is coordinated with or subordinate to ("…, saying: …")."""
    if verb.dep_ == "conj" and lex is not None and not _has_own_subject(verb):
        # "He said China found X and added: …" — parsed as coordinated with "found": the
        # speaker is the one who said it, not China.
        head = verb.head
        while head.dep_ == "conj" and head.head is not head:
            head = head.head
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in lex.reporting_verbs:
            return _subject(head.head, lex)
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ == "conj" and verb.head is not verb:
        return _subject(verb.head, lex)
    if verb.dep_ in {"advcl", "xcomp", "pcomp", "conj"} and verb.tag_ == "VBG" and verb.head is not verb \
            and verb.head.lemma_ != "quote" and verb.head.dep_ != "prep":
        return _subject(verb.head, lex)
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


def _source_like(tok: Token, lex: Lexicon) -> bool:
    """Could this noun be a speaker? People, organisations, places, groups of officials, media."""
    words = {tok.lemma_.lower(), tok.lower_}
    heads = lex.anonymous_heads | lex.media_heads | lex.document_heads | lex.organization_heads | lex.role_nouns
    return (
        tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
        or bool(words & heads)
        or tok.pos_ == "PROPN"
        or (tok.pos_ == "PRON" and tok.lower_ not in {"it", "this", "that", "what", "which"})
    )


def _inside_quote(pos: int, quotes: list[Quote], qs: list[int]) -> bool:
    k = bisect.bisect_right(qs, pos) - 1
    return k >= 0 and quotes[k].start <= pos < quotes[k].end


def _cue_first(tok: Token) -> Token:
    aux = [c for c in tok.children if c.dep_ in {"aux", "auxpass"} and c.i < tok.i and c.lower_ != "to"]
    return aux[0] if aux else tok


def _cue_text(tok: Token, extra: Iterable[Token] = ()) -> str:
    """The cue as written: auxiliaries, the verb, its particle and addressee ("told CNN")."""
    toks = {tok.i: tok}
    for c in tok.children:
        if c.dep_ in {"aux", "auxpass"} and c.i < tok.i and c.lower_ != "to":
            toks[c.i] = c
    for t in extra:
        toks[t.i] = t
    ordered = [toks[i] for i in sorted(toks)]
    return " ".join(t.text for t in ordered)


def _trim_mark(span: Span) -> tuple[int, int]:
    """Drop a leading complementizer and a leading time adjunct: "(on Tuesday) (that) it had …"."""
    start = span.start
    doc = span.doc
    first = doc[start]
    if first.dep_ == "prep" and first.head.i >= span.start and any(t.ent_type_ in {"DATE", "TIME"} for t in first.subtree):
        after = first.right_edge.i + 1
        if after < span.end - 1:
            start = after
    while start < span.end and (doc[start].dep_ == "mark" and doc[start].lower_ == "that" or doc[start].is_punct):
        start += 1
    if start >= span.end:
        start = span.start
    return span.doc[start].idx, span.end_char


def _subtree(tok: Token) -> Span:
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1]


def _span(first: Token, last: Token) -> Span:
    return first.doc[first.left_edge.i : last.right_edge.i + 1]


def _rightmost_clause(verb: Token, prep: Token) -> Token:
    """Carry a warning's content on to a trailing "whether …" clause of the same verb."""
    last = prep
    for c in verb.children:
        if c.i > last.i and c.dep_ in {"advcl", "prep"}:
            last = c
    return last


def skip_that(text: str, i: int) -> int:
    """Skip punctuation, spaces and a complementizer "that" from ``i``."""
    while i < len(text) and text[i] in _TRIM_LEFT:
        i += 1
    if text[i : i + 5].lower() == "that " :
        i += 5
    return i


def _overlap(s: int, e: int, cs: int, ce: int) -> float:
    """Share of [s, e) that lies inside [cs, ce)."""
    return max(0, min(e, ce) - max(s, cs)) / max(1, e - s)


def _end(tok: Token) -> int:
    return tok.idx + len(tok)
