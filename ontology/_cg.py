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
    Claim: URIRef
    Country: URIRef
    Denial: URIRef
    Direct: URIRef
    Document: URIRef
    Hedge: URIRef
    Indirect: URIRef
    Mixed: URIRef
    Organization: URIRef
    Outlet: URIRef
    Person: URIRef
    Question: URIRef
    QuoteKind: URIRef
    Stance: URIRef
    Warning: URIRef
    asserts: URIRef
    claim: URIRef
    contentHash: URIRef
    cue: URIRef
    cueBegin: URIRef
    cueEnd: URIRef
    denies: URIRef
    documentId: URIRef
    extractorVersion: URIRef
    hedged: URIRef
    hedges: URIRef
    inArticle: URIRef
    kind: URIRef
    mentionedAs: URIRef
    name: URIRef
    nestedIn: URIRef
    questions: URIRef
    recordId: URIRef
    relays: URIRef
    reports: URIRef
    sentence: URIRef
    sentenceBegin: URIRef
    sentenceEnd: URIRef
    source: URIRef
    sourceBegin: URIRef
    sourceEnd: URIRef
    sourceText: URIRef
    stance: URIRef
    takesStanceOn: URIRef
    text: URIRef
    warns: URIRef
