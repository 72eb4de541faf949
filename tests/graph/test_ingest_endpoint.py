"""Always on: articles POSTed to ``serve --ingest`` are stored as a build stores them and are
queryable when the answer comes (issue 30)."""
from __future__ import annotations

import json
import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from claimgraph.server import ClaimgraphServer

ARTICLE = {"id": "harbour-1", "title": "Harbour deal in doubt", "outlet": "Coastal Times", "published": "2024-05-02",
           "text": ("Harbour deal in doubt\n\nThe port authority said on Thursday that the harbour expansion "
                    "would be delayed by two years. Mayor Ana Ruiz denied that the city had cancelled the contract. "
                    "“We never cancelled anything,” she said.")}


@pytest.fixture
def ingesting(seeds_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seeds_out, out)
    server = ClaimgraphServer(out, port=0, workers=1, token="s3cret", ingest=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out, server
    server.shutdown()
    server.server_close()


def post(base, body, ctype="application/json", token="s3cret"):
    headers = {"Content-Type": ctype, **({"Authorization": f"Bearer {token}"} if token else {})}
    req = urllib.request.Request(f"{base}/articles", data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def who_denies(base, text):
    from claimgraph.graph import named_queries

    query = named_queries()["who-denies"].text
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query, "$text": text})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"}), timeout=60) as r:
        return [{k: v["value"] for k, v in b.items()} for b in json.loads(r.read())["results"]["bindings"]]


def test_an_article_posted_is_queryable_when_the_answer_comes(ingesting):
    base, out, server = ingesting
    status, said = post(base, json.dumps(ARTICLE))
    assert status == 200 and said["stored"] == ["harbour-1"] and said["refused"] == []
    assert "Ana Ruiz" in {r["source"] for r in who_denies(base, "cancelled")}
    server.ingest.flush()  # the files follow on a quiet spell; here, at once
    assert "harbour-1" in (out / "attributions.jsonl").read_text(encoding="utf-8")


def test_several_articles_as_json_lines_and_the_bad_ones_named(ingesting):
    base, _, _ = ingesting
    second = {**ARTICLE, "id": "harbour-2", "text": ARTICLE["text"].replace("two years", "three years")}
    body = "\n".join([json.dumps(ARTICLE), json.dumps(second), json.dumps({"id": "empty", "text": ""})])
    status, said = post(base, body, "application/x-ndjson")
    assert status == 200 and sorted(said["stored"]) == ["harbour-1", "harbour-2"]
    assert said["refused"] == ["article 3 ('empty'): missing or empty 'text' field (a string is required)"]


def test_articles_need_the_token_and_a_json_body(ingesting):
    base, _, _ = ingesting
    assert post(base, json.dumps(ARTICLE), token=None)[0] == 401
    assert post(base, json.dumps(ARTICLE), token="wrong")[0] == 401
    assert post(base, "{not json")[0] == 400
    assert post(base, json.dumps(ARTICLE), ctype="text/html")[0] == 415


def test_a_server_without_ingest_takes_no_articles(seeds_out):
    server = ClaimgraphServer(seeds_out, port=0, workers=1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert post(f"http://127.0.0.1:{server.server_address[1]}", json.dumps(ARTICLE))[0] == 404
    finally:
        server.shutdown()
        server.server_close()


def test_watch_feeds_the_articles_that_appear_in_a_folder(seeds_out, tmp_path):
    from click.testing import CliRunner

    from claimgraph.cli import main

    out, incoming = tmp_path / "out", tmp_path / "incoming"
    shutil.copytree(seeds_out, out)
    incoming.mkdir()
    (incoming / "harbour.txt").write_text(ARTICLE["text"], encoding="utf-8")
    (incoming / "scan.pdf").write_bytes(b"%PDF-1.7 ...")
    result = CliRunner().invoke(main, ["watch", str(incoming), "--out", str(out), "--once"])
    assert result.exit_code == 0, result.output
    assert "stored harbour.txt" in result.output and "scan.pdf: PDF document, not an article" in result.output
    assert "harbour.txt" in (out / "attributions.jsonl").read_text(encoding="utf-8")  # the files written on stopping


def test_the_ingest_token_takes_articles_only_not_sparql_updates_or_corrections(ingesting):
    base, _, _ = ingesting
    headers = {"Content-Type": "application/sparql-update", "Authorization": "Bearer s3cret"}
    req = urllib.request.Request(f"{base}/sparql", data=b"INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }",
                                 headers=headers, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req, timeout=30)
    assert refused.value.code == 403
    req = urllib.request.Request(f"{base}/corrections", data=b'{"merge_actors": ["US officials", "US official"]}\n',
                                 headers={**headers, "Content-Type": "application/x-ndjson"}, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req, timeout=30)
    assert refused.value.code == 403


def test_hostile_bodies_are_refused_with_a_400_and_the_server_goes_on(ingesting):
    base, _, _ = ingesting
    for body, ctype in (("[" * 100_000 + "]" * 100_000, "application/json"),
                        ('{"id": ' + "9" * 5000 + ', "text": "x"}', "application/json"),
                        ('{"a":' * 50_000 + "1" + "}" * 50_000, "application/x-ndjson")):
        status, said = post(base, body, ctype)
        assert status == 400, (status, said)
    status, said = post(base, json.dumps({"id": "sur", "text": "Officials said \ud800 the talks failed again."}))
    assert status == 400 and "not valid Unicode" in said  # every article refused: 400, each named
    assert "Ana Ruiz" not in {r["source"] for r in who_denies(base, "cancelled")}  # nothing half-stored


def test_a_word_of_a_million_letters_is_stored_in_seconds_not_minutes(ingesting):
    """The role patterns tried a name at every letter of a word: one hostile article held the
    writer (and the interpreter) for minutes."""
    base, _, _ = ingesting
    status, said = post(base, json.dumps({"id": "oneword", "text": "A" * 1_000_000 + " a b c d e said the man."}))
    assert status == 200 and said["stored"] == ["oneword"] and said["seconds"] < 20


def test_the_files_written_on_a_quiet_spell_leave_the_catalog_current(ingesting):
    from claimgraph.graph.store.catalog import health

    base, out, server = ingesting
    assert post(base, json.dumps(ARTICLE))[0] == 200
    server.ingest.flush()
    assert health(out) == "whole and current"
