"""The files a build leaves beside the store — ``attributions.jsonl``, ``graph.trig`` and
``explorer.html`` — kept in step with it after every change.

Re-serialising a whole store after adding one article would make an incremental add cost as
much as the store is large (at 1,000 articles, 15 of its 19 seconds). So the JSONL and TriG
files are *spliced*: an unchanged article's lines and graph block are copied from the previous
files, and only the articles that changed (and the shared story graph) are read from the store.
A stamp (``snapshot.json``) says which store generation the files show; without a matching one
— the first build, a build that died half-way, a SPARQL update, another claimgraph version — the
files are written whole. Both ways give byte-identical files (tested). The explorer is always
drawn from every record: the pass that writes the JSONL lines feeds its projection, so each line
is serialised or parsed once.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import IO

import networkx as nx
import pyoxigraph as ox

from claimgraph.extractors import Attribution
from claimgraph.graph.store import jsonl
from claimgraph.graph.store.database import GraphStore, generation
from claimgraph.graph.store.files import atomic_write
from claimgraph.graph.store.readback import read_records
from claimgraph.graph.view.explorer import write_explorer
from claimgraph.graph.view.network import project
from claimgraph.ontology import PREFIXES

STAMP = "snapshot.json"
_MARK = "# graph <"


def _version() -> str:
    from claimgraph import __version__

    return __version__


def take_baseline(out: Path) -> bool:
    """Whether the files in ``out`` show the store as it is now (so that they can be spliced).

    The stamp is removed either way: if this writer dies before :func:`seal`, the next one finds
    none and writes its files whole. Call it holding the store's write lock."""
    stamp = out / STAMP
    try:
        seen = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seen = None
    stamp.unlink(missing_ok=True)
    files = all((out / name).is_file() for name in ("attributions.jsonl", "graph.trig"))
    return (files and isinstance(seen, dict) and seen.get("generation") == generation(out / "store")
            and seen.get("version") == _version())


def seal(out: Path) -> None:
    """Stamp the files as showing the store's current generation (after the writer closed it)."""
    atomic_write(out / STAMP, lambda fh: json.dump({"generation": generation(out / "store"),
                                                    "version": _version()}, fh), text=True)


def write_snapshot(store: GraphStore, out: Path, *, changed: set[str] | None = None) -> None:
    """Write the three files for the whole store, each atomically.

    ``changed``: the document ids added, replaced or removed since the files were last written
    when :func:`take_baseline` allowed splicing; ``None`` writes everything from the store."""
    lines, trig = out / "attributions.jsonl", out / "graph.trig"
    graph: list[nx.MultiDiGraph] = []  # the projection, fed by the same pass that writes the lines

    def project_while(records: Iterator[Attribution]) -> None:
        graph[:] = [project(store.ox, records=records)]

    if changed is not None:
        graphs = dict(store.articles())
        fresh = {d for d in changed if d in graphs}
        keep = {iri for doc, iri in graphs.items() if doc not in changed}
        gone = changed  # (a name the closure below sees as a set)
        try:
            atomic_write(lines, lambda fh: project_while(_splice_jsonl(lines, read_records(store.ox, docs=fresh),
                                                                       gone, fh)), text=True)
            with trig.open("rb") as old:
                atomic_write(trig, lambda fh: _write_trig(store.ox, sorted(_named_graphs(store.ox)), fh, (old, keep)))
        except (OSError, ValueError, KeyError):  # the old files were damaged or removed meanwhile
            changed = None
    if changed is None:
        atomic_write(lines, lambda fh: project_while(jsonl.exporting(read_records(store.ox), fh)), text=True)
        atomic_write(trig, lambda fh: _write_trig(store.ox, sorted(_named_graphs(store.ox)), fh, None))
    write_explorer(graph[0], out / "explorer.html", title=f"claimgraph — {out.name}")


# -- attributions.jsonl -------------------------------------------------------------------------

def _splice_jsonl(old: Path, fresh: Iterator[Attribution], changed: set[str], fh: IO[str]) -> Iterator[Attribution]:
    """The old lines of unchanged documents and the fresh records, merged in document order
    (the order :func:`read_records` gives, so the file equals one written whole); every record
    is passed on, each line parsed once."""
    pending = groupby(fresh, key=lambda r: r.doc)
    nxt = next(pending, None)
    with old.open(encoding="utf-8") as lines:
        for text in lines:
            row = json.loads(text)
            if row["doc"] in changed:
                continue
            while nxt is not None and nxt[0] < row["doc"]:
                yield from jsonl.exporting(nxt[1], fh)
                nxt = next(pending, None)
            fh.write(text)
            yield Attribution.from_json(row)
    while nxt is not None:
        yield from jsonl.exporting(nxt[1], fh)
        nxt = next(pending, None)


# -- graph.trig ---------------------------------------------------------------------------------

def _named_graphs(store: ox.Store) -> Iterator[str]:
    for g in store.named_graphs():
        if isinstance(g, ox.NamedNode):
            yield g.value


def _write_trig(store: ox.Store, graphs: list[str], fh: IO[bytes],
                reuse: tuple[IO[bytes], set[str]] | None) -> None:
    """Every named graph as a ``<g> { … }`` block after a ``# graph <g>`` line, in IRI order;
    with ``reuse`` (old file, graphs to copy), those graphs' blocks are copied from the old file,
    which is read alongside, one block at a time."""
    fh.write("".join(f"@prefix {k}: <{v}> .\n" for k, v in PREFIXES.items()).encode("utf-8"))
    old = _sections(reuse[0]) if reuse else iter(())
    held = next(old, None)
    for g in graphs:
        while held is not None and held[0] < g:
            held = next(old, None)
        fh.write(b"\n")
        if reuse and held is not None and held[0] == g and g in reuse[1]:
            fh.write(held[1])
            continue
        body = store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.NamedNode(g), prefixes=PREFIXES) or b""
        triples = b"".join(line for line in body.splitlines(keepends=True) if not line.startswith(b"@prefix "))
        fh.write(f"{_MARK}{g}>\n<{g}> {{\n".encode() + triples + b"}\n")


def _sections(fh: IO[bytes]) -> Iterator[tuple[str, bytes]]:
    """The graph blocks of a file :func:`_write_trig` wrote: (graph IRI, mark line to closing
    brace). Literals never span lines in Oxigraph's Turtle, so no data line looks like either."""
    mark = _MARK.encode("utf-8")
    current: str | None = None
    chunk: list[bytes] = []
    for line in fh:
        if current is None:
            if line.startswith(mark):
                current, chunk = line[len(mark):].rstrip(b"\n")[:-1].decode("utf-8"), [line]
        else:
            chunk.append(line)
            if line == b"}\n":
                yield current, b"".join(chunk)
                current = None
