"""Phrase search through the catalog's full-text index, for queries that look a phrase up in
attribution wordings and sentences.

SPARQL's ``CONTAINS(LCASE(?content), LCASE(?text))`` reads every attribution in the store. The
catalog keeps each attribution's wording and sentence, lower-cased, in an SQLite FTS5 table with
the trigram tokenizer, which answers "which rows contain this substring" from an index for any
phrase of three characters or more. A named query marks where its candidates go with a comment
line, ``# candidates ?a: content sentence``; :func:`narrow` replaces it with ``VALUES ?a { … }``
holding the attributions whose wording (or sentence) contains the phrase, and the query's own
filter still decides. Without a fresh catalog — none yet, a writer at work, a phrase under three
characters — the candidates come from one scan of the wordings. Either way the query then starts
from a short, known list: Oxigraph's planner, left to estimate a pattern's size, may join first
and filter last (20 s instead of 50 ms at 100k quads). ``# candidates ?claim: cg:claimRank``
lists a ranking's members (:mod:`.rankings`) the same way, and ``# candidates ?claim: claims
content`` the claims of the phrase's attributions — a marker inside an ``OPTIONAL`` keeps its
look-ups to those rows too. The answer is the same with or without the index (tested).
"""
from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pyoxigraph as ox

from claimgraph.graph.iris import cg, term_value
from claimgraph.graph.store.catalog import FILE, SCHEMA, Catalog
from claimgraph.graph.store.database import generation

#: More candidates than this and the query reads every attribution instead (a VALUES block that
#: long costs as much as the scan it replaces).
MAX_CANDIDATES = 20_000
_MARK = re.compile(r"^[ \t]*# candidates (\?\w+): ([\w: ]+)$", re.M)
_ANCHOR = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf"
_CLAIM = cg("claim")
_FIELDS = {"content", "sentence"}


def candidates(out_dir: str | os.PathLike[str], phrase: str, fields: list[str]) -> list[str] | None:
    """IRIs of the attributions whose ``fields`` contain ``phrase`` (case-insensitively), from the
    catalog of the store in ``out_dir``; ``None`` when the index cannot answer (see the module)."""
    needle = phrase.lower()
    path = Path(out_dir) / FILE
    if len(needle) < 3 or not path.is_file() or not set(fields) <= _FIELDS:
        return None
    if not phrase.isascii():
        return None  # Python's lower-casing and the engine's LCASE differ for some letters: let it scan
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if Catalog.stamp_of(db) != (SCHEMA, str(generation(Path(out_dir) / "store"))):
            return None
        match = "{" + " ".join(fields) + '} : "' + needle.replace('"', '""') + '"'
        rows = db.execute("SELECT m.node FROM phrase JOIN mention m ON m.id = phrase.rowid WHERE phrase MATCH ?"
                          " LIMIT ?", (match, MAX_CANDIDATES + 1)).fetchall()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    return None if len(rows) > MAX_CANDIDATES else [node for (node,) in rows]


def narrow(query: str, store: ox.Store, out_dir: str | os.PathLike[str] | None, phrase: str | None) -> str:
    """``query`` with its ``# candidates`` lines filled: a phrase's attributions from the index (or,
    without a fresh one, from a scan of the wordings alone), a ranking's members from the story
    graph. A line it cannot fill stays a comment."""
    if "# candidates" not in query:
        return query

    memo: dict[tuple[str, ...], list[str] | None] = {}

    def attributions(fields: tuple[str, ...]) -> list[str] | None:
        if fields not in memo:
            found = candidates(out_dir, phrase, list(fields)) if out_dir is not None and phrase else None
            memo[fields] = found if found is not None or phrase is None else _scanned(store, phrase, list(fields))
        return memo[fields]

    def fill(m: re.Match[str]) -> str:
        var, what = m.group(1), m.group(2).split()
        found: list[str] | None
        if what and what[0].startswith("cg:"):  # the members of a ranking: "cg:claimRank"
            found = _ranked(store, what[0][3:])
        elif what and what[0] == "claims":  # the claims of the phrase's attributions: "claims content"
            hits = attributions(tuple(what[1:]))
            found = None if hits is None else sorted(
                {term_value(q.object) for a in hits for q in store.quads_for_pattern(ox.NamedNode(a), _CLAIM, None, None)})
        else:
            found = attributions(tuple(what))
        if found is None:
            return m.group(0)
        return f"  VALUES {var} {{ " + " ".join(f"<{iri}>" for iri in found) + " }"

    return _MARK.sub(fill, query)


def _ranked(store: ox.Store, prop: str) -> list[str]:
    return sorted({q.subject.value for q in store.quads_for_pattern(None, cg(prop), None, None)
                   if isinstance(q.subject, ox.NamedNode)})


_SCAN = """SELECT DISTINCT ?a ?text WHERE { GRAPH ?g { ?a <%s> ?w . FILTER (CONTAINS(LCASE(?w), LCASE(?text))) } }"""


def _scanned(store: ox.Store, phrase: str, fields: list[str]) -> list[str] | None:
    """The attributions whose ``fields`` contain ``phrase``, read from the store: every wording
    once, before the query's joins (a planner left to itself may join first and filter last)."""
    props = {"content": _ANCHOR, "sentence": cg("sentence").value}
    if not set(fields) <= set(props):
        return None
    found: set[str] = set()
    for f in fields:
        result = store.query(_SCAN % props[f], use_default_graph_as_union=True,
                             substitutions={ox.Variable("text"): ox.Literal(phrase)})
        assert isinstance(result, ox.QuerySolutions)
        found |= {row["a"].value for row in result if isinstance(row["a"], ox.NamedNode)}
    return sorted(found) if len(found) <= MAX_CANDIDATES else None
