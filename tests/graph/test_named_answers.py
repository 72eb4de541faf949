"""The named queries give the same answers on the seeds however they are evaluated: rewriting them
to start from indexes and maintained aggregates (issue 18) must not change what users read.

The expected answers are in ``tests/fixtures/named_answers.json``, written by the queries as they
were before the rewrite — except ``who-asserts``, whose rows the rewrite fixed: an attribution
relayed by nobody came back once per actor in the store (an OPTIONAL joined on an unbound
variable), 1,381 rows for "aid" where 37 are right. After a deliberate change to an answer, rewrite it with
``python -m tests.graph.test_named_answers`` and review the diff.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from claimgraph.graph import GraphStore, execute, named_queries

ANSWERS = Path(__file__).parent.parent / "fixtures" / "named_answers.json"
#: Parameters asked of each query: phrases that hit one claim, several, or none; actors of each kind.
ASKED = {
    "text": ["military", "never heard", "asked China", "sanctions", "aid", "Ukraine", "no such phrase"],
    "actor": ["Liu Pengyu", "US officials", "Dmitry Peskov", "Financial Times", "Nobody At All"],
    "mode": ["statement", "belief", "intention", "evidence", "evaluation"],
}


def answers(out_dir: Path, *, indexed: bool = True) -> dict[str, list[list[str]]]:
    """Every named query's rows for every parameter asked, each row as its values in column order
    (rows sorted: ties in ORDER BY may come in either order); ``indexed``: phrases are looked up
    in the store's catalog first, as the command line and the endpoint do."""
    found: dict[str, list[list[str]]] = {}
    with GraphStore(out_dir) as store:
        for q in named_queries().values():
            names = sorted(q.params)
            combos = [{}] if not names else [{names[0]: v} for v in ASKED[names[0]]]
            for params in combos:
                body, _, _ = execute(store.ox, q.text, params, fmt="json", cap=100_000,
                                     index=out_dir if indexed else None)
                data = json.loads(body)
                cols = data["head"]["vars"]
                rows = [[_unordered(b.get(c, {}).get("value", "")) for c in cols] for b in data["results"]["bindings"]]
                found[q.name + "".join(f" {k}={v}" for k, v in params.items())] = sorted(rows)
    return found


def _unordered(cell: str) -> str:
    """A GROUP_CONCAT's parts in one order (SPARQL leaves their order to the engine's plan)."""
    return "; ".join(sorted(cell.split("; ")))


@pytest.mark.parametrize("indexed", [True, False], ids=["through the catalog", "scanning"])
@pytest.mark.parametrize("store", ["seeds_out", "dated"])
def test_every_named_query_answers_as_before(store, indexed, request):
    expected = {key: sorted([_unordered(c) for c in row] for row in rows)
                for key, rows in json.loads(ANSWERS.read_text(encoding="utf-8"))[store].items()}
    got = answers(request.getfixturevalue(store), indexed=indexed)
    assert sorted(got) == sorted(expected)
    for key, rows in expected.items():
        assert got[key] == rows, key


if __name__ == "__main__":  # python -m tests.graph.test_named_answers: rewrite the expected answers
    import tempfile

    import claimgraph

    from ..conftest import SEEDS
    from .conftest import dated_feed

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        claimgraph.build([SEEDS], tmp / "seeds")
        claimgraph.build([dated_feed(tmp / "seeds.jsonl")], tmp / "dated")
        result = {"seeds_out": answers(tmp / "seeds"), "dated": answers(tmp / "dated")}
    ANSWERS.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {ANSWERS}: {sum(len(v) for v in result.values())} answers", file=sys.stderr)
