"""``attributions.jsonl``: one attribution per line, in the format of the shared corpus README
(the scorer in ``../shared/eval`` reads it), plus evidence fields (sentence, cue and source offsets)."""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimgraph.extractors.records import Attribution


def write_attributions(records: Iterable[Attribution], path: str | os.PathLike[str]) -> int:
    """Write records atomically (temporary file, then rename): a crash never leaves half a file.

    Returns the number of lines written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".attributions.", suffix=".tmp")
    n = 0
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec.to_json(), ensure_ascii=False) + "\n")
                n += 1
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def read_attributions(path: str | os.PathLike[str]) -> Iterator[Attribution]:
    """Read records back from an ``attributions.jsonl`` file."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield Attribution.from_json(json.loads(line))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
