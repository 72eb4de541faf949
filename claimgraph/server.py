"""The SPARQL 1.1 Protocol endpoint over a claimgraph store, plus its HTML pages: the explorer at
``/`` and a query form at ``/query``.

Binds to 127.0.0.1 unless told otherwise; read-only unless ``allow_update``; every query goes
through the guards and the timed worker pool of :mod:`.sparql`. Errors are HTTP statuses with
the parser's message: 400 malformed, 403 refused, 503 timed out.
"""
from __future__ import annotations

import html
import json
import os
import secrets
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.extractors.reading.article import one_line
from claimgraph.graph.query.pool import QueryPool
from claimgraph.graph.query.sparql import (
    MAX_MEMORY,
    MEDIA_TYPES,
    QueryError,
    guard_update,
    named_queries,
)
from claimgraph.graph.query.updates import run_update
from claimgraph.graph.store.database import GraphStore, generation
from claimgraph.graph.view.explorer import content_security_policy, explorer_html
from claimgraph.graph.view.network import project
from claimgraph.ingesting import Ingest
from claimgraph.writes import WriteRoutes

MAX_BODY = 1 << 20  # 1 MiB of query text is plenty
IDLE_TIMEOUT = 30.0  # seconds a connection may stay silent before it is closed
MAX_CONNECTIONS = 256  # connections served at once (a thread each); more are answered 503
_ACCEPT = [
    ("application/sparql-results+json", "json"), ("application/json", "json"),
    ("application/sparql-results+xml", "xml"), ("application/xml", "xml"), ("text/xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"),
    ("text/turtle", "turtle"), ("application/n-triples", "ntriples"), ("text/plain", "table"),
]


def negotiate(accept: str | None, explicit: str | None = None) -> str:
    """The result format for an Accept header (q-values honoured) or an explicit ``format`` parameter."""
    if explicit:
        if explicit not in MEDIA_TYPES:
            raise QueryError(f"unknown format {explicit!r}; choose one of {', '.join(MEDIA_TYPES)}")
        return explicit
    choices: list[tuple[float, int, str]] = []
    for n, part in enumerate((accept or "").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        fmt = dict(_ACCEPT).get(media.lower())
        if fmt and q > 0:
            choices.append((-q, n, fmt))
    return sorted(choices)[0][2] if choices else "json"


LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# The query the home page's form starts with, and the result formats it offers.
_EXAMPLE = "SELECT ?source (COUNT(*) AS ?n) WHERE { ?a cg:source/cg:name ?source } GROUP BY ?source ORDER BY DESC(?n)"
_FORMATS = "".join(f"<option>{f}</option>" for f in ("table", "json", "csv", "tsv", "xml"))


class UnsafeEndpoint(ClaimgraphError, ValueError):
    """A writable endpoint that anyone on the network could change."""


class ClaimgraphServer(ThreadingHTTPServer):
    """HTTP server holding the query pool and settings for its handlers."""

    daemon_threads = True
    request_queue_size = 512  # many clients at once queue instead of being refused

    def __init__(self, out_dir: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8000, *,
                 allow_update: bool = False, timeout: float = 10.0, cap: int = 10_000, workers: int = 2,
                 max_memory: int | None = MAX_MEMORY, token: str | None = None,
                 allowed_hosts: frozenset[str] | None = None, ingest: bool = False, model: str | None = None) -> None:
        """``token``: with ``allow_update``, updates need ``Authorization: Bearer <token>`` — one is
        generated when none is given (``token_generated``), and a writable endpoint on an address
        other than loopback refuses to start without one of yours. ``allowed_hosts``: the names a
        request's ``Host`` may give (default: loopback names and the address served; any, when
        serving every address), so a page that rebinds its domain to this machine is refused."""
        self.out_dir = Path(out_dir)
        writes = allow_update or ingest  # taking articles is writing too: the same token guards it
        if writes and not token and host not in LOOPBACK:
            raise UnsafeEndpoint(f"--allow-update on {host} needs a token (--token or CLAIMGRAPH_TOKEN): "
                                 "anyone who can reach the address could change the store")
        GraphStore(self.out_dir).close()  # fail early, with a clear message, when there is no store
        self.allow_update = allow_update  # SPARQL updates and corrections; --ingest alone takes articles only
        self.token_generated = writes and not token
        self.token = secrets.token_urlsafe(24) if self.token_generated else token
        wildcard = host in {"", "0.0.0.0", "::"}
        self.allowed_hosts = allowed_hosts if allowed_hosts is not None else \
            (None if wildcard else frozenset({*LOOPBACK, host.lower()}))
        self.pool = QueryPool(self.out_dir / "store", workers=workers, timeout=timeout, cap=cap,
                              allow_update=allow_update, max_memory=max_memory)
        self.update_lock = threading.Lock()
        self.ingest: Ingest | None = None
        if ingest:  # POST /articles: the pipeline loaded once, here, before the first article comes
            self.ingest = Ingest(self.out_dir, self.update_lock, model=model)
            self.ingest.warm()
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._page_lock = threading.Lock()
        self._page: tuple[int, bytes] | None = None
        super().__init__((host, port), Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread per connection, at most :data:`MAX_CONNECTIONS` at once; one more gets a 503."""
        if not self._slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                b"Content-Length: 34\r\nConnection: close\r\n\r\ntoo many connections, try again\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def explorer_page(self) -> bytes:
        """The explorer for the store as it is now: the build's ``explorer.html`` when it is newer
        than the last write to the store, else drawn afresh (once per change)."""
        gen = generation(self.out_dir / "store")
        with self._page_lock:
            if self._page is None or self._page[0] != gen:
                path = self.out_dir / "explorer.html"
                if path.is_file() and path.stat().st_mtime_ns >= gen:
                    body = path.read_bytes()
                else:
                    with GraphStore(self.out_dir) as store:
                        G = project(store.ox)
                    body = explorer_html(G, title=f"claimgraph — {self.out_dir.name}").encode()
                self._page = (gen, body)
            return self._page[1]

    def server_close(self) -> None:
        super().server_close()
        if self.ingest is not None:
            self.ingest.close()  # the export files written before the server goes
        self.pool.close()


class Handler(WriteRoutes, BaseHTTPRequestHandler):
    server: ClaimgraphServer
    server_version = "claimgraph"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet by default
        pass

    def setup(self) -> None:
        super().setup()
        self.request.settimeout(IDLE_TIMEOUT)  # a half-open connection does not keep a thread forever

    def handle_one_request(self) -> None:
        """Every request gets an answer: a failure is a 500 with one line, never a dropped
        connection or a traceback in the log."""
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client went away
        except Exception as exc:
            self.log_error("claimgraph: %s", one_line(f"{exc.__class__.__name__}: {exc}"))
            try:
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"server error: {one_line(str(exc))}\n".encode(),
                           "text/plain; charset=utf-8")
            except OSError:
                pass
            self.close_connection = True

    def _host_allowed(self) -> bool:
        """The ``Host`` names this server (DNS rebinding: a page on another domain that resolves to
        127.0.0.1 sends its own name)."""
        allowed = self.server.allowed_hosts
        if allowed is None:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host[1:host.index("]")] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
        if name in allowed:
            return True
        self._send(HTTPStatus.FORBIDDEN, f"unknown Host {host!r}: this endpoint answers to "
                   f"{', '.join(sorted(allowed))}\n".encode(), "text/plain; charset=utf-8")
        return False

    def _body(self) -> bytes | None:
        """The request body, at most :data:`MAX_BODY` bytes; None when refused (answered)."""
        raw = (self.headers.get("Content-Length") or "0").strip()
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            refusal = HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length (chunked bodies are not read)"
        elif not (raw.isascii() and raw.isdigit()):  # "²" is a digit to isdigit(), not to int()
            refusal = HTTPStatus.BAD_REQUEST, f"bad Content-Length {one_line(raw, 40)!r}"
        elif int(raw) > MAX_BODY:
            refusal = HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large"
        else:
            return self.rfile.read(int(raw))
        self._send(refusal[0], f"{refusal[1]}\n".encode(), "text/plain; charset=utf-8")
        self.close_connection = True  # the unread body must not be taken for the next request
        return None

    # -- routes -------------------------------------------------------------------------------
    def do_HEAD(self) -> None:
        self.do_GET()  # the same status and headers; _send writes no body for HEAD

    def do_GET(self) -> None:
        if not self._host_allowed():
            return
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        if url.path == "/sparql":
            if "query" not in params:
                self._send(HTTPStatus.BAD_REQUEST, b"missing 'query' parameter\n", "text/plain; charset=utf-8")
                return
            self._query(params["query"][0], params)
        elif url.path in {"/", "/index.html", "/explorer.html"}:
            self._send(HTTPStatus.OK, self.server.explorer_page(), "text/html; charset=utf-8",
                       {"Content-Security-Policy": content_security_policy(), "Referrer-Policy": "no-referrer"})
        elif url.path == "/query":
            self._index()
        elif url.path == "/queries":
            body = json.dumps({q.name: {"question": q.question, "params": q.params, "query": q.text}
                               for q in named_queries().values()}, ensure_ascii=False).encode()
            self._send(HTTPStatus.OK, body, "application/json")
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

    def do_POST(self) -> None:
        if not self._host_allowed():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/sparql", "/corrections", "/articles"):
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")
            return
        raw = self._body()
        if raw is None:
            return
        if url.path == "/corrections":
            self._corrections(raw)
            return
        if url.path == "/articles":
            self._articles(raw)
            return
        body = raw.decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query)
        if ctype == "application/sparql-query":
            self._query(body, params)
        elif ctype == "application/sparql-update":
            self._update(body)
        elif ctype in {"application/x-www-form-urlencoded", ""}:
            form = urllib.parse.parse_qs(body)
            params = {**params, **form}
            if "update" in form and not self.server.allow_update:
                self._update(form["update"][0])  # read-only: says so
            elif "update" in form:  # what a page's cross-site form can send: never an update
                self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           b"updates come as application/sparql-update with Authorization: Bearer <token>\n",
                           "text/plain; charset=utf-8")
            elif "query" in form:
                self._query(form["query"][0], params)
            else:
                self._send(HTTPStatus.BAD_REQUEST, b"missing 'query' or 'update'\n", "text/plain; charset=utf-8")
        else:
            self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported Content-Type {ctype!r}\n".encode(),
                       "text/plain; charset=utf-8")

    # -- work ---------------------------------------------------------------------------------
    def _query(self, query: str, params: dict[str, list[str]]) -> None:
        bindings = {k[1:]: v[0] for k, v in params.items() if k.startswith("$")}  # ?$text=… binds ?text
        try:
            explicit = params.get("format")
            fmt = negotiate(self.headers.get("Accept"), explicit[0] if explicit else None)
            body, media, truncated = self.server.pool.run(query, bindings, fmt=fmt)
        except ClaimgraphError as exc:  # refused 403, unreadable 400, out of time or memory 503
            self._send(exc.status, f"{exc}\n".encode(), "text/plain; charset=utf-8")
        except RuntimeError as exc:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"{exc}\n".encode(), "text/plain; charset=utf-8")
        else:
            self._send(HTTPStatus.OK, body, media, {"X-Result-Truncated": "true"} if truncated else None)

    def _update(self, update: str) -> None:
        if not self._may_write():
            return
        try:
            guard_update(update)
            with self.server.update_lock:  # in a worker of its own: time, memory, no network
                run_update(self.server.out_dir, update, timeout=self.server.pool.timeout,
                           max_memory=self.server.pool.max_memory)
        except ClaimgraphError as exc:  # as above, and the store locked by a build: 409
            self._send(exc.status, f"{one_line(str(exc))}\n".encode(), "text/plain; charset=utf-8")
        except (SyntaxError, ValueError, RuntimeError) as exc:  # the engine's: "graph … does not exist"
            self._send(HTTPStatus.BAD_REQUEST, f"{one_line(str(exc))}\n".encode(), "text/plain; charset=utf-8")
        except OSError as exc:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"the update failed: {one_line(str(exc))}\n".encode(),
                       "text/plain; charset=utf-8")
        else:
            self.server.pool.refresh()
            self._send(HTTPStatus.NO_CONTENT, b"", "text/plain; charset=utf-8")

    def _index(self) -> None:
        items = "".join(
            f"<li><b>{html.escape(q.name)}</b> — {html.escape(q.question)}"
            + (f" <i>(parameters: {html.escape(', '.join(q.params))})</i>" if q.params else "") + "</li>"
            for q in named_queries().values())
        page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>claimgraph SPARQL</title>
<style>body{{font:15px system-ui,sans-serif;max-width:60em;margin:2em auto}}textarea{{width:100%;height:10em}}</style>
</head><body><h1>claimgraph</h1><p>SPARQL 1.1 endpoint for <code>{html.escape(str(self.server.out_dir))}</code>
at <code>/sparql</code> (GET or POST; JSON, CSV, TSV, XML results; read-only unless started with --allow-update).</p>
<form method="get" action="/sparql"><textarea name="query">{_EXAMPLE}</textarea>
<p><select name="format">{_FORMATS}</select>
<button>Run</button></p></form><h2>Named queries</h2><ul>{items}</ul>
<p>Their text: <a href="/queries">/queries</a>. Parameters bind as <code>$name=value</code> in the URL.</p></body></html>"""
        self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8",
                   {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"})

    def _send(self, status: HTTPStatus, body: bytes, media: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
