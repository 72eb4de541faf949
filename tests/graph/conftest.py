"""Stores shared by the graph tests (read-only use): the seed copies, and an article full of script injection."""
from __future__ import annotations

import json

import pytest

import claimgraph

from ..conftest import SEEDS


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("graph") / "out"
    report = claimgraph.build([SEEDS], out)
    assert report.ok and report.graphs["added"] == 5
    return out


# An article whose quotes, names, title, outlet and URL carry script injection (issue 5 and 7).
HOSTILE = {
    "id": "hostile-<script>alert(4)</script>",
    "title": "<img src=x onerror=alert(5)>Talks",
    "outlet": "Evil <script>alert(6)</script> Times",
    "url": "javascript:alert(7)",
    "text": ('Officials met on Monday. "<script>window.__pwned=1;alert(1)</script> The talks failed," said Maria '
             'Lopez, the trade minister. The ministry denied that "<img src=x onerror=alert(2)> any deal was signed". '
             'According to the <a href="javascript:alert(3)">Daily Planet</a>, the minister said the plan would '
             'collapse. John Smith said <iframe src="https://evil.example/"></iframe> the deal was dead.'),
}


@pytest.fixture(scope="session")
def hostile_out(tmp_path_factory):
    """A store built from the HOSTILE article."""
    src = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    src.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    out = src.parent / "out"
    assert claimgraph.build([src], out, validate=False).articles == 1
    return out


#: Publication dates for the five seed articles (the story broke on Sunday 13 March 2022).
DATES = {"000": "2022-03-14", "001": "2022-03-14T10:00:00Z", "002": "2022-03-15", "003": "2022-03-13",
         "004": "2022-03-16"}


def dated_feed(path):
    """The seeds as a JSON Lines feed with their publication dates (:data:`DATES`)."""
    with open(path, "w", encoding="utf-8") as fh:
        for article in sorted(SEEDS.glob("*.txt")):
            fh.write(json.dumps({"id": article.name, "text": article.read_text(encoding="utf-8"),
                                 "published": DATES[article.name[:3]]}) + "\n")
    return path


@pytest.fixture(scope="session")
def dated(tmp_path_factory):
    out = tmp_path_factory.mktemp("dated")
    claimgraph.build([dated_feed(out / "seeds.jsonl")], out / "out")
    return out / "out"
