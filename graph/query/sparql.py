"""SPARQL over a claimgraph store, with the guards an untrusted query needs.

User queries are refused when they reach out (``SERVICE``) or write (updates, unless allowed);
they run in a worker process that is killed at the timeout, and results stop at a cap. Values go
into named queries through bindings (SEP-0007 substitution), never string formatting. Results
are written in the standard SPARQL 1.1 formats (JSON, CSV, TSV, XML) or Turtle/N-Triples for
CONSTRUCT.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any, Final

import pyoxigraph as ox

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.query.refusals import QueryError, QueryRefused, read, refuse_network
from claimgraph.graph.store.search import narrow
from claimgraph.ontology import DEFAULT_BASE, PREFIXES, QUERIES_DIR

#: Result formats: name → media type.
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "xml": "application/sparql-results+xml",
    "table": "text/plain; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
}


class QueryTimeout(ClaimgraphError, TimeoutError):
    """The query ran past its time limit and was stopped."""

    status = HTTPStatus.SERVICE_UNAVAILABLE


class QueryOverMemory(QueryTimeout):
    """The query needed more memory than its worker may use, and was stopped."""


#: Memory a query worker may allocate (``RLIMIT_DATA``): a query that needs more fails alone.
MAX_MEMORY = 2 * 2**30


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query from ``ontology/queries``: its question, its parameters and its text."""

    name: str
    question: str
    params: dict[str, str]  # parameter → what to pass
    text: str


def named_queries(folder: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """The library of named queries, by file stem. The leading ``#`` comment says which question
    the query answers; ``# param NAME: what`` lines declare its bindings."""
    found = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        question, params = [], {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            body = line.lstrip("#").strip()
            m = re.match(r"param\s+(\w+)\s*:\s*(.*)", body)
            if m:
                params[m.group(1)] = m.group(2)
            elif body:
                question.append(body)
        found[path.stem] = NamedQuery(path.stem, " ".join(question), params, text)
    return found


#: Graphs a writable endpoint's clients may change (besides the default graph): the build owns
#: the article graphs and the story graph, so an update never touches them.
USER_GRAPHS = f"{DEFAULT_BASE}graph/user/"


def guard_update(update: str) -> None:
    """Refuse what a writable endpoint must not do for a client: ``LOAD`` (a request to any URL),
    ``SERVICE`` (anywhere in the update), and any change to a graph other than the default graph and
    the user graphs under :data:`USER_GRAPHS` (``CLEAR ALL``, ``DROP GRAPH <article>``, ``INSERT``
    into the story graph, a template writing to ``GRAPH ?g``). Raises :class:`QueryRefused` with
    the reason, or :class:`QueryError` when the update cannot be read."""
    form, tree = read(update)
    if form != "update":
        raise QueryError("not an update: send queries to /sparql as a query")
    refuse_network(tree)
    from rdflib.plugins.sparql.algebra import (
        translateUpdate,  # only a writable endpoint needs rdflib
    )
    from rdflib.plugins.sparql.parser import parseUpdate
    from rdflib.term import URIRef

    try:
        ops = translateUpdate(parseUpdate(update)).algebra
    except Exception as exc:
        raise QueryError("malformed update: " + " ".join(str(exc).split())[:300]) from None

    def writable(graph: object, what: str) -> None:
        if isinstance(graph, URIRef) and not str(graph).startswith(USER_GRAPHS):
            raise QueryRefused(f"{what} <{graph}> is not allowed: updates may change the default graph and "
                               f"graphs under <{USER_GRAPHS}> only (the build owns the others)")
        if not isinstance(graph, URIRef) and str(graph).upper() in {"ALL", "NAMED"}:
            raise QueryRefused(f"{what} {str(graph).upper()} is not allowed: it would change the build's graphs")
        if graph is not None and not isinstance(graph, (URIRef, str)):
            raise QueryRefused(f"{what} a graph named by a variable is not allowed: the graph must be stated")

    for op in ops:
        name = op.name
        if name == "Load":
            raise QueryRefused("LOAD is not allowed: the endpoint never fetches a URL on a client's behalf")
        if name in {"Clear", "Drop", "Create"}:
            writable(op.graphiri, name.upper())
        elif name in {"Add", "Copy", "Move"}:
            source, target = list(op.graph)
            writable(target, f"{name.upper()} into")
            if name == "Move":
                writable(source, "MOVE from")
        elif name in {"InsertData", "DeleteData", "DeleteWhere"}:
            for graph in op.quads or {}:
                writable(graph if isinstance(graph, URIRef) else object(), "writing to")
        elif name == "Modify":
            for clause in (op.get("delete"), op.get("insert")):
                if not hasattr(clause, "quads"):
                    continue
                for graph in clause.quads or {}:
                    writable(graph if isinstance(graph, URIRef) else object(), "writing to")
                if clause.triples and op.get("withClause") is not None:
                    writable(op.withClause, "WITH")


def guard(query: str, *, allow_update: bool = False) -> None:
    """Refuse SERVICE and LOAD (no network from a request) and, unless allowed, updates — read
    from the parse tree (:mod:`.refusals`), never from the text."""
    form, tree = read(query)
    refuse_network(tree)
    if form == "update" and not allow_update:
        raise QueryRefused("updates are not allowed on this store (read-only); start the server with --allow-update")


def to_term(value: str) -> ox.NamedNode | ox.Literal:
    """A binding value: ``<iri>`` is an IRI, anything else a plain string literal."""
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise QueryError(f"bad IRI {value}: {exc}") from None
    return ox.Literal(value)


def execute(store: ox.Store, query: str, bindings: dict[str, str] | None = None, *, fmt: str = "json",
            cap: int = 10_000, index: str | os.PathLike[str] | None = None) -> tuple[bytes, str, bool]:
    """Run ``query`` on ``store`` and serialize the result: (body, media type, truncated).
    ``index``: the store's build folder, whose catalog gives a phrase's candidates to a query
    that marks where they go (:mod:`claimgraph.graph.store.search`)."""
    query = narrow(query, store, index, (bindings or {}).get("text"))
    prefixes = dict(PREFIXES)
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): to_term(v) for k, v in (bindings or {}).items()}
    try:
        result = store.query(query, prefixes=prefixes, use_default_graph_as_union=True, substitutions=subs or None)
    except SyntaxError as exc:
        raise QueryError(str(exc)) from None
    except RuntimeError as exc:  # the engine refuses the request itself: a binding for no variable …
        raise QueryError(" ".join(str(exc).split())) from None
    if isinstance(result, (ox.QueryBoolean, ox.QuerySolutions)) and fmt in {"turtle", "ntriples"}:
        kind = "an ASK" if isinstance(result, ox.QueryBoolean) else "a SELECT"
        raise QueryError(f"format {fmt} is for CONSTRUCT and DESCRIBE results; {kind} gives table, json, csv, "
                         "tsv or xml")
    if isinstance(result, ox.QueryBoolean):
        return _boolean(result, fmt)
    if isinstance(result, ox.QueryTriples):
        triples = []
        for n, t in enumerate(result):
            if n >= cap:
                break
            triples.append(t)
        graph_fmt = fmt if fmt in {"turtle", "ntriples"} else "turtle"
        rdf = ox.RdfFormat.TURTLE if graph_fmt == "turtle" else ox.RdfFormat.N_TRIPLES
        body = ox.serialize(triples, format=rdf, prefixes=prefixes if graph_fmt == "turtle" else None) or b""
        return body, MEDIA_TYPES[graph_fmt], len(triples) >= cap
    variables = [v.value for v in result.variables]
    rows: list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | None]] = []
    for n, sol in enumerate(result):
        if n >= cap:
            break
        rows.append({v: sol[v] for v in variables})
    return solutions_body(variables, rows, fmt), MEDIA_TYPES.get(fmt, MEDIA_TYPES["json"]), len(rows) >= cap


# -- result formats ---------------------------------------------------------------------------
#: The SPARQL results formats, written by pyoxigraph; "table" is this tool's own, for a terminal.
RESULTS_FORMATS: Final = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                          "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


def _boolean(result: ox.QueryBoolean, fmt: str) -> tuple[bytes, str, bool]:
    if fmt == "table":
        return ("true\n" if result else "false\n").encode(), MEDIA_TYPES["table"], False
    fmt = fmt if fmt in RESULTS_FORMATS else "json"
    return result.serialize(format=RESULTS_FORMATS[fmt]) or b"", MEDIA_TYPES[fmt], False


def solutions_body(variables: list[str], rows: list[dict[str, Any]], fmt: str) -> bytes:
    """The first rows of a result in ``fmt``. pyoxigraph serializes a whole result and nothing
    less, so the rows kept under the cap go back to it as TSV (each term in its own N-Triples
    syntax: nothing to escape) and it writes them in the format asked for."""
    if fmt not in RESULTS_FORMATS:
        return _table(variables, rows).encode()
    lines = ["\t".join("?" + v for v in variables)]
    lines += ["\t".join("" if row[v] is None else str(row[v]) for v in variables) for row in rows]
    kept = ox.parse_query_results(("\n".join(lines) + "\n").encode(), format=ox.QueryResultsFormat.TSV)
    assert isinstance(kept, ox.QuerySolutions)
    return kept.serialize(format=RESULTS_FORMATS[fmt]) or b""


def _table(variables: list[str], rows: list[dict[str, Any]]) -> str:
    """A plain-text table for the terminal: IRIs shortened with the known prefixes."""
    def show(t: object) -> str:
        if t is None:
            return ""
        value = getattr(t, "value", str(t))
        if isinstance(t, ox.NamedNode):
            for p, ns in PREFIXES.items():
                if value.startswith(ns):
                    return f"{p}:{value[len(ns):]}"
        text = " ".join(str(value).split())
        return text if len(text) <= 80 else text[:79] + "…"

    cells = [[show(row[v]) for v in variables] for row in rows]
    widths = [max([len(v)] + [len(c[i]) for c in cells]) for i, v in enumerate(variables)]
    line = "  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def parse_bindings(pairs: Iterable[str]) -> Iterator[tuple[str, str]]:
    """``name=value`` pairs from the command line."""
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"\w+", name):
            raise QueryError(f"binding {pair!r} must look like NAME=VALUE")
        yield name, value
