"""The store as a networkx graph of who asserts or denies what, and who reports it.

Nodes are actors (people, organizations, outlets, anonymous groups, countries, documents) and
claims; edges are stances (``asserts``, ``denies``, ``warns``, ``questions``, ``hedged``: source →
claim), reporting (``reports``: publishing outlet → claim; ``cites``: publishing outlet → the source
it quotes; ``relays``: outer source → inner source of a nested attribution, "the FT reports, citing
US officials, …") and ``contradicts`` (actor ↔ actor, from the story graph). Every stance and
reporting edge keeps the :class:`Evidence` of each occurrence, so a view can show the sentence it
was read from.

Building the graph and drawing it are separate, as in textacy's ``representations/`` and ``viz/``:
this module builds and selects; :mod:`.analytics` answers questions; :mod:`.explorer` and
:mod:`.figure` draw.
"""
from __future__ import annotations

import math
from bisect import insort
from collections.abc import Iterable
from dataclasses import replace
from itertools import groupby
from typing import Any

import networkx as nx
import pyoxigraph as ox

from claimgraph.extractors import Attribution
from claimgraph.graph.iris import actor_iri, article_iri, attribution_iri, cg, story_graph, term_value
from claimgraph.graph.store.corrections import read_corrections
from claimgraph.graph.store.readback import read_records
from claimgraph.graph.view.evidence import ArticleInfo, Evidence, QuoteVariant, evidence_of
from claimgraph.ontology import DEFAULT_BASE, PREFIXES
from claimgraph.ontology.vocab import SourceKind, Stance

STANCES: tuple[Stance, ...] = tuple(Stance)  # the ontology's, in its order
CLAIM = "claim"  # the kind of a claim node; an actor node's kind is its SourceKind
RELATIONS = (*STANCES, "reports", "cites", "relays", "contradicts")
ACTOR_KINDS: tuple[SourceKind, ...] = tuple(SourceKind)
#: Occurrences kept as evidence per edge (``weight`` still counts them all): a claim retold by a
#: thousand outlets needs a sample of sentences, not a thousand; memory, the saved projection and
#: the page stay bounded (at 100 a 1,000-article page carried 19,000 passages, 23 MB, and
#: saving and drawing them cost 2 s of every build). The SPARQL queries give every occurrence.
MAX_EVIDENCE = 10
#: Evidence kept per ``reports`` and ``cites`` edge: an outlet's edges repeat its stance edges'
#: sentences (the same records), and at 1,000 articles they held 31,000 of a page's 35,000.
MAX_OUTLET_EVIDENCE = 3
_IS_STRING = ox.NamedNode(PREFIXES["nif"] + "isString")

_PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
_ARTICLES = _PREFIXES + """
SELECT ?g ?doc ?title ?outlet ?url ?published WHERE {
  GRAPH ?g { ?g cg:documentId ?doc .
    OPTIONAL { ?g schema:headline ?title } OPTIONAL { ?g schema:url ?url }
    OPTIONAL { ?g schema:datePublished ?published } }
  OPTIONAL { GRAPH ?g { ?g schema:publisher ?publisher } GRAPH ?actors { ?publisher cg:name ?outlet } }
}"""
_COPIES = _PREFIXES + """
SELECT ?doc ?copyDoc ?outlet ?title WHERE {
  GRAPH ?c { ?copy cg:sameTextAs ?orig }
  GRAPH ?orig { ?orig cg:documentId ?doc }
  GRAPH ?copy { ?copy cg:documentId ?copyDoc OPTIONAL { ?copy schema:headline ?title }
                OPTIONAL { ?copy schema:publisher ?publisher } }
  OPTIONAL { GRAPH ?actors { ?publisher cg:name ?outlet } }
} ORDER BY ?doc ?copyDoc ?outlet"""
_ROLES_IN = _PREFIXES + """
SELECT DISTINCT ?g ?actor ?role ?affiliation WHERE {
  GRAPH ?g { ?r a cg:RoleStatement ; cg:actor ?actor ; cg:role ?role ; cg:affiliation ?affiliation }
}"""
_ROLES_OF = _PREFIXES + """
SELECT DISTINCT ?actor ?role ?affiliation WHERE {
  GRAPH ?g { ?r cg:actor ?actor ; a cg:RoleStatement ; cg:role ?role ; cg:affiliation ?affiliation }
}"""
_STORY = _PREFIXES + """
SELECT ?claim ?label ?contested WHERE {
  ?claim rdfs:label ?label . BIND (EXISTS { ?claim a cg:ContestedClaim } AS ?contested)
}"""
_CONTRADICTS = _PREFIXES + "SELECT ?a ?b WHERE { ?a cg:contradicts ?b }"
_CONTRADICTIONS = _PREFIXES + """
SELECT ?claim ?x ?y WHERE { ?c a cg:Contradiction ; cg:aboutClaim ?claim ; cg:asserter ?x ; cg:denier ?y }
"""
_VARIANTS = _PREFIXES + """
SELECT ?v ?claim ?speaker ?r ?similarity ?flip WHERE {
  ?v a cg:QuoteVariant ; cg:aboutClaim ?claim ; cg:speaker ?speaker ; cg:rendering ?r ;
     cg:similarity ?similarity ; cg:polarityFlip ?flip
}"""


def project(store: ox.Store, *, records: Iterable[Attribution] | None = None,
            base: str = DEFAULT_BASE) -> nx.MultiDiGraph:
    """The whole store as a ``MultiDiGraph`` (node keys are IRIs; edge keys are relations).

    ``records``: the store's attributions, grouped by article, when the caller reads them anyway
    (a build writes the JSONL export from the same pass). Node attributes: ``kind``, ``label``,
    ``mentions`` (attributions it is the source or the claim of), ``docs``; claims add
    ``contested``; people add ``roles``. Edge attributes: ``relation``, ``weight`` (occurrences)
    and ``evidence`` (a list of :class:`Evidence`, the first :data:`MAX_EVIDENCE` in article
    order); a stance edge whose speaker's quotes flip polarity across articles has ``flip=True``.
    ``G.graph`` holds ``articles`` (doc → :class:`ArticleInfo`), ``variants`` and ``renderings``
    (record IRI → the :class:`Evidence` of a quote variant's rendering).
    """
    G = nx.MultiDiGraph(articles={}, variants=[], renderings={})
    return extend(G, store, read_records(store) if records is None else records, base=base)


def extend(G: nx.MultiDiGraph, store: ox.Store, records: Iterable[Attribution], *,
           base: str = DEFAULT_BASE) -> nx.MultiDiGraph:
    """``G`` (a projection of the store before ``records`` were added) with ``records``, new
    articles' attributions grouped by article, added, and what the story graph says refreshed: the
    same graph :func:`project` gives for the whole store, so a build keeps the projection and
    extends it instead of reading every record again. (Articles replaced or removed need a whole
    projection.) Nodes come in the order records introduced them: what reads the graph sorts."""
    sg = ox.NamedNode(story_graph(base))
    # the reviewers' corrections, for the page to say who changed what and why
    G.graph["corrections"] = {c.id: {"by": c.by, "note": c.note, "at": c.at, "action": c.action}
                              for c in read_corrections(store)}
    G.graph["copies"] = _copies(store)  # who else ran an article's text
    articles: dict[str, ArticleInfo] = G.graph["articles"]
    labels: dict[str, str] = {}
    contested: set[str] = set()
    for s in _select(store, _STORY, sg):
        labels[s["claim"].value] = s["label"].value
        if s["contested"].value == "true":
            contested.add(s["claim"].value)
    variant_rows = list(_select(store, _VARIANTS, sg))
    renderings = {s["r"].value for s in variant_rows}
    by_record: dict[str, Evidence] = G.graph["renderings"]  # evidence of the quote variants' renderings
    old_nodes = set(G)
    fresh_docs: set[str] = set()
    # Records arrive grouped by article (read_records streams them so): parents are looked up
    # within their article, and memory holds one article's records at a time.
    for doc, group in groupby(records, key=lambda r: r.doc):
        recs = list(group)
        by_id = {r.id: r for r in recs}
        acts: dict[str, list[Attribution]] = {}  # one utterance kept as several claims
        for r in recs:
            if r.act is not None:
                acts.setdefault(r.act, []).append(r)
        text = article_text(store, doc, base)
        if doc not in fresh_docs:
            fresh_docs.add(doc)
            articles.update({d: replace(info, text=text) for d, info in _articles(store, article_iri(doc, base)).items()})
        for rec in recs:
            parts = tuple(r for r in acts.get(rec.act, ()) if r is not rec) if rec.act is not None else ()
            _add_record(G, rec, by_id, articles, renderings, by_record, base, text, parts)
    for doc in fresh_docs:  # roles stated in the new articles
        _add_roles(G, _select(store, _ROLES_IN, g=article_iri(doc, base)))
    for n in set(G) - old_nodes:  # roles that older articles state of actors new to the graph
        if G.nodes[n]["kind"] != CLAIM:
            _add_roles(G, _select(store, _ROLES_OF, actor=n), n)
    for claim, data in G.nodes(data=True):
        if data["kind"] == CLAIM:
            data["label"] = labels.get(claim) or data["first"][1]
            data["contested"] = claim in contested
            data.pop("contradictions", None)
    for u, v, k in [e for e in G.edges(keys=True) if e[2] == "contradicts"]:
        G.remove_edge(u, v, key=k)
    for s in _select(store, _CONTRADICTS, sg):
        a, b = s["a"].value, s["b"].value
        if a < b and a in G and b in G:
            G.add_edge(a, b, key="contradicts", relation="contradicts", weight=1, evidence=[])
    # Who stands on each side of a contested claim: the story graph's contradictions, the one
    # definition the queries, `stats` and the explorer share.
    for s in _select(store, _CONTRADICTIONS, sg):
        claim = s["claim"].value
        if claim in G:
            G.nodes[claim].setdefault("contradictions", set()).add((s["x"].value, s["y"].value))
    missing = renderings - set(by_record)  # renderings in articles projected before they became variants
    if missing:
        arts = {q.object for r in missing for q in store.quads_for_pattern(ox.NamedNode(r), cg("inArticle"), None, None)}
        docs = {term_value(q.object) for art in arts if isinstance(art, ox.NamedNode)
                for q in store.quads_for_pattern(art, cg("documentId"), None, art)}
        for rec in read_records(store, docs=docs):
            iri = attribution_iri(rec.doc, rec.id, base)
            if iri in missing:
                by_record[iri] = evidence_of(rec, f"{base}claim/{rec.claim or rec.id}", article_text(store, rec.doc, base))
    G.graph["variants"] = _variants(variant_rows, by_record)
    for *_, data in G.edges(data=True):
        data.pop("flip", None)
    for v in G.graph["variants"]:
        if v.flip and G.has_edge(v.speaker, v.claim):
            for data in G[v.speaker][v.claim].values():
                data["flip"] = True
    return G


def _add_roles(G: nx.MultiDiGraph, rows: ox.QuerySolutions, actor: str | None = None) -> None:
    for s in rows:
        a = actor or s["actor"].value
        if a in G:
            G.nodes[a].setdefault("roles", set()).add(f"{s['role'].value}, {s['affiliation'].value}")


def _copies(store: ox.Store) -> dict[str, list[str]]:
    """Original document id → who else ran its text ("Outlet 7 — headline", or the copy's id): one
    query, whatever the number of copies (the page is drawn after every build)."""
    out: dict[str, dict[str, str]] = {}
    for s in _select(store, _COPIES):
        label = " — ".join(term_value(s[k]) for k in ("outlet", "title") if s[k] is not None) or s["copyDoc"].value
        out.setdefault(s["doc"].value, {}).setdefault(s["copyDoc"].value, label)
    return {doc: list(found.values()) for doc, found in out.items()}


def claim_labels(store: ox.Store, base: str = DEFAULT_BASE) -> dict[str, str]:
    """Every claim's label (its representative wording), by the claim's local id (``claim-…``)."""
    return {s["claim"].value.rpartition("/")[2]: s["label"].value
            for s in _select(store, _STORY, ox.NamedNode(story_graph(base)))}


def article_infos(store: ox.Store) -> dict[str, ArticleInfo]:
    """Every stored article's title, outlet, address and day, by document id."""
    return _articles(store)


def _articles(store: ox.Store, graph: str | None = None) -> dict[str, ArticleInfo]:
    out = {}
    for s in _select(store, _ARTICLES, g=graph) if graph is not None else _select(store, _ARTICLES):
        doc = s["doc"].value
        out[doc] = ArticleInfo(doc, *(s[k].value if s[k] is not None else None
                                      for k in ("title", "outlet", "url", "published")))
    return out


def _order(ev: Evidence) -> tuple[str, int, str]:
    """Article order: the document, then the record's number in it."""
    _, _, n = ev.record.rpartition("-")
    return ev.doc, int(n) if n.isdigit() else 0, ev.record


def _add_record(G: nx.MultiDiGraph, rec: Attribution, by_id: dict[str, Attribution],
                articles: dict[str, ArticleInfo], renderings: set[str], by_record: dict[str, Evidence], base: str,
                text: str | None = None, parts: tuple[Attribution, ...] = ()) -> None:
    claim = f"{base}claim/{rec.claim or rec.id}"
    actor = actor_iri(rec.source.name, rec.source.kind, base)
    ev = evidence_of(rec, claim, text, parts)
    iri = attribution_iri(rec.doc, rec.id, base)
    if iri in renderings:
        by_record[iri] = ev
    _node(G, actor, rec.source.kind, rec.source.name, rec.doc)
    _node(G, claim, CLAIM, " ".join(rec.content.split()), rec.doc)
    first = (_order(ev), " ".join(rec.content.split()))
    if first < G.nodes[claim].setdefault("first", first):  # the label when the story gives none
        G.nodes[claim]["first"] = first
    _edge(G, actor, claim, rec.stance, ev)
    parent = by_id.get(rec.parent) if rec.parent else None
    if parent is not None and parent.source.name != rec.source.name:
        outer = actor_iri(parent.source.name, parent.source.kind, base)
        _node(G, outer, parent.source.kind, parent.source.name, rec.doc, count=False)
        _edge(G, outer, actor, "relays", ev)
    info = articles.get(rec.doc)
    if info is not None and info.outlet:
        outlet = actor_iri(info.outlet, "outlet", base)
        _node(G, outlet, "outlet", info.outlet, rec.doc, count=False)
        _edge(G, outlet, claim, "reports", ev)
        if parent is None and outlet != actor:
            _edge(G, outlet, actor, "cites", ev)


def _select(store: ox.Store, query: str, graph: ox.NamedNode | None = None, **bound: str) -> ox.QuerySolutions:
    """Solutions of ``query``, over ``graph`` as its default graph when given (the story graph),
    with variables ``bound`` to IRIs."""
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] | None = \
        {ox.Variable(k): ox.NamedNode(v) for k, v in bound.items()} or None
    result = store.query(query, default_graph=graph, substitutions=subs) if graph is not None else \
        store.query(query, substitutions=subs)
    assert isinstance(result, ox.QuerySolutions)
    return result


def _node(G: nx.MultiDiGraph, iri: str, kind: str, label: str, doc: str, *, count: bool = True) -> None:
    if iri not in G:
        G.add_node(iri, kind=kind, label=label, mentions=0, docs=set())
    data = G.nodes[iri]
    data["docs"].add(doc)
    data["mentions"] += count


def _edge(G: nx.MultiDiGraph, u: str, v: str, relation: str, ev: Evidence) -> None:
    if G.has_edge(u, v, key=relation):
        data = G.edges[u, v, relation]
        kept: list[Evidence] = data["evidence"]
        most = MAX_OUTLET_EVIDENCE if relation in ("reports", "cites") else MAX_EVIDENCE
        if len(kept) < most or _order(ev) < _order(kept[-1]):  # the first in article order
            insort(kept, ev, key=_order)
            del kept[most:]
        data["weight"] += 1
    else:
        G.add_edge(u, v, key=relation, relation=relation, weight=1, evidence=[ev])


def _variants(rows: list[ox.QuerySolution], by_record: dict[str, Evidence]) -> list[QuoteVariant]:
    found: dict[str, dict[str, Any]] = {}
    for s in rows:
        v = found.setdefault(s["v"].value, {"claim": s["claim"].value, "speaker": s["speaker"].value,
                                             "renderings": [], "similarity": float(s["similarity"].value),
                                             "flip": s["flip"].value == "true"})
        ev = by_record.get(s["r"].value)
        if ev is not None and ev not in v["renderings"]:
            v["renderings"].append(ev)
    out = []
    for v in found.values():
        r = sorted(v.pop("renderings"), key=lambda e: (e.doc, e.begin))
        if len(r) == 2:
            out.append(QuoteVariant(first=r[0], second=r[1], **v))
    return sorted(out, key=lambda v: (not v.flip, v.speaker, v.first.doc))


# -- choosing what to show -------------------------------------------------------------------------

def find(G: nx.MultiDiGraph, text: str, *, kinds: Iterable[str]) -> list[str]:
    """Nodes of the given kinds whose label (or, for claims, any mention's wording) contains
    ``text``, case-insensitively, best known first."""
    needle = " ".join(text.split()).casefold()
    wanted = set(kinds)
    hits = []
    for n, data in G.nodes(data=True):
        if data["kind"] not in wanted:
            continue
        texts = [data["label"]]
        if data["kind"] == CLAIM:
            texts += [ev.content_text for _, _, e in G.in_edges(n, data=True) for ev in e["evidence"]]
        if any(needle in " ".join(t.split()).casefold() for t in texts):
            hits.append(n)
    return sorted(hits, key=lambda n: -G.nodes[n]["mentions"])


def neighbourhood(G: nx.MultiDiGraph, centres: Iterable[str], radius: int = 1) -> nx.MultiDiGraph:
    """The ego graph of ``centres``: every node within ``radius`` edges of one, in either
    direction, with all the edges among them (``networkx.ego_graph`` on the undirected view)."""
    undirected = G.to_undirected(as_view=True)
    keep: set[str] = set()
    for c in centres:
        keep |= set(nx.ego_graph(undirected, c, radius=radius))
    return G.subgraph(keep).copy()


def article_text(store: ox.Store, doc: str, base: str = DEFAULT_BASE) -> str | None:
    """The article's text as the store keeps it (``nif:isString``), else ``None``."""
    art = ox.NamedNode(article_iri(doc, base))
    q = next(store.quads_for_pattern(art, _IS_STRING, None, art), None)
    return term_value(q.object) if q is not None else None


def importance(G: nx.MultiDiGraph, n: str, contradicting: set[str] | None = None) -> float:
    """How much a node matters for a first look: its mentions, contested claims and the actors
    who contradict someone first (``contradicting``: those actors, when the caller knows them)."""
    data = G.nodes[n]
    bonus = 0.0
    if data.get("contested"):
        bonus += 1000
    if contradicting is None:
        contradicting = {x for u, v, k in G.edges(n, keys=True) if k == "contradicts" for x in (u, v)} | \
            {x for u, v, k in G.in_edges(n, keys=True) if k == "contradicts" for x in (u, v)}
    if n in contradicting:
        bonus += 500
    return bonus + data["mentions"] + math.log1p(G.degree(n))


def top(G: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The ``max_nodes`` most important nodes (see :func:`importance`) and the edges among them,
    without nodes left unconnected; the whole graph when it is small enough or ``max_nodes`` ≤ 0."""
    if max_nodes <= 0 or len(G) <= max_nodes:
        return G
    contradicting = {x for u, v, k in G.edges(keys=True) if k == "contradicts" for x in (u, v)}
    ranked = sorted(G, key=lambda n: (-importance(G, n, contradicting), n))[:max_nodes]
    sub = G.subgraph(ranked).copy()
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
    return sub
