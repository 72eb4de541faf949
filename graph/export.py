"""Exports of a store: TriG and N-Quads (every named graph), Turtle (merged) and JSON-LD (merged,
compacted with the published context ``ontology/context.jsonld``). Files are written atomically."""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from claimgraph.ontology import CONTEXT_FILE, PREFIXES

FORMATS = ("trig", "nquads", "turtle", "jsonld")


def export(store: ox.Store, fmt: str, path: str | os.PathLike[str]) -> Path:
    """Write the store to ``path`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    writers: dict[str, Callable[[BinaryIO], Any]] = {
        "trig": lambda fh: store.dump(fh, ox.RdfFormat.TRIG, prefixes=PREFIXES),
        "nquads": lambda fh: store.dump(fh, ox.RdfFormat.N_QUADS),
        "turtle": lambda fh: fh.write(ox.serialize(merged(store), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""),
        "jsonld": lambda fh: fh.write(jsonld(store).encode("utf-8")),
    }
    return _atomic(Path(path), writers[fmt])


def merged(store: ox.Store) -> list[ox.Triple]:
    """All triples of all named graphs, without duplicates."""
    return list(dict.fromkeys(q.triple for q in store.quads_for_pattern(None, None, None, None)))


def jsonld(store: ox.Store) -> str:
    """The merged graph as JSON-LD, compacted with claimgraph's context."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(merged(store), format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    return graph.serialize(format="json-ld", context=context, auto_compact=True)


def _atomic(target: Path, write: Callable[[BinaryIO], Any]) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
