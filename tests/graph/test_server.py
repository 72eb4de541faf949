"""The SPARQL endpoint, tested with real HTTP clients against a running server on loopback."""
from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from claimgraph.graph.server import ClaimgraphServer, negotiate


@pytest.fixture(scope="module")
def endpoint(seeds_out):
    server = ClaimgraphServer(seeds_out, "127.0.0.1", 0, timeout=2.0, workers=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def get(url, accept=None):
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def post(url, data, ctype):
    req = urllib.request.Request(url, data=data.encode(), headers={"Content-Type": ctype}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


Q = "SELECT DISTINCT ?name WHERE { ?a cg:source/cg:name ?name } ORDER BY ?name"


def test_get_query_with_json_results(endpoint):
    status, headers, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(Q)}", "application/sparql-results+json")
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    names = [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert "Liu Pengyu" in names


@pytest.mark.parametrize(("accept", "media"), [
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
])
def test_content_negotiation(endpoint, accept, media):
    status, headers, _ = get(f"{endpoint}/sparql?query={urllib.parse.quote(Q)}", accept)
    assert status == 200 and headers["Content-Type"].startswith(media)


def test_post_forms_and_construct_as_turtle(endpoint):
    status, _, body = post(f"{endpoint}/sparql", urllib.parse.urlencode({"query": Q}), "application/x-www-form-urlencoded")
    assert status == 200 and b"Liu Pengyu" in body
    construct = "CONSTRUCT { ?a cg:name ?n } WHERE { ?a cg:name ?n } LIMIT 5"
    req = urllib.request.Request(f"{endpoint}/sparql", data=construct.encode(),
                                 headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.headers["Content-Type"].startswith("text/turtle") and b"cg:name" in resp.read()


def test_sparqlwrapper_client(endpoint):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery("PREFIX cg: <https://w3id.org/claimgraph/ontology#> "
                    "SELECT ?who WHERE { ?a cg:stance cg:Denial ; cg:source/cg:name ?who }")
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert "Dmitry Peskov" in {b["who"]["value"] for b in result["results"]["bindings"]}


def test_malformed_query_is_400_with_the_parser_message(endpoint):
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote('SELECT ?x WHERE {')}")
    assert status == 400 and b"error" in body.lower()


def test_update_is_403_when_read_only(endpoint):
    status, _, body = post(f"{endpoint}/sparql", urllib.parse.urlencode({"update": "DROP ALL"}),
                           "application/x-www-form-urlencoded")
    assert status == 403 and b"read-only" in body
    status, _, _ = post(f"{endpoint}/sparql", "CLEAR ALL", "application/sparql-update")
    assert status == 403


def test_service_is_403(endpoint):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(q)}")
    assert status == 403 and b"SERVICE" in body


def test_slow_query_is_cut_at_the_timeout_and_the_server_goes_on(endpoint):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    t0 = time.monotonic()
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(slow)}")
    assert status == 503 and b"stopped after 2 s" in body and time.monotonic() - t0 < 10
    assert get(f"{endpoint}/sparql?query={urllib.parse.quote(Q)}")[0] == 200


def test_a_query_that_needs_too_much_memory_is_stopped_and_the_server_goes_on(seeds_out):
    server = ClaimgraphServer(seeds_out, "127.0.0.1", 0, timeout=60.0, workers=1, max_memory=1024 * 2**20)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        hog = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"  # sorts every pair of quads
        status, _, body = get(f"{base}/sparql?query={urllib.parse.quote(hog)}")
        assert status == 503 and b"memory" in body
        assert get(f"{base}/sparql?query={urllib.parse.quote(Q)}")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_named_query_bindings_over_http(endpoint):
    status, _, body = get(f"{endpoint}/queries")
    text = json.loads(body)["who-denies"]["query"]
    url = f"{endpoint}/sparql?query={urllib.parse.quote(text)}&$text={urllib.parse.quote('untrue')}"
    status, _, body = get(url, "application/sparql-results+json")
    assert status == 200 and "Dmitry Peskov" in body.decode()


def test_200_concurrent_queries(endpoint):
    url = f"{endpoint}/sparql?query={urllib.parse.quote(Q)}"
    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(lambda _: get(url)[0], range(200)))
    assert statuses.count(200) == 200


def test_query_page_lists_named_queries(endpoint):
    status, headers, body = get(f"{endpoint}/query")
    assert status == 200 and b"who-denies" in body and headers["Content-Type"].startswith("text/html")


def test_the_explorer_is_served_at_the_root_with_its_policy(endpoint):
    status, headers, body = get(f"{endpoint}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'id="cg-graph"' in body and b"Russia has asked China" in body
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_binds_loopback_by_default(seeds_out):
    server = ClaimgraphServer(seeds_out, port=0, workers=1)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_accept_header_negotiation():
    assert negotiate("text/csv;q=0.5, application/sparql-results+json") == "json"
    assert negotiate("text/csv, */*;q=0.1") == "csv"
    assert negotiate(None) == "json"


def test_updates_when_allowed_are_seen_by_later_queries(tmp_path):
    import claimgraph

    from ..conftest import SEEDS

    out = tmp_path / "out"
    claimgraph.build([SEEDS / "002_6f9a4bfcb0472e4f.txt"], out)
    server = ClaimgraphServer(out, port=0, allow_update=True, workers=1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        update = 'INSERT DATA { GRAPH <urn:g> { <urn:x> <https://w3id.org/claimgraph/ontology#name> "Inserted" } }'
        status, _, _ = post(f"{base}/sparql", urllib.parse.urlencode({"update": update}), "application/x-www-form-urlencoded")
        assert status == 204
        q = 'ASK { <urn:x> cg:name "Inserted" }'
        status, _, body = get(f"{base}/sparql?query={urllib.parse.quote(q)}")
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        server.shutdown()
        server.server_close()
