"""Coverage-guided fuzzing of ingest + extraction with atheris (libFuzzer).

    python tests/fuzz/fuzz_extract.py -max_total_time=300 -artifact_prefix=crash- [CORPUS_DIR]

Each input is a file's bytes; its first byte picks the suffix (.txt, .html, .jsonl), so decoding,
HTML extraction, JSON Lines parsing, cleaning, parsing and the attribution rules all see it. A
crash is any exception escaping ``read_file`` or ``extract``, or a record whose offsets do not
point at its text. Keep a crashing input in ``tests/fuzz/regressions/`` (``test_fuzz.py`` replays
them) and fix it.
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["claimgraph"]):
    from target import check


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
