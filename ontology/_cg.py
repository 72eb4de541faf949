"""The claimgraph vocabulary (cg:). Generated from claimgraph.ttl by generate.py — do not edit."""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class CG(DefinedNamespace):
    """Closed namespace: a misspelt term raises at import or attribute access."""

    _fail = True
    _NS = Namespace("https://w3id.org/claimgraph/ontology#")

    Actor: URIRef
    AnonymousGroup: URIRef
    Article: URIRef
    Assertion: URIRef
    Attribution: URIRef
    Belief: URIRef
    Claim: URIRef
    ContentPiece: URIRef
    ContestedClaim: URIRef
    Contradiction: URIRef
    Country: URIRef
    Denial: URIRef
    Direct: URIRef
    Document: URIRef
    Evaluation: URIRef
    Evidence: URIRef
    Hedge: URIRef
    Indirect: URIRef
    Intention: URIRef
    Mixed: URIRef
    Mode: URIRef
    Organization: URIRef
    Outlet: URIRef
    Person: URIRef
    Question: URIRef
    QuoteKind: URIRef
    QuoteVariant: URIRef
    RoleStatement: URIRef
    Stance: URIRef
    Statement: URIRef
    Warning: URIRef
    aboutClaim: URIRef
    act: URIRef
    actor: URIRef
    affiliation: URIRef
    alias: URIRef
    asserter: URIRef
    asserts: URIRef
    attributionCount: URIRef
    author: URIRef
    citedRank: URIRef
    claim: URIRef
    claimRank: URIRef
    claimSimilarity: URIRef
    claimTerms: URIRef
    code: URIRef
    contentHash: URIRef
    contentPiece: URIRef
    contestedRank: URIRef
    contradicts: URIRef
    cue: URIRef
    cueBegin: URIRef
    cueEnd: URIRef
    denialBasis: URIRef
    denialCount: URIRef
    denier: URIRef
    denies: URIRef
    documentId: URIRef
    extractorVersion: URIRef
    firstDenial: URIRef
    firstReport: URIRef
    headOf: URIRef
    hedged: URIRef
    hedges: URIRef
    inArticle: URIRef
    kind: URIRef
    kinds: URIRef
    matchConfidence: URIRef
    mentionCount: URIRef
    mentionedAs: URIRef
    mode: URIRef
    name: URIRef
    negated: URIRef
    nestedIn: URIRef
    pieceIndex: URIRef
    polarity: URIRef
    polarityFlip: URIRef
    questions: URIRef
    recordId: URIRef
    relays: URIRef
    rendering: URIRef
    reports: URIRef
    role: URIRef
    sentence: URIRef
    sentenceBegin: URIRef
    sentenceEnd: URIRef
    similarity: URIRef
    source: URIRef
    sourceBegin: URIRef
    sourceEnd: URIRef
    sourceMatch: URIRef
    sourceName: URIRef
    sourceSieve: URIRef
    sourceText: URIRef
    speaker: URIRef
    stance: URIRef
    stanceEdge: URIRef
    statementTime: URIRef
    statementTimeText: URIRef
    takesStanceOn: URIRef
    text: URIRef
    warns: URIRef
