"""``attributions.jsonl``: one attribution per line, in the format of the shared corpus README
(the scorer in ``../shared/eval`` reads it), plus evidence fields (sentence, cue and source offsets)."""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from claimgraph.extractors.records import Attribution
from claimgraph.graph.store.files import atomic_write


def line(rec: Attribution) -> str:
    """One record as its export line."""
    return json.dumps(rec.to_json(), ensure_ascii=False) + "\n"


def write_attributions(records: Iterable[Attribution], path: str | os.PathLike[str]) -> int:
    """Write records atomically (temporary file, then rename): a crash never leaves half a file.

    Returns the number of lines written.
    """
    count = 0

    def write(fh: IO[Any]) -> None:
        nonlocal count
        for rec in records:
            fh.write(line(rec))
            count += 1

    atomic_write(Path(path), write, text=True)
    return count


def exporting(records: Iterable[Attribution], fh: IO[Any],
              offsets: dict[str, tuple[int, int]] | None = None) -> Iterator[Attribution]:
    """Pass ``records`` on while writing each to ``fh`` as its line: one pass over the store feeds
    both the export and another consumer (the explorer's projection). With ``offsets``, note where
    each document's lines start and end, in UTF-8 bytes from the start of what this writes."""
    pos = 0
    for rec in records:
        text = line(rec)
        fh.write(text)
        if offsets is not None:
            size = len(text.encode("utf-8"))
            start = offsets[rec.doc][0] if rec.doc in offsets else pos
            pos += size
            offsets[rec.doc] = (start, pos)
        yield rec


def read_attributions(path: str | os.PathLike[str]) -> Iterator[Attribution]:
    """Read records back from an ``attributions.jsonl`` file."""
    with open(path, encoding="utf-8") as fh:
        for text in fh:
            if text.strip():
                yield Attribution.from_json(json.loads(text))
