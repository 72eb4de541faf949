"""The attributions as a spreadsheet: one CSV row per attribution, with its article (title, outlet,
day, address) and its evidence (the sentence and the offsets of the source, cue and content).

UTF-8 with a byte-order mark, so Excel reads accents and quotation marks right; a cell that a
spreadsheet would run as a formula (article text starting with ``=``, ``+``, ``-``, ``@``) is
written with a leading apostrophe, as OWASP advises for CSV exports.
"""
from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from claimgraph.extractors.records import Attribution
from claimgraph.graph.store.files import atomic_write

#: The columns, in order: who, which way, what, where from, then the evidence's offsets.
COLUMNS = ("id", "doc", "title", "outlet", "published", "url", "source", "source_kind", "stance", "cue", "content",
           "type", "mode", "negated", "certainty", "claim", "claim_label", "parent", "act", "sentence", "source_text",
           "source_start", "source_end", "cue_start", "cue_end", "content_start", "content_end", "content_pieces",
           "sentence_start", "sentence_end", "source_sieve", "statement_time")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A value as a spreadsheet cell that stays text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "; ".join("-".join(map(str, item)) if isinstance(item, list) else str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def write_csv(records: Iterable[Attribution], articles: Mapping[str, Mapping[str, str | None]],
              path: str | os.PathLike[str], claims: Mapping[str, str] | None = None) -> int:
    """Write ``records`` (with ``articles``: doc → its title, outlet, published, url; ``claims``:
    claim id → its label) to ``path`` atomically; returns the number of rows."""
    count = 0

    def write(fh: IO[Any]) -> None:
        nonlocal count
        fh.write("\ufeff")
        out = csv.writer(fh, lineterminator="\r\n")
        out.writerow(COLUMNS)
        for rec in records:
            row = rec.to_json()
            meta = articles.get(rec.doc, {})
            row["claim_label"] = (claims or {}).get(str(rec.claim)) if rec.claim else None
            out.writerow([cell(meta.get(c) if c in ("title", "outlet", "published", "url") else row.get(c))
                          for c in COLUMNS])
            count += 1

    atomic_write(Path(path), write, text=True)
    return count
