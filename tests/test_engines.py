"""Parallel and distributed builds give the same graph as one process: same IRIs, same claims,
same story graph, quad for quad."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

import claimgraph
from claimgraph.graph import GraphStore

from .conftest import SEEDS


def quads(out) -> list[str]:
    with GraphStore(out) as store:
        data = ox.serialize(store.ox.quads_for_pattern(None, None, None, None), format=ox.RdfFormat.N_QUADS) or b""
    return sorted(data.decode().splitlines())


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    out = tmp_path_factory.mktemp("engines") / "one"
    claimgraph.build([SEEDS], out, validate=False)
    return out


def test_two_local_workers_give_the_same_graph(one_process, tmp_path):
    # Partitions of two articles: three tasks over two worker processes, records back in input order.
    claimgraph.build([SEEDS], tmp_path / "two", workers=2, partition_size=2, validate=False)
    assert quads(tmp_path / "two") == quads(one_process)
    assert (tmp_path / "two" / "attributions.jsonl").read_bytes() == (one_process / "attributions.jsonl").read_bytes()


def test_dask_cluster_of_two_workers_gives_the_same_graph(one_process, tmp_path):
    pytest.importorskip("dask.distributed")
    # Partitions of two articles: three tasks over two worker processes, back in any order.
    report = claimgraph.build([SEEDS], tmp_path / "dask", engine="dask", workers=2, partition_size=2, validate=False)
    assert report.articles == 5 and report.ok
    assert quads(tmp_path / "dask") == quads(one_process)
    assert (tmp_path / "dask" / "attributions.jsonl").read_bytes() == (one_process / "attributions.jsonl").read_bytes()


def test_unknown_engine_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        claimgraph.build([SEEDS], tmp_path / "x", engine="spark")


def test_every_graph_can_be_validated_and_unknown_modes_are_refused(one_process, tmp_path):
    report = claimgraph.build([SEEDS], tmp_path / "all", validate="all")
    assert report.ok and report.graphs["added"] == 5 and "invalid" not in report.graphs
    assert quads(tmp_path / "all") == quads(one_process)
    with pytest.raises(ValueError, match="validation mode"):
        claimgraph.build([SEEDS], tmp_path / "x", validate="some")
