"""Fuzzing ingest + extraction: the saved crashing inputs stay fixed (every run), and a bounded
atheris session finds no new crash (``-m slow``; CLAIMGRAPH_FUZZ_SECONDS, default 120)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEEDS
from .fuzz.target import check

FUZZ = Path(__file__).parent / "fuzz"
REGRESSIONS = sorted(p for p in (FUZZ / "regressions").glob("*") if p.suffix != ".md")


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_saved_fuzz_inputs_no_longer_crash(path):
    check(path.read_bytes())


def test_the_fuzz_target_accepts_real_and_broken_inputs():
    text = (SEEDS / "000_6d15ec292fdd1bf3.txt").read_bytes()
    for data in (b"", b"\x00" + text[:2000], b"\x01<html><p>" + text[:500], b'\x02{"text": 1}\n{"text": "He said it."}',
                 b"\x00\xff\xfe" + "Er sagte „nein“.".encode("utf-16-le")):
        check(data)


@pytest.mark.slow
def test_a_bounded_fuzzing_session_finds_no_crash(tmp_path):
    pytest.importorskip("atheris")
    seconds = int(os.environ.get("CLAIMGRAPH_FUZZ_SECONDS", "120"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k, p in enumerate(sorted(SEEDS.glob("*.txt"))):
        (corpus / p.name).write_bytes(bytes([k % 3]) + p.read_bytes()[:3000])
    result = subprocess.run([sys.executable, str(FUZZ / "fuzz_extract.py"), f"-max_total_time={seconds}",
                             f"-artifact_prefix={FUZZ / 'regressions'}/crash-", "-rss_limit_mb=4096", str(corpus)],
                            capture_output=True, text=True, timeout=seconds + 300, cwd=FUZZ)
    assert result.returncode == 0, "atheris found a crash (saved in tests/fuzz/regressions/):\n" + result.stderr[-3000:]
