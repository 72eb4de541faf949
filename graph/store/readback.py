"""Attribution records read back from the store: the store is the source of truth, and
``attributions.jsonl`` is exported from it, so it always covers every article built so far."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pyoxigraph as ox

from claimgraph.extractors import Article, Attribution
from claimgraph.extractors.fields import STATED, parsed
from claimgraph.graph.iris import actor_kind, actors_graph, cg, story_graph, term_value
from claimgraph.graph.resolve.actors import Match, RoleFact
from claimgraph.ontology import NIF, PREFIXES, SCHEMA
from claimgraph.ontology.vocab import SOURCE_KIND_TERM, STANCE_TERM, SourceKind, Stance

_PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def _records_query() -> str:
    """The SELECT of every record's fields: the table's stated fields (those stated only with a
    value, optionally), then the ones stated by hand."""
    required: list[str] = []
    optional: dict[str, list[str]] = {}
    for f in STATED:
        pattern = f"?a <{f.predicate}> ?{f.key} ."
        group = f.gate or (None if f.stated == "always" else f.key)
        if group is None:
            required.append(pattern)
        else:
            optional.setdefault(group, []).append(pattern)
    head = "SELECT * WHERE {\n  ?a a cg:Attribution ; cg:inArticle ?art ; cg:source ?actor ; cg:claim ?claim .\n  "
    return _PREFIXES + head + "\n  ".join(required) + """
  ?art cg:documentId ?doc .
  ?actor cg:name ?source ; a ?cls .
  """ + "\n  ".join(f"OPTIONAL {{ {' '.join(p)} }}" for p in optional.values()) + """
  OPTIONAL { ?a cg:nestedIn ?p . ?p cg:recordId ?parentId }
  OPTIONAL { ?a cg:act ?u . ?u cg:recordId ?actId }
  OPTIONAL { ?a cg:stance ?st }  # a negated assertion's stance is settled in the story graph
  OPTIONAL { ?a cg:sourceName ?named }
  OPTIONAL { ?actor cg:author ?author . ?author cg:name ?authorName }
}
"""


_RECORDS = _records_query()
_PIECES = _PREFIXES + """
SELECT ?id ?k ?b ?e WHERE {
  ?a cg:recordId ?id ; cg:contentPiece ?p . ?p cg:pieceIndex ?k ; nif:beginIndex ?b ; nif:endIndex ?e .
}
"""
_CORRECTED = _PREFIXES + "SELECT ?id ?c WHERE { ?a cg:recordId ?id ; cg:correctedBy ?c } ORDER BY ?c"
_RESOLVED = _PREFIXES + """
SELECT ?id ?name ?named ?terms ?sim ?rule ?conf WHERE {
  ?a a cg:Attribution ; cg:recordId ?id ; cg:source ?actor . ?actor cg:name ?name .
  OPTIONAL { ?a cg:sourceName ?named } OPTIONAL { ?a cg:claimTerms ?terms } OPTIONAL { ?a cg:claimSimilarity ?sim }
  OPTIONAL { ?a cg:sourceMatch ?rule ; cg:matchConfidence ?conf }
}"""
_ROLES = _PREFIXES + """
SELECT ?r ?name ?role ?aff ?b ?e WHERE {
  ?r a cg:RoleStatement ; cg:actor ?p ; cg:role ?role ; cg:affiliation ?aff ; nif:beginIndex ?b ; nif:endIndex ?e .
  ?p cg:name ?name .
}"""
_CORRECTED_BY = cg("correctedBy")
_DOCUMENT_ID = cg("documentId")
_PUBLISHER = SCHEMA + "publisher"
_KIND_OF_CLASS = {iri: kind for kind, iri in SOURCE_KIND_TERM.items()}
_STANCE_OF = {iri: stance for stance, iri in STANCE_TERM.items()}


def read_records(store: ox.Store, *, docs: set[str] | None = None, as_extracted: bool = False,
                 settled: bool = True) -> Iterator[Attribution]:
    """Every attribution in ``store`` (or in the articles ``docs`` names), ordered by document and
    record number, streamed one article graph at a time (memory stays that of one article,
    whatever the store's size). ``as_extracted``: as the extractor gave them, before resolution
    (the source as the article named it, no claim, a negated assertion's stance as stated), to
    resolve them again; ``settled=False``: resolved, but a negated assertion's stance as stated
    (not as the story settled it), to make the article's graph again. A record a reviewer
    corrected says so: ``extra["corrected_by"]``, the corrections' ids."""
    graphs = sorted(((term_value(q.object), q.graph_name) for q in store.quads_for_pattern(None, _DOCUMENT_ID, None, None)
                     if docs is None or term_value(q.object) in docs), key=lambda pair: pair[0])
    seen_docs: set[str] = set()
    story, actors = ox.NamedNode(story_graph()), ox.NamedNode(actors_graph())
    for doc, g in graphs:
        if doc in seen_docs:
            continue
        seen_docs.add(doc)
        # One article graph at a time: Oxigraph's union-graph joins cost far more per row.
        rows: dict[str, Attribution] = {}
        for s in _solutions(store, [g, actors] if as_extracted or not settled else [g, story, actors]):
            kind = _KIND_OF_CLASS.get(s["cls"].value)
            if kind is None or s["id"].value in rows or s["doc"].value != doc:
                continue
            rec = _record(s, kind)
            if as_extracted:
                named = s["named"].value if s["named"] is not None else rec.source.name
                rec = replace(rec, source=replace(rec.source, name=named), claim=None)
            rows[s["id"].value] = rec
        pieces: dict[str, list[tuple[int, int, int]]] = {}
        for s in _solutions(store, g, _PIECES):
            pieces.setdefault(s["id"].value, []).append((int(s["k"].value), int(s["b"].value), int(s["e"].value)))
        for rid, found in pieces.items():
            if rid in rows:
                rows[rid] = replace(rows[rid], content_pieces=tuple((b, e) for _, b, e in sorted(found)))
        corrected = next(store.quads_for_pattern(None, _CORRECTED_BY, None, g), None) is not None
        for s in _solutions(store, g, _CORRECTED) if corrected else ():  # one index look-up when none was
            rid = s["id"].value
            if rid in rows:
                ids = rows[rid].extra.setdefault("corrected_by", [])
                ids.append(s["c"].value.rpartition("/")[2])
        yield from sorted(rows.values(), key=_order)


def read_resolution(store: ox.Store, graph: str) -> tuple[dict[str, Match], dict[str, str], dict[str, frozenset[str]],
                                                           dict[str, float], list[RoleFact]]:
    """How the records of article graph ``graph`` were resolved, as the graph states it: each
    record id's source match, the name the article gave, its claim terms and similarity, and the
    roles the article states (to make the graph again without resolving again)."""
    matches: dict[str, Match] = {}
    mentioned: dict[str, str] = {}
    terms: dict[str, frozenset[str]] = {}
    similarity: dict[str, float] = {}
    for s in _solutions(store, [ox.NamedNode(graph), ox.NamedNode(actors_graph())], _RESOLVED):
        rid = s["id"].value
        if s["terms"] is not None:
            terms[rid] = frozenset(s["terms"].value.split())
        if s["sim"] is not None:
            similarity[rid] = float(s["sim"].value)
        mentioned[rid] = s["named"].value if s["named"] is not None else s["name"].value
        if s["rule"] is not None:
            matches[rid] = Match(s["name"].value, float(s["conf"].value), s["rule"].value)
    numbered: dict[int, RoleFact] = {}
    for s in _solutions(store, [ox.NamedNode(graph), ox.NamedNode(actors_graph())], _ROLES):
        numbered.setdefault(int(s["r"].value.rpartition("/")[2]),
                            RoleFact(s["name"].value, s["role"].value, s["aff"].value, int(s["b"].value), int(s["e"].value)))
    return matches, mentioned, terms, similarity, [numbered[n] for n in sorted(numbered)]


def read_article(store: ox.Store, graph: str) -> tuple[Article, str]:
    """The article stored as graph ``graph`` as it was read (its text and metadata), with the
    content hash it was stored under."""
    g = ox.NamedNode(graph)
    facts: dict[str, str] = {}
    for q in store.quads_for_pattern(g, None, None, g):
        facts.setdefault(q.predicate.value, term_value(q.object))
    outlet = None
    if _PUBLISHER in facts:
        names = sorted(term_value(q.object) for q in store.quads_for_pattern(
            ox.NamedNode(facts[_PUBLISHER]), cg("name"), None, ox.NamedNode(actors_graph())))
        outlet = names[0] if names else None
    article = Article(id=facts[_DOCUMENT_ID.value], text=facts[NIF + "isString"], title=facts.get(SCHEMA + "headline"),
                      outlet=outlet, url=facts.get(SCHEMA + "url"), published=facts.get(SCHEMA + "datePublished"))
    return article, facts[cg("contentHash").value]


def _record(s: ox.QuerySolution, kind: SourceKind) -> Attribution:
    row = {f.key: parsed(f, s[f.key].value) for f in STATED if s[f.key] is not None}
    row.setdefault("source_text", None)
    author = s["author"]
    row.update(doc=s["doc"].value, source=s["source"].value, source_kind=kind, claim=s["claim"].value.rsplit("/", 1)[-1],
               stance=_STANCE_OF[s["st"].value] if s["st"] is not None else Stance.ASSERTS,
               parent=s["parentId"].value if s["parentId"] is not None else None,
               act=s["actId"].value if s["actId"] is not None else None,
               source_author=s["authorName"].value if s["authorName"] is not None else None,
               source_author_kind=actor_kind(author.value) if author is not None else None)
    return Attribution.from_json(row)


def _solutions(store: ox.Store, graph: object, query: str = _RECORDS) -> ox.QuerySolutions:
    result = store.query(query, default_graph=graph)  # type: ignore[arg-type]
    assert isinstance(result, ox.QuerySolutions)
    return result


def _order(rec: Attribution) -> tuple[str, int, str]:
    _, _, n = rec.id.rpartition("-")
    return rec.doc, int(n) if n.isdigit() else 0, rec.id
