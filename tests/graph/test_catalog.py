"""The catalog beside the store (issue 18): what a build looks up per article instead of reading
the store back. It must say what the store says — kept article by article or rebuilt from the
store, the same rows — and phrase searches through it must find what a scan finds."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

import claimgraph
from claimgraph.graph import GraphStore
from claimgraph.graph.resolve.story import mentions_in_store
from claimgraph.graph.store.catalog import FILE, Catalog
from claimgraph.graph.store.rankings import refresh_rankings
from claimgraph.graph.store.search import _scanned, candidates

from ..conftest import SEEDS

DOCS = sorted(p.name for p in SEEDS.glob("*.txt"))


def _sorted(rows) -> list[tuple]:
    return sorted((tuple(r) for r in rows), key=lambda r: tuple("" if x is None else str(x) for x in r))


def catalog_rows(out) -> dict[str, list[tuple]]:
    """Every table's rows, in a stable order and without the catalog's own row numbers."""
    db = sqlite3.connect(out / FILE)
    try:
        bags = dict(db.execute("SELECT id, claim || ' ' || terms FROM bag"))
        return {
            "actor": sorted(db.execute("SELECT iri, name FROM actor")),
            "leader": sorted(db.execute("SELECT person, country FROM leader")),
            "bag": sorted(db.execute("SELECT claim, terms, n FROM bag")),
            "posting": sorted((t, bags[b]) for t, b in db.execute("SELECT term, bag FROM posting")),
            "df": sorted(db.execute("SELECT term, n FROM df")),
            "mention": _sorted((bags.get(b), *rest) for b, *rest in db.execute(
                "SELECT bag, node, graph, claim, source, stance, negated, kind, content, terms, published, said,"
                " begin, nested_in, settled FROM mention")),
            "phrase": sorted(db.execute("SELECT m.node, p.content, p.sentence FROM phrase p JOIN mention m"
                                        " ON m.id = p.rowid")),
            "claim_stat": sorted(db.execute("SELECT claim, mentions, contested FROM claim_stat")),
            "mentions": list(db.execute("SELECT value FROM meta WHERE key = 'mentions'")),
        }
    finally:
        db.close()


@pytest.fixture(scope="module")
def one_by_one(tmp_path_factory):
    """The seeds built one article per build, in an order that is not the documents' order."""
    out = tmp_path_factory.mktemp("catalog") / "out"
    for name in [DOCS[2], DOCS[0], DOCS[4], DOCS[1], DOCS[3]]:
        claimgraph.build([SEEDS / name], out)
    return out


def test_a_catalog_kept_article_by_article_equals_one_rebuilt_from_the_store(one_by_one, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(one_by_one, copy)
    (copy / FILE).unlink()
    with GraphStore(copy, write=True) as store:
        catalog = Catalog(store)
        assert catalog.rebuilt
        refresh_rankings(store.ox, catalog)  # as a build does after rebuilding its catalog
    catalog.seal()
    kept, rebuilt = catalog_rows(one_by_one), catalog_rows(copy)
    for table in kept:
        assert kept[table] == rebuilt[table], table


def test_the_story_reads_the_same_mentions_from_the_catalog_as_from_the_store(seeds_out):
    with GraphStore(seeds_out, write=True) as store:
        catalog = Catalog(store)
        claims = {c for (c,) in catalog.db.execute("SELECT DISTINCT claim FROM mention")}
        assert len(claims) > 20
        for claim in claims:
            assert catalog.mentions_of(claim) == mentions_in_store(store.ox, claim), claim
    catalog.seal()


def test_a_catalog_that_does_not_match_the_store_is_rebuilt_not_trusted(tmp_path):
    out = tmp_path / "out"
    claimgraph.build([SEEDS / DOCS[0]], out)
    with GraphStore(out, write=True) as store:
        Catalog(store)  # a writer that dies before sealing: the catalog's stamp says "writing"
    with GraphStore(out, write=True) as store:
        catalog = Catalog(store)
        assert catalog.rebuilt
    catalog.seal()
    (out / FILE).write_bytes(b"not a database")  # damaged: rebuilt too
    report = claimgraph.build([SEEDS / DOCS[1]], out)
    assert report.ok and report.graphs == {"added": 1}
    assert catalog_rows(out)["mentions"] != [] and candidates(out, "Peskov", ["content", "sentence"]) is not None


@pytest.mark.parametrize("phrase", ["never heard", "MILITARY", "U.S.", "“", "fake news", "Zhao Lijian said",
                                    'the "reports"', "xyzzy"])
def test_the_full_text_index_finds_what_a_scan_of_the_wordings_finds(seeds_out, phrase):
    with GraphStore(seeds_out) as store:
        scanned = _scanned(store.ox, phrase, ["content", "sentence"])
        found = candidates(seeds_out, phrase, ["content", "sentence"])
        if len(phrase) < 3:
            assert found is None  # too short for trigrams: the query scans
        else:
            assert found is not None and sorted(found) == scanned
        assert sorted(candidates(seeds_out, "heard", ["content"]) or []) == _scanned(store.ox, "heard", ["content"])


def test_phrase_search_is_skipped_while_a_writer_holds_the_store(tmp_path):
    out = tmp_path / "out"
    claimgraph.build([SEEDS / DOCS[0]], out)
    assert candidates(out, "Russia", ["content"])
    with GraphStore(out, write=True) as store:
        catalog = Catalog(store)
        assert candidates(out, "Russia", ["content"]) is None  # stamped "writing": not trusted
    catalog.seal()
    assert candidates(out, "Russia", ["content"])


def test_the_most_cited_sources_are_ranked_from_every_attribution(seeds_out):
    rows = [json.loads(line) for line in (seeds_out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()]
    with GraphStore(seeds_out) as store:
        ranked = {r["source"].value: int(r["n"].value) for r in store.ox.query(
            "SELECT ?source ?n WHERE { ?a cg:citedRank ?r ; cg:attributionCount ?n ; cg:name ?source }",
            prefixes={"cg": "https://w3id.org/claimgraph/ontology#"}, use_default_graph_as_union=True)}
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["source"]] = counts.get(r["source"], 0) + 1
    assert ranked == counts


def test_damage_inside_the_full_text_index_is_found_and_the_next_build_rebuilds_it(tmp_path):
    import sqlite3

    from click.testing import CliRunner

    from claimgraph.cli import main
    from claimgraph.graph.store.catalog import FILE, healthy

    out = tmp_path / "out"
    claimgraph.build([SEEDS / "002_6f9a4bfcb0472e4f.txt"], out)
    db = sqlite3.connect(out / FILE)
    [(block,)] = db.execute("SELECT id FROM phrase_data WHERE id > 10 ORDER BY id LIMIT 1 OFFSET 1").fetchall()
    db.execute("UPDATE phrase_data SET block = zeroblob(length(block)) WHERE id = ?", (block,))
    db.commit()
    assert db.execute("PRAGMA quick_check").fetchone() == ("ok",) and not healthy(db)  # SQLite's check misses it
    db.close()
    result = CliRunner().invoke(main, ["validate", "--store", str(out)])
    assert result.exit_code == 1 and "catalog: damaged" in result.output
    claimgraph.build([SEEDS / "004_835e8c8de76d6bf3.txt"], out)
    with sqlite3.connect(out / FILE) as db:
        assert healthy(db)


def test_a_phrase_with_letters_the_two_lower_casings_disagree_on_finds_what_a_scan_finds(seeds_out):
    from claimgraph.graph.store.search import candidates

    assert candidates(seeds_out, "İstanbul", ["content"]) is None  # not from the index: the engine decides


def test_a_catalog_left_as_its_last_clean_writer_closed_it_is_not_read_whole_again(tmp_path, monkeypatch):
    import claimgraph.graph.store.catalog as catalog_module

    out = tmp_path / "out"
    claimgraph.build([SEEDS / DOCS[0]], out)
    checks = []
    real = catalog_module.healthy
    monkeypatch.setattr(catalog_module, "healthy", lambda db, **kw: checks.append(1) or real(db, **kw))
    claimgraph.build([SEEDS / DOCS[1]], out)  # the file is as the first build sealed it: trusted
    assert checks == []
    db = sqlite3.connect(out / FILE)  # anything written since changes the mark, in the log or the file
    with db:
        db.execute("INSERT INTO meta VALUES ('touched', 'by hand')")
    db.close()
    claimgraph.build([SEEDS / DOCS[2]], out)
    assert checks == [1]
    (out / f"{FILE}.sealed").write_text("not a mark", encoding="utf-8")  # nor is a mark that says nothing
    claimgraph.build([SEEDS / DOCS[3]], out)
    assert checks == [1, 1]


def test_a_planted_seal_is_never_followed_waited_on_or_written_through(tmp_path):
    import os

    out = tmp_path / "out"
    claimgraph.build([SEEDS / DOCS[0]], out)
    seal = out / f"{FILE}.sealed"
    seal.unlink()
    os.mkfifo(seal)  # reading it would wait for ever
    victim = tmp_path / "victim"
    victim.write_text("keep me", encoding="utf-8")
    os.symlink(victim, out / f"{FILE}.sealed.tmp")
    report = claimgraph.build([SEEDS / DOCS[1]], out)
    assert report.ok and victim.read_text(encoding="utf-8") == "keep me"
    assert seal.is_file() and not seal.is_symlink()


def test_a_catalog_that_fails_a_build_is_not_sealed_and_the_next_build_rebuilds_it(tmp_path, monkeypatch):
    from claimgraph.graph.store import catalog as catalog_module

    out = tmp_path / "out"
    claimgraph.build([SEEDS / DOCS[0]], out)

    def malformed(self, *args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    with monkeypatch.context() as m:  # SQLite finds the file damaged while the build uses it
        m.setattr(catalog_module.CatalogClusters, "candidates", malformed)
        report = claimgraph.build([SEEDS / DOCS[1]], out)
    assert not report.ok and "DatabaseError" in str(report.skipped[0])
    assert not (out / f"{FILE}.sealed").exists()
    report = claimgraph.build([SEEDS / DOCS[1]], out)
    assert report.ok and report.graphs["added"] == 1
