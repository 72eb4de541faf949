"""Exports of a store: TriG and N-Quads (every named graph), Turtle (merged) and JSON-LD (merged,
compacted with the published context ``ontology/context.jsonld``). Files are written atomically."""
from __future__ import annotations

import json
import os
import re
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
        "trig": lambda fh: _trig(store, fh),
        "nquads": lambda fh: store.dump(fh, ox.RdfFormat.N_QUADS),
        "turtle": lambda fh: fh.write(readable(ox.serialize(merged(store), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
                                               or b"")),
        "jsonld": lambda fh: fh.write(jsonld(store).encode("utf-8")),
    }
    return atomic_write(Path(path), writers[fmt])


#: A literal, an IRI, or a prefixed name whose local part ends in an escaped dot ("cgid:organization\/apple-inc\.").
_ESCAPED_END = re.compile(rb'"(?:[^"\\\n]|\\.)*"|<[^>\s]*>'
                          rb'|(?<![\w:\\])([A-Za-z][\w-]*):((?:[^\s\\;,"<>(){}\[\]]|\\.)*\\\.)(?=[\s;,.)\]]|$)')


def readable(turtle: bytes) -> bytes:
    """Turtle (or a TriG block) that rdflib reads too: a prefixed name ending in an escaped dot
    (an actor "Apple Inc.", a "Jr.") is valid Turtle, which Oxigraph writes and reads, but rdflib's
    parser stops at it; such names are written as full IRIs. Literals and IRIs are left alone."""
    if b"\\." not in turtle:
        return turtle

    def full(m: re.Match[bytes]) -> bytes:
        prefix = m.group(1)
        if prefix is None or prefix.decode() not in PREFIXES:
            return m.group(0)
        return b"<" + PREFIXES[prefix.decode()].encode() + re.sub(rb"\\(.)", rb"\1", m.group(2)) + b">"

    return _ESCAPED_END.sub(full, turtle)


def graph_block(store: ox.Store, graph: str) -> bytes:
    """One named graph's triples as the body of a TriG ``<g> { … }`` block (prefixes not repeated)."""
    body = store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.NamedNode(graph), prefixes=PREFIXES) or b""
    return readable(b"".join(line for line in body.splitlines(keepends=True) if not line.startswith(b"@prefix ")))


def _trig(store: ox.Store, fh: IO[bytes]) -> None:
    fh.write("".join(f"@prefix {k}: <{v}> .\n" for k, v in PREFIXES.items()).encode("utf-8"))
    for g in sorted(n.value for n in store.named_graphs() if isinstance(n, ox.NamedNode)):
        fh.write(f"\n<{g}> {{\n".encode() + graph_block(store, g) + b"}\n")
    default = store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES) or b""
    fh.write(readable(b"".join(line for line in default.splitlines(keepends=True) if not line.startswith(b"@prefix "))))


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
