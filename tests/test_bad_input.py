"""A batch full of hostile files: each bad one gets one line naming the file and the reason, every
good article in the same batch is still built, and the exit code and the summary say what was
skipped. The corpus is written by tests/data/make_bad.py."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

import claimgraph
from claimgraph.extractors import Article, IngestError, read_inputs
from claimgraph.graph import GraphStore

from .conftest import SEEDS
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


def test_an_article_that_breaks_the_attribution_rules_costs_only_itself(tmp_path, monkeypatch):
    from claimgraph.extractors import strategies

    real = strategies.finish

    def flaky(doc, lex, found, **kw):
        if "BOOM" in doc.text:
            raise IndexError("a rule bug")
        return real(doc, lex, found, **kw)

    monkeypatch.setattr(strategies, "finish", flaky)
    (tmp_path / "a.txt").write_text("The mayor said the bridge would reopen in May. BOOM", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The senator said the bill would pass next week.", encoding="utf-8")
    report = claimgraph.build([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "out")
    assert report.graphs == {"added": 1}
    [err] = report.skipped
    assert "a.txt" in str(err) and "attribution rules failed (IndexError: a rule bug)" in str(err)


def test_an_article_that_breaks_resolution_is_skipped_and_the_batch_goes_on(tmp_path, monkeypatch):
    from claimgraph.graph.resolve.linker import Linker

    real = Linker.resolve

    def flaky(self, article, records):
        if article.id.startswith("002_"):
            raise KeyError("no such actor")
        return real(self, article, records)

    monkeypatch.setattr(Linker, "resolve", flaky)
    report = claimgraph.build([SEEDS], tmp_path / "out")
    assert report.graphs == {"added": 4}
    [err] = report.skipped
    assert "002_" in str(err) and "could not be made into a graph (KeyError" in str(err)


def test_ids_that_name_the_same_article_are_refused_and_nothing_is_lost(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "Report A", "text": "Mayor Ann Cole said the city paid the contractor for the bridge repairs in March."}\n'
        '{"id": "report-a", "text": "The contractor, Tom Ruiz, said the city did not pay him for the bridge repairs."}\n',
        encoding="utf-8")
    out = tmp_path / "out"
    skipped: list[IngestError] = []
    report = claimgraph.build([feed], out, on_error=skipped.append)
    assert report.articles == 1 and len(skipped) == 1
    assert "'report-a'" in skipped[0].reason and "'Report A'" in skipped[0].reason
    later = tmp_path / "later.jsonl"  # a later build cannot replace it under another spelling either
    later.write_text('{"id": "REPORT  A", "text": "The council said the vote on the new budget would pass next week."}\n',
                     encoding="utf-8")
    claimgraph.build([later], out, on_error=skipped.append)
    with GraphStore(out) as store:
        assert [doc for doc, _ in store.articles()] == ["Report A"]
    assert len(skipped) == 2
