"""The store: one named graph per article, incremental and idempotent builds, removal, locking."""
from __future__ import annotations

import json

import pytest
import rdflib
from rdflib.compare import isomorphic

import claimgraph
from claimgraph.extractors import Article, Attribution, Source
from claimgraph.graph import (
    GraphStore,
    Linker,
    ShapeValidator,
    StoreLocked,
    StoreMissing,
    article_graph,
    export,
)
from claimgraph.graph.iris import actor_iri, slug

from ..conftest import SEEDS


def test_build_writes_store_trig_and_jsonl(seeds_out):
    assert (seeds_out / "store").is_dir()
    assert (seeds_out / "graph.trig").stat().st_size > 0
    with GraphStore(seeds_out) as store:
        assert sorted(doc for doc, _ in store.articles()) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_jsonl_export_round_trips_through_the_store(seeds_out, tmp_path):
    """attributions.jsonl is read back from the RDF graph: nothing is lost on the way."""
    nlp = claimgraph.load_pipeline()
    articles = [a for a in claimgraph.read_inputs([SEEDS]) if isinstance(a, Article)]
    resolver = Linker()
    direct = [r.to_json() for a, recs in claimgraph.extract(articles, nlp) for r in resolver.resolve(a, recs).records]
    stored = [json.loads(line) for line in (seeds_out / "attributions.jsonl").read_text().splitlines()]
    # A negated assertion's stance is settled across articles (a denial when another source asserts
    # the claim): the one field the store may know better than the article alone.
    settled = [i for i, row in enumerate(direct) if row["negated"] and row["stance"] == "asserts"]
    assert settled and any(stored[i]["stance"] == "denies" for i in settled)
    for i in settled:
        assert stored[i]["stance"] in {"asserts", "denies"}
        direct[i]["stance"] = stored[i]["stance"]
    assert stored == direct


def test_every_article_graph_is_shacl_valid(seeds_out):
    with GraphStore(seeds_out) as store:
        results = list(ShapeValidator().check_store(store.ox))
    assert len(results) == 5 and all(r.conforms for r in results)


def test_invalid_graph_is_reported():
    art = Article(id="x", text="Officials said yes.")
    rec = Attribution(id="x-1", doc="x", source=Source("Officials", "", "anonymous", 0, 9), cue="said", cue_start=10,
                      cue_end=14, content="yes", content_start=15, content_end=18, type="indirect", stance="asserts",
                      certainty="certain", sentence="Officials said yes.", sentence_start=0, sentence_end=19, claim="c")
    graph = article_graph(art, [rec], version="test")
    result = ShapeValidator().check(graph.iri, [*graph.quads, *graph.actor_quads])  # the actors graph holds the name
    assert not result.conforms and "name" in result.report


def test_rebuilding_the_same_articles_changes_nothing(tmp_path):
    out = tmp_path / "out"
    claimgraph.build([SEEDS], out)
    before = (out / "graph.trig").read_bytes()
    report = claimgraph.build([SEEDS], out)
    assert report.graphs == {"unchanged": 5}
    assert (out / "graph.trig").read_bytes() == before


def test_changed_article_replaces_only_its_own_graph(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The mayor said the bridge would reopen in May.")
    (src / "b.txt").write_text("The senator warned that the bill would hurt farmers.")
    out = tmp_path / "out"
    claimgraph.build([src], out)
    (src / "a.txt").write_text("The mayor denied that the bridge would reopen.")
    report = claimgraph.build([src], out)
    assert report.graphs == {"replaced": 1, "unchanged": 1}
    rows = [json.loads(line) for line in (out / "attributions.jsonl").read_text().splitlines()]
    assert [(r["doc"], r["stance"]) for r in rows] == [("a.txt", "denies"), ("b.txt", "warns")]


def test_incremental_build_adds_to_the_store(tmp_path):
    out = tmp_path / "out"
    claimgraph.build([SEEDS / "000_6d15ec292fdd1bf3.txt"], out)
    claimgraph.build([SEEDS / "001_16c6418ccb6e6c3b.txt"], out)
    docs = {json.loads(line)["doc"] for line in (out / "attributions.jsonl").read_text().splitlines()}
    assert docs == {"000_6d15ec292fdd1bf3.txt", "001_16c6418ccb6e6c3b.txt"}


def test_remove_drops_one_article(tmp_path):
    from click.testing import CliRunner

    from claimgraph.cli import main

    out = tmp_path / "out"
    claimgraph.build([SEEDS], out)
    result = CliRunner().invoke(main, ["remove", "--store", str(out), "000_6d15ec292fdd1bf3.txt", "nope.txt"])
    assert result.exit_code == 1 and "removed 1 article" in result.output and "nope.txt: not in the store" in result.output
    with GraphStore(out) as store:
        assert "000_6d15ec292fdd1bf3.txt" not in {d for d, _ in store.articles()}
    docs = {json.loads(line)["doc"] for line in (out / "attributions.jsonl").read_text().splitlines()}
    assert "000_6d15ec292fdd1bf3.txt" not in docs and len(docs) == 4


def test_second_writer_is_refused_while_readers_work(seeds_out, tmp_path):
    out = tmp_path / "out"
    claimgraph.build([SEEDS / "000_6d15ec292fdd1bf3.txt"], out)
    with GraphStore(out, write=True):
        with pytest.raises(StoreLocked, match="another claimgraph process is writing"):
            GraphStore(out, write=True)
        with GraphStore(out) as reader:  # queries keep working
            assert list(reader.articles())


def test_missing_store_is_named(tmp_path):
    with pytest.raises(StoreMissing, match="no claimgraph store here"):
        GraphStore(tmp_path / "nothing")


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "jsonld"])
def test_exports_parse_back_isomorphic(seeds_out, tmp_path, fmt):
    path = export(GraphStore(seeds_out).ox, fmt, tmp_path / f"g.{fmt}")
    parse_as = {"trig": "trig", "nquads": "nquads", "turtle": "turtle", "jsonld": "json-ld"}[fmt]
    if fmt in {"trig", "nquads"}:
        ds = rdflib.Dataset()
        ds.parse(path, format=parse_as)
        back = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            back.add((s, p, o))
    else:
        back = rdflib.Graph().parse(path, format=parse_as)
    ds = rdflib.Dataset()
    ds.parse(seeds_out / "graph.trig", format="trig")
    merged = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    assert isomorphic(back, merged)


def test_jsonld_uses_the_published_context(seeds_out, tmp_path):
    path = export(GraphStore(seeds_out).ox, "jsonld", tmp_path / "g.jsonld")
    doc = json.loads(path.read_text())
    assert doc["@context"]["cg"] == "https://w3id.org/claimgraph/ontology#"


@pytest.mark.parametrize("name", ['Jake "the" <Sullivan>\n', "😀 emoji", "\u202eRTL mark", "javascript:alert(1)", " ", "ü/ß?#%"])
def test_iris_are_always_valid_whatever_the_name(name):
    import pyoxigraph as ox

    iri = actor_iri(name, "person")
    ox.NamedNode(iri)  # raises on an invalid IRI
    assert rdflib.URIRef(iri).n3()
    assert slug(name) == slug(name.upper()) or not name.isascii()


def test_same_actor_across_articles_is_one_node(seeds_out):
    with GraphStore(seeds_out) as store:
        q = "SELECT DISTINCT ?actor ?g WHERE { GRAPH ?g { ?a cg:source ?actor } ?actor cg:name 'Jake Sullivan' }"
        rows = list(store.ox.query(q, prefixes={"cg": "https://w3id.org/claimgraph/ontology#"},
                                   use_default_graph_as_union=True))
        names = list(store.ox.query("SELECT ?g WHERE { GRAPH ?g { ?x cg:name 'Jake Sullivan' } }",
                                    prefixes={"cg": "https://w3id.org/claimgraph/ontology#"}))
    assert len({r["actor"] for r in rows}) == 1  # one IRI …
    assert len({r["g"] for r in rows}) == 3  # … for the three articles that quote him
    assert [r["g"].value for r in names] == ["https://w3id.org/claimgraph/id/graph/actors"]  # named once


def test_mode_and_content_pieces_are_stored_checked_and_read_back(tmp_path):
    text = ('"We will not back down," said Prime Minister Jan Novak, "and we will win this fight."\n\n'
            "Most economists believe that inflation will ease next year.")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    report = claimgraph.build([tmp_path / "a.txt"], tmp_path / "out", validate="all")
    assert report.ok
    rows = [json.loads(line) for line in (tmp_path / "out" / "attributions.jsonl").read_text().splitlines()]
    split = next(r for r in rows if r["source"] == "Jan Novak")
    assert [text[a:b] for a, b in split["content_pieces"]] == ["We will not back down", "and we will win this fight"]
    assert next(r for r in rows if "economists" in r["source_text"])["mode"] == "belief"
    with GraphStore(tmp_path / "out") as store:
        assert all(r.conforms for r in ShapeValidator().check_store(store.ox))
        pieces = list(store.ox.query(
            "PREFIX cg: <https://w3id.org/claimgraph/ontology#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
            "SELECT ?k ?t WHERE { ?a cg:contentPiece ?p . ?p cg:pieceIndex ?k ; nif:anchorOf ?t } ORDER BY ?k",
            use_default_graph_as_union=True))
    assert [s["t"].value for s in pieces] == ["We will not back down", "and we will win this fight"]


def test_each_source_says_which_sieve_named_it_and_documents_keep_their_author(tmp_path):
    text = ("The teachers union filed a lawsuit against the district on Friday.\n\n"
            "The lawsuit alleges that the district withheld pay from 300 teachers.\n")
    (tmp_path / "suit.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    claimgraph.build([tmp_path / "suit.txt"], out)
    [row] = [json.loads(line) for line in (out / "attributions.jsonl").read_text().splitlines()]
    assert (row["source"], row["source_kind"], row["source_sieve"], row["source_author"]) == \
        ("teachers union's lawsuit", "document", "document", "teachers union")
    with GraphStore(out) as store:
        [answer] = list(store.ox.query(
            "PREFIX cg: <https://w3id.org/claimgraph/ontology#> "
            "SELECT ?sieve ?author WHERE { ?a cg:sourceSieve ?sieve ; cg:source ?doc . "
            "?doc a cg:Document ; cg:author ?w . ?w cg:name ?author }", use_default_graph_as_union=True))
    assert (answer["sieve"].value, answer["author"].value) == ("document", "teachers union")


def test_the_graph_does_not_depend_on_how_or_in_what_order_the_articles_were_built(tmp_path):
    """One run, a rerun after a crash (a prefix, then all), the articles in reverse, the second
    half first, every other one: the same quads, sorted N-Quads equal. A build out of the store's
    order re-resolves what it stored (a surname read before the full name it stands for ends up
    the same actor either way)."""
    import claimgraph

    from ..conftest import SEEDS

    seeds = sorted(SEEDS.glob("*.txt"))

    def quads(name: str, batches: list[list]) -> list[str]:
        out = tmp_path / name
        for batch in batches:
            claimgraph.build(batch, out)
        with GraphStore(out) as store:
            return sorted(str(q) for q in store.ox.quads_for_pattern(None, None, None, None))

    whole = quads("whole", [seeds])
    assert quads("rerun", [seeds[:2], seeds]) == whole
    assert quads("steps", [seeds[:1], seeds[:3], seeds]) == whole
    assert quads("reversed", [seeds[::-1]]) == whole
    assert quads("tail-first", [seeds[2:], seeds[:2]]) == whole
    assert quads("interleaved", [seeds[1::2], seeds[::2]]) == whole


def test_remove_given_the_builds_aliases_keeps_the_links_they_made(tmp_path):
    """What stays after ``remove`` is resolved again; with the build's alias table it keeps the
    table's names and owl:sameAs links, as a build without the removed article makes them."""
    import claimgraph

    from ..conftest import SEEDS

    seeds = sorted(SEEDS.glob("*.txt"))
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,alias,same_as\nLiu Pengyu,Liu,http://www.wikidata.org/entity/Q00000001\n", encoding="utf-8")

    def quads(out) -> list[str]:
        with GraphStore(out) as store:
            return sorted(str(q) for q in store.ox.quads_for_pattern(None, None, None, None))

    claimgraph.build(seeds, tmp_path / "all", aliases=aliases)
    assert claimgraph.remove(tmp_path / "all", [seeds[0].name], aliases=aliases) == []
    claimgraph.build(seeds[1:], tmp_path / "never", aliases=aliases)
    kept = quads(tmp_path / "all")
    assert kept == quads(tmp_path / "never")
    assert any("sameAs" in q and "Q00000001" in q for q in kept)


def test_removing_or_changing_an_article_leaves_the_graph_a_fresh_build_of_what_remains_makes(tmp_path):
    """What stays was resolved knowing the removed article (an actor's roles, a claim it started):
    after ``remove`` the store equals a build that never saw it; a changed article likewise."""
    import claimgraph

    from ..conftest import SEEDS

    seeds = sorted(SEEDS.glob("*.txt"))

    def quads(out) -> list[str]:
        with GraphStore(out) as store:
            return sorted(str(q) for q in store.ox.quads_for_pattern(None, None, None, None))

    claimgraph.build(seeds, tmp_path / "all")
    assert claimgraph.remove(tmp_path / "all", [seeds[1].name]) == []
    claimgraph.build(seeds[:1] + seeds[2:], tmp_path / "never")
    assert quads(tmp_path / "all") == quads(tmp_path / "never")

    edited = tmp_path / "edited"
    edited.mkdir()
    for path in seeds:
        (edited / path.name).write_bytes(path.read_bytes())
    claimgraph.build(sorted(edited.glob("*.txt")), tmp_path / "changed")
    first = edited / seeds[0].name
    first.write_text(first.read_text(encoding="utf-8").replace("China", "Beijing"), encoding="utf-8")
    claimgraph.build(sorted(edited.glob("*.txt")), tmp_path / "changed")
    claimgraph.build(sorted(edited.glob("*.txt")), tmp_path / "fresh")
    assert quads(tmp_path / "changed") == quads(tmp_path / "fresh")
