"""Always on: articles in as they arrive, through ``claimgraph serve --ingest``.

A newsroom adds articles all day. Started once, the endpoint keeps the spaCy pipeline and the
model loaded, and ``POST /articles`` (one article as JSON, several as a JSON array or JSON Lines:
``id``, ``text``, and optionally ``title``, ``published``, ``outlet``, ``url``, as a JSON Lines
input) stores them with the same extraction, linking, corrections, copies and story refresh as
``claimgraph build`` — articles arriving together parsed as one batch — and answers when they
are queryable (200, synchronous: the named queries see them). The exports are brought up to date
lazily: the page is drawn afresh when asked for, and ``attributions.jsonl``, ``graph.trig`` and
``explorer.html`` are written after a quiet spell (:data:`QUIET` seconds without an article) and
when the server stops, not per article.
"""
from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.extractors.reading.article import Article, IngestError
from claimgraph.extractors.reading.ingest import article_from_row

#: Seconds without a new article after which the export files are written.
QUIET = 5.0
#: Most articles one request may carry.
MAX_ARTICLES = 1000


class BadArticles(ClaimgraphError, ValueError):
    """A request body that is not articles (not JSON, not objects)."""


@dataclass(slots=True)
class Ingested:
    """What one request stored: the ids, the inputs refused (why), the copies noticed."""

    stored: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    copies: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {"stored": self.stored, "refused": self.refused,
                "copies": [{"article": c, "copy_of": o} for c, o in self.copies], "seconds": round(self.seconds, 3)}


def parse_body(body: bytes, content_type: str) -> list[Article | IngestError]:
    """The articles a request carries: a JSON object, a JSON array of them, or JSON Lines."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadArticles(f"the body is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return _articles(text, content_type)
    except (RecursionError, ValueError) as exc:  # nested past the parser's depth, an integer of 5,000 digits
        if isinstance(exc, BadArticles):
            raise
        raise BadArticles(f"not articles: {exc.__class__.__name__}: {str(exc)[:120]}") from None


def _articles(text: str, content_type: str) -> list[Article | IngestError]:
    if content_type in ("application/x-ndjson", "application/jsonl"):
        rows: list[object] = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise BadArticles(f"line {n}: malformed JSON ({exc.msg} at column {exc.colno})") from None
    else:
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadArticles(f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
        rows = parsed if isinstance(parsed, list) else [parsed]
    if len(rows) > MAX_ARTICLES:
        raise BadArticles(f"{len(rows)} articles in one request; send at most {MAX_ARTICLES}")
    return [article_from_row(row, _where(row, n), f"posted-{n}") for n, row in enumerate(rows, 1)]


def _where(row: object, n: int) -> str:
    """How a refusal names the article: its place in the request, and its id when it has one."""
    rid = row.get("id") if isinstance(row, dict) else None
    return f"article {n}" + (f" ({str(rid)[:80]!r})" if isinstance(rid, str | int) and not isinstance(rid, bool) else "")


class Ingest:
    """The endpoint's writer: one loaded pipeline, one build per request, files on a quiet spell."""

    def __init__(self, out_dir: str | os.PathLike[str], lock: threading.Lock, *, model: str | None = None,
                 quiet: float = QUIET) -> None:
        self.out = Path(out_dir)
        self.lock = lock  # the server's update lock: one writer at a time
        from claimgraph.extractors import PipelineSpec  # spaCy's: loaded with the endpoint's pipeline, not on import

        self.spec = PipelineSpec(model)
        self.quiet = quiet
        self._nlp: Any = None
        self._stale = False
        self._last = 0.0
        self._stop = threading.Event()
        self._writer = threading.Thread(target=self._write_when_quiet, daemon=True, name="claimgraph-files")
        self._writer.start()

    def warm(self) -> None:
        """Load the pipeline now (the server does, before it takes the first article)."""
        if self._nlp is None:
            from claimgraph.extractors import load_pipeline

            self._nlp = load_pipeline(self.spec)

    def add(self, items: list[Article | IngestError]) -> Ingested:
        """Store the articles (one build, one batch): queryable when this returns."""
        from claimgraph.pipeline import build

        t0 = time.perf_counter()
        self.warm()
        out = Ingested(refused=[str(e) for e in items if isinstance(e, IngestError)])
        articles = [a for a in items if isinstance(a, Article)]
        if articles:
            with self.lock:
                report = build([], self.out, model=self.spec, items=articles, nlp=self._nlp, validate="none",
                               files=False, arrival=True, on_error=lambda err: out.refused.append(str(err)))
                self._stale, self._last = True, time.monotonic()
            failed = {e.path for e in report.skipped}
            out.stored = [a.id for a in articles if a.id not in failed and (a.path or a.id) not in failed]
            out.copies = report.copies
        out.seconds = time.perf_counter() - t0
        return out

    def flush(self) -> None:
        """Write the export files now if articles came since they were last written."""
        from claimgraph.snapshot import write_files

        with self.lock:
            if self._stale:
                write_files(self.out)
                self._stale = False

    def _write_when_quiet(self) -> None:
        while not self._stop.wait(0.5):
            if self._stale and time.monotonic() - self._last >= self.quiet:
                try:
                    self.flush()
                except Exception:
                    time.sleep(self.quiet)

    def close(self) -> None:
        self._stop.set()
        self.flush()


class Watcher:
    """``claimgraph watch DIR``: the files that appear (or change) in a folder, fed to the same
    path as the endpoint's articles, the pipeline loaded once; the exports follow on a quiet spell."""

    def __init__(self, folder: str | os.PathLike[str], ingest: Ingest) -> None:
        self.folder = Path(folder)
        self.ingest = ingest
        self.seen: dict[Path, tuple[int, int]] = {}  # file → (size, mtime) when it was read

    def scan(self, settle: float = 1.0) -> tuple[Ingested, list[IngestError]]:
        """Read the files new or changed since the last scan and store their articles (a file
        changed less than ``settle`` seconds ago may still be being written: left for the next)."""
        from claimgraph.extractors.reading.ingest import expand, read_file

        fresh: list[Article | IngestError] = []
        errors: list[IngestError] = []
        for path in expand([self.folder]):
            if isinstance(path, IngestError):
                errors.append(path)
                continue
            try:
                st = path.stat()
            except OSError:
                continue
            mark = (st.st_size, st.st_mtime_ns)
            if self.seen.get(path) == mark or time.time() - st.st_mtime < settle:
                continue
            self.seen[path] = mark
            fresh += read_file(path)
        done = self.ingest.add(fresh) if fresh else Ingested()
        return done, errors
