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
from claimgraph.ontology.vocab import MODE_TERM, QUOTE_KIND_TERM, SOURCE_KIND_TERM, STANCE_TERM, Stance
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
    g = NamedNode(article_iri(article.id, base))
    art = g  # the article node shares its graph's IRI
    digest = digest or content_hash(article, version, fingerprint)
    quads: list[Quad] = []
    facts: list[Quad] = []
    actors = NamedNode(actors_graph(base))

    def add(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        quads.append(Quad(s, p, o, g))

    def fact(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        facts.append(Quad(s, p, o, actors))

    add(art, RDF_TYPE, cg("Article"))
    add(art, RDF_TYPE, NamedNode(NIF + "Context"))
    # The text as read, so evidence can be shown in its paragraph (NIF: the article is the context
    # every offset points into).
    add(art, NamedNode(NIF + "isString"), Literal(article.text))
    add(art, cg("documentId"), Literal(article.id))
    add(art, cg("contentHash"), Literal(digest))
    add(art, cg("extractorVersion"), Literal(version))
    if article.title:
        add(art, NamedNode(SCHEMA + "headline"), Literal(article.title))
    if article.url:
        add(art, NamedNode(SCHEMA + "url"), Literal(article.url))
    if article.published:  # the day, typed, when the metadata names one; else as written
        day = published_on(article.published)
        add(art, NamedNode(SCHEMA + "datePublished"),
            Literal(day.isoformat(), datatype=XSD_DATE) if day is not None else Literal(article.published))
    if article.outlet:
        outlet = NamedNode(actor_iri(article.outlet, "outlet", base))
        add(art, NamedNode(SCHEMA + "publisher"), outlet)
        fact(outlet, RDF_TYPE, cg("Outlet"))
        fact(outlet, cg("name"), Literal(article.outlet))

    by_id: dict[str, Attribution] = {}
    for rec in records:
        by_id[rec.id] = rec
        node = NamedNode(attribution_iri(article.id, rec.id, base))
        actor = NamedNode(actor_iri(rec.source.name, rec.source.kind, base))
        claim = NamedNode(claim_iri(rec.claim or rec.id, base))
        add(node, RDF_TYPE, cg("Attribution"))
        add(node, cg("inArticle"), art)
        add(node, cg("source"), actor)
        add(node, cg("claim"), claim)
        # A negated assertion's stance depends on the store: the story graph states it (an
        # assertion of the negative fact, or a denial when another source asserts the claim).
        settled_later = rec.negated and rec.stance == Stance.ASSERTS
        if not settled_later:
            add(node, cg("stance"), STANCE[rec.stance])
        for f, predicate, datatype in _STATED:  # the fields the table says are stated as they are
            if states(rec, f):
                text = lexical(rec, f)
                add(node, predicate, NamedNode(text) if f.datatype == "iri" else Literal(text, datatype=datatype))
        for k, (a, b) in enumerate(rec.content_pieces, 1):
            piece = NamedNode(f"{node.value}/piece/{k}")
            add(node, cg("contentPiece"), piece)
            add(piece, RDF_TYPE, cg("ContentPiece"))
            add(piece, cg("pieceIndex"), Literal(str(k), datatype=XSD_INT))
            add(piece, NamedNode(NIF + "anchorOf"), Literal(article.text[a:b]))
            add(piece, NamedNode(NIF + "beginIndex"), Literal(str(a), datatype=XSD_INT))
            add(piece, NamedNode(NIF + "endIndex"), Literal(str(b), datatype=XSD_INT))
        add(node, cg("sentence"), Literal(rec.sentence))
        add(node, cg("sentenceBegin"), Literal(str(max(rec.sentence_start, 0)), datatype=XSD_INT))
        add(node, cg("sentenceEnd"), Literal(str(max(rec.sentence_end, 0)), datatype=XSD_INT))
        add(node, cg("cueBegin"), Literal(str(max(rec.cue_start, 0)), datatype=XSD_INT))
        add(node, cg("cueEnd"), Literal(str(max(rec.cue_end, 0)), datatype=XSD_INT))
        if rec.parent is not None:
            add(node, cg("nestedIn"), NamedNode(attribution_iri(article.id, rec.parent, base)))
        add(claim, NamedNode(PROV + "qualifiedAttribution"), node)
        if resolution is not None:
            if rec.id in resolution.terms:
                add(node, cg("claimTerms"), Literal(" ".join(sorted(resolution.terms[rec.id]))))
            if rec.id in resolution.similarity:
                add(node, cg("claimSimilarity"), Literal(f"{resolution.similarity[rec.id]:.3f}", datatype=XSD_DECIMAL))
            match = resolution.matches.get(rec.id)
            if match is not None and match.rule not in ("exact", "new"):
                add(node, cg("sourceMatch"), Literal(match.rule))
                add(node, cg("matchConfidence"), Literal(f"{match.confidence:.3f}", datatype=XSD_DECIMAL))
                add(actor, cg("alias"), Literal(resolution.mentioned[rec.id]))
            if resolution.mentioned.get(rec.id, rec.source.name) != rec.source.name:
                add(node, cg("sourceName"), Literal(resolution.mentioned[rec.id]))  # to re-resolve from

        fact(actor, RDF_TYPE, ACTOR_CLASS[rec.source.kind])
        fact(actor, cg("name"), Literal(rec.source.name))
        fact(actor, RDFS_LABEL, Literal(rec.source.name))
        if rec.source.text:
            add(actor, cg("mentionedAs"), Literal(rec.source.text))  # how this article wrote it
        if rec.source.author:
            author_kind = rec.source.author_kind or "organization"
            author = NamedNode(actor_iri(rec.source.author, author_kind, base))
            fact(actor, cg("author"), author)
            fact(author, RDF_TYPE, ACTOR_CLASS[author_kind])
            fact(author, cg("name"), Literal(rec.source.author))
            fact(author, RDFS_LABEL, Literal(rec.source.author))
        add(claim, RDF_TYPE, cg("Claim"))
        add(claim, cg("text"), Literal(rec.content))

        if not settled_later:
            add(actor, STANCE_EDGE[rec.stance], claim)
        add(art, cg("reports"), claim)
        if rec.source.kind == "outlet":
            add(actor, cg("reports"), claim)
    for n, role in enumerate(resolution.roles if resolution is not None else []):
        person = NamedNode(actor_iri(role.name, "person", base))
        stmt = NamedNode(f"{base}role/{slug(article.id)}/{n + 1}")
        add(stmt, RDF_TYPE, cg("RoleStatement"))
        add(stmt, cg("actor"), person)
        add(stmt, cg("role"), Literal(role.role))
        add(stmt, cg("affiliation"), Literal(role.affiliation))
        add(stmt, cg("inArticle"), art)
        add(stmt, NamedNode(NIF + "beginIndex"), Literal(str(role.start), datatype=XSD_INT))
        add(stmt, NamedNode(NIF + "endIndex"), Literal(str(role.end), datatype=XSD_INT))
        facts.append(Quad(person, RDF_TYPE, cg("Person"), actors))
        facts.append(Quad(person, cg("name"), Literal(role.name), actors))
        facts.append(Quad(person, cg("role"), Literal(role.role), actors))
        facts.append(Quad(person, cg("affiliation"), Literal(role.affiliation), actors))
        country = resolution.leaders_in_article.get(role.name) if resolution is not None else None
        if country is not None and role.affiliation == country:
            c = NamedNode(actor_iri(country, "country", base))
            facts.append(Quad(c, RDF_TYPE, cg("Country"), actors))
            facts.append(Quad(c, cg("name"), Literal(country), actors))
            facts.append(Quad(person, cg("headOf"), c, actors))
    for rec in by_id.values():
        parent = by_id.get(rec.parent) if rec.parent else None
        if parent is not None and parent.source.name != rec.source.name:
            add(NamedNode(actor_iri(parent.source.name, parent.source.kind, base)), cg("relays"),
                NamedNode(actor_iri(rec.source.name, rec.source.kind, base)))
    return ArticleGraph(article.id, g.value, digest, list(dict.fromkeys(quads)), list(dict.fromkeys(facts)))
