"""Attribution records to RDF quads: one named graph per article.

Each attribution occurrence is a ``cg:Attribution`` node carrying source, cue, stance, kind,
certainty, nesting and evidence (NIF offsets into the article text as read); the direct edges
``actor cg:asserts|denies|warns|questions|hedges claim``, ``article cg:reports claim`` (and
``outlet cg:reports claim`` when an outlet is the source) and ``outer cg:relays inner`` are
materialised so that simple questions need simple queries. Built with pyoxigraph terms: this is
the hot path of a build.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad

from claimgraph.extractors import Article, Attribution
from claimgraph.extractors.fields import STATED, lexical, states
from claimgraph.extractors.reading.times import published_on
from claimgraph.graph.iris import actor_iri, actors_graph, article_iri, attribution_iri, cg, claim_iri, slug
from claimgraph.ontology import DEFAULT_BASE, NIF, PROV, SCHEMA, XSD
from claimgraph.ontology.vocab import MODE_TERM, QUOTE_KIND_TERM, SOURCE_KIND_TERM, STANCE_TERM, SourceKind, Stance
from claimgraph.ontology.vocab import STANCE_EDGE as STANCE_EDGE_TERM

if TYPE_CHECKING:
    from claimgraph.graph.resolve.linker import Resolution

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD_INT = NamedNode(XSD + "integer")  # Oxigraph stores derived integer types as xsd:integer
XSD_BOOL = NamedNode(XSD + "boolean")
XSD_DECIMAL = NamedNode(XSD + "decimal")
XSD_DATE = NamedNode(XSD + "date")


#: The fields the graph states as literals or vocabulary terms, with their predicate and datatype.
_DATATYPE = {"string": NamedNode(XSD + "string"), "integer": XSD_INT, "boolean": XSD_BOOL}
_STATED = [(f, NamedNode(f.predicate), _DATATYPE.get(f.datatype)) for f in STATED if f.predicate]

# The vocabulary's terms, from the enums generated from the ontology (claimgraph.ontology.vocab).
STANCE: dict[str, NamedNode] = {s: NamedNode(iri) for s, iri in STANCE_TERM.items()}
STANCE_EDGE: dict[str, NamedNode] = {s: NamedNode(iri) for s, iri in STANCE_EDGE_TERM.items()}
KIND: dict[str, NamedNode] = {k: NamedNode(iri) for k, iri in QUOTE_KIND_TERM.items()}
MODE: dict[str, NamedNode] = {m: NamedNode(iri) for m, iri in MODE_TERM.items()}
ACTOR_CLASS: dict[str, NamedNode] = {k: NamedNode(iri) for k, iri in SOURCE_KIND_TERM.items()}


@dataclass(frozen=True, slots=True)
class ArticleGraph:
    """The named graph of one article: its IRI, its quads and the hash that identifies its input."""

    doc: str
    iri: str
    content_hash: str
    quads: list[Quad]
    #: What the article says about its actors that holds whatever the article (a name, a kind, a
    #: role, who leads what, who wrote a document), for the shared actors graph: stated once there,
    #: so a join through an actor's name gives one row per attribution, not one per article.
    actor_quads: list[Quad] = field(default_factory=list)


def content_hash(article: Article, version: str, fingerprint: str = "") -> str:
    """Hash of what the graph is made from: the text, its metadata, claimgraph's version and the
    pipeline's ``fingerprint`` (spaCy pipeline, extractor, weights, rules, lexicon; see
    ``PipelineSpec.fingerprint``), so another ``--model`` or new rules rebuild the article."""
    h = hashlib.sha256()
    for part in (version, fingerprint, article.id, article.text, article.title or "", article.outlet or "",
                 article.url or "", article.published or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def article_graph(article: Article, records: Iterable[Attribution], *, version: str, fingerprint: str = "",
                  base: str = DEFAULT_BASE, resolution: Resolution | None = None,
                  digest: str | None = None) -> ArticleGraph:
    """The quads of one article's named graph; with a ``resolution`` (see :mod:`.resolve`), its
    records, the claim terms and actor matches behind them, and the roles the article states.
    ``digest``: the content hash it was stored under (an article re-resolved from the store keeps
    the hash of the input it was read from)."""
    if resolution is not None:
        records = resolution.records
    digest = digest or content_hash(article, version, fingerprint)
    q = _Quads(NamedNode(article_iri(article.id, base)), NamedNode(actors_graph(base)), base)
    _article(q, article, digest, version)
    by_id: dict[str, Attribution] = {}
    for rec in records:
        by_id[rec.id] = rec
        _record(q, article, rec, resolution)
    if resolution is not None:
        _roles(q, article, resolution)
    for rec in by_id.values():  # who relays whom: a nested source speaks through its parent's
        parent = by_id.get(rec.parent) if rec.parent else None
        if parent is not None and parent.source.name != rec.source.name:
            q.add(q.actor(parent.source.name, parent.source.kind), cg("relays"), q.actor(rec.source.name, rec.source.kind))
    return ArticleGraph(article.id, q.graph.value, digest, list(dict.fromkeys(q.quads)), list(dict.fromkeys(q.facts)))


@dataclass(slots=True)
class _Quads:
    """What one article states, in the order it is stated: quads in its own named graph, and facts
    about actors in the shared actors graph."""

    graph: NamedNode  # the article's graph; the article node shares its IRI
    actors: NamedNode
    base: str
    quads: list[Quad] = field(default_factory=list)
    facts: list[Quad] = field(default_factory=list)

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def fact(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.facts.append(Quad(s, p, o, self.actors))

    def actor(self, name: str, kind: str) -> NamedNode:
        return NamedNode(actor_iri(name, kind, self.base))

    def named(self, node: NamedNode, kind: str, name: str) -> None:
        """An actor's kind and name, in the actors graph."""
        self.fact(node, RDF_TYPE, ACTOR_CLASS[kind])
        self.fact(node, cg("name"), Literal(name))
        self.fact(node, RDFS_LABEL, Literal(name))


def text_digests(text: str) -> tuple[str, str | None]:
    """The digests a copy is known by: of the whole text, and of the text after its first line
    (the headline) when enough is left to be an article of its own (30 words)."""
    lines = [line for line in text.splitlines() if line.strip()]
    body = " ".join(lines[1:]).split()

    def digest(words: list[str]) -> str:
        return hashlib.sha256(" ".join(words).casefold().encode("utf-8", "surrogatepass")).hexdigest()

    return digest(text.split()), digest(body) if len(body) >= 30 else None


def _article(q: _Quads, article: Article, digest: str, version: str) -> None:
    """The article node: its text (NIF: the context every offset points into, so evidence can be
    shown in its paragraph), id, content hash, the digests its copies are found by and what its
    metadata says."""
    art = q.graph
    q.add(art, RDF_TYPE, cg("Article"))
    whole, body = text_digests(article.text)
    q.add(art, cg("textDigest"), Literal(whole))
    if body is not None:
        q.add(art, cg("bodyDigest"), Literal(body))
    q.add(art, RDF_TYPE, NamedNode(NIF + "Context"))
    q.add(art, NamedNode(NIF + "isString"), Literal(article.text))
    q.add(art, cg("documentId"), Literal(article.id))
    q.add(art, cg("contentHash"), Literal(digest))
    q.add(art, cg("extractorVersion"), Literal(version))
    if article.title:
        q.add(art, NamedNode(SCHEMA + "headline"), Literal(article.title))
    if article.url:
        q.add(art, NamedNode(SCHEMA + "url"), Literal(article.url))
    if article.published:  # the day, typed, when the metadata names one; else as written
        day = published_on(article.published)
        q.add(art, NamedNode(SCHEMA + "datePublished"),
              Literal(day.isoformat(), datatype=XSD_DATE) if day is not None else Literal(article.published))
    if article.outlet:
        outlet = q.actor(article.outlet, "outlet")
        q.add(art, NamedNode(SCHEMA + "publisher"), outlet)
        q.fact(outlet, RDF_TYPE, cg("Outlet"))
        q.fact(outlet, cg("name"), Literal(article.outlet))


def _record(q: _Quads, article: Article, rec: Attribution, resolution: Resolution | None) -> None:
    """One attribution: its node with the fields the table states, its evidence, how it was
    resolved, its source in the actors graph, and the edges source → claim ← article."""
    art, base = q.graph, q.base
    node = NamedNode(attribution_iri(article.id, rec.id, base))
    actor = q.actor(rec.source.name, rec.source.kind)
    claim = NamedNode(claim_iri(rec.claim or rec.id, base))
    q.add(node, RDF_TYPE, cg("Attribution"))
    q.add(node, cg("inArticle"), art)
    q.add(node, cg("source"), actor)
    q.add(node, cg("claim"), claim)
    # A negated assertion's stance depends on the store: the story graph states it (an
    # assertion of the negative fact, or a denial when another source asserts the claim).
    settled_later = rec.negated and rec.stance == Stance.ASSERTS
    if not settled_later:
        q.add(node, cg("stance"), STANCE[rec.stance])
    for f, predicate, datatype in _STATED:  # the fields the table says are stated as they are
        if states(rec, f):
            text = lexical(rec, f)
            q.add(node, predicate, NamedNode(text) if f.datatype == "iri" else Literal(text, datatype=datatype))
    _evidence(q, node, rec, article.text)
    if rec.parent is not None:
        q.add(node, cg("nestedIn"), NamedNode(attribution_iri(article.id, rec.parent, base)))
    if rec.act is not None:
        q.add(node, cg("act"), NamedNode(attribution_iri(article.id, rec.act, base)))
    q.add(claim, NamedNode(PROV + "qualifiedAttribution"), node)
    if resolution is not None:
        _resolved(q, node, actor, rec, resolution)
    q.named(actor, rec.source.kind, rec.source.name)
    if rec.source.text:
        q.add(actor, cg("mentionedAs"), Literal(rec.source.text))  # how this article wrote it
    if rec.source.author:
        author_kind = rec.source.author_kind or "organization"
        author = q.actor(rec.source.author, author_kind)
        q.fact(actor, cg("author"), author)
        q.named(author, author_kind, rec.source.author)
    q.add(claim, RDF_TYPE, cg("Claim"))
    q.add(claim, cg("text"), Literal(rec.content))
    if not settled_later:
        q.add(actor, STANCE_EDGE[rec.stance], claim)
    q.add(art, cg("reports"), claim)
    if rec.source.kind == SourceKind.OUTLET:
        q.add(actor, cg("reports"), claim)


def _evidence(q: _Quads, node: NamedNode, rec: Attribution, text: str) -> None:
    """Where in the text: the content's pieces (NIF anchors), the sentence and the cue."""
    for k, (a, b) in enumerate(rec.content_pieces, 1):
        piece = NamedNode(f"{node.value}/piece/{k}")
        q.add(node, cg("contentPiece"), piece)
        q.add(piece, RDF_TYPE, cg("ContentPiece"))
        q.add(piece, cg("pieceIndex"), Literal(str(k), datatype=XSD_INT))
        q.add(piece, NamedNode(NIF + "anchorOf"), Literal(text[a:b]))
        q.add(piece, NamedNode(NIF + "beginIndex"), Literal(str(a), datatype=XSD_INT))
        q.add(piece, NamedNode(NIF + "endIndex"), Literal(str(b), datatype=XSD_INT))
    q.add(node, cg("sentence"), Literal(rec.sentence))
    q.add(node, cg("sentenceBegin"), Literal(str(max(rec.sentence_start, 0)), datatype=XSD_INT))
    q.add(node, cg("sentenceEnd"), Literal(str(max(rec.sentence_end, 0)), datatype=XSD_INT))
    q.add(node, cg("cueBegin"), Literal(str(max(rec.cue_start, 0)), datatype=XSD_INT))
    q.add(node, cg("cueEnd"), Literal(str(max(rec.cue_end, 0)), datatype=XSD_INT))


def _resolved(q: _Quads, node: NamedNode, actor: NamedNode, rec: Attribution, resolution: Resolution) -> None:
    """How the record was linked to the store: the claim's terms and similarity, the rule that
    matched its source to a known actor, and the name as the article gave it."""
    if rec.id in resolution.terms:
        q.add(node, cg("claimTerms"), Literal(" ".join(sorted(resolution.terms[rec.id]))))
    if rec.id in resolution.similarity:
        q.add(node, cg("claimSimilarity"), Literal(f"{resolution.similarity[rec.id]:.3f}", datatype=XSD_DECIMAL))
    match = resolution.matches.get(rec.id)
    if match is not None and match.rule not in ("exact", "new"):
        q.add(node, cg("sourceMatch"), Literal(match.rule))
        q.add(node, cg("matchConfidence"), Literal(f"{match.confidence:.3f}", datatype=XSD_DECIMAL))
        q.add(actor, cg("alias"), Literal(resolution.mentioned[rec.id]))
    if resolution.mentioned.get(rec.id, rec.source.name) != rec.source.name:
        q.add(node, cg("sourceName"), Literal(resolution.mentioned[rec.id]))  # to re-resolve from


def _roles(q: _Quads, article: Article, resolution: Resolution) -> None:
    """The roles the article states ("French President Emmanuel Macron"), each a statement with its
    offsets, and in the actors graph the person's role and the country a leader heads."""
    for n, role in enumerate(resolution.roles):
        person = q.actor(role.name, "person")
        stmt = NamedNode(f"{q.base}role/{slug(article.id)}/{n + 1}")
        q.add(stmt, RDF_TYPE, cg("RoleStatement"))
        q.add(stmt, cg("actor"), person)
        q.add(stmt, cg("role"), Literal(role.role))
        q.add(stmt, cg("affiliation"), Literal(role.affiliation))
        q.add(stmt, cg("inArticle"), q.graph)
        q.add(stmt, NamedNode(NIF + "beginIndex"), Literal(str(role.start), datatype=XSD_INT))
        q.add(stmt, NamedNode(NIF + "endIndex"), Literal(str(role.end), datatype=XSD_INT))
        q.fact(person, RDF_TYPE, cg("Person"))
        q.fact(person, cg("name"), Literal(role.name))
        q.fact(person, cg("role"), Literal(role.role))
        q.fact(person, cg("affiliation"), Literal(role.affiliation))
        country = resolution.leaders_in_article.get(role.name)
        if country is not None and role.affiliation == country:
            c = q.actor(country, "country")
            q.fact(c, RDF_TYPE, cg("Country"))
            q.fact(c, cg("name"), Literal(country))
            q.fact(person, cg("headOf"), c)
