"""The embedded, persistent RDF store (Oxigraph): one named graph per article.

Writers take an exclusive lock on the store folder, so two builds never write at once; readers
(queries, the endpoint) need no lock. Replacing an article removes its named graph, then inserts
the new one in one transaction: a crash in between leaves the article absent, never half there,
and the next build puts it back.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING
from typing import Literal as Lit

import pyoxigraph as ox

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.iris import cg

if TYPE_CHECKING:
    from claimgraph.graph.store.rdf import ArticleGraph

CONTENT_HASH = cg("contentHash")
#: Article graphs written between flushes of Oxigraph's in-memory write buffers to disk. Without
#: them a long build's resident memory grows ~0.45 MB an article (seen on 600 articles: 465 →
#: 643 MB); with them it stays flat (~400 MB).
FLUSH_EVERY = 50
DOCUMENT_ID = cg("documentId")
#: Present while a writer holds the store; found by the next writer if this one died.
DIRTY = "store.dirty"


def generation(store_path: str | os.PathLike[str]) -> int:
    """A number that changes whenever a writer has changed the store (see :func:`bump_generation`)."""
    try:
        return (Path(store_path).parent / "store.generation").stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def bump_generation(store_path: str | os.PathLike[str]) -> None:
    """Tell readers that the store changed, so that they reopen it before their next query."""
    marker = Path(store_path).parent / "store.generation"
    marker.write_text(str(os.getpid()))
    os.utime(marker)


class StoreLocked(ClaimgraphError, RuntimeError):
    """Another process is writing to this store."""

    status = HTTPStatus.CONFLICT


class StoreMissing(ClaimgraphError, FileNotFoundError):
    """The folder holds no claimgraph store."""

    status = HTTPStatus.NOT_FOUND


class GraphStore:
    """A claimgraph store in ``<dir>/store`` (``<dir>`` is a build's output folder)."""

    def __init__(self, out_dir: str | os.PathLike[str], *, write: bool = False) -> None:
        self.dir = Path(out_dir)
        self.path = self.dir / "store"
        self._lock_fh = None
        self.recovering = False
        self._writes = 0
        if write:
            self.path.mkdir(parents=True, exist_ok=True)
            self._lock_fh = open(self.dir / "store.lock", "w")  # noqa: SIM115 (held for the store's life)
            try:
                fcntl.flock(self._lock_fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._lock_fh.close()
                raise StoreLocked(f"{self.path}: another claimgraph process is writing to this store; "
                                  "wait for it to finish (queries can run meanwhile)") from None
            self.ox = ox.Store(str(self.path))
            dirty = self.dir / DIRTY
            #: The last writer died or failed before closing: its articles are stored whole (or
            #: absent), but what it derives from them afterwards (the story graph) may be stale.
            self.recovering = dirty.exists()
            dirty.write_text(str(os.getpid()))
        else:
            if not self.path.is_dir():
                raise StoreMissing(f"{self.path}: no claimgraph store here; run `claimgraph build … --out {self.dir}` first")
            self.ox = ox.Store.read_only(str(self.path))

    # -- writing ------------------------------------------------------------------------------
    def put(self, graph: ArticleGraph) -> Lit["added", "replaced", "unchanged"]:
        """Store an article's graph: unchanged input is skipped, changed input replaces its graph."""
        g = ox.NamedNode(graph.iri)
        old = self.content_hash(graph.iri)
        if old == graph.content_hash:
            return "unchanged"
        # The actors first: a kill between the two leaves an actor no article names yet (harmless,
        # written again by the rerun), never an article whose actors have no name.
        self.ox.extend(graph.actor_quads)
        if old is not None:
            self.ox.remove_graph(g)
        self.ox.extend(graph.quads)  # one transaction: the graph is complete or absent
        self._writes += 1
        if self._writes % FLUSH_EVERY == 0:
            self.ox.flush()
        return "replaced" if old is not None else "added"

    def remove(self, iri: str) -> bool:
        """Drop one article's named graph; ``False`` when it was not there."""
        g = ox.NamedNode(iri)
        if not self.ox.contains_named_graph(g):
            return False
        self.ox.remove_graph(g)
        return True

    def flush(self) -> None:
        """Write Oxigraph's in-memory buffers to disk (also done every :data:`FLUSH_EVERY` puts)."""
        self.ox.flush()

    # -- reading ------------------------------------------------------------------------------
    def content_hash(self, iri: str) -> str | None:
        return self._article_fact(iri, CONTENT_HASH)

    def document_id(self, iri: str) -> str | None:
        """The id of the article stored under ``iri``, if any."""
        return self._article_fact(iri, DOCUMENT_ID)

    def _article_fact(self, iri: str, prop: ox.NamedNode) -> str | None:
        """The literal the article graph ``iri`` states of itself under ``prop``, if any."""
        g = ox.NamedNode(iri)
        for quad in self.ox.quads_for_pattern(g, prop, None, g):
            if isinstance(quad.object, ox.Literal):
                return quad.object.value
        return None

    def articles(self) -> Iterator[tuple[str, str]]:
        """(document id, graph IRI) of every article in the store."""
        for quad in self.ox.quads_for_pattern(None, DOCUMENT_ID, None, None):
            if isinstance(quad.object, ox.Literal) and isinstance(quad.graph_name, ox.NamedNode):
                yield quad.object.value, quad.graph_name.value

    def __len__(self) -> int:
        return sum(1 for _ in self.ox.quads_for_pattern(None, None, None, None))

    def close(self, *, clean: bool = True) -> None:
        """Flush, tell readers, release the lock; ``clean=False`` (a writer that failed) leaves the
        mark that makes the next writer refresh what is derived from the articles."""
        if self._lock_fh is not None:
            self.ox.flush()
            bump_generation(self.path)
            if clean:
                (self.dir / DIRTY).unlink(missing_ok=True)
            fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            self._lock_fh.close()
            self._lock_fh = None
        del self.ox

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close(clean=exc_type is None)
