"""Phrase search through the catalog's full-text index, for queries that look a phrase up in
attribution wordings and sentences.

SPARQL's ``CONTAINS(LCASE(?content), LCASE(?text))`` reads every attribution in the store. The
catalog keeps each attribution's wording and sentence, lower-cased, in an SQLite FTS5 table with
the trigram tokenizer, which answers "which rows contain this substring" from an index for any
phrase of three characters or more. A named query marks where its candidates go with a comment
line, ``# candidates ?a: content sentence``; :func:`narrow` replaces it with ``VALUES ?a { … }``
holding the attributions whose wording (or sentence) contains the phrase, and the query's own
filter still decides. The answer is the same with or without the index (tested): without a fresh
catalog — none yet, a writer at work, a phrase under three characters or one so common that the
list would be longer than reading everything — the line stays a comment and the query scans.
"""
from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from claimgraph.graph.store.catalog import FILE, SCHEMA
from claimgraph.graph.store.database import generation

#: More candidates than this and the query reads every attribution instead (a VALUES block that
#: long costs as much as the scan it replaces).
MAX_CANDIDATES = 20_000
_MARK = re.compile(r"^[ \t]*# candidates (\?\w+): ([\w ]+)$", re.M)
_FIELDS = {"content", "sentence"}


def candidates(out_dir: str | os.PathLike[str], phrase: str, fields: list[str]) -> list[str] | None:
    """IRIs of the attributions whose ``fields`` contain ``phrase`` (case-insensitively), from the
    catalog of the store in ``out_dir``; ``None`` when the index cannot answer (see the module)."""
    needle = phrase.lower()
    path = Path(out_dir) / FILE
    if len(needle) < 3 or not path.is_file() or not set(fields) <= _FIELDS:
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        stamp = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('schema', 'generation')").fetchall())
        if stamp.get("schema") != SCHEMA or stamp.get("generation") != str(generation(Path(out_dir) / "store")):
            return None
        match = "{" + " ".join(fields) + '} : "' + needle.replace('"', '""') + '"'
        rows = db.execute("SELECT m.node FROM phrase JOIN mention m ON m.id = phrase.rowid WHERE phrase MATCH ?"
                          " LIMIT ?", (match, MAX_CANDIDATES + 1)).fetchall()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    return None if len(rows) > MAX_CANDIDATES else [node for (node,) in rows]


def narrow(query: str, out_dir: str | os.PathLike[str] | None, phrase: str | None) -> str:
    """``query`` with its ``# candidates`` lines filled from the index (unchanged when it cannot)."""
    if out_dir is None or phrase is None or "# candidates" not in query:
        return query

    def fill(m: re.Match[str]) -> str:
        found = candidates(out_dir, phrase, m.group(2).split())
        if found is None:
            return m.group(0)
        return f"  VALUES {m.group(1)} {{ " + " ".join(f"<{iri}>" for iri in found) + " }"

    return _MARK.sub(fill, query)
