"""The same text under two names — a wire story run by several outlets, a file given twice — is
counted once, and the page says who else ran it (issue 30)."""
from __future__ import annotations

import json
from pathlib import Path

import claimgraph

from ..conftest import SEEDS
from .test_named_answers import answers


def _feed(path: Path, *, headline: str | None = None) -> Path:
    """The seeds again as JSON Lines, under other ids and another outlet (``headline``: each text's
    first line replaced, as a wire copy run under another headline)."""
    rows = []
    for p in sorted(SEEDS.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        if headline is not None:
            text = headline + "\n" + text.split("\n", 1)[1]
        rows.append({"id": "wire-" + p.name, "outlet": "Wire Service", "text": text})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_seeds_given_twice_give_the_same_counts_as_once(seeds_out, tmp_path):
    out = tmp_path / "twice"
    report = claimgraph.build([SEEDS, _feed(tmp_path / "again.jsonl")], out)
    assert sorted(report.copies) == sorted(("wire-" + p.name, p.name) for p in SEEDS.glob("*.txt"))
    assert report.attributions == sum(1 for _ in (seeds_out / "attributions.jsonl").open())
    assert (out / "attributions.jsonl").read_bytes() == (seeds_out / "attributions.jsonl").read_bytes()
    assert answers(out) == answers(seeds_out)  # every named query, every parameter: counted once


def test_a_wire_copy_under_another_headline_is_a_copy_and_the_page_lists_who_ran_it(tmp_path):
    out = tmp_path / "out"
    report = claimgraph.build([SEEDS, _feed(tmp_path / "wire.jsonl", headline="Another desk's headline")], out)
    assert len(report.copies) == 5
    page = (out / "explorer.html").read_text(encoding="utf-8")
    assert '"also":["Wire Service"]' in page.replace('"also": [', '"also":[')


def test_a_copy_built_again_stays_a_copy_and_an_edited_one_becomes_an_article_of_its_own(tmp_path):
    out, feed = tmp_path / "out", _feed(tmp_path / "again.jsonl")
    claimgraph.build([SEEDS, feed], out)
    again = claimgraph.build([SEEDS, feed], out)
    assert again.graphs == {"unchanged": 10} and len(again.copies) == 5
    rows = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    rows[0]["text"] += "\n\nOfficials said on Tuesday that the talks had collapsed."  # the body itself edited
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    edited = claimgraph.build([SEEDS, feed], out)
    assert len(edited.copies) == 4
    docs = {json.loads(line)["doc"] for line in (out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()}
    assert rows[0]["id"] in docs  # its own attributions now
