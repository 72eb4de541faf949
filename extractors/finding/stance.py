"""How a source stands toward the proposition it is credited with.

Stance is read against the content's positive proposition, not the verb alone (see the corpus
README): "said reports that Y were untrue" denies Y; "warned" and "there will be consequences"
warn; "may", "reportedly", "I doubt" hedge.

A denial rejects something someone advances: a report, an allegation, a question put to the
speaker ("that is flatly untrue", "the Herald's bogus story", "not aware of any request", a
negation in an answer). A negated statement on its own ("the mayor was not a subject of the audit")
asserts a negative fact, and is kept as ``negated``: it becomes a denial only when another source
asserts what it negates, which is decided where claims are clustered across articles
(``graph/story.py``). Epistemic negation ("I don't recall", "I can't say for sure") hedges.
The order of the tests is the order of precedence.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

from ..lexicon import Lexicon, Stance
from ..records import Certainty

#: The stances the decision list of :func:`classify` reads from the content as well as the cue; a
#: verb of any other stance (asserts, or one the ontology adds) lends its own.
_READ_ABOVE = frozenset({Stance.DENIES, Stance.WARNS, Stance.QUESTIONS, Stance.HEDGED})


@dataclass(frozen=True, slots=True)
class Reading:
    """A content's stance, certainty and surface negation."""

    stance: Stance
    certainty: Certainty
    negated: bool = False


def classify(cue_lemma: str, cue_hedged: bool, content: Span, lex: Lexicon, *, answering: bool = False) -> Reading:
    """Read a content's stance under its cue; ``answering``: the cue answers something put to the
    speaker ("replied", "Asked about …, she said")."""
    root = content_root(content)
    hedged = cue_hedged or _hedged(root, content, lex)
    certainty: Certainty = "hedged" if hedged else "certain"
    verb_stance = lex.reporting_verbs.get(cue_lemma, lex.cue_nouns.get(cue_lemma))
    threat = _threat(content, lex)
    negated = _negated(root, lex) or threat == "negated"
    if verb_stance == Stance.DENIES or _rejects(root, content, lex):
        return Reading(Stance.DENIES, certainty, negated)
    epistemic = _epistemic(root, lex)
    if epistemic == "unaware":
        return Reading(Stance.DENIES, certainty, True)
    if epistemic == "unsure":
        return Reading(Stance.HEDGED, "hedged", True)
    if negated and answering:
        return Reading(Stance.DENIES, certainty, True)
    if verb_stance == Stance.WARNS or threat == "threat":
        return Reading(Stance.WARNS, certainty, negated)
    if verb_stance == Stance.QUESTIONS:
        return Reading(Stance.QUESTIONS, certainty, negated)
    if hedged:
        return Reading(Stance.HEDGED, certainty, negated)
    if content.text.rstrip().rstrip("”\"'’").endswith("?"):
        return Reading(Stance.QUESTIONS, certainty, negated)
    if verb_stance is not None and verb_stance not in _READ_ABOVE:
        return Reading(verb_stance, certainty, negated)  # a stance the ontology adds ("concedes")
    return Reading(Stance.ASSERTS, certainty, negated)


def content_root(content: Span) -> Token:
    """The main predicate of a content span (its highest token, verbs preferred)."""
    inside = [t for t in content if not (content.start <= t.head.i < content.end) or t.head is t]
    verbs = [t for t in inside if t.pos_ in {"VERB", "AUX"}]
    return (verbs or inside or [content.root])[0]


def _hedged(root: Token, content: Span, lex: Lexicon) -> bool:
    if root.lemma_.lower() in lex.hedge_predicates:
        return True
    for child in root.children:
        low = child.lower_
        if child.dep_ in {"aux", "auxpass"} and low in lex.hedge_modals:
            return True
        if child.dep_ in {"advmod", "acomp"} and low in lex.hedge_words | lex.hedge_predicates:
            return True
        if child.dep_ == "mark" and low == "whether":
            return True
        if child.dep_ in {"ccomp", "advcl"} and any(g.dep_ == "mark" and g.lower_ == "whether" for g in child.children):
            return True
    return False


def _rejects(root: Token, content: Span, lex: Lexicon) -> bool:
    """Predicates that reject: "were untrue", "it was fake news", "never heard of", "unaware of";
    a bare refusal ("No.", "No, not $2.5 billion")."""
    low = content.text.lower().replace("’", "'")
    if any(phrase in low for phrase in lex.denial_phrases):
        return True
    if _refuses(content, lex):
        return True
    preds = [c for c in root.children if c.dep_ in {"acomp", "attr", "oprd"}]
    preds += [p for c in root.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
    for tok in content:  # "called the reports “baseless”": the verdict sits on the object
        if tok.dep_ in {"oprd", "appos"} or (tok.dep_ == "pobj" and tok.head.lower_ == "as") \
                or (tok.dep_ == "amod" and tok.i > tok.head.i):
            preds.append(tok)
        elif tok.dep_ == "amod" and tok.head.lemma_.lower() in lex.claim_nouns \
                and tok.lemma_.lower() in lex.denial_predicates \
                and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.head.children):
            return True  # "the Herald's bogus story" (not "his false claims": nobody rejects their own)
    if root.lemma_.lower() in lex.denial_predicates and root.pos_ in {"ADJ", "NOUN"}:
        return True
    # the verdict is the predicate ("called the reports baseless") or qualifies one about a claim
    # ("called the accusations baseless propaganda"), not any noun ("called him a false prophet")
    about_claim = any(t.lemma_.lower() in lex.claim_nouns for t in content)
    return any(
        t.lemma_.lower() in lex.denial_predicates or t.lower_ in lex.denial_predicates
        for p in preds
        for t in [p, *(c for c in p.children if c.dep_ in {"amod", "compound"}
                       and (about_claim or p.pos_ not in {"NOUN", "PROPN"}))]
    )


def _refuses(content: Span, lex: Lexicon) -> bool:
    """The content opens with a refusal standing on its own ("No.", "No, not that", "No way,"):
    it answers what was put to the speaker, whatever follows."""
    words = [t for t in content if not t.is_punct and not t.is_space]
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        head = " ".join(t.lower_ for t in words[:n]).replace("’", "'")
        if head in lex.refusals and (len(words) == n or words[n].i > words[n - 1].i + 1):
            return True  # the refusal is all there is, or punctuation closes it
    return False


def _epistemic(root: Token, lex: Lexicon) -> Literal["unaware", "unsure"] | None:
    """Negated knowing: "not aware of any request", "never heard of that" reject what they name;
    "I don't recall", "she did not know who sent it", "I can't say for sure" are uncertain."""
    preds = [root, *(c for c in root.children if c.dep_ in {"acomp", "xcomp", "dobj", "attr"})]
    for pred in preds:
        word = pred.lemma_.lower()
        if word not in lex.awareness_predicates and word not in lex.epistemic_predicates:
            continue
        negative = word == "unaware" or _negated(pred, lex) or _negated(root, lex) or any(
            c.lower_ in lex.scant_determiners and c.dep_ == "det" for c in pred.children)
        if not negative:
            continue
        if word in lex.telling_verbs and not any(c.lower_ in lex.ability_modals for c in pred.children):
            continue  # "I can't say", "could not confirm" — but "nobody said a word" is not uncertainty
        if word == "know" and any(c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")
                                  for c in pred.children):
            continue  # "he did not know Mercer": not acquainted, a negative fact
        if word in lex.awareness_predicates and not _wh_object(pred):
            return "unaware"
        return "unsure"
    return None


def _wh_object(pred: Token) -> bool:
    """"not aware who sent it", "no idea whether …": a question left open, not a rejection."""
    for tok in pred.subtree:
        if tok.i > pred.i and tok.tag_ in {"WP", "WRB", "WDT"} or tok.lower_ in {"whether", "if"} and tok.i > pred.i:
            return True
    return False


def _threat(content: Span, lex: Lexicon) -> Literal["threat", "negated", None]:
    """"There will be consequences" / "would face consequences" threaten; "no repercussions" does not."""
    low = content.text.lower().replace("’", "'")
    if any(phrase in low for phrase in lex.threat_phrases):
        return "threat"
    for tok in content:
        if tok.lemma_.lower() not in lex.threat_nouns and tok.lower_ not in lex.threat_nouns:
            continue
        if tok.dep_ not in {"attr", "dobj", "nsubj"} or tok.head.lemma_.lower() not in lex.threat_governors:
            continue
        negated = any(c.lower_ in lex.negators for c in tok.children) or _negated(tok.head, lex)
        return "negated" if negated else "threat"
    return None


def _negated(tok: Token, lex: Lexicon) -> bool:
    """A predicate negated on its own ("did not", "never", "no curfew was imposed", "nobody
    came"), unless a contrast follows ("not X, but Y")."""
    subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if any(s.lower_ in lex.negative_pronouns
           or any(d.lower_ in lex.negative_determiners and d.dep_ == "det" for d in s.children)
           for s in subjects):
        return True
    if not any(c.dep_ == "neg" for c in tok.children):
        # "there was no collusion"
        return tok.lemma_ == "be" and any(
            c.dep_ in {"attr", "nsubj"} and any(d.lower_ in lex.negative_determiners for d in c.children)
            for c in tok.children
        ) and any(c.dep_ == "expl" for c in tok.children)
    contrast = [c for c in tok.children if c.dep_ == "conj"] + [tok]
    return not any(c.dep_ == "cc" and c.lower_ in lex.contrast_conjunctions for t in contrast for c in t.children)
