"""Contents: what a cue attributes — a complement clause, a noun-phrase object, an adjacent
quotation or the previous sentence — trimmed and shaped into pieces around the quotes."""
from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Span, Token

from claimgraph.ontology.vocab import QuoteKind, Stance

from ..lexicon import Lexicon
from ..records import Found
from .quotes import Quote
from .syntax import end_char, has_own_subject, source_like, subject_of, subtree_span

_CLAUSE_DEPS = {"ccomp"}

_TRIM_LEFT = " \t\n,;:–—-"


_TRIM_RIGHT = " \t\n,;:–—-."


def complement(tok: Token, lex: Lexicon) -> tuple[tuple[int, int] | None, list[Token]]:
    """The content of a reporting verb from the parse, and extra cue words ("told CNN")."""
    lemma = tok.lemma_.lower()
    extra: list[Token] = [c for c in tok.children if c.dep_ == "prt"]
    clauses = [c for c in tok.children if c.dep_ in _CLAUSE_DEPS]
    if not clauses and lemma in lex.telling_verbs:
        # "Fox said, as a taxpayer, he's not willing to fund it": the clause parsed as an adverbial
        clauses = [c for c in tok.children if c.dep_ == "advcl" and c.i > tok.i and has_own_subject(c, lex)
                   and not any(m.dep_ == "mark" and m.lower_ != "that" for m in c.children)]
    objs = [c for c in tok.children if c.dep_ in {"dobj", "xcomp"} and c.pos_ != "PRON"]
    if lemma in lex.np_object_verbs and objs and objs[0].i > tok.i and all(c.i < tok.i for c in clauses):
        clauses = []  # "– he and Xi pledged support": the object, not the clause before the dash
    if lemma in lex.addressee_verbs and not clauses:
        # "told outlets that China has offered …" misparsed as a relative clause on the addressee
        for obj in (c for c in tok.children if c.dep_ in {"dobj", "dative"}):
            rel = next((c for c in obj.children if c.dep_ == "relcl" and has_own_subject(c, lex)), None)
            if rel is not None:
                extra.append(obj)
                span = subtree_span(rel)
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
            if c.i > hi and main.i > tok.i and (_continues_content(c, lex) or _is_condition(c, lex)):
                hi = c.right_edge.i
        span = tok.doc[lo : hi + 1]
        return _trim_mark(span), _cue_preps(tok, span, extra, lex)
    if lex.reporting_verbs.get(lemma) == Stance.WARNS or lemma == "express":
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in lex.warn_preps), None)
        if prep is not None and (lemma != "express" or not any(c.dep_ == "dobj" for c in tok.children)):
            pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
            if pobj is not None:  # "warned of a spiral", "warns China against helping Russia"
                addressee = [c for c in tok.children if c.dep_ == "dobj" and c.i < prep.i]
                if prep.lower_ == "against":
                    return (prep.idx, _object_span(pobj)[1]), extra + addressee
                return _object_span(pobj), [*extra, prep, *addressee]
    if lemma in lex.np_object_verbs and objs and source_like(subject_of(tok, lex) or tok, lex) \
            and objs[0].lemma_.lower() not in lex.refused_things:
        obj = objs[0]  # "claimed neutrality" (not "the floods claimed 39 lives", "denied bail")
        hi = obj.right_edge.i
        for c in tok.children:  # "accused the US of spreading …", "urged China to do more"
            if c.i > hi and ((c.dep_ == "prep" and c.lower_ in lex.object_preps) or c.dep_ in {"xcomp", "ccomp"}):
                hi = c.right_edge.i
        span = tok.doc[obj.left_edge.i : hi + 1]
        return (span.start_char, span.end_char), extra
    if tok.dep_ == "parataxis" and tok.head.pos_ in {"VERB", "AUX"} and lemma not in lex.thing_subject_verbs:
        head = tok.head
        skip = {t.i for t in tok.subtree}
        rest = [t for t in head.subtree if t.i not in skip]
        if rest:
            return (rest[0].idx, end_char(rest[-1])), extra
    return None, extra


def _clause_end(clause: Token, lex: Lexicon) -> int:
    """Right edge of a content clause, stopping before a coordinated speech act ("… and added: …")."""
    hi = clause.right_edge.i
    for c in clause.children:
        if c.dep_ == "conj" and c.lemma_.lower() in lex.reporting_verbs and c.lemma_.lower() not in lex.thing_subject_verbs \
                and c.i > clause.i:
            cut = min(t.i for t in c.subtree)
            while cut > clause.i and clause.doc[cut - 1].dep_ in {"cc", "punct"}:
                cut -= 1
            hi = min(hi, cut - 1)
    return hi


def _continues_content(c: Token, lex: Lexicon) -> bool:
    return (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and c.lemma_.lower() not in lex.reporting_verbs
            and has_own_subject(c, lex))


def _is_condition(c: Token, lex: Lexicon) -> bool:
    return c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.condition_marks for m in c.children)


def _object_span(obj: Token) -> tuple[int, int]:
    """A prepositional object without trailing adjuncts: "warned of “a spiral” in a column"."""
    hi = obj.i
    for c in obj.children:
        if c.i > obj.i and (c.dep_ in {"relcl", "acl"} or (c.dep_ == "prep" and c.lower_ == "of") or c.is_punct):
            hi = max(hi, c.right_edge.i)
    doc = obj.doc
    while hi + 1 < len(doc) and doc[hi + 1].text in {"”", '"', "’"}:
        hi += 1
    return doc[obj.left_edge.i].idx, end_char(doc[hi])


def _cue_preps(tok: Token, content: Span, extra: list[Token], lex: Lexicon) -> list[Token]:
    """Keep "on Twitter" / "in a speech" between the verb and its content as part of the cue."""
    out = list(extra)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in lex.medium_preps and tok.i < c.i < content.start and c.right_edge.i - c.i <= 3:
            out.extend(c.subtree)
    return out


def adjacent_quote(tok: Token, sent: Span, quotes: list[Quote], qs: list[int]) -> tuple[int, int] | None:
    """A quotation right after the cue ("said: “…”") or right before it ("“…,” she said")."""
    text = tok.doc.text
    k = bisect.bisect_left(qs, end_char(tok))
    later: tuple[int, int] | None = None  # a quote after the sentence ends: only if none comes before
    if k < len(quotes):
        q = quotes[k]
        gap = text[end_char(tok) : q.start]
        if q.start < sent.end_char + 2 and (":" in gap or len(gap.split()) <= 3) and "\n\n" not in gap:
            if ":" in gap or not any(c in gap for c in ".!?"):
                return q.inner_start, q.inner_end
            later = q.inner_start, q.inner_end
        elif sent.text.rstrip().endswith(":") and not gap.strip(" \n:"):
            return q.inner_start, q.inner_end
    k = bisect.bisect_right(qs, tok.idx) - 1
    if k >= 0:
        q = quotes[k]
        # the parser may end a sentence at the quote's own "!" or "?" ("“Stop lying!” Mr. Fox wrote.")
        if q.end <= tok.idx and (q.end >= sent.start_char or not text[q.end:sent.start_char].strip()):
            between = tok.doc.char_span(q.end, tok.idx, alignment_mode="contract")
            if between is not None and not any(t.pos_ in {"VERB"} for t in between):
                return q.inner_start, q.inner_end
    return later


def previous_sentence(sent: Span) -> tuple[int, int] | None:
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


def shape_content(f: Found, text: str, quotes: list[Quote]) -> Found:
    """Trim the content, widen it to whole quotations, and type it direct / indirect / mixed."""
    s, e = trim(text, f.content_start, f.content_end)
    for q in quotes:
        if q.end <= s or q.start >= e:
            continue
        cue_inside = q.start <= f.cue_start < q.end
        if q.inner_start <= s and e <= q.inner_end + 1 and not cue_inside:
            s, e = trim(text, q.inner_start, q.inner_end)  # content lies in one quote: take it all
            return replace(f, content_start=s, content_end=e, type=QuoteKind.DIRECT)
        if s <= q.inner_start and q.inner_end <= e + 1 and not text[s:q.start].strip(_TRIM_LEFT + "“\"") \
                and not text[q.end:e].strip(_TRIM_RIGHT + "”\""):
            s, e = trim(text, q.inner_start, q.inner_end)
            return replace(f, content_start=s, content_end=e, type=QuoteKind.DIRECT)
        if s < q.end <= e + 1 or s <= q.start < e:
            if q.start < e < q.end:
                e = q.end  # a partial quote cut by the parse: keep the whole quotation
            if not cue_inside:
                return replace(f, content_start=s, content_end=e, type=QuoteKind.MIXED)
    return replace(f, content_start=s, content_end=e, type=QuoteKind.DIRECT if f.type == QuoteKind.DIRECT
                   else QuoteKind.INDIRECT)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM_LEFT:
        s += 1
    while e > s and text[e - 1] in _TRIM_RIGHT:
        e -= 1
    # Marks left dangling at either end (the quote itself is kept inside).
    while s < e and text[s] in "”\"’" and (text.count("“", s, e) < text.count("”", s, e)
                                           or text[s] == '"' and text.count('"', s, e) % 2):
        s += 1
    return s, e


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


def skip_that(text: str, i: int) -> int:
    """Skip punctuation, spaces and a complementizer "that" from ``i``."""
    while i < len(text) and text[i] in _TRIM_LEFT:
        i += 1
    if text[i : i + 5].lower() == "that " :
        i += 5
    return i


