"""Builds run for hours and get killed: after a `kill -9` at any moment the store opens, each
article's named graph is whole or absent, and running the build again finishes the job — the
store then equals the one an uninterrupted build makes, quad for quad, without duplicates."""
from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time

import pyoxigraph as ox

import claimgraph
from claimgraph.graph import GraphStore
from claimgraph.graph.store.database import DIRTY

from ..conftest import SEEDS
from .test_catalog import catalog_rows

BUILD = [sys.executable, "-c", "from claimgraph.cli import main; main()", "build"]


def corpus(path, copies=4):
    """The seeds several times over, under new ids (a JSON Lines feed of 20 real articles)."""
    rows = [{"id": f"copy{k}-{p.name}", "text": p.read_text(encoding="utf-8")}
            for k in range(copies) for p in sorted(SEEDS.glob("*.txt"))]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def graphs(out) -> dict[str, set[str]]:
    """Each named graph's quads, as N-Quads lines."""
    with GraphStore(out) as store:
        found: dict[str, set[str]] = {}
        for q in store.ox.quads_for_pattern(None, None, None, None):
            found.setdefault(str(q.graph_name), set()).add(str(q))
        return found


def unnamed_actors(out) -> list[str]:
    """Actors an article graph names that the actors graph does not (the actors are written first)."""
    with GraphStore(out) as store:
        q = ("SELECT DISTINCT ?actor WHERE { GRAPH ?g { ?a cg:source ?actor } "
             "FILTER NOT EXISTS { GRAPH ?n { ?actor cg:name ?name } } }")
        return [r["actor"].value for r in store.ox.query(q, prefixes={"cg": "https://w3id.org/claimgraph/ontology#"})]


def test_kill_9_at_random_moments_then_a_rerun_gives_the_uninterrupted_store(tmp_path):
    feed = corpus(tmp_path / "feed.jsonl")
    reference = tmp_path / "reference"
    claimgraph.build([feed], reference)
    expected = graphs(reference)
    story = next(g for g in expected if g.endswith("/graph/story>"))
    shared = {story, next(g for g in expected if g.endswith("/graph/actors>"))}  # written as articles arrive

    out = tmp_path / "out"
    rng = random.Random(7)
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen([*BUILD, str(feed), "--out", str(out), "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(2.0, 6.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        if not (out / "store").exists():
            continue  # killed before the store was created
        for g, quads in graphs(out).items():  # the store opens; every article graph is whole
            if g not in shared:
                assert quads == expected[g], f"article graph {g} is not whole after kill -9"
        assert unnamed_actors(out) == []  # and every actor it names has its name
    assert kills >= 2, "the build finished before it could be killed; the test needs a slower corpus"

    result = subprocess.run([*BUILD, str(feed), "--out", str(out), "--quiet"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert graphs(out) == expected
    assert (out / "attributions.jsonl").read_bytes() == (reference / "attributions.jsonl").read_bytes()
    assert not (out / DIRTY).exists()
    assert catalog_rows(out) == catalog_rows(reference)  # the catalog, rebuilt after the kills, says the same


def test_a_writer_that_died_marks_the_store_and_the_next_one_refreshes_the_story(tmp_path):
    out = tmp_path / "out"
    claimgraph.build([SEEDS], out)
    before = graphs(out)
    story = next(g for g in before if g.endswith("/graph/story>"))
    store = GraphStore(out, write=True)  # a writer that fails after storing, before the story
    store.ox.remove_graph(ox.NamedNode(story[1:-1]))
    store.close(clean=False)
    assert (out / DIRTY).exists()
    report = claimgraph.build([SEEDS], out)  # every article unchanged: only the recovery runs
    assert report.graphs == {"unchanged": 5}
    assert graphs(out) == before and not (out / DIRTY).exists()
