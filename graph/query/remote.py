"""The named queries answered by a remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, QLever,
Virtuoso …) holding a pushed store (:mod:`claimgraph.graph.store.push`).

The query text is the named query's own; its parameters go in as a ``VALUES`` block at the head of
the outermost ``WHERE`` (what the local engine's substitutions do), and the answer is formatted
as the local one is. The store's catalog (the phrase index that narrows a phrase's candidates) is
local, so a remote query runs the plain query: slower on a big store, the same rows. The
endpoint must take the default graph as the union of the named graphs, as the local store does:
Oxigraph server is asked so with ``union-default-graph``; Fuseki needs ``unionDefaultGraph`` in
its dataset's configuration; QLever and Virtuoso query all graphs by default.
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.query.sparql import MEDIA_TYPES, PREFIXES, solutions_body, to_term

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class RemoteError(ClaimgraphError):
    """The endpoint could not be reached or refused the query; the message says which and why."""


def bound(query: str, bindings: dict[str, str]) -> str:
    """``query`` with each binding written in: the value in place of the variable inside the
    ``WHERE`` (a nested group's ``FILTER`` does not see an outer ``VALUES``; the local engine's
    substitutions reach everywhere), and a one-row ``VALUES`` at its head, for the variable the
    query selects; the prefixes the named queries use declared."""
    head = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items() if f"PREFIX {k}:" not in query)
    if not bindings:
        return head + query
    m = _WHERE.search(query)
    if m is None:
        raise RemoteError("the query has no WHERE clause to bind its parameters in")
    values = " ".join(f"VALUES ?{k} {{ {to_term(v)} }}" for k, v in bindings.items())
    body = query[m.end():]
    for k, v in bindings.items():
        term = str(to_term(v))
        body = re.sub(rf"\?{re.escape(k)}\b", term.replace("\\", "\\\\"), body)  # backslashes kept as written
    return head + query[: m.end()] + " " + values + " " + body


def execute_remote(endpoint: str, query: str, bindings: dict[str, str] | None = None, *, fmt: str = "json",
                   cap: int = 10_000, token: str | None = None, timeout: float = 60.0) -> tuple[bytes, str, bool]:
    """Run ``query`` at ``endpoint`` (its SPARQL query URL) and format the answer as
    :func:`~claimgraph.graph.query.sparql.execute` does: (body, media type, truncated)."""
    data = json.loads(_post(endpoint, bound(query, bindings or {}), token=token, timeout=timeout))
    if "boolean" in data:  # an ASK: as the local answer reads (table, or the JSON results format)
        answer = bool(data["boolean"])
        if fmt == "table":
            return ("true\n" if answer else "false\n").encode(), MEDIA_TYPES["table"], False
        return json.dumps({"head": {}, "boolean": answer}).encode(), MEDIA_TYPES["json"], False
    variables = data["head"]["vars"]
    rows = [{v: _term(b.get(v)) for v in variables} for b in data["results"]["bindings"][:cap]]
    truncated = len(data["results"]["bindings"]) >= cap
    return solutions_body(variables, rows, fmt), MEDIA_TYPES.get(fmt, MEDIA_TYPES["json"]), truncated


def _term(b: dict[str, str] | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    if b is None:
        return None
    if b["type"] == "uri":
        return ox.NamedNode(b["value"])
    if b["type"] == "bnode":
        return ox.BlankNode(b["value"])
    if "xml:lang" in b:
        return ox.Literal(b["value"], language=b["xml:lang"])
    if "datatype" in b:
        return ox.Literal(b["value"], datatype=ox.NamedNode(b["datatype"]))
    return ox.Literal(b["value"])


def _post(endpoint: str, query: str, *, token: str | None, timeout: float) -> bytes:
    if "union-default-graph" in endpoint:
        url = endpoint
    else:  # Oxigraph server's switch; other servers ignore an unknown parameter or are configured so
        url = endpoint + ("&" if "?" in endpoint else "?") + "union-default-graph"
    headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=query.encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.read()
    except urllib.error.HTTPError as exc:
        raise RemoteError(f"{endpoint} refused the query ({exc.code}): {exc.read()[:300].decode('utf-8', 'replace')}") \
            from None
    except (urllib.error.URLError, OSError) as exc:
        raise RemoteError(f"{endpoint} cannot be reached: {getattr(exc, 'reason', exc)}") from None


def fetch_store(endpoint: str, *, token: str | None = None, timeout: float = 600.0) -> ox.Store:
    """Every named graph the endpoint holds, in an in-memory store (what the explorer is drawn
    from: the projection reads records graph by graph)."""
    data = json.loads(_post(endpoint, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", token=token,
                            timeout=timeout))
    store = ox.Store()
    quads = []
    for b in data["results"]["bindings"]:
        g, s, p, o = (_term(b.get(k)) for k in ("g", "s", "p", "o"))
        quads.append(ox.Quad(s, p, o, g))  # type: ignore[arg-type]
    store.extend(quads)
    return store
