"""Attributions without a cue word of their own: hedges with an implicit source ("reportedly",
"is said to"), quotations that continue the previous speaker, and a transcript's speaker turns."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claimgraph.ontology.vocab import QuoteKind, SourceKind

from ..lexicon import Lexicon
from ..records import Found
from .contents import trim
from .mentions import mention_for
from .quotes import Quote
from .syntax import end_char, overlap, subtree_span


def hedge_attributions(doc: Doc, lex: Lexicon, found: list[Found]) -> list[Found]:
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
        if low in lex.report_hedges and tok.dep_ == "advmod":
            verb, cue, implicit = tok.head, tok.text, ("unnamed media reports", SourceKind.OUTLET)
            cue_start, cue_end = tok.idx, end_char(tok)
        elif tok.lemma_ in lex.hedge_passives and \
                any(c.dep_ == "auxpass" for c in tok.children) and any(c.dep_ == "xcomp" for c in tok.children):
            verb = tok
            aux = [c for c in tok.children if c.dep_ == "auxpass"]
            to = next((t for t in tok.doc[tok.i + 1 : tok.i + 3] if t.lower_ == "to"), tok)
            cue_start, cue_end = aux[0].idx, end_char(to)
            cue, implicit = doc.text[cue_start:cue_end], ("unspecified (implicit)", SourceKind.ANONYMOUS)
        if verb is None:
            continue
        span = subtree_span(verb)
        inner = by_cue.get(end_char(verb))
        if inner is None and any(overlap(span.start_char, span.end_char, f.content_start, f.content_end) > 0.5
                                 for f in found):
            continue
        cs, ce = trim(doc.text, span.start_char, span.end_char)
        f = Found(cue, low, cue_start, cue_end, cs, ce, implicit=implicit,
                  cue_hedged=True, sentence_start=verb.sent.start_char, sentence_end=verb.sent.end_char)
        out.append(f)
        if inner is not None:
            found[inner].notes.hedged_by = f
    return out


def continued_quotes(doc: Doc, quotes: list[Quote], found: list[Found]) -> list[Found]:
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
                  type=QuoteKind.DIRECT, sentence_start=sentence.start_char, sentence_end=sentence.end_char)
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
                 and f.type == QuoteKind.DIRECT and prev.end <= f.cue_start < q.start), None)


#: A transcript's speaker label at the start of a paragraph or quotation: "WALLACE: …", "MR. LEE: …".
TURN = re.compile(r"[\"“‘']?(?P<label>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}):[ \t]+(?=\S)")


def speaker_turns(doc: Doc, text: str, lex: Lexicon, found: list[Found]) -> list[Found]:
    """A transcript's turns that no other rule found ("PENCE: She will not …" on a line of its
    own): the label is resolved with the sources; the content runs to the end of the line."""
    out = []
    for m in re.finditer(r"(?m)^[ \t]*(?=[\"“‘']?[A-Z])", text):
        turn = TURN.match(text, m.end())
        if turn is None or not is_speaker_label(turn.group("label"), lex):
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
                  type=QuoteKind.DIRECT, sentence_start=sent.start_char, sentence_end=min(end, max(sent.end_char, end)),
                  cue_i=span.start)
        f.notes.turn = turn
        out.append(f)
    return out


#: A headline that credits its claim with a colon: "Pence: Flowers Won’t Be at Debate", "Former
#: Mexican President: ‘I’m Not Going To Pay For That Wall’", "Poll: Clinton and Trump in dead heat".
HEADLINE_LABEL = re.compile(r"(?m)^[ \t]*(?P<label>[A-Z][\w.’'&-]*(?: [A-Z][\w.’'&-]*){0,3}):[ \t]+(?=\S)")
#: Longest line read as a headline.
HEADLINE_CHARS = 160


def headline_labels(doc: Doc, text: str, lex: Lexicon, found: list[Found]) -> list[Found]:
    """Headlines (short lines) of the form "Label: claim" whose label can speak — a name, a role
    ("Former Mexican President"), an organization, a document or a record ("Poll") — and that no
    other rule found: the label is the source, the colon the cue, the rest of the line the content.
    A transcript's upper-case turns ("WALLACE:") are :func:`speaker_turns`' concern."""
    out = []
    for m in HEADLINE_LABEL.finditer(text):
        label = m.group("label")
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if label.isupper() or label.upper() in lex.not_speaker_labels or end - m.start() > HEADLINE_CHARS:
            continue
        content_end = len(text[:end].rstrip())
        if any(f.content_start < content_end and m.end() < f.content_end or f.cue_start <= m.end("label") < f.cue_end
               for f in found):
            continue
        span = doc.char_span(m.start("label"), m.end("label"), alignment_mode="expand")
        if span is None or not _can_speak(span, lex, doc):
            continue
        s, e = trim(text, m.end(), content_end)
        if len(text[s:e].split()) < 3:
            continue
        out.append(Found(":", "say", m.end("label"), m.end("label") + 1, s, e, mention=mention_for(span.root, lex),
                         type=_quoted(text, s, e), sentence_start=m.start(), sentence_end=end, cue_i=span.root.i))
    return out


def _can_speak(label: Span, lex: Lexicon, doc: Doc) -> bool:
    """A name (the parser's, or one the article gives the same word elsewhere: a headline's
    capitals fool the tagger), a role, an organization, a document or a record."""
    root = label.root
    head = root.lemma_.lower()
    if root.pos_ == "PROPN" or root.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or head in lex.role_nouns \
            or head in lex.organization_heads or head in lex.document_heads or head in lex.record_heads:
        return True
    return any(t.text == root.text and (t.ent_type_ in {"PERSON", "ORG"} or t.pos_ == "PROPN")
               for t in doc if not label.start <= t.i < label.end)


def _quoted(text: str, s: int, e: int) -> QuoteKind:
    """A headline's claim in quotation marks is direct, one holding a quotation mixed."""
    inner = text[s:e]
    if inner[:1] in "“\"‘'" and inner[-1:] in "”\"’'":
        return QuoteKind.DIRECT
    return QuoteKind.MIXED if any(ch in inner for ch in "“”‘’\"") else QuoteKind.INDIRECT


def is_speaker_label(label: str, lex: Lexicon) -> bool:
    return len(label.replace(".", "")) >= 2 and label not in lex.not_speaker_labels and label.lower() not in lex.countries
