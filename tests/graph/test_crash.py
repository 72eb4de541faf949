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
    """The seeds several times over, under new ids (a JSON Lines feed of 20 real articles), each
    ending in a line of its own: the same text under another id would be a copy, stored once."""
    rows = [{"id": f"copy{k}-{p.name}", "text": p.read_text(encoding="utf-8") + f"\n\nPrinted in edition {k + 1}."}
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


CORRECT = [sys.executable, "-c", "from claimgraph.cli import main; main()", "correct"]


def test_kill_9_during_correct_leaves_every_graph_as_before_or_as_after(tmp_path):
    """The corrections and the articles they change are written in one transaction (issue 29)."""
    import shutil

    feed = corpus(tmp_path / "feed.jsonl")
    base = tmp_path / "base"
    claimgraph.build([feed], base)
    records = [json.loads(line) for line in (base / "attributions.jsonl").read_text(encoding="utf-8").splitlines()]
    pm = [r for r in records if "UK will pursue" in r["content"]]
    review = tmp_path / "review.jsonl"
    review.write_text("".join(json.dumps(c) + "\n" for c in [
        *({"attribution": r["id"], "set": {"source": "Boris Johnson"}, "by": "ana", "at": "2026-12-01T10:00:00Z"}
          for r in pm),
        {"merge_actors": ["US officials", "US official"], "by": "ana", "at": "2026-12-01T10:00:00Z"}]), encoding="utf-8")
    before = graphs(base)
    done = tmp_path / "done"
    shutil.copytree(base, done)
    assert subprocess.run([*CORRECT, "--store", str(done), str(review)], capture_output=True).returncode == 0
    after = graphs(done)
    changed = {g for g in after if g in before and after[g] != before[g] and "/article/" in g}
    assert len(changed) >= 8  # every copy of the articles naming the PM or "US official"

    rng = random.Random(11)
    kills = 0
    for n in range(5):
        out = tmp_path / f"out{n}"
        shutil.copytree(base, out)
        proc = subprocess.Popen([*CORRECT, "--store", str(out), str(review)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 2.5))  # it loads in about a second, then works for about one more
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        now = graphs(out)
        states = {g: ("before" if now.get(g) == before.get(g) else "after" if now.get(g) == after.get(g) else "between")
                  for g in set(before) | set(after) if "/article/" in g or "/review/" in g or g.endswith("/corrections>")}
        assert "between" not in states.values(), [g for g, s in states.items() if s == "between"]
        assert len({states[g] for g in changed}) == 1  # all of them, or none
        assert subprocess.run([*CORRECT, "--store", str(out), str(review)], capture_output=True).returncode == 0
        final = graphs(out)
        assert {g: q for g, q in final.items() if "/story>" not in g} == {g: q for g, q in after.items() if "/story>" not in g}
    assert kills >= 1, "correct finished before it could be killed; the test needs a slower store"


def test_kill_9_of_the_ingesting_server_leaves_every_article_whole(tmp_path):
    """Articles POSTed to ``serve --ingest`` are stored one whole graph at a time (issue 30)."""
    import shutil
    import socket
    import threading
    import urllib.error
    import urllib.request

    feed = corpus(tmp_path / "feed.jsonl")
    base = tmp_path / "base"
    claimgraph.build([sorted(SEEDS.glob("*.txt"))[0]], base)  # a store to serve; the feed's ids sort after it
    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    claimgraph.build([feed], reference, validate=False)
    expected = graphs(reference)
    shared = {g for g in expected if g.endswith(("/graph/story>", "/graph/actors>", "/graph/copies>"))}

    def serve(out):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen([sys.executable, "-c", "from claimgraph.cli import main; main()", "serve", "--store",
                                 str(out), "--ingest", "--token", "t", "--port", str(port), "--workers", "1"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/articles"
        for _ in range(300):  # the pipeline loads before the server listens
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return proc, url
            except OSError:
                time.sleep(0.1)
        raise AssertionError("the ingesting server did not start")

    def post(url):
        req = urllib.request.Request(url, data=feed.read_bytes(), method="POST",
                                     headers={"Content-Type": "application/x-ndjson", "Authorization": "Bearer t"})
        try:
            with urllib.request.urlopen(req, timeout=300) as resp:
                return resp.status
        except (urllib.error.URLError, ConnectionError):
            return None  # killed while it worked

    rng = random.Random(5)
    out = tmp_path / "out"
    shutil.copytree(base, out)
    kills = 0
    for _ in range(3):
        proc, url = serve(out)
        threading.Thread(target=post, args=(url,), daemon=True).start()
        time.sleep(rng.uniform(1.0, 4.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        for g, quads in graphs(out).items():  # every article graph whole
            if g not in shared and "/article/" in g and g in expected:
                assert quads == expected[g], f"article graph {g} is not whole after kill -9"
        assert unnamed_actors(out) == []
    assert kills >= 2
    proc, url = serve(out)  # the same articles again: the store ends as the uninterrupted one
    try:
        assert post(url) == 200
    finally:
        proc.terminate()
        proc.wait(30)
    final = graphs(out)
    assert {g: q for g, q in final.items() if "/article/" in g} == {g: q for g, q in expected.items() if "/article/" in g}
