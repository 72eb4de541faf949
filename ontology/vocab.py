"""The claimgraph vocabulary as typed enums. Generated from claimgraph.ttl by generate.py — do not edit.

Each member is its record code (a ``str``: ``Stance.ASSERTS == "asserts"``); the tables below give
its ontology term, and for stances the actor → claim edge and the polarity. No import of rdflib or
pyoxigraph: the extractors use these too."""
from __future__ import annotations

from enum import StrEnum
from typing import Final

NS: Final = "https://w3id.org/claimgraph/ontology#"


class Stance(StrEnum):
    """How a source stands toward a claim (``cg:Stance``)."""

    ASSERTS = "asserts"
    DENIES = "denies"
    WARNS = "warns"
    QUESTIONS = "questions"
    HEDGED = "hedged"


class Mode(StrEnum):
    """What kind of attribution: a speech act, a belief, an intention, evidence a record gives or an
    evaluation (``cg:Mode``; PolNeAR counts them all; Pareti 2016)."""

    STATEMENT = "statement"
    BELIEF = "belief"
    INTENTION = "intention"
    EVIDENCE = "evidence"
    EVALUATION = "evaluation"


class QuoteKind(StrEnum):
    """Whether the content is quoted (``cg:QuoteKind``)."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class SourceKind(StrEnum):
    """The kinds of actor (the subclasses of ``cg:Actor`` in ``cg:kinds``)."""

    PERSON = "person"
    ORGANIZATION = "organization"
    OUTLET = "outlet"
    COUNTRY = "country"
    ANONYMOUS = "anonymous"
    DOCUMENT = "document"


#: Each Stance member's term (an IRI in ``NS``).
STANCE_TERM: Final[dict[Stance, str]] = {
    Stance.ASSERTS: NS + "Assertion",
    Stance.DENIES: NS + "Denial",
    Stance.WARNS: NS + "Warning",
    Stance.QUESTIONS: NS + "Question",
    Stance.HEDGED: NS + "Hedge",
}


#: Each Mode member's term (an IRI in ``NS``).
MODE_TERM: Final[dict[Mode, str]] = {
    Mode.STATEMENT: NS + "Statement",
    Mode.BELIEF: NS + "Belief",
    Mode.INTENTION: NS + "Intention",
    Mode.EVIDENCE: NS + "Evidence",
    Mode.EVALUATION: NS + "Evaluation",
}


#: Each QuoteKind member's term (an IRI in ``NS``).
QUOTE_KIND_TERM: Final[dict[QuoteKind, str]] = {
    QuoteKind.DIRECT: NS + "Direct",
    QuoteKind.INDIRECT: NS + "Indirect",
    QuoteKind.MIXED: NS + "Mixed",
}


#: Each SourceKind member's term (an IRI in ``NS``).
SOURCE_KIND_TERM: Final[dict[SourceKind, str]] = {
    SourceKind.PERSON: NS + "Person",
    SourceKind.ORGANIZATION: NS + "Organization",
    SourceKind.OUTLET: NS + "Outlet",
    SourceKind.COUNTRY: NS + "Country",
    SourceKind.ANONYMOUS: NS + "AnonymousGroup",
    SourceKind.DOCUMENT: NS + "Document",
}


#: The actor → claim property each stance is materialised as.
STANCE_EDGE: Final[dict[Stance, str]] = {
    Stance.ASSERTS: NS + "asserts",
    Stance.DENIES: NS + "denies",
    Stance.WARNS: NS + "warns",
    Stance.QUESTIONS: NS + "questions",
    Stance.HEDGED: NS + "hedges",
}
#: Stances for a claim and against it: a contested claim has one of each, from different actors.
POSITIVE_STANCES: Final[frozenset[Stance]] = frozenset({Stance.ASSERTS, Stance.WARNS})
NEGATIVE_STANCES: Final[frozenset[Stance]] = frozenset({Stance.DENIES})
#: Every term the ontology defines (local names): code that mints a term checks against it.
TERMS: Final[frozenset[str]] = frozenset({
    "Actor", "AnonymousGroup", "AnonymousOnlyClaim", "Article", "Assertion", "Attribution", "Belief", "Claim",
    "ContentPiece", "ContestedClaim", "Contradiction", "Correction", "Country", "Denial", "Direct",
    "Document", "Evaluation", "Evidence", "Hedge", "Indirect", "Intention", "Mixed", "Mode", "Organization",
    "Outlet", "Person", "Question", "QuoteKind", "QuoteVariant", "RoleStatement", "Stance", "Statement",
    "Warning", "aboutClaim", "act", "actor", "affiliation", "alias", "appliedTo", "asserter", "asserts",
    "attributionCount", "author", "bodyDigest", "citedRank", "claim", "claimRank", "claimSimilarity",
    "claimTerms", "code", "contentHash", "contentPiece", "contestedRank", "contradicts", "correctedBy",
    "correctionAction", "correctionJson", "cue", "cueBegin", "cueEnd", "denialBasis", "denialCount", "denier",
    "denies", "documentId", "extractedClaim", "extractedSource", "extractedStance", "extractorVersion",
    "firstDenial", "firstReport", "headOf", "hedged", "hedges", "inArticle", "kind", "kinds", "machineRecord",
    "matchConfidence", "mentionCount", "mentionedAs", "mergesActorNamed", "missingIn", "mode", "name",
    "negated", "nestedIn", "pieceIndex", "polarity", "polarityFlip", "questions", "recordId", "rejects",
    "relays", "rendering", "reports", "role", "sameTextAs", "sentence", "sentenceBegin", "sentenceEnd",
    "setsClaim", "setsSource", "setsStance", "similarity", "source", "sourceBegin", "sourceEnd",
    "sourceMatch", "sourceName", "sourceSieve", "sourceText", "speaker", "splitsClaim", "stance",
    "stanceEdge", "statementTime", "statementTimeText", "status", "takesStanceOn", "targetContent",
    "targetsArticle", "text", "textDigest", "warns",
})
