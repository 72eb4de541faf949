"""The endpoint's routes that change the store — a reviewer's corrections (``POST /corrections``)
and articles as they arrive (``POST /articles``, ``serve --ingest``) — and the check every write
passes first: the endpoint takes writes, the request comes from its own origin, it has the token."""
from __future__ import annotations

import hmac
import json
import urllib.parse
from http import HTTPStatus
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.extractors.reading.article import one_line
from claimgraph.ingesting import BadArticles, parse_body


class WriteRoutes:
    """Mixed into the server's request handler (which gives ``server``, ``headers``, ``_send``)."""

    server: Any  # the ClaimgraphServer (not imported: it imports this module)
    headers: Any

    def _send(self, status: HTTPStatus, body: bytes, media: str, headers: dict[str, str] | None = None) -> None:
        raise NotImplementedError  # the handler's

    def _may_write(self, articles: bool = False) -> bool:
        """Whether this request may change the store: the endpoint takes this kind of write (SPARQL
        updates and corrections with ``--allow-update``; ``articles`` with ``--ingest``), the
        request comes from its own origin, and it carries the token. Says why not when it may not."""
        if not (self.server.ingest is not None if articles else self.server.allow_update):
            self._send(HTTPStatus.FORBIDDEN,
                       b"updates are refused: this endpoint is read-only (start it with --allow-update)\n",
                       "text/plain; charset=utf-8")
            return False
        origin = self.headers.get("Origin")
        if self.headers.get("Sec-Fetch-Site", "").lower() == "cross-site" or origin and origin != "null" and \
                urllib.parse.urlsplit(origin).netloc.lower() != (self.headers.get("Host") or "").lower():
            self._send(HTTPStatus.FORBIDDEN, b"cross-origin updates are refused\n", "text/plain; charset=utf-8")
            return False
        token = self.server.token or ""
        scheme, _, given = (self.headers.get("Authorization") or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            self._send(HTTPStatus.UNAUTHORIZED, b"updates need the endpoint's token: Authorization: Bearer <token>\n",
                       "text/plain; charset=utf-8", {"WWW-Authenticate": 'Bearer realm="claimgraph"'})
            return False
        return True

    def _corrections(self, raw: bytes) -> None:
        """A reviewer's corrections (JSON Lines, as ``claimgraph correct`` reads them) taken into the
        store: 200 with what changed, 400 naming every line refused (nothing applied)."""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype not in {"application/x-ndjson", "application/jsonl", "application/json", "text/plain"}:
            self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, b"corrections come as application/x-ndjson\n",
                       "text/plain; charset=utf-8")
            return
        if not self._may_write():
            return
        from claimgraph.graph.resolve.corrections import CorrectionError
        from claimgraph.review import correct

        try:
            with self.server.update_lock:
                report = correct(self.server.out_dir, raw.decode("utf-8", errors="strict").splitlines(),
                                 where="corrections")
        except UnicodeDecodeError:
            self._send(HTTPStatus.BAD_REQUEST, b"corrections must be UTF-8\n", "text/plain; charset=utf-8")
        except CorrectionError as exc:
            self._send(HTTPStatus.BAD_REQUEST, f"{exc}\nno correction applied\n".encode(), "text/plain; charset=utf-8")
        except ClaimgraphError as exc:  # the store locked by a build: 409
            self._send(exc.status, f"{one_line(str(exc))}\n".encode(), "text/plain; charset=utf-8")
        else:  # the writer's close told the readers (the store's generation): no second bump, which
            # would leave the catalog stamped with an older generation and have the next writer rebuild it
            body = {"added": report.added, "articles": report.articles,
                    "orphaned": [{"correction": c.id, "article": doc} for c, doc in report.orphaned]}
            self._send(HTTPStatus.OK, json.dumps(body).encode(), "application/json")

    def _articles(self, raw: bytes) -> None:
        """Articles in (``serve --ingest``): stored as a build stores them, queryable on the 200."""
        if self.server.ingest is None:
            self._send(HTTPStatus.NOT_FOUND, b"this endpoint takes no articles (start it with --ingest)\n",
                       "text/plain; charset=utf-8")
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype not in {"application/json", "application/x-ndjson", "application/jsonl"}:
            self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                       b"articles come as application/json (an object or an array) or application/x-ndjson\n",
                       "text/plain; charset=utf-8")
            return
        if not self._may_write(articles=True):
            return
        try:
            items = parse_body(raw, ctype)
            done = self.server.ingest.add(items)
        except BadArticles as exc:
            self._send(HTTPStatus.BAD_REQUEST, f"{exc}\n".encode(), "text/plain; charset=utf-8")
        except ClaimgraphError as exc:  # the store locked by a build: 409
            self._send(exc.status, f"{one_line(str(exc))}\n".encode(), "text/plain; charset=utf-8")
        else:  # queryable now: the writer's close told the readers (see above)
            # 200 when anything was stored (or nothing sent); 400 when every article was refused
            status = HTTPStatus.OK if done.stored or not done.refused else HTTPStatus.BAD_REQUEST
            self._send(status, json.dumps(done.as_json(), ensure_ascii=False).encode(), "application/json")
