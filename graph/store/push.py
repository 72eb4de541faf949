"""A store's named graphs sent to a server-grade triple store, by the SPARQL 1.1 Graph Store HTTP
Protocol (Oxigraph server's ``/store``, Fuseki's ``/dataset/data``, QLever, Virtuoso's
``/sparql-graph-crud``): ``PUT ?graph=IRI`` replaces a graph, ``DELETE ?graph=IRI`` drops one.

Incremental: each graph's N-Triples are hashed, and a graph is sent only when its hash differs from
the one the endpoint was last sent (kept beside the store, one file per endpoint, written after
every graph sent, so a push cut off goes on where it stopped). A graph the store no longer has
is deleted there.
"""
from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.store.files import atomic_write


class PushError(ClaimgraphError):
    """The endpoint could not be reached or refused a graph; the message says which and why."""


@dataclass(slots=True)
class Pushed:
    """What one push did."""

    sent: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    triples: int = 0


def state_file(out_dir: str | os.PathLike[str], endpoint: str) -> Path:
    """Where the hashes of what was sent to ``endpoint`` are kept."""
    return Path(out_dir) / f"push-{hashlib.sha256(endpoint.encode()).hexdigest()[:12]}.json"


def push(store: ox.Store, out_dir: str | os.PathLike[str], endpoint: str, *, token: str | None = None,
         timeout: float = 120.0) -> Pushed:
    """Send every named graph of ``store`` that changed since the last push to ``endpoint`` (its
    Graph Store Protocol URL), delete those gone; returns what was done."""
    path = state_file(out_dir, endpoint)
    try:
        sent: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["graphs"]
    except (OSError, ValueError, KeyError):
        sent = {}
    out = Pushed()
    present: set[str] = set()
    for g in sorted(store.named_graphs(), key=lambda n: n.value):
        iri = g.value
        present.add(iri)
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, g)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        lines = sorted(body.splitlines())
        digest = hashlib.sha256(b"\n".join(lines)).hexdigest()
        if sent.get(iri) == digest:
            out.unchanged += 1
            continue
        _request("PUT", endpoint, iri, body, token=token, timeout=timeout)
        sent[iri] = digest
        out.sent.append(iri)
        out.triples += len(triples)
        _save(path, endpoint, sent)
    for iri in sorted(set(sent) - present):
        _request("DELETE", endpoint, iri, None, token=token, timeout=timeout)
        del sent[iri]
        out.deleted.append(iri)
        _save(path, endpoint, sent)
    return out


def _save(path: Path, endpoint: str, sent: dict[str, str]) -> None:
    atomic_write(path, lambda fh: fh.write(json.dumps({"endpoint": endpoint, "graphs": sent}, indent=0)), text=True)


def _request(method: str, endpoint: str, graph: str, body: bytes | None, *, token: str | None, timeout: float) -> None:
    url = endpoint + ("&" if "?" in endpoint else "?") + urllib.parse.urlencode({"graph": graph})
    headers = {"Content-Type": "application/n-triples"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        if method == "DELETE" and exc.code == 404:
            return  # gone there already
        raise PushError(f"{endpoint} refused {method} of graph <{graph}> ({exc.code}): "
                        f"{exc.read()[:300].decode('utf-8', 'replace')}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise PushError(f"{endpoint} cannot be reached: {getattr(exc, 'reason', exc)}") from None
