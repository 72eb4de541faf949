"""A store built once from the seed copies, shared by the graph tests (read-only use)."""
from __future__ import annotations

import pytest

import claimgraph

from ..conftest import SEEDS


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("graph") / "out"
    report = claimgraph.build([SEEDS], out)
    assert report.ok and report.graphs["added"] == 5
    return out
