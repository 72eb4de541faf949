"""Minting IRIs from normalized keys: the same actor, claim or article always gets the same IRI
(rdflib's ``examples/smushing.py``), and an IRI is valid whatever characters a name holds."""
from __future__ import annotations

import unicodedata
import urllib.parse
from functools import cache

import pyoxigraph as ox

from claimgraph.ontology import DEFAULT_BASE, NAMESPACE
from claimgraph.ontology.vocab import TERMS, SourceKind


@cache
def cg(term: str) -> ox.NamedNode:
    """The ontology's term ``cg:<term>`` as a node; a name ``claimgraph.ttl`` lacks raises, so a
    misspelt property fails at once instead of writing triples nobody queries."""
    if term not in TERMS:
        raise KeyError(f"cg:{term} is not in ontology/claimgraph.ttl")
    return ox.NamedNode(NAMESPACE + term)

# An actor's IRI path names its kind: {base}person/…, {base}organization/… (the kind's code).
_KIND_PATH: dict[str, str] = {kind: kind.value for kind in SourceKind}
_KIND_OF_PATH: dict[str, SourceKind] = {path: kind for kind, path in zip(SourceKind, _KIND_PATH.values(), strict=True)}


def slug(key: str) -> str:
    """A normalized, percent-encoded path segment: NFKC, case-folded, spaces to '-'.

    Only unreserved ASCII characters stay as they are; everything else (quotes, angle brackets,
    newlines, emoji, RTL marks) is percent-encoded as UTF-8, so the IRI is always valid.
    """
    text = unicodedata.normalize("NFKC", key).casefold()
    text = "-".join(text.split())
    text = urllib.parse.quote(text, safe="-._~") or "_"
    if text in (".", ".."):  # a dot segment, which IRI normalization drops ("article/." is "article/")
        return text.replace(".", "%2E")
    return text


def _inner(key: str) -> str:
    """:func:`slug` for a segment other than the last, its end dots encoded too: Turtle writes the
    IRI as a prefixed name, where a dot beside an escaped '/' ("attribution\\/0.\\/…") is misread by
    rdflib's parser."""
    text = slug(key)
    core = text.strip(".")
    if core == text:
        return text
    lead = len(text) - len(text.lstrip("."))
    return "%2E" * lead + core + "%2E" * (len(text) - lead - len(core))


def article_iri(doc_id: str, base: str = DEFAULT_BASE) -> str:
    return f"{base}article/{slug(doc_id)}"


def attribution_iri(doc_id: str, record_id: str, base: str = DEFAULT_BASE) -> str:
    return f"{base}attribution/{_inner(doc_id)}/{_inner(record_id)}"


def actors_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph holding each actor's name, kind, roles and authorship once."""
    return f"{base}graph/actors"


def story_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph holding what the articles say together: claims' mentions, contested claims,
    contradictions, quote variants and the denials read from negations."""
    return f"{base}graph/story"


def copies_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph saying which articles are copies of which (``cg:sameTextAs``): kept apart
    from the articles' own graphs, which a replay makes again."""
    return f"{base}graph/copies"


def corrections_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph holding the reviewers' corrections (PROV-O), apart from the machine's reading."""
    return f"{base}graph/corrections"


def review_graph(doc_id: str, base: str = DEFAULT_BASE) -> str:
    """The named graph of how the corrections hold on one article now: their targets, the
    machine's version of each record they changed, the ones whose target is gone."""
    return f"{base}graph/review/{slug(doc_id)}"


def correction_iri(cid: str, base: str = DEFAULT_BASE) -> str:
    return f"{base}correction/{cid}"


def actor_iri(name: str, kind: str, base: str = DEFAULT_BASE) -> str:
    return f"{base}{_KIND_PATH.get(kind, 'actor')}/{slug(name)}"


def actor_kind(iri: str) -> SourceKind | None:
    """The kind an actor IRI was minted for (the path segment before its slug), else ``None``."""
    _, _, rest = iri.rpartition("/")
    segment = iri[: len(iri) - len(rest) - 1].rpartition("/")[2]
    return _KIND_OF_PATH.get(segment)


def claim_iri(key: str, base: str = DEFAULT_BASE) -> str:
    return f"{base}claim/{slug(key)}"


def term_value(term: object) -> str:
    """The lexical value of a stored term: an IRI, a blank node's id or a literal's text (a quoted
    triple, which claimgraph never stores, as its N-Triples form)."""
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)
