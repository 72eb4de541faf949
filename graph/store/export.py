"""Exports of a store: TriG and N-Quads (every named graph), Turtle (merged) and JSON-LD (merged,
compacted with the published context ``ontology/context.jsonld``). Files are written atomically."""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from claimgraph.graph.store.files import atomic_write
from claimgraph.ontology import CONTEXT_FILE, PREFIXES

FORMATS = ("trig", "nquads", "turtle", "jsonld")


def export(store: ox.Store, fmt: str, path: str | os.PathLike[str]) -> Path:
    """Write the store to ``path`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    writers: dict[str, Callable[[IO[Any]], Any]] = {
        "trig": lambda fh: store.dump(fh, ox.RdfFormat.TRIG, prefixes=PREFIXES),
        "nquads": lambda fh: store.dump(fh, ox.RdfFormat.N_QUADS),
        "turtle": lambda fh: fh.write(ox.serialize(merged(store), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""),
        "jsonld": lambda fh: fh.write(jsonld(store).encode("utf-8")),
    }
    return atomic_write(Path(path), writers[fmt])


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
