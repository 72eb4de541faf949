"""SPARQL on the seeds: the named queries answer the questions users ask, and guards hold."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.graph import GraphStore, QueryError, QueryRefused, execute, guard, named_queries

MILITARY = "military"


def rows(store_dir, name, **params):
    query = named_queries()[name]
    with GraphStore(store_dir) as store:
        body, _, _ = execute(store.ox, query.text, params, fmt="json")
    data = json.loads(body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_every_named_query_says_which_question_it_answers_and_runs(seeds_out):
    library = named_queries()
    assert {"who-asserts", "who-denies", "contested-claims", "actor-statements", "anonymous-only-claims",
            "reporting-chains", "quotes-for-claim", "contradictions"} <= set(library)
    for q in library.values():
        assert q.question.endswith(".") or "?" in q.question
        params = dict.fromkeys(q.params, ".")
        rows(seeds_out, q.name, **params)


def test_request_for_military_aid_is_asserted_by_the_ft_and_us_officials(seeds_out):
    sources = {r["source"] for r in rows(seeds_out, "who-asserts", text="asked China")}
    assert {"Financial Times", "US officials"} <= sources


def test_request_for_military_aid_is_denied_by_china_and_russia(seeds_out):
    found = rows(seeds_out, "who-denies", text=MILITARY)
    assert {"Liu Pengyu", "Zhao Lijian", "Dmitry Peskov", "Russia"} <= {r["source"] for r in found}
    peskov = next(r for r in found if r["source"] == "Dmitry Peskov")
    assert "were untrue" in peskov["sentence"] and peskov["article"] == "004_835e8c8de76d6bf3.txt"


def test_reporting_chains_show_outlets_relaying_officials(seeds_out):
    chains = {(r["outer"], r["inner"]) for r in rows(seeds_out, "reporting-chains")}
    assert ("Financial Times", "US officials") in chains and ("New York Times", "US officials") in chains


def test_everything_an_actor_said(seeds_out):
    said = rows(seeds_out, "actor-statements", actor="Liu Pengyu")
    assert len(said) >= 6 and {r["stance"] for r in said} >= {"asserts", "denies"}


def test_quotes_with_evidence_offsets(seeds_out):
    quotes = rows(seeds_out, "quotes-for-claim", text="never heard")
    assert quotes and all(int(r["begin"]) < int(r["end"]) for r in quotes)


def test_claims_resting_only_on_anonymous_sources(seeds_out):
    found = rows(seeds_out, "anonymous-only-claims")
    assert any("US official" in r["sources"] for r in found)


def test_bindings_are_data_not_query_text(seeds_out):
    hostile = '") } SELECT * WHERE { ?s ?p ?o } #'
    assert rows(seeds_out, "who-denies", text=hostile) == []


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service <http://x> { ?s ?p ?o } }",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DROP ALL",
])
def test_service_and_updates_are_refused(query):
    with pytest.raises(QueryRefused):
        guard(query)


def test_the_word_service_inside_a_string_is_fine():
    guard('SELECT * WHERE { ?s ?p "SERVICE" }')


def test_malformed_query_gives_the_parser_message(seeds_out):
    with GraphStore(seeds_out) as store, pytest.raises(QueryError, match="error"):
        execute(store.ox, "SELECT ?x WHERE { ?x ")


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml", "table"])
def test_result_formats(seeds_out, fmt):
    q = "SELECT ?name WHERE { ?a cg:name ?name } ORDER BY ?name LIMIT 3"
    with GraphStore(seeds_out) as store:
        body, media, truncated = execute(store.ox, q, fmt=fmt)
    text = body.decode()
    assert not truncated
    if fmt == "csv":
        assert next(csv.reader(io.StringIO(text))) == ["name"] and media.startswith("text/csv")
    elif fmt == "json":
        assert json.loads(text)["head"]["vars"] == ["name"]
    elif fmt == "xml":
        assert "<sparql" in text and 'name="name"' in text
    elif fmt == "tsv":
        assert text.startswith("?name\n")
    else:
        assert text.splitlines()[0].strip() == "name"


def test_result_cap(seeds_out):
    with GraphStore(seeds_out) as store:
        body, _, truncated = execute(store.ox, "SELECT * WHERE { ?s ?p ?o }", fmt="json", cap=5)
    assert truncated and len(json.loads(body)["results"]["bindings"]) == 5


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml"])
def test_a_capped_result_is_still_a_whole_document_in_every_format(fmt):
    """Cut at the cap, the answer is still a valid SPARQL results document that another reader
    (rdflib's) parses, and every kind of term survives: IRIs, language tags, datatypes, blank
    nodes, unbound variables, quotes, tabs and line breaks inside literals."""
    import pyoxigraph as ox
    from rdflib.query import Result

    store = ox.Store()
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    objects = [ox.Literal('a "quoted"\tline\nbreak', language="en"),
               ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
               ox.BlankNode("b1"), ox.NamedNode("http://example.org/o"), ox.Literal("<&> plain")]
    for o in objects:
        store.add(ox.Quad(s, p, o))
    query = "SELECT ?o ?unbound WHERE { ?s ?p ?o } ORDER BY STR(?o)"
    body, _, truncated = execute(store, query, fmt=fmt, cap=4)
    assert truncated
    rows = list(Result.parse(io.BytesIO(body), format=fmt))
    assert len(rows) == 4
    if fmt != "csv":  # CSV keeps values only, by design of the format
        from rdflib import BNode, Literal, URIRef

        expected = {Literal('a "quoted"\tline\nbreak', lang="en"), URIRef("http://example.org/o"), Literal("<&> plain"),
                    Literal("3", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))}
        kept = [r[0] for r in rows]
        assert {t for t in kept if not isinstance(t, BNode)} <= expected
        assert sum(isinstance(t, BNode) for t in kept) <= 1
        assert all(r[1] is None for r in rows)


def test_cli_named_query_with_binding(seeds_out):
    result = CliRunner().invoke(main, ["query", "--store", str(seeds_out), "--name", "who-denies",
                                       "--param", f"text={MILITARY}", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Dmitry Peskov" in result.output and "Zhao Lijian" in result.output


def test_cli_query_errors_are_one_line(seeds_out):
    runner = CliRunner()
    bad = runner.invoke(main, ["query", "--store", str(seeds_out), "SELECT ?x WHERE {"])
    assert bad.exit_code == 1 and "Error:" in bad.output
    refused = runner.invoke(main, ["query", "--store", str(seeds_out), "SELECT * { SERVICE <http://x> { ?s ?p ?o } }"])
    assert refused.exit_code == 1 and "SERVICE is not allowed" in refused.output
    missing = runner.invoke(main, ["query", "--store", str(seeds_out), "--name", "who-denies"])
    assert missing.exit_code == 1 and "--param text=" in missing.output
    nostore = runner.invoke(main, ["query", "--store", "/nonexistent", "SELECT * {}"])
    assert nostore.exit_code == 1 and "no claimgraph store here" in nostore.output


def test_cli_query_timeout_stops_a_slow_query(seeds_out):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = CliRunner().invoke(main, ["query", "--store", str(seeds_out), "--timeout", "1", slow])
    assert result.exit_code == 1 and "stopped after 1 s" in result.output


def test_cli_validate(seeds_out):
    result = CliRunner().invoke(main, ["validate", "--store", str(seeds_out)])
    assert result.exit_code == 0 and "5 of 5 article graphs conform" in result.output


def test_attributions_of_one_mode(seeds_out):
    intentions = rows(seeds_out, "by-mode", mode="intention")
    assert intentions and {r["mode"] for r in intentions} == {"intention"}
    assert any("call" in r["cue"] for r in intentions)
    assert rows(seeds_out, "by-mode", mode="no-such-mode") == []
    said = rows(seeds_out, "actor-statements", actor="Liu Pengyu")
    assert {r["mode"] for r in said} <= {"statement", "belief", "intention", "evidence", "evaluation"}


def test_most_cited_sources_counts_each_attribution_once(seeds_out):
    from collections import Counter

    lines = (seeds_out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()
    per_source = Counter(json.loads(line)["source"] for line in lines)
    denials = Counter(json.loads(line)["source"] for line in lines if json.loads(line)["stance"] == "denies")
    found = rows(seeds_out, "most-cited-sources")
    assert {r["source"]: int(r["attributions"]) for r in found} == dict(per_source)
    assert {r["source"]: int(r["denials"]) for r in found if int(r["denials"])} == dict(denials)


def test_the_readmes_raw_query_gives_one_row_per_denial(seeds_out):
    """Actor facts are stated once (the actors graph), so a join through a name does not repeat."""
    lines = (seeds_out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()
    denials = sum(json.loads(line)["stance"] == "denies" for line in lines)
    query = "PREFIX cg: <https://w3id.org/claimgraph/ontology#> SELECT ?who WHERE { ?a cg:stance cg:Denial ; cg:source/cg:name ?who }"
    with GraphStore(seeds_out) as store:
        body, _, _ = execute(store.ox, query, fmt="json")
    assert len(json.loads(body)["results"]["bindings"]) == denials > 0


def test_stats_and_the_contested_claims_query_agree(seeds_out):
    from claimgraph.graph import contested_claims, project

    with GraphStore(seeds_out) as store:
        G = project(store.ox)
    by_query = {r["label"]: (set(r["assertedBy"].split("; ")), set(r["deniedBy"].split("; ")))
                for r in rows(seeds_out, "contested-claims")}
    by_stats = {G.nodes[r.claim]["label"]: (set(r.asserted_by), set(r.denied_by)) for r in contested_claims(G, 100)}
    assert by_stats == by_query


def test_bytes_that_are_not_utf8_in_an_argument_get_one_line(seeds_out):
    import os
    import subprocess
    import sys

    bad = os.fsdecode(b'SELECT * WHERE { ?s ?p "\xff" }')  # as Python hands a terminal's bytes over
    done = subprocess.run([sys.executable, "-c", "from claimgraph.cli import main; main()", "query", "--store", str(seeds_out), bad],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "not valid UTF-8" in done.stderr and "Traceback" not in done.stderr
