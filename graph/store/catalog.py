"""The catalog: a SQLite file beside the store (``<out>/store.catalog``) holding, indexed, what a
build looks up for each new article, so that adding one costs what the article costs.

Resolving an article needs every stored actor's name, who leads what, and — to cluster a new claim
mention — the stored mentions sharing its terms and how many mentions hold each term (IDF
weights). Reading them back from the RDF store on every build cost as much as the store is large
(0.8–1.2 s at 1,000 articles, 10.8 s at 10,000). Here actor names and leaders are a small table
loaded once, and claim mentions are looked up per mention through a term index (``posting``).

The catalog is derived data, never the record. An article's rows are written from the very quads
just stored, after its Oxigraph transaction; the file is stamped with the store's generation when
the writer closes cleanly. A catalog whose stamp is not the store's (a writer killed with -9, a
SPARQL update, another claimgraph version) or that cannot be read is rebuilt from the store, with
the same function reading the same quads: it is consistent with the store, or rebuilt from it.
"""
from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from claimgraph.extractors.fields import FIELDS
from claimgraph.extractors.lexicon import Lexicon
from claimgraph.graph.iris import actor_kind, cg, term_value
from claimgraph.graph.resolve.claims import ClaimClusters
from claimgraph.graph.resolve.linker import Linker
from claimgraph.graph.resolve.story import Mention
from claimgraph.graph.store.database import GraphStore, generation
from claimgraph.graph.store.seal import SEAL_SUFFIX, drop_seal, healthy, sealed, write_seal
from claimgraph.ontology import PREFIXES

FILE = "store.catalog"
#: Bumped when the tables change: an older catalog is rebuilt.
SCHEMA = "2"
_TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE actor(iri TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (iri, name)) WITHOUT ROWID;
CREATE TABLE leader(person TEXT NOT NULL, country TEXT NOT NULL, PRIMARY KEY (person, country)) WITHOUT ROWID;
CREATE TABLE bag(id INTEGER PRIMARY KEY, claim TEXT NOT NULL, terms TEXT NOT NULL, n INTEGER NOT NULL,
                 UNIQUE (claim, terms));
CREATE TABLE posting(term TEXT NOT NULL, bag INTEGER NOT NULL, PRIMARY KEY (term, bag)) WITHOUT ROWID;
CREATE TABLE df(term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE mention(id INTEGER PRIMARY KEY, node TEXT NOT NULL UNIQUE, graph TEXT NOT NULL, claim TEXT NOT NULL,
                     bag INTEGER, source TEXT, stance TEXT, negated INTEGER NOT NULL, kind TEXT NOT NULL,
                     content TEXT NOT NULL, terms TEXT NOT NULL, published TEXT NOT NULL, said TEXT NOT NULL,
                     begin INTEGER NOT NULL, nested_in TEXT,
                     settled TEXT);  -- the stance the story graph settled for a negated assertion
CREATE INDEX mention_graph ON mention(graph);
CREATE INDEX mention_claim ON mention(claim);
CREATE INDEX mention_source ON mention(source);
-- The wording and sentence of each mention, lower-cased, by trigram: a phrase's candidates.
CREATE VIRTUAL TABLE phrase USING fts5(content, sentence, tokenize = 'trigram case_sensitive 1');
-- Mentions and whether contested, per claim, as the story graph last said (for the rankings).
CREATE TABLE claim_stat(claim TEXT PRIMARY KEY, mentions INTEGER NOT NULL, contested INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX claim_rank ON claim_stat(contested, mentions);
"""
_NAME, _HEAD_OF, _CLAIM, _TERMS = cg("name"), cg("headOf"), cg("claim"), cg("claimTerms")
_PUBLISHED = PREFIXES["schema"] + "datePublished"
#: Attribution facts a mention row keeps: predicate IRI → column (the record's fields the table
#: marks for the catalog, and the terms its claim was clustered on).
_FACTS = {f.predicate: f.catalog for f in FIELDS if f.catalog and f.predicate} | {cg("claimTerms").value: "terms"}
_COLUMNS = "node, graph, claim, source, stance, negated, kind, content, terms, published, said, begin, nested_in"


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """What the catalog keeps of one article graph, read from its quads."""

    actors: list[tuple[str, str]]  # (actor IRI, name)
    leaders: list[tuple[str, str]]  # (person IRI, country IRI)
    mentions: list[Mention]  # every attribution, by node
    stated: set[str]  # the nodes whose claim terms the clusters count (the rest relay a nested claim)
    sentences: dict[str, str] = field(default_factory=dict)  # node → its sentence


def rows_of(graph: str, quads: Iterable[ox.Quad]) -> ArticleRows:
    """The catalog rows stated by ``quads`` (article graph ``graph`` and its actor facts)."""
    actors, leaders = [], []
    claim_of: dict[str, str] = {}
    facts: dict[str, dict[str, str]] = {}
    published = ""
    for q in quads:
        p = q.predicate
        if p == _NAME:
            actors.append((term_value(q.subject), term_value(q.object)))
        elif p == _HEAD_OF and isinstance(q.object, ox.NamedNode):
            leaders.append((term_value(q.subject), q.object.value))
        elif p == _CLAIM:
            claim_of[term_value(q.subject)] = term_value(q.object)
        elif p.value in _FACTS and q.graph_name == ox.NamedNode(graph):
            facts.setdefault(term_value(q.subject), {}).setdefault(_FACTS[p.value], term_value(q.object))
        elif p.value == _PUBLISHED and term_value(q.subject) == graph:
            published = term_value(q.object)[:10]
    mentions = []
    for node in sorted(claim_of):
        f = facts.get(node, {})
        mentions.append(Mention(
            node=node, graph=graph, claim=claim_of[node], source=f.get("source"), stance=f.get("stance"),
            negated=f.get("negated") == "true",
            kind=f.get("kind", "").rsplit("#", 1)[-1], content=f.get("content", ""), terms=f.get("terms", ""),
            published=published, said=f.get("said", ""), begin=int(f.get("begin", 0)), nested_in=f.get("nested_in")))
    return ArticleRows(actors, leaders, mentions, {n for n, f in facts.items() if "terms" in f},
                       {n: f.get("sentence", "") for n, f in facts.items()})


class Catalog:
    """The catalog of the store in ``out_dir``, opened by its writer (see the module docstring)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.path = store.dir / FILE
        self.rebuilt = False  # made afresh from the store on opening (its rankings too must be)
        self.damaged = False  # SQLite said the file is malformed while the build used it
        self.db = self._open(rebuild=store.recovering)
        row = self.db.execute("SELECT value FROM meta WHERE key = 'mentions'").fetchone()
        self.mentions = int(row[0]) if row else 0

    # -- opening, stamping, rebuilding ---------------------------------------------------------
    def _open(self, *, rebuild: bool) -> sqlite3.Connection:
        if not rebuild:
            try:
                db = _connect(self.path)
                gen = str(generation(self.store.path))
                trusted = sealed(self.path, gen)
                if self.stamp_of(db) == (SCHEMA, gen) and (trusted or healthy(db)):
                    _set(db, "generation", "writing")  # a writer that dies from here leaves it stale
                    db.commit()
                    return db
                db.close()
            except sqlite3.DatabaseError:
                pass
        return self._rebuilt()

    @staticmethod
    def stamp_of(db: sqlite3.Connection) -> tuple[str | None, str | None]:
        """(schema, store generation) a catalog says it shows ("writing" while a writer works)."""
        try:
            got = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('schema', 'generation')").fetchall())
        except sqlite3.DatabaseError:
            return None, None
        return got.get("schema"), got.get("generation")

    def _rebuilt(self) -> sqlite3.Connection:
        """A catalog made afresh from every article graph in the store."""
        self.rebuilt = True
        db = self._empty()
        ox_store = self.store.ox
        self._write(ArticleRows(
            actors=sorted({(term_value(q.subject), term_value(q.object))
                           for q in ox_store.quads_for_pattern(None, _NAME, None, None)}),
            leaders=sorted({(term_value(q.subject), q.object.value)
                            for q in ox_store.quads_for_pattern(None, _HEAD_OF, None, None)
                            if isinstance(q.object, ox.NamedNode)}),
            mentions=[], stated=set()))
        for _, graph in sorted(self.store.articles()):
            g = ox.NamedNode(graph)
            self._write(rows_of(graph, ox_store.quads_for_pattern(None, None, None, g)))
        open_ = {node for (node,) in db.execute("SELECT node FROM mention WHERE stance IS NULL")}
        self.settle({term_value(q.subject): term_value(q.object)
                     for q in ox_store.quads_for_pattern(None, cg("stance"), None, None)
                     if term_value(q.subject) in open_})
        db.commit()
        return db

    def _empty(self) -> sqlite3.Connection:
        for suffix in ("", "-wal", "-shm", ".tmp", SEAL_SUFFIX):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        db = _connect(self.path)
        db.executescript(_TABLES)
        _set(db, "schema", SCHEMA)
        _set(db, "generation", "writing")
        _set(db, "mentions", "0")
        self.db, self.mentions = db, 0
        return db

    def reset(self) -> None:
        """Empty the catalog (the store's articles are about to be resolved again, one by one)."""
        self.db.close()
        self._empty().commit()
        self.rebuilt = True  # its rankings are made afresh too

    def seal(self) -> None:
        """Stamp the catalog with the store's generation (after the store was closed cleanly); a
        catalog the build found damaged is left unstamped, for the next writer to rebuild."""
        if self.damaged:
            self.close()
            drop_seal(self.path)
            return
        gen = str(generation(self.store.path))
        _set(self.db, "generation", gen)
        self.db.commit()
        self.db.close()
        write_seal(self.path, gen)

    def close(self) -> None:
        """Leave without stamping (a failed writer): the next one rebuilds the catalog."""
        self.db.rollback()
        self.db.close()

    # -- per article ---------------------------------------------------------------------------
    def record(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Replace the rows of article graph ``graph`` with those its stored ``quads`` state."""
        self.forget(graph)
        self._write(rows_of(graph, quads))
        self.db.commit()

    def forget(self, graph: str) -> None:
        """Drop an article's claim mentions (its actors stay: the actors graph is shared)."""
        db = self.db
        gone = db.execute("SELECT m.bag, b.terms FROM mention m JOIN bag b ON b.id = m.bag WHERE m.graph = ?",
                          (graph,)).fetchall()
        df = Counter(t for _, terms in gone for t in terms.split())
        db.executemany("UPDATE df SET n = n - ? WHERE term = ?", [(n, t) for t, n in df.items()])
        db.execute("DELETE FROM df WHERE n <= 0")
        db.executemany("UPDATE bag SET n = n - 1 WHERE id = ?", [(b,) for b, _ in gone])
        empty = [b for (b,) in db.execute("SELECT id FROM bag WHERE n <= 0")]
        db.executemany("DELETE FROM posting WHERE bag = ?", [(b,) for b in empty])
        db.executemany("DELETE FROM bag WHERE id = ?", [(b,) for b in empty])
        db.execute("DELETE FROM phrase WHERE rowid IN (SELECT id FROM mention WHERE graph = ?)", (graph,))
        db.execute("DELETE FROM mention WHERE graph = ?", (graph,))
        self.mentions -= len(gone)
        _set(db, "mentions", str(self.mentions))

    def sync_actors(self) -> None:
        """Re-read the actor names from the store (after actors were pruned)."""
        self.db.execute("DELETE FROM actor")
        self.db.executemany("INSERT OR IGNORE INTO actor VALUES (?, ?)",
                            [(term_value(q.subject), term_value(q.object))
                             for q in self.store.ox.quads_for_pattern(None, _NAME, None, None)])
        self.db.commit()

    def _write(self, rows: ArticleRows) -> None:
        db = self.db
        db.executemany("INSERT OR IGNORE INTO actor VALUES (?, ?)", rows.actors)
        db.executemany("INSERT OR IGNORE INTO leader VALUES (?, ?)", rows.leaders)
        df: Counter[str] = Counter()
        for m in rows.mentions:
            bag = None
            if m.node in rows.stated:
                key = m.claim_key
                found = db.execute("SELECT id FROM bag WHERE claim = ? AND terms = ?", (key, m.terms)).fetchone()
                if found is None:
                    bag = db.execute("INSERT INTO bag(claim, terms, n) VALUES (?, ?, 1)", (key, m.terms)).lastrowid
                    db.executemany("INSERT INTO posting VALUES (?, ?)", [(t, bag) for t in set(m.terms.split())])
                else:
                    bag = found[0]
                    db.execute("UPDATE bag SET n = n + 1 WHERE id = ?", (bag,))
                df.update(set(m.terms.split()))
                self.mentions += 1
            row = db.execute(f"INSERT INTO mention (bag, {_COLUMNS}) VALUES (?{', ?' * 13})",
                             (bag, m.node, m.graph, m.claim, m.source, m.stance, int(m.negated), m.kind, m.content,
                              m.terms, m.published, m.said, m.begin, m.nested_in)).lastrowid
            db.execute("INSERT INTO phrase(rowid, content, sentence) VALUES (?, ?, ?)",
                       (row, m.content.lower(), rows.sentences.get(m.node, "").lower()))
        db.executemany("INSERT INTO df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n",
                       list(df.items()))
        _set(db, "mentions", str(self.mentions))

    def settle(self, settled: dict[str, str]) -> None:
        """Note the stances the story graph settled for negated assertions (node → stance IRI)."""
        self.db.executemany("UPDATE mention SET settled = ? WHERE node = ?", [(v, k) for k, v in settled.items()])

    def mentions_of(self, claim: str) -> list[Mention]:
        """The rows of every attribution of ``claim`` (an IRI), by node: what the story graph reads."""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM mention WHERE claim = ? ORDER BY node", (claim,))
        return [Mention(node, graph, claim_, source, stance, bool(negated), kind, content, terms, published, said,
                        begin, nested_in)
                for node, graph, claim_, source, stance, negated, kind, content, terms, published, said, begin,
                nested_in in rows]

    # -- what the resolver reads ---------------------------------------------------------------
    def linker(self, lexicon: Lexicon, *, aliases: str | os.PathLike[str] | None = None) -> Linker:
        """A linker for the next articles: every stored actor and leader, and the stored claim
        mentions looked up here as it needs them."""
        return Linker.known(lexicon=lexicon, actors=[(name, kind) for _, name, kind in self.actors()],
                            leaders=self.leaders(), claims=CatalogClusters(lexicon, catalog=self), aliases=aliases)

    def actors(self) -> Iterator[tuple[str, str, str]]:
        """(IRI, name, kind) of every actor whose IRI tells its kind, in IRI order."""
        for iri, name in self.db.execute("SELECT iri, name FROM actor ORDER BY iri, name"):
            kind = actor_kind(iri)
            if kind is not None:
                yield iri, name, kind

    def leaders(self) -> dict[str, str]:
        """Person name → the name of the country they lead (later pairs win, in IRI order)."""
        out: dict[str, str] = {}
        rows = self.db.execute(
            "SELECT (SELECT name FROM actor WHERE iri = l.person ORDER BY name LIMIT 1),"
            " (SELECT name FROM actor WHERE iri = l.country ORDER BY name LIMIT 1)"
            " FROM leader l ORDER BY l.person, l.country")
        for person, country in rows:
            if person is not None and country is not None:
                out[person] = country
        return out

    def frequency(self, term: str) -> int:
        row = self.db.execute("SELECT n FROM df WHERE term = ?", (term,)).fetchone()
        return row[0] if row else 0

    def bags_with(self, terms: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
        """Distinct (claim key, terms) stored that share at least two of ``terms``."""
        if len(terms) < 2:
            return []
        marks = ",".join("?" * len(terms))
        rows = self.db.execute(
            f"SELECT b.claim, b.terms FROM bag b JOIN (SELECT bag FROM posting WHERE term IN ({marks})"
            " GROUP BY bag HAVING COUNT(*) >= 2) hit ON hit.bag = b.id ORDER BY b.id", sorted(terms))
        return [(key, frozenset(text.split())) for key, text in rows]


@dataclass(slots=True)
class CatalogClusters(ClaimClusters):
    """Claim clusters whose stored mentions stay in the catalog: only the mentions of the article
    being resolved (not yet recorded) are held here, and lookups add the catalog's."""

    catalog: Catalog | None = field(default=None, repr=False)
    _stored_df: dict[str, int] = field(default_factory=dict, repr=False)  # the catalog's, read once per article

    def mentions(self) -> int:
        return self.count + (self.catalog.mentions if self.catalog else 0)

    def frequency(self, term: str) -> int:
        if term not in self._stored_df:
            self._stored_df[term] = self.catalog.frequency(term) if self.catalog else 0
        return self._df.get(term, 0) + self._stored_df[term]

    def candidates(self, terms: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
        pending = list(ClaimClusters.candidates(self, terms))
        return pending + (self.catalog.bags_with(terms) if self.catalog else [])

    def settle(self) -> None:
        """Forget the pending mentions: the catalog has recorded (or never will record) them."""
        self.count = 0
        self._stored_df.clear()  # the recorded article changed the catalog's frequencies
        self.distinct.clear()
        self._seen.clear()
        self._index.clear()
        self._df.clear()


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level="DEFERRED")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")  # WAL keeps commits in order; a lost tail is rebuilt
    return db


def _set(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def health(out_dir: Path) -> str:
    """The catalog's state in words, for ``claimgraph validate``: queries use it only when it is
    whole and matches the store."""
    path = out_dir / FILE
    if not path.is_file():
        return "none yet (phrase search scans; the next build makes one)"
    writable = os.access(path, os.W_OK) and os.access(out_dir, os.W_OK)
    try:  # FTS5's own check is asked for as an INSERT: only where the file can be written
        db = sqlite3.connect(path if writable else f"{path.resolve().as_uri()}?mode=ro&immutable=1", timeout=5,
                             uri=not writable)
    except sqlite3.Error as exc:
        return f"unreadable ({exc}); the next build rebuilds it from the store"
    try:
        if not healthy(db, index=writable):
            return "damaged (phrase search may miss rows until the next build, which rebuilds it from the store)"
        if Catalog.stamp_of(db) != (SCHEMA, str(generation(out_dir / "store"))):
            return "stale (the store changed since); queries scan the store, the next build rebuilds it"
        return "whole and current" + ("" if writable else " (read-only: its full-text index was not checked)")
    finally:
        db.close()
