"""The article record that flows from ingest into extraction."""
from __future__ import annotations

from dataclasses import dataclass

from claimgraph.errors import ClaimgraphError


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read.

    ``text`` is the article body exactly as read (decoded, nothing removed): every offset that
    claimgraph reports points into it, so evidence can be shown in place. ``title`` is the
    headline when the source gave one separately (for plain text, the first line is both the
    title and the start of ``text``). ``path`` is the file it came from, or ``None`` for
    in-memory input.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None


def one_line(text: str, limit: int = 200) -> str:
    """``text`` on one line, cut at ``limit`` characters: what an error line quotes of an exception."""
    return " ".join(text.split())[:limit]


class IngestError(ClaimgraphError):
    """An input that cannot be read as an article; the message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:  # travels back from worker processes
        return IngestError, (self.path, self.reason)
