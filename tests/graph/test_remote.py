"""A store pushed to a server-grade triple store answers every named query the same rows there as
here (issue 30). The server is a real ``oxigraph serve`` (the ``oxigraph`` package on PyPI ships it;
Fuseki, QLever and Virtuoso speak the same protocols)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import claimgraph
from claimgraph.graph import GraphStore, named_queries
from claimgraph.graph.query.remote import execute_remote
from claimgraph.graph.store.push import push

from ..conftest import SEEDS
from .test_named_answers import ASKED, answers

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


@pytest.fixture
def oxigraph(tmp_path):
    if not Path(OXIGRAPH).exists():
        pytest.skip("no oxigraph server installed (pip install oxigraph)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


def remote_answers(query_url: str) -> dict[str, list[list[str]]]:
    """Every named query's rows at the endpoint, as test_named_answers reads them locally."""
    from .test_named_answers import _unordered

    found = {}
    for q in named_queries().values():
        names = sorted(q.params)
        for params in [{}] if not names else [{names[0]: v} for v in ASKED[names[0]]]:
            body, _, _ = execute_remote(query_url, q.text, params, fmt="json", cap=100_000)
            data = json.loads(body)
            cols = data["head"]["vars"]
            rows = [[_unordered(b.get(c, {}).get("value", "")) for c in cols] for b in data["results"]["bindings"]]
            found[q.name + "".join(f" {k}={v}" for k, v in params.items())] = sorted(rows)
    return found


def test_every_named_query_answers_the_same_rows_remotely_as_locally(seeds_out, oxigraph, tmp_path):
    with GraphStore(seeds_out) as store:
        done = push(store.ox, tmp_path, oxigraph + "/store")  # what was sent is noted in tmp_path
    assert done.sent and not done.deleted
    local, remote = answers(seeds_out, indexed=False), remote_answers(oxigraph + "/query")
    assert remote.keys() == local.keys()
    assert [k for k in local if local[k] != remote[k]] == []


def test_a_second_push_sends_only_the_graphs_that_changed(tmp_path, oxigraph):
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(SEEDS, src)
    claimgraph.build([src], out)
    with GraphStore(out) as store:
        first = push(store.ox, out, oxigraph + "/store")
        assert push(store.ox, out, oxigraph + "/store").sent == []  # nothing changed
    article = src / "003_bcc4e1f61e0c60e7.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n\nA spokesman said the talks went on.", encoding="utf-8")
    claimgraph.build([src], out)
    with GraphStore(out) as store:
        second = push(store.ox, out, oxigraph + "/store")
    assert any("003_bcc4e1f61e0c60e7" in g for g in second.sent)
    assert len(second.sent) < len(first.sent)  # the other articles stay as they were sent
    assert second.unchanged >= 3
