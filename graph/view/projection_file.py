"""The saved projection (``explorer.graph``) as an SQLite file that adding an article updates in
place, instead of a file read and written whole.

A build that only adds articles extends the projection the last build saved and draws the page
from it (:func:`claimgraph.graph.view.network.extend`). Saved as one JSON document, the projection
was read and written whole on every add: 0.77 s at 1,000 articles, most of what adding one
article cost more there than at 20. Here each piece of evidence is a row of typed columns (no JSON
to parse for the sentences and wordings), each node, edge and graph attribute a row of tagged JSON
(:mod:`.tagged`: only the view's own kinds of value are read back), and :func:`save`
given what :func:`load` read writes only the nodes, edges and evidence that changed, in one
transaction.

Reading runs no code the file could name; a file that is not a projection of this version is
refused (:class:`~.tagged.ProjectionUnreadable`) and the caller projects the store again.
"""
from __future__ import annotations

import dataclasses
import enum
import json
import operator
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import networkx as nx

from claimgraph.graph.view.evidence import Evidence
from claimgraph.graph.view.tagged import ProjectionUnreadable, decode, encode
from claimgraph.ontology.vocab import Mode, QuoteKind, Stance

FORMAT = "claimgraph-projection"
VERSION = "5"  # 5: SQLite, evidence as typed rows (4 and before: one JSON document)

_PAIR = {"cue", "content", "context_at", "context_cue", "context_content"}
_NESTED = {"pieces", "context_parts"}  # tuples of pairs, as JSON arrays
_STRINGS = {"corrected_by"}  # a tuple of strings, as a JSON array
_ENUMS: dict[str, type[enum.Enum]] = {"stance": Stance, "kind": QuoteKind, "mode": Mode}
_BOOLS = {"hedged", "negated"}
_FIELDS = [f.name for f in dataclasses.fields(Evidence)]
_ROW = operator.attrgetter(*_FIELDS)
_INTEGERS = {"begin", *_BOOLS}
_COLUMNS = [c for name in _FIELDS for c in ((f"{name}_0 INTEGER", f"{name}_1 INTEGER") if name in _PAIR else
                                            (f"{name} {'INTEGER' if name in _INTEGERS else 'TEXT'}",))]
# STRICT: a value of another type is refused where it is written, so what is read back has the
# types the columns say.
_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE part(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE node(pos INTEGER PRIMARY KEY, id TEXT NOT NULL, data TEXT NOT NULL) STRICT;
CREATE TABLE edge(pos INTEGER PRIMARY KEY, u TEXT NOT NULL, v TEXT NOT NULL, k TEXT NOT NULL, data TEXT NOT NULL) STRICT;
CREATE TABLE evidence(edge INTEGER NOT NULL, n INTEGER NOT NULL, {", ".join(_COLUMNS)},
                      PRIMARY KEY (edge, n)) WITHOUT ROWID, STRICT;
"""
#: Seconds a read may take before it is given up (a file is refused, never waited on).
READ_DEADLINE = 60.0


def _objects(db: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    return sorted(db.execute("SELECT type, name, sql FROM sqlite_master").fetchall(), key=repr)


def _expected_objects() -> list[tuple[str, str, str | None]]:
    """The tables, and nothing else (no view, no trigger), that :data:`_SCHEMA` makes."""
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(_SCHEMA)
        return _objects(db)
    finally:
        db.close()


_EXPECTED = _expected_objects()
_PARTS: dict[str, type] = {"articles": dict, "variants": list, "renderings": dict, "corrections": dict,
                           "copies": dict}
_INSERT_EVIDENCE = f"INSERT INTO evidence VALUES ({', '.join('?' * (len(_COLUMNS) + 2))})"


def _evidence_row(edge: int, n: int, ev: Evidence) -> list[Any]:
    out: list[Any] = [edge, n]
    for name, value in zip(_FIELDS, _ROW(ev), strict=True):
        if name in _PAIR:
            out += value
        elif name in _NESTED or name in _STRINGS:
            out.append(json.dumps(value) if value else "")
        elif name in _ENUMS:
            out.append(value.value if isinstance(value, enum.Enum) else value)
        else:
            out.append(value)
    return out


Row = tuple[Any, ...]


def _pair(i: int) -> Callable[[Row], Any]:
    return lambda r: (r[i], r[i + 1])


def _nested(i: int) -> Callable[[Row], Any]:
    return lambda r: tuple(map(tuple, json.loads(r[i]))) if r[i] else ()


def _strings(i: int) -> Callable[[Row], Any]:
    return lambda r: tuple(json.loads(r[i])) if r[i] else ()


def _coded(i: int, kind: type[enum.Enum]) -> Callable[[Row], Any]:
    return lambda r: kind(r[i])


def _flag(i: int) -> Callable[[Row], Any]:
    return lambda r: bool(r[i])


def _reader() -> Callable[[Row], Evidence]:
    """A function from a stored evidence row (its columns after ``edge, n``) to its Evidence."""
    steps: list[Callable[[Row], Any]] = []
    i = 0
    for name in _FIELDS:
        if name in _PAIR:
            steps.append(_pair(i))
            i += 2
            continue
        if name in _NESTED:
            steps.append(_nested(i))
        elif name in _STRINGS:
            steps.append(_strings(i))
        elif name in _ENUMS:
            steps.append(_coded(i, _ENUMS[name]))
        elif name in _BOOLS:
            steps.append(_flag(i))
        else:
            steps.append(operator.itemgetter(i))
        i += 1
    return lambda row: Evidence(*[step(row) for step in steps])


_EVIDENCE_OF = _reader()


@dataclass(slots=True)
class Saved:
    """What a file held when :func:`load` read it, so that :func:`save` writes only what changed."""

    nodes: dict[Any, tuple[int, str]] = field(default_factory=dict)  # node → (pos, data as stored)
    edges: dict[tuple[Any, Any, Any], tuple[int, str, tuple[Evidence, ...]]] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)


def _text(value: Any) -> str:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")  # one file: the stamp vouches for its size and time
    return db


def load(path: str | Path) -> tuple[nx.MultiDiGraph, Saved]:
    """The projection saved in ``path``, and what it held (for :func:`save`);
    :class:`ProjectionUnreadable` for anything that is not a projection of this version."""
    path = Path(path)
    if not path.is_file() or path.is_symlink():  # a link is not followed: an add would write through it
        raise ProjectionUnreadable(f"{path}: no projection here")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ProjectionUnreadable(f"not a projection: {exc}") from None
    deadline = time.monotonic() + READ_DEADLINE
    db.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        db.execute("PRAGMA trusted_schema=OFF")
        if _objects(db) != _EXPECTED:  # exactly these tables: no view or trigger runs a planted query
            raise ProjectionUnreadable("not a projection of this version (its tables differ)")
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT or meta.get("version") != VERSION:
            raise ProjectionUnreadable("not a projection of this version")
        saved = Saved()
        G = nx.MultiDiGraph()
        for key, value in db.execute("SELECT key, value FROM part"):
            G.graph[key] = decode(json.loads(value))
            if not isinstance(G.graph[key], _PARTS.get(key, object)):
                raise ProjectionUnreadable(f"not a projection: its {key} are not a {_PARTS[key].__name__}")
            saved.parts[key] = value
        for pos, ident, data in db.execute("SELECT pos, id, data FROM node ORDER BY pos"):
            n = decode(json.loads(ident))
            G.add_node(n, **decode(json.loads(data)))
            saved.nodes[n] = (pos, data)
        evidence: dict[int, list[Evidence]] = {}
        for row in db.execute("SELECT * FROM evidence ORDER BY edge, n"):
            evidence.setdefault(row[0], []).append(_EVIDENCE_OF(row[2:]))
        names: dict[str, Any] = {}  # a node or key's stored text → its value (each read once)

        def name(text: str) -> Any:
            if text not in names:
                names[text] = decode(json.loads(text))
            return names[text]

        for pos, u, v, k, data in db.execute("SELECT pos, u, v, k, data FROM edge ORDER BY pos"):
            key = (name(u), name(v), name(k))
            attrs = decode(json.loads(data))
            if "evidence" in attrs:  # stored as [] here, its rows in the evidence table
                attrs["evidence"] = evidence.get(pos, [])
            G.add_edge(key[0], key[1], key=key[2], **attrs)
            saved.edges[key] = (pos, data, tuple(attrs.get("evidence", ())))
    except (sqlite3.Error, RecursionError, TypeError, KeyError, ValueError, IndexError, AttributeError) as exc:
        if isinstance(exc, ProjectionUnreadable):
            raise
        raise ProjectionUnreadable(f"not a projection: {exc}") from None
    finally:
        db.close()
    return G, saved


def save(G: nx.MultiDiGraph, path: str | Path, *, since: Saved | None = None) -> None:
    """Write ``G`` to ``path``: only what changed since ``since`` (what :func:`load` read from this
    very file), else the whole projection afresh. Article texts are left out (the page reads the
    few it shows from the store)."""
    path = Path(path)
    if since is None:
        for suffix in ("", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = _open(path)
    try:
        if since is None:
            db.executescript(_SCHEMA)
        db.execute("BEGIN IMMEDIATE")
        if since is None:  # one transaction: a writer that dies leaves no projection, which is rebuilt
            db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("version", VERSION)])
            since = Saved()
        _write(db, G, since)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()


def _write(db: sqlite3.Connection, G: nx.MultiDiGraph, since: Saved) -> None:
    parts = dict(G.graph)
    parts["articles"] = {d: replace(info, text=None) for d, info in parts.get("articles", {}).items()}
    for key, value in parts.items():
        text = _text(value)
        if since.parts.get(key) != text:
            db.execute("INSERT OR REPLACE INTO part VALUES (?, ?)", (key, text))
    for key in set(since.parts) - set(parts):
        db.execute("DELETE FROM part WHERE key = ?", (key,))
    next_node = max((pos for pos, _ in since.nodes.values()), default=-1) + 1
    for n, data in G.nodes(data=True):
        text = _text(data)
        stored = since.nodes.get(n)
        if stored is None:
            db.execute("INSERT INTO node VALUES (?, ?, ?)", (next_node, _text(n), text))
            next_node += 1
        elif stored[1] != text:
            db.execute("UPDATE node SET data = ? WHERE pos = ?", (text, stored[0]))
    gone = [since.nodes[n][0] for n in since.nodes if n not in G]
    db.executemany("DELETE FROM node WHERE pos = ?", [(p,) for p in gone])
    next_edge = max((pos for pos, _, _ in since.edges.values()), default=-1) + 1
    seen = set()
    for u, v, k, attrs in G.edges(keys=True, data=True):
        evidence = tuple(attrs.get("evidence", ()))
        text = _text({**attrs, "evidence": []} if "evidence" in attrs else attrs)
        old = since.edges.get((u, v, k))
        seen.add((u, v, k))
        if old is None:
            pos = next_edge
            next_edge += 1
            db.execute("INSERT INTO edge VALUES (?, ?, ?, ?, ?)", (pos, _text(u), _text(v), _text(k), text))
        else:
            pos = old[0]
            if old[1] != text:
                db.execute("UPDATE edge SET data = ? WHERE pos = ?", (text, pos))
            if len(old[2]) == len(evidence) and all(a is b for a, b in zip(old[2], evidence, strict=True)):
                continue
            db.execute("DELETE FROM evidence WHERE edge = ?", (pos,))
        if "evidence" in attrs:
            db.executemany(_INSERT_EVIDENCE, [_evidence_row(pos, i, ev) for i, ev in enumerate(evidence)])
    for key in set(since.edges) - seen:
        pos = since.edges[key][0]
        db.execute("DELETE FROM edge WHERE pos = ?", (pos,))
        db.execute("DELETE FROM evidence WHERE edge = ?", (pos,))
