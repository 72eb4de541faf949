"""The files a build leaves beside the store — ``attributions.jsonl``, ``graph.trig`` and
``explorer.html`` — kept in step with it after every change, at a cost that follows the change,
not the store.

Re-serialising a whole store after adding one article would make an incremental add cost as much
as the store is large. So the JSONL and TriG files are *spliced*: the stamp (``snapshot.json``)
records where each article's lines and graph block lie in the files, an unchanged article's bytes
are copied from the previous files by those offsets (never parsed), and only the articles that
changed (and the shared story and actors graphs) are read from the store. The explorer is drawn
from a projection kept beside the files (``explorer.graph``, an SQLite file updated in place:
:mod:`claimgraph.graph.view.projection_file`): a build that only adds articles extends it with
their records (:func:`.network.extend`) and writes what changed; one that replaces or removes
articles, or changes what older records say, projects the store again.

The stamp says which store generation the files show and the size and modification time of each
file it vouches for; without a matching one — the first build, a build that died half-way, a
SPARQL update, another claimgraph version, a file changed by hand — the files are written whole.
Both ways give byte-identical files (tested).
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import IO

import networkx as nx
import pyoxigraph as ox

from claimgraph.extractors import Attribution
from claimgraph.graph.store import jsonl
from claimgraph.graph.store.database import GraphStore, generation
from claimgraph.graph.store.export import graph_block
from claimgraph.graph.store.files import atomic_write
from claimgraph.graph.store.readback import read_records
from claimgraph.graph.view import projection_file
from claimgraph.graph.view.explorer import write_explorer
from claimgraph.graph.view.network import article_text, extend, project
from claimgraph.graph.view.palette import BUILD_MAX_NODES
from claimgraph.ontology import PREFIXES

STAMP = "snapshot.json"
PROJECTION = "explorer.graph"
_MARK = "# graph <"
_FILES = ("attributions.jsonl", "graph.trig", PROJECTION)
_COPY_CHUNK = 1 << 20


def _version() -> str:
    from claimgraph import __version__

    return __version__


@dataclass(slots=True)
class Baseline:
    """Where each article lies in the files a stamp vouches for: doc → (start, end) byte offsets
    in ``attributions.jsonl``, graph IRI → (start, end) in ``graph.trig``."""

    lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    blocks: dict[str, tuple[int, int]] = field(default_factory=dict)


def take_baseline(out: Path) -> Baseline | None:
    """What the files in ``out`` hold, when they show the store as it is now (so that they can be
    spliced); ``None`` otherwise.

    The stamp is removed either way: if this writer dies before :func:`seal`, the next one finds
    none and writes its files whole. Call it holding the store's write lock."""
    stamp = out / STAMP
    try:
        seen = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seen = None
    stamp.unlink(missing_ok=True)
    if not (isinstance(seen, dict) and seen.get("generation") == generation(out / "store")
            and seen.get("version") == _version() and seen.get("files") == _file_marks(out)):
        return None
    try:
        return Baseline({k: (a, b) for k, (a, b) in seen["lines"].items()},
                        {k: (a, b) for k, (a, b) in seen["blocks"].items()})
    except (KeyError, TypeError, ValueError):
        return None


def seal(out: Path, baseline: Baseline) -> None:
    """Stamp the files as showing the store's current generation (after the writer closed it)."""
    atomic_write(out / STAMP, lambda fh: fh.write(json.dumps({  # dumps: the C encoder
        "generation": generation(out / "store"), "version": _version(), "files": _file_marks(out),
        "lines": baseline.lines, "blocks": baseline.blocks})), text=True)


def _file_marks(out: Path) -> dict[str, list[int]] | None:
    """Size and modification time of each file the stamp vouches for (``None`` if one is missing)."""
    marks = {}
    for name in _FILES:
        try:
            st = (out / name).stat()
        except OSError:
            return None
        marks[name] = [st.st_size, st.st_mtime_ns]
    return marks


def write_snapshot(store: GraphStore, out: Path, *, changed: set[str] | None = None,
                   baseline: Baseline | None = None) -> Baseline:
    """Write the three files for the whole store, each atomically; returns where each article lies.

    ``changed``: the document ids added, replaced or removed since the files were last written,
    with the ``baseline`` :func:`take_baseline` gave; without them everything is written from the
    store."""
    lines, trig, graph_file = out / "attributions.jsonl", out / "graph.trig", out / PROJECTION
    graphs = dict(store.articles())
    new = Baseline()
    G: nx.MultiDiGraph | None = None
    saved: projection_file.Saved | None = None  # what the projection file held, when extended
    if changed is not None and baseline is not None:
        fresh = sorted(d for d in changed if d in graphs)
        added: list[Attribution] = []
        try:
            with lines.open("rb") as old:
                atomic_write(lines, _splice_jsonl(store, sorted(graphs), set(changed), fresh, old, baseline.lines,
                                                  new.lines, added))
            with trig.open("rb") as old:
                keep = {iri: baseline.blocks[iri] for doc, iri in graphs.items()
                        if doc not in changed and iri in baseline.blocks}
                atomic_write(trig, lambda fh: _write_trig(store.ox, sorted(_named_graphs(store.ox)), fh,
                                                          (old, keep), new.blocks))
            if all(d not in baseline.lines for d in changed):  # only new articles: extend the projection
                G, saved = projection_file.load(graph_file)
                G = extend(G, store.ox, added)
        except (OSError, KeyError, ValueError, EOFError, UnicodeDecodeError):  # ProjectionUnreadable is a ValueError
            changed, saved = None, None  # the old files were damaged or removed meanwhile
    if changed is None or baseline is None:
        new = Baseline()
        projected: list[nx.MultiDiGraph] = []

        def project_while(records: Iterator[Attribution], fh: IO[str]) -> None:
            projected[:] = [project(store.ox, records=jsonl.exporting(records, fh, new.lines))]

        atomic_write(lines, lambda fh: project_while(read_records(store.ox), fh), text=True)
        new.lines.update({doc: (0, 0) for doc in graphs if doc not in new.lines})  # articles with no lines
        atomic_write(trig, lambda fh: _write_trig(store.ox, sorted(_named_graphs(store.ox)), fh, None, new.blocks))
        G = projected[0]
    elif G is None:
        G = project(store.ox)
    write_explorer(G, out / "explorer.html", title=f"claimgraph — {out.name}", max_nodes=BUILD_MAX_NODES,
                   text_of=lambda doc: article_text(store.ox, doc))
    projection_file.save(G, graph_file, since=saved)  # after the page: with the layout it drew
    return new


# -- attributions.jsonl -------------------------------------------------------------------------

def _splice_jsonl(store: GraphStore, docs: list[str], changed: set[str], fresh: list[str], old: IO[bytes],
                  was: dict[str, tuple[int, int]], offsets: dict[str, tuple[int, int]], added: list[Attribution],
                  ) -> Callable[[IO[bytes]], None]:
    """The lines of every article in document order (the order :func:`read_records` gives, so the
    file equals one written whole): an unchanged article's bytes copied from ``old``, a changed
    one's lines written from the store; the new articles' records are collected in ``added``."""
    pending = groupby(read_records(store.ox, docs=set(fresh)), key=lambda r: r.doc)
    records = {doc: list(group) for doc, group in pending}

    def write(fh: IO[bytes]) -> None:
        run: list[int] = []  # a stretch of old bytes to copy in one go: [start, end]
        pos = 0
        for doc in docs:
            if doc in changed:
                _copy(old, fh, run)
                body = "".join(jsonl.line(r) for r in records.get(doc, [])).encode("utf-8")
                fh.write(body)
                offsets[doc] = (pos, pos + len(body))
                pos += len(body)
                if doc not in was:
                    added.extend(records.get(doc, []))
                continue
            a, b = was[doc]
            if run and run[1] == a:
                run[1] = b
            else:
                _copy(old, fh, run)
                run[:] = [a, b]
            offsets[doc] = (pos, pos + b - a)
            pos += b - a
        _copy(old, fh, run)

    return write


def _copy(src: IO[bytes], dst: IO[bytes], run: list[int]) -> None:
    """Copy bytes ``run`` = [start, end] of ``src`` to ``dst`` and empty ``run``."""
    if not run:
        return
    a, b = run
    src.seek(a)
    while a < b:
        chunk = src.read(min(_COPY_CHUNK, b - a))
        if not chunk:
            raise ValueError("the old file is shorter than its stamp says")
        dst.write(chunk)
        a += len(chunk)
    run.clear()


# -- graph.trig ---------------------------------------------------------------------------------

def _named_graphs(store: ox.Store) -> Iterator[str]:
    for g in store.named_graphs():
        if isinstance(g, ox.NamedNode):
            yield g.value


def _write_trig(store: ox.Store, graphs: list[str], fh: IO[bytes],
                reuse: tuple[IO[bytes], dict[str, tuple[int, int]]] | None,
                offsets: dict[str, tuple[int, int]]) -> None:
    """Every named graph as a ``<g> { … }`` block after a ``# graph <g>`` line, in IRI order;
    with ``reuse`` (old file, graph → its block's offsets there), those graphs' blocks are copied
    from the old file. Notes each block's offsets in ``offsets``."""
    fh.write("".join(f"@prefix {k}: <{v}> .\n" for k, v in PREFIXES.items()).encode("utf-8"))
    run: list[int] = []
    for g in graphs:
        fh.write(b"\n")
        start = fh.tell()
        if reuse is not None and g in reuse[1]:
            old, (a, b) = reuse[0], reuse[1][g]
            mark = f"{_MARK}{g}>\n".encode()
            old.seek(a)
            if old.read(len(mark)) != mark:
                raise ValueError(f"the old block of {g} is not where the stamp says")
            run[:] = [a, b]
            _copy(old, fh, run)
        else:
            fh.write(f"{_MARK}{g}>\n<{g}> {{\n".encode() + graph_block(store, g) + b"}\n")
        offsets[g] = (start, fh.tell())


def write_files(out_dir: str | os.PathLike[str]) -> None:
    """Bring ``attributions.jsonl``, ``graph.trig`` and ``explorer.html`` up to the store (after
    builds with ``files=False``: the ingest endpoint writes them on a quiet moment, not per article),
    and the catalog's stamp with them (the writer's close moves the store's generation)."""
    from claimgraph.graph.store.catalog import Catalog

    out = Path(out_dir)
    with GraphStore(out, write=True) as store:
        catalog = Catalog(store)
        baseline = write_snapshot(store, out, changed=None, baseline=take_baseline(out))
    catalog.seal()
    seal(out, baseline)
