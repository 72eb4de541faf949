"""The project measures itself: ``claimgraph evaluate`` agrees with the shared scorer."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimgraph
from claimgraph.cli import main
from claimgraph.evaluation import load_rows, score

from .conftest import FIXTURES, SEEDS

GOLD = FIXTURES / "seeds_gold.jsonl"


SHARED = FIXTURES.parents[2] / "shared" / "eval" / "score.py"  # beside the clone, where CI runs


@pytest.fixture(scope="module")
def shared_scorer():
    from claimgraph import scorer

    return scorer


@pytest.mark.skipif(not SHARED.is_file(), reason="../shared is not beside this clone")
def test_the_packaged_scorer_is_the_shared_one_byte_for_byte():
    """One scorer: ``claimgraph evaluate`` calls the shared scorer's own definitions, from a copy
    in the package (tests must run without ../shared); when the shared one changes, this fails
    until the copy is replaced."""
    from claimgraph import scorer

    assert Path(scorer.__file__).read_bytes() == SHARED.read_bytes(), "copy ../shared/eval/score.py to claimgraph/scorer.py"


def _perturbed(tmp_path):
    """Predictions made from the gold by a seeded hand: some dropped, some cut, some relabelled,
    some invented — every measure gets hits and misses."""
    rng = random.Random(7)
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    out = []
    for row in rows:
        roll = rng.random()
        if roll < 0.15:
            continue
        row = dict(row)
        if roll < 0.3:
            row["content"] = " ".join(row["content"].split()[: max(1, len(row["content"].split()) // 3)])
        elif roll < 0.45:
            row["stance"] = "denies" if row["stance"] != "denies" else "asserts"
        elif roll < 0.55:
            row["source"], row["source_text"] = "Someone Else", None
        out.append(row)
    out.append({"doc": rows[0]["doc"], "content": "an invented claim nobody made", "source": "X", "cue": "said"})
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in out), encoding="utf-8")
    return path


def test_scores_agree_with_the_shared_scorer_key_for_key(tmp_path, shared_scorer):
    pred = _perturbed(tmp_path)
    theirs = shared_scorer.score(shared_scorer.load(str(GOLD)), shared_scorer.load(str(pred)))
    ours = score(load_rows(GOLD), load_rows(pred)).scores
    assert set(theirs) <= set(ours)
    assert {k: ours[k] for k in theirs} == theirs
    assert 0 < ours["content_f1"] < 1 and 0 < ours["stance_accuracy"] < 1


def test_evaluate_builds_and_scores_like_the_shared_scorer(tmp_path, shared_scorer):
    report = claimgraph.build([SEEDS], tmp_path / "out", validate="none")
    assert report.ok
    theirs = shared_scorer.score(shared_scorer.load(str(GOLD)), shared_scorer.load(str(tmp_path / "out" / "attributions.jsonl")))
    result = CliRunner().invoke(main, ["evaluate", str(GOLD), str(SEEDS), "--json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output.strip().splitlines()[-1])
    assert {k: ours[k] for k in theirs} == theirs
    assert ours["content_f1"] >= 0.93


def test_mode_accuracy_counts_gold_items_that_name_a_mode(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "a.txt", "content": "the plant will close", "mode": "belief"}) + "\n"
                    + json.dumps({"doc": "a.txt", "content": "wages must rise now", "mode": "intention"}) + "\n")
    pred = {"a": [{"doc": "a.txt", "content": "the plant will close", "mode": "belief"},
                  {"doc": "a.txt", "content": "wages must rise now", "mode": "statement"}]}
    assert score(load_rows(gold), pred).scores["mode_accuracy"] == 0.5


def test_verbose_lists_misses_and_a_bad_gold_line_is_named(tmp_path):
    result = CliRunner().invoke(main, ["evaluate", str(GOLD), str(SEEDS / "000_6d15ec292fdd1bf3.txt"), "--verbose"])
    assert result.exit_code == 0, result.output
    assert "MISSED" in result.output and "content_f1" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "a.txt", "content": "x"}\n{not json\n')
    result = CliRunner().invoke(main, ["evaluate", str(bad), str(SEEDS)])
    assert result.exit_code != 0 and "bad.jsonl:2: not JSON" in result.output
