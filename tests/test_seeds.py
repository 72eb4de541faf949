"""End to end on the five seed articles: build from a fresh folder and score against the gold."""
from __future__ import annotations

import json

import pytest

import claimgraph

from .conftest import FIXTURES, SEEDS


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "out"
    report = claimgraph.build([SEEDS], out)
    return report, out


@pytest.fixture(scope="module")
def scores(built):
    from claimgraph import scorer as score

    _, out = built
    return score.score(score.load(str(FIXTURES / "seeds_gold.jsonl")), score.load(str(out / "attributions.jsonl")))


def test_build_reads_every_seed_and_skips_nothing(built):
    report, out = built
    assert report.articles == 5 and report.ok
    assert (out / "attributions.jsonl").is_file()


@pytest.mark.parametrize(("metric", "floor"), [
    ("content_f1", 0.93), ("source_accuracy", 0.95), ("stance_accuracy", 0.90), ("denial_recall", 0.85),
    ("denial_precision", 0.80), ("type_accuracy", 0.85), ("content_exact_f1", 0.85), ("claim_bcubed_f1", 0.65),
])
def test_seed_scores_reach_the_targets(scores, metric, floor):
    assert scores[metric] >= floor, scores


def test_every_record_points_at_its_evidence(built):
    _, out = built
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    rows = [json.loads(line) for line in (out / "attributions.jsonl").read_text().splitlines()]
    ids = {r["id"] for r in rows}
    for r in rows:
        text = texts[r["doc"]]
        assert " ".join(text[a:b] for a, b in r["content_pieces"]) == r["content"]
        assert r["content_pieces"][0][0] == r["content_start"] and r["content_pieces"][-1][1] == r["content_end"]
        assert r["sentence"] and r["sentence"] in text
        assert r["parent"] is None or r["parent"] in ids
        if r["source_text"] is not None and r["source_start"] >= 0:
            assert text[r["source_start"]:r["source_end"]] == r["source_text"]


def test_denial_by_spokesperson_is_linked_to_the_request_claim(built):
    _, out = built
    rows = [json.loads(line) for line in (out / "attributions.jsonl").read_text().splitlines()]
    peskov = [r for r in rows if r["source"] == "Dmitry Peskov" and r["stance"] == "denies"]
    assert peskov and "Russia had sought military assistance from China" in peskov[0]["content"]


def test_translated_quote_with_flipped_polarity_is_a_denial(built):
    _, out = built
    rows = [json.loads(line) for line in (out / "attributions.jsonl").read_text().splitlines()]
    flipped = [r for r in rows if "absolutely no repercussions" in r["content"] and r["source"] == "Jake Sullivan"]
    original = [r for r in rows if "absolutely be consequences" in r["content"] and r["source"] == "Jake Sullivan"]
    assert flipped[0]["stance"] == "denies" and original[0]["stance"] == "warns"


def test_building_twice_gives_the_same_file(built, tmp_path):
    _, out = built
    claimgraph.build([SEEDS], tmp_path / "again")
    assert (tmp_path / "again" / "attributions.jsonl").read_bytes() == (out / "attributions.jsonl").read_bytes()


def test_two_workers_give_the_same_records(built, tmp_path):
    _, out = built
    claimgraph.build([SEEDS], tmp_path / "w2", workers=2)
    assert (tmp_path / "w2" / "attributions.jsonl").read_bytes() == (out / "attributions.jsonl").read_bytes()
