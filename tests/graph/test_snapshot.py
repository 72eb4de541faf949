"""Adding one article to a big store must not re-serialise the store: the JSONL and TriG files
are spliced, and they must come out exactly as if written whole."""
from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
from click.testing import CliRunner

import claimgraph
from claimgraph.cli import main
from claimgraph.graph.store.database import GraphStore, bump_generation
from claimgraph.snapshot import STAMP, take_baseline

from ..conftest import SEEDS

FILES = ("attributions.jsonl", "graph.trig", "explorer.html")
DOCS = sorted(p.name for p in SEEDS.glob("*.txt"))


def written_whole(out, tmp_path):
    """The three files of a copy of ``out`` rewritten from its store alone."""
    copy = tmp_path / "whole" / out.name  # the page's title names the folder
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(out, copy)
    (copy / STAMP).unlink()
    claimgraph.build([], copy)  # reads no article: rewrites the files from the store
    return {name: (copy / name).read_bytes() for name in FILES}


def files(out):
    return {name: (out / name).read_bytes() for name in FILES}


def test_adding_replacing_and_removing_articles_gives_the_files_a_whole_rewrite_gives(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in DOCS[:3]:
        shutil.copy(SEEDS / name, src / name)
    out = tmp_path / "out"
    claimgraph.build([src], out)
    assert (out / STAMP).exists()

    shutil.copy(SEEDS / DOCS[3], src / DOCS[3])  # one more article, in the middle of the doc order
    (src / DOCS[1]).write_text("The mayor denied that the bridge would reopen in May.", encoding="utf-8")
    report = claimgraph.build([src], out)
    assert report.graphs == {"added": 1, "replaced": 1, "unchanged": 2}
    assert files(out) == written_whole(out, tmp_path)
    rows = [json.loads(line) for line in (out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted({r["doc"] for r in rows}) == sorted([*DOCS[:4]])
    assert [r["stance"] for r in rows if r["doc"] == DOCS[1]] == ["denies"]

    result = CliRunner().invoke(main, ["remove", "--store", str(out), DOCS[0]])
    assert result.exit_code == 0, result.output
    assert files(out) == written_whole(out, tmp_path)
    assert DOCS[0] not in (out / "attributions.jsonl").read_text(encoding="utf-8")


def test_graph_trig_holds_every_quad_of_the_store_in_its_named_graph(tmp_path):
    out = tmp_path / "out"
    claimgraph.build([SEEDS], out)
    back = ox.Store()
    back.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    with GraphStore(out) as store:
        assert set(back) == set(store.ox)


def test_files_are_copied_only_while_the_stamp_matches_the_store_and_the_files(tmp_path):
    """The stamp vouches for the files as they were written (size and modification time): a file
    changed by hand, or a store changed by another writer (a SPARQL update bumps its generation),
    gets everything rewritten."""
    out = tmp_path / "out"
    claimgraph.build([SEEDS / DOCS[0], SEEDS / DOCS[1]], out)
    trig = out / "graph.trig"
    good = trig.read_text(encoding="utf-8")
    marker = good.index("cg:documentId")
    trig.write_text(good[:marker] + "cg:documentId \"tampered\" ;\n\t" + good[marker:], encoding="utf-8")

    claimgraph.build([SEEDS / DOCS[2]], out)
    assert "tampered" not in trig.read_text(encoding="utf-8")
    assert files(out) == written_whole(out, tmp_path)
    claimgraph.build([], out)  # reads nothing: the files still show the store, and stay vouched for
    assert (out / STAMP).exists()

    bump_generation(out / "store")  # as a SPARQL update through `claimgraph serve --allow-update` does
    with GraphStore(out, write=True):
        assert take_baseline(out) is None


def test_adding_articles_extends_the_saved_projection_to_the_page_a_whole_rewrite_draws(tmp_path):
    out = tmp_path / "out"
    claimgraph.build([SEEDS / DOCS[0], SEEDS / DOCS[3]], out)
    claimgraph.build([SEEDS / DOCS[1], SEEDS / DOCS[4]], out)  # before, between and after the others
    assert files(out) == written_whole(out, tmp_path)
    claimgraph.build([SEEDS / DOCS[2]], out)
    assert files(out) == written_whole(out, tmp_path)


def test_a_writer_that_dies_before_sealing_leaves_no_stamp(tmp_path):
    out = tmp_path / "out"
    claimgraph.build([SEEDS / DOCS[0]], out)
    with GraphStore(out, write=True):
        assert take_baseline(out) is not None
        # … the writer is killed here, after changing the store and before writing the files
    assert not (out / STAMP).exists()
    with GraphStore(out, write=True):
        assert take_baseline(out) is None


def test_damaged_files_are_rewritten_whole(tmp_path):
    out = tmp_path / "out"
    claimgraph.build([SEEDS / DOCS[0]], out)
    (out / "attributions.jsonl").write_bytes(b"\xff\xfe not json\n")
    claimgraph.build([SEEDS / DOCS[1]], out)
    assert files(out) == written_whole(out, tmp_path)


def test_a_planted_pickle_in_the_output_folder_runs_nothing(tmp_path):
    import pickle

    out = tmp_path / "out"
    claimgraph.build([SEEDS / "002_6f9a4bfcb0472e4f.txt"], out)
    canary = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(canary), "w"))

    (out / "explorer.graph").write_bytes(pickle.dumps(Payload()))
    claimgraph.build([SEEDS / "004_835e8c8de76d6bf3.txt"], out)  # adding an article reads the projection
    assert not canary.exists()
    from claimgraph.graph.view import projection_file

    G, _ = projection_file.load(out / "explorer.graph")  # rebuilt from the store
    assert set(G.graph["articles"]) == {"002_6f9a4bfcb0472e4f.txt", "004_835e8c8de76d6bf3.txt"}


def test_the_saved_projection_reads_back_equal(tmp_path):
    from claimgraph.graph.view import projection_file
    from claimgraph.graph.view.tagged import encode

    def content(G):
        return json.dumps(encode([list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), dict(G.graph)]))

    out = tmp_path / "out"
    claimgraph.build([SEEDS], out)
    G, saved = projection_file.load(out / "explorer.graph")
    assert G.number_of_nodes() > 20 and G.graph["articles"]
    projection_file.save(G, tmp_path / "again")
    assert content(projection_file.load(tmp_path / "again")[0]) == content(G)
    # written in place, only what changed: the graph a whole write gives
    evidence = next(d["evidence"] for *_, d in G.edges(data=True) if d.get("evidence"))
    evidence.append(evidence[0])
    G.add_node("a new outlet", kind="outlet", label="A new outlet", mentions=1, docs={"x"})
    G.add_edge("a new outlet", next(iter(G)), key="reports", relation="reports", weight=1, evidence=[evidence[0]])
    projection_file.save(G, out / "explorer.graph", since=saved)
    assert content(projection_file.load(out / "explorer.graph")[0]) == content(G)


def test_a_planted_projection_whose_tables_are_views_is_refused_not_run(tmp_path):
    """A file that passes for the projection — even with a stamp that vouches for it — but whose
    `meta` is an endless view would hang the build: its tables must be exactly the projection's."""
    import sqlite3

    from claimgraph.snapshot import STAMP

    out = tmp_path / "out"
    claimgraph.build([SEEDS / DOCS[0]], out)
    graph = out / "explorer.graph"
    with sqlite3.connect(graph) as db:
        db.execute("DROP TABLE meta")
        db.execute("CREATE VIEW meta(key, value) AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                   "SELECT 'k' || x, 'v' FROM c")
    db.close()
    stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
    st = graph.stat()
    stamp["files"]["explorer.graph"] = [st.st_size, st.st_mtime_ns]
    (out / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    claimgraph.build([SEEDS / DOCS[1]], out)
    assert files(out) == written_whole(out, tmp_path)
