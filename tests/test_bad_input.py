"""A batch full of hostile files: each bad one gets one line naming the file and the reason, every
good article in the same batch is still built, and the exit code and the summary say what was
skipped. The corpus is written by tests/data/make_bad.py."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from claimgraph.extractors import Article, IngestError, read_inputs
from claimgraph.graph import GraphStore

from .data.make_bad import EXPECTED, make

BUILD = [sys.executable, "-c", "from claimgraph.cli import main; main()", "build"]
ROOT = os.geteuid() == 0  # root reads files whatever their permissions


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "bad"
    make(folder)
    yield folder
    os.chmod(folder / "unreadable.txt", 0o644)


def outcome(item: Article | IngestError, folder) -> tuple[str, str]:
    """(case name, "article" or the error's reason) for one item read from the corpus."""
    return os.path.relpath(item.path, folder), "article" if isinstance(item, Article) else item.reason


def test_every_hostile_file_is_read_or_refused_for_its_own_reason(bad):
    seen: dict[str, list[str]] = {}
    for item in read_inputs([bad]):
        name, what = outcome(item, bad)
        if name.startswith("tiny/"):
            name = "tiny/"
        seen.setdefault(name, []).append(what)
    for case, expected in EXPECTED.items():
        if case == "unreadable.txt" and ROOT:
            continue
        got = seen.get(case)
        assert got, f"{case}: nothing reported"
        ok = [g == "article" if expected == "article" else expected in g for g in got]
        assert all(ok), f"{case}: expected {expected!r}, got {got[:3]}"
        assert all("\n" not in g for g in got)
    assert len(seen["tiny/"]) == 10_000


def test_a_build_over_the_hostile_corpus_keeps_the_good_articles_and_names_the_rest(bad, tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([*BUILD, str(bad), "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 1, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    for case, expected in EXPECTED.items():
        if expected == "article" or (case == "unreadable.txt" and ROOT):
            continue
        where = str(bad / case.split(":")[0].rstrip("/"))
        assert any(where in line and expected in line for line in errors), f"{case}: no line says {expected!r}"
    assert "skipped" in result.stdout
    with GraphStore(out) as store:
        docs = {doc for doc, _ in store.articles()}
    for good in ("good.txt", "utf16-bom.txt", "latin1.txt", "mixed-encodings.txt", "long-paragraph.txt",
                 "nested-200-deep.html", "feed-1", "same-name.txt"):
        assert good in docs, f"{good} was not stored"
