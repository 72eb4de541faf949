"""The seam every attribution extractor plugs into: a parsed ``Doc`` in, :class:`Found` records out.

Three extractors ship:

- :class:`RuleExtractor` — the hand-written rules of :mod:`.rules` (cue lexicon, parse
  patterns, quotation scanning);
- :class:`ModelExtractor` — the CRFs of :mod:`.learned.tagger`, trained on PolNeAR's train split;
- :class:`HybridExtractor` (the default) — the rules' attributions, plus the model's where the
  rules found nothing: beliefs, intentions, evaluations and evidence the rules have no pattern
  for, and statements the model is sure of. A rule attribution's source is kept whole as written
  ("Hemsley, the co-author of …"), as PolNeAR marks sources.

All three end in :func:`.rules.finish`, so sources, nesting, stance and mode are read the
same way whichever found the spans; anything that follows the protocol can be plugged in with
``claimgraph build --extractor``-style configuration of the ``claimgraph_attributions`` component.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc

from claimgraph.ontology.vocab import Mode, QuoteKind

from .choices import EXTRACTORS, ExtractorName
from .finding.mentions import strip_span
from .finding.modes import mode_of
from .finding.syntax import unspoken
from .learned.candidates import model_candidates
from .learned.features import DocView
from .learned.tagger import AttributionModel
from .lexicon import Lexicon
from .records import Found
from .rules import finish, rule_candidates
from .speakers.named import Sieve


class Extractor(Protocol):
    """Finds the attributions of a parsed doc: offsets into ``doc.text``, in text order."""

    def __call__(self, doc: Doc) -> list[Found]: ...


@dataclass(slots=True)
class RuleExtractor:
    lexicon: Lexicon

    def __call__(self, doc: Doc) -> list[Found]:
        return finish(doc, self.lexicon, rule_candidates(doc, self.lexicon))


@dataclass(slots=True)
class ModelExtractor:
    lexicon: Lexicon
    model: AttributionModel = field(default_factory=AttributionModel)

    def __call__(self, doc: Doc) -> list[Found]:
        return finish(doc, self.lexicon, model_candidates(doc, self.model, self.lexicon))


@dataclass(slots=True)
class HybridExtractor:
    """The rules first, the model's additions after.

    Rules first because their spans follow this project's conventions (a quotation that opens a
    new sentence is a new attribution; negated speech acts are none) and they were written for
    speech. A model attribution is added when no rule attribution shares its cue or most of its
    content, and its cue probability reaches ``min_confidence`` — ``min_statement_confidence``
    for statements, which the rules' speech verbs already cover, so that one the rules missed
    must be surer. Measured in docs/measurements.md (PolNeAR dev and the seeds, for each setting).
    """

    lexicon: Lexicon
    model: AttributionModel = field(default_factory=AttributionModel)
    min_confidence: float = 0.55
    min_statement_confidence: float = 0.8

    def __call__(self, doc: Doc) -> list[Found]:
        v = DocView.of(doc)
        rules = rule_candidates(doc, self.lexicon, text=v.string)
        rules = [f for f in rules if not _speaker_inside_own_quote(f, rules, doc, self.lexicon)]
        for f in rules:
            _widen_source(doc, f, self.lexicon)
        cues = [(f.cue_start, f.cue_end) for f in rules if not f.continues_quote]

        def found_by_rules(cue: tuple[int, int]) -> bool:
            a, b = v.idx[cue[0]], v.idx[cue[1] - 1] + 1
            return any(s < b and a < e for s, e in cues)

        learned = [f for f in model_candidates(doc, self.model, self.lexicon, v, min_confidence=self.min_confidence,
                                               skip=found_by_rules)
                   if not unspoken(doc[f.cue_i], self.lexicon) and
                   (f.mention is None or f.mention.root.lemma_.lower() not in self.lexicon.not_sources) and
                   f.confidence >= (self.min_statement_confidence if mode_of(f, doc, self.lexicon) == Mode.STATEMENT
                                    else self.min_confidence)]
        learned = [f for f in learned if not _not_an_attribution(f, doc, rules, self.lexicon)]
        added = [f for f in learned if _adds(f, rules, nested_ok=mode_of(f, doc, self.lexicon) == Mode.BELIEF
                                             and any(c.dep_ == "ccomp" for c in doc[f.cue_i].children))]
        done = finish(doc, self.lexicon, rules + added, text=v.string)
        learned_ids = {id(f) for f in added}
        return _without(done, {i for i, f in enumerate(done) if id(f) in learned_ids and not _speaks(f)})


def _without(found: list[Found], drop: set[int]) -> list[Found]:
    """``found`` less the records at ``drop``, each parent and act index renumbered (a dropped
    parent's children nest in its own parent; a dropped opener's utterance opens at its next part,
    and a part left alone is its own utterance)."""
    if not drop:
        return found
    new_index: dict[int, int] = {}
    for i in range(len(found)):
        if i not in drop:
            new_index[i] = len(new_index)
    for f in found:
        parent = f.parent
        while parent is not None and parent in drop:
            parent = found[parent].parent
        f.parent = new_index.get(parent) if parent is not None else None
    kept = [f for i, f in enumerate(found) if i not in drop]
    acts: dict[int, list[int]] = {}
    for i, f in enumerate(kept):
        if f.act is not None:
            acts.setdefault(f.act, []).append(i)
    for members in acts.values():
        for i in members:
            kept[i].act = members[0] if len(members) > 1 else None
    return kept


def _speaks(f: Found) -> bool:
    """A learned attribution has a speaker: someone the parse names, not "unspecified" ("disagreements
    over the funding") nor an event ("the meeting also highlighted …")."""
    src = f.source
    return not (src is None or f.implicit is not None or src.sieve in {Sieve.IMPLICIT, Sieve.NON_ACTOR})


def make_extractor(name: ExtractorName, lexicon: Lexicon, model: AttributionModel | None = None) -> Extractor:
    """The extractor called ``name`` (one of :data:`EXTRACTORS`)."""
    if name == "rules":
        return RuleExtractor(lexicon)
    if name not in EXTRACTORS:
        raise ValueError(f"unknown extractor {name!r}; choose one of {', '.join(EXTRACTORS)}")
    model = model or AttributionModel()
    return ModelExtractor(lexicon, model) if name == "model" else HybridExtractor(lexicon, model)


def _not_an_attribution(f: Found, doc: Doc, rules: list[Found], lex: Lexicon) -> bool:
    """Constructions the model takes for attributions that news readers do not: a legal or
    procedural act ("pleaded guilty", "was charged", "the suit names"), publishing something
    ("published the archives"), an interviewer's question ("Asked whether …"), a speaker's own
    words inside a quote already credited to them ("we urge …" in the senator's quote), and an
    evaluation of a bare thing ("attacked the investigation": no proposition; "praised the
    governor for her handling of the floods" gives its reason, and stays)."""
    cue = doc[f.cue_i]
    lemma = f.cue_lemma
    if lemma in lex.procedural_verbs or cue.lemma_.lower() in lex.procedural_verbs:
        return True
    if lemma in lex.asking_verbs and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in cue.children):
        return True  # "Asked whether …, she said": the question is the reporter's
    content = doc.char_span(f.content_start, f.content_end, alignment_mode="expand")
    clause = content is not None and any(t.pos_ in {"VERB", "AUX"} for t in content)
    quoted = f.type != QuoteKind.INDIRECT
    if lemma in lex.publishing_acts and not clause and not quoted:
        return True
    if _speaker_inside_own_quote(f, rules, doc, lex):
        return True
    if clause or quoted:
        return False
    reason = content is not None and any(t.lower_ in lex.reason_preps and t.dep_ == "prep" for t in content)
    if mode_of(f, doc, lex) == Mode.EVALUATION:
        return not reason
    # a thing, not a proposition: "could declare a national emergency", "railed against Trump" —
    # unless it names one ("denied the allegations") or points to one ("disputed that")
    head = content.root if content is not None else None
    return head is not None and head.lemma_.lower() not in lex.claim_nouns and head.lower_ not in lex.deictic_heads


def _speaker_inside_own_quote(f: Found, found: list[Found], doc: Doc, lex: Lexicon) -> bool:
    """A first-person cue in the present inside a quotation already credited ("“We urge …, we
    believe …,” the senator said"): the quote's speaker goes on speaking, no second attribution.
    One in the past reports an earlier act, nested in the quote ("“I told them that …,” she said")."""
    if f.mention is None or f.mention.root.lower_ not in lex.first_person:
        return False
    cue = doc.char_span(f.cue_start, f.cue_end, alignment_mode="expand")
    if cue is None or any(t.tag_ in {"VBD", "VBN"} for t in cue):
        return False
    return any(r is not f and r.type != QuoteKind.INDIRECT and r.content_start <= f.cue_start and f.cue_end <= r.content_end
               for r in found)


def _adds(new: Found, found: list[Found], *, nested_ok: bool = False) -> bool:
    """``new`` adds to ``found`` when none of them shares its cue or most of its content — unless,
    with ``nested_ok`` (beliefs), its cue lies inside that content: then it is nested ("the report
    said investigators *believe* …"), not a second reading of the same attribution. (Requests and
    plans inside reported speech are what is reported, not attributions of their own.)"""
    for f in found:
        if f.cue_start < new.cue_end and new.cue_start < f.cue_end and not f.continues_quote:
            return False
        if nested_ok and f.content_start <= new.cue_start and new.content_end <= f.content_end \
                and new.cue_end <= new.content_start:
            continue
        inter = min(f.content_end, new.content_end) - max(f.content_start, new.content_start)
        if inter > 0.5 * (new.content_end - new.content_start):
            return False
    return True


def _widen_source(doc: Doc, f: Found, lex: Lexicon) -> None:
    """Give a rule attribution its whole source as written, as PolNeAR marks sources: the
    subtree of the mention's head ("Hemsley, the co-author of …", "Le Pen, who has …"), the whole
    apposition around a name ("The state's campaign chairman, Phil Lovas,"), or the relative
    pronoun that is the cue's subject ("an economist *who* said …") — when it stays clear of the
    cue and the content. The name is still resolved on the mention."""
    if f.mention is None or f.continues_quote:
        return
    cue = doc[f.cue_i] if 0 <= f.cue_i < len(doc) else None
    if cue is not None and cue.dep_ == "relcl":
        rel = next((c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in lex.relative_pronouns), None)
        if rel is not None and cue.head.i in range(f.mention.start, f.mention.end):
            f.source_span = (rel.idx, rel.idx + len(rel))
            return
    root = f.mention.root
    if root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"}:
        root = root.head
    span = strip_span(doc[root.left_edge.i:root.right_edge.i + 1], lex)
    if len(span) <= len(f.mention) or span.end_char > f.cue_start and span.start_char < f.cue_end \
            or span.start_char < f.content_end and f.content_start < span.end_char:
        return
    f.source_span = (span.start_char, span.end_char)
