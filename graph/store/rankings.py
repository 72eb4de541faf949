"""Rankings kept in the story graph, so that the questions asked of the whole store read a hundred
facts instead of aggregating every attribution: the most-mentioned claims (``cg:claimRank``) and
contested claims (``cg:contestedRank``), and the most-cited sources (``cg:citedRank`` with
``cg:attributionCount`` and ``cg:denialCount``).

Both are computed from the catalog's indexed tables (claim statistics as the story graph last said
them; one row per attribution with its settled stance), after each refresh of the story: the cost
is one indexed read and at most a few hundred quads rewritten, whatever the store's size. The
named queries that list over the whole store start from them and so answer for the first
:data:`TOP` — ``contested-claims`` and ``contradictions`` for the contested claims, ``by-mode``,
``anonymous-only-claims``, ``quote-variants`` and ``reporting-chains`` for the claims,
``most-cited-sources`` for the actors; a user's own SPARQL can still aggregate everything.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from claimgraph.graph.iris import cg, story_graph, term_value
from claimgraph.graph.store.catalog import Catalog
from claimgraph.ontology import DEFAULT_BASE
from claimgraph.ontology.vocab import STANCE_TERM, Stance

#: Claims and actors ranked.
TOP = 100
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_DENIAL = STANCE_TERM[Stance.DENIES]


def refresh_rankings(store: ox.Store, catalog: Catalog, claims: Iterable[str] | None = None, *,
                     base: str = DEFAULT_BASE) -> None:
    """Re-read the story facts of ``claims`` (claim IRIs; ``None``: every claim, as after the
    catalog was rebuilt) into the catalog, then rewrite both rankings in the story graph."""
    sg = ox.NamedNode(story_graph(base))
    db = catalog.db
    count, contested = cg("mentionCount"), cg("ContestedClaim")
    if claims is None:
        db.execute("DELETE FROM claim_stat")
        wanted: Iterable[ox.NamedNode] = {q.subject for q in store.quads_for_pattern(None, count, None, None)
                                          if isinstance(q.subject, ox.NamedNode)}
    else:
        wanted = [ox.NamedNode(c) for c in claims]
    rows, gone = [], []
    for claim in wanted:
        n = next((int(term_value(q.object)) for q in store.quads_for_pattern(claim, count, None, None)), None)
        if n is None:
            gone.append((claim.value,))
            continue
        hot = next(store.quads_for_pattern(claim, _TYPE, contested, None), None) is not None
        rows.append((claim.value, n, int(hot)))
    db.executemany("DELETE FROM claim_stat WHERE claim = ?", gone)
    db.executemany("INSERT OR REPLACE INTO claim_stat VALUES (?, ?, ?)", rows)
    quads = []
    for prop, where in (("contestedRank", "WHERE contested = 1"), ("claimRank", "")):
        ranked = db.execute(f"SELECT claim FROM claim_stat {where} ORDER BY mentions DESC, claim LIMIT ?", (TOP,))
        quads += [ox.Quad(ox.NamedNode(c), cg(prop), ox.Literal(str(r), datatype=_INT), sg)
                  for r, (c,) in enumerate(ranked, 1)]
    cited = db.execute(
        "SELECT source, COUNT(*), SUM(COALESCE(settled, stance) = ?) FROM mention"
        " WHERE source IS NOT NULL AND COALESCE(settled, stance) IS NOT NULL"
        " GROUP BY source ORDER BY COUNT(*) DESC, source LIMIT ?", (_DENIAL, TOP)).fetchall()
    for r, (actor, n, denials) in enumerate(cited, 1):
        a = ox.NamedNode(actor)
        quads += [ox.Quad(a, cg("citedRank"), ox.Literal(str(r), datatype=_INT), sg),
                  ox.Quad(a, cg("attributionCount"), ox.Literal(str(n), datatype=_INT), sg),
                  ox.Quad(a, cg("denialCount"), ox.Literal(str(denials), datatype=_INT), sg)]
    old = [q for p in ("contestedRank", "claimRank", "citedRank", "attributionCount", "denialCount")
           for q in store.quads_for_pattern(None, cg(p), None, sg)]
    if set(old) != set(quads):
        for q in old:
            store.remove(q)
        store.extend(quads)
    db.commit()
