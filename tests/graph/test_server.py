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

from claimgraph.server import ClaimgraphServer, negotiate


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
        text = 'INSERT DATA { <urn:x> <https://w3id.org/claimgraph/ontology#name> "Inserted" }'
        assert update(base, text, token=server.token)[0] == 204
        q = 'ASK { <urn:x> cg:name "Inserted" }'
        status, _, body = get(f"{base}/sparql?query={urllib.parse.quote(q)}")
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        server.shutdown()
        server.server_close()


# -- a writable endpoint makes no request on a client's behalf and guards the build's graphs ------
class Listener:
    """A local HTTP server that records every request it gets (the target of LOAD and SERVICE)."""

    def __init__(self):
        from http.server import BaseHTTPRequestHandler, HTTPServer

        hits = self.hits = []

        class Record(BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/turtle")
                self.end_headers()
                self.wfile.write(b"<urn:a> <urn:b> <urn:c> .")

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Record)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/data"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def writable(tmp_path):
    import claimgraph

    from ..conftest import SEEDS

    out = tmp_path / "out"
    claimgraph.build([SEEDS / "002_6f9a4bfcb0472e4f.txt"], out)
    servers = []

    def start(**options):
        server = ClaimgraphServer(out, port=0, allow_update=True, workers=1, **options)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        TOKENS[base] = server.token
        return base

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


TOKENS: dict[str, str] = {}  # each writable endpoint's token (generated when the test gives none)


def update(base, text, token=None, headers=None):
    """POST an update with the endpoint's own token (``token="none"``: without one)."""
    token = TOKENS.get(base) if token is None else token
    headers = {"Content-Type": "application/sparql-update", **(headers or {})}
    if token and token != "none":
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(f"{base}/sparql", data=text.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_load_and_service_in_an_update_are_refused_and_reach_nobody(writable):
    base, listener = writable(), Listener()
    try:
        status, body = update(base, f"LOAD <{listener.url}> INTO GRAPH <urn:loaded>")
        assert status == 403 and b"LOAD" in body
        status, body = update(base, f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
        assert status == 403 and b"SERVICE" in body
        assert listener.hits == []
    finally:
        listener.close()


@pytest.mark.parametrize("text", [
    "CLEAR ALL", "DROP NAMED",
    "DROP GRAPH <https://w3id.org/claimgraph/id/graph/story>",
    "INSERT DATA { GRAPH <https://w3id.org/claimgraph/id/article/002_6f9a4bfcb0472e4f.txt> { <urn:a> <urn:b> <urn:c> } }",
    "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_updates_may_not_touch_the_builds_graphs(writable, text):
    status, body = update(writable(), text)
    assert status == 403, body


def test_plain_inserts_work_in_the_default_and_user_graphs(writable):
    base = writable()
    assert update(base, "INSERT DATA { <urn:note> <urn:says> 'checked' }")[0] == 204
    user = "https://w3id.org/claimgraph/id/graph/user/notes"
    assert update(base, f"INSERT DATA {{ GRAPH <{user}> {{ <urn:note> <urn:says> 'twice' }} }}")[0] == 204
    assert update(base, f"CLEAR GRAPH <{user}>")[0] == 204


def test_a_token_guards_updates(writable):
    base = writable(token="s3cret")
    assert update(base, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", token="none")[0] == 401
    assert update(base, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", token="wrong")[0] == 401
    assert update(base, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", token="s3cret")[0] == 204
    assert get(f"{base}/sparql?query={urllib.parse.quote('ASK { ?s ?p ?o }')}")[0] == 200  # reading needs none


def test_a_writable_endpoint_beyond_loopback_needs_a_token(seeds_out):
    from claimgraph.server import UnsafeEndpoint

    with pytest.raises(UnsafeEndpoint, match="token"):
        ClaimgraphServer(seeds_out, "0.0.0.0", 0, allow_update=True, workers=1)


def test_a_failing_update_and_a_failing_page_still_get_an_answer(writable, monkeypatch):
    base = writable()
    status, body = update(base, "INSERT DATA { <urn:a> <urn:b> ")
    assert status == 400 and body.count(b"\n") == 1

    def broken(self):
        raise RuntimeError("the page could not be drawn")

    monkeypatch.setattr(ClaimgraphServer, "explorer_page", broken)
    status, _, body = get(f"{base}/")
    assert status == 500 and b"the page could not be drawn" in body and body.count(b"\n") == 1


def test_sigterm_stops_the_server_cleanly(seeds_out):
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "from claimgraph.cli import main; main()", "serve", "--store",
                             str(seeds_out), "--port", "0", "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert "explorer at http://127.0.0.1:" in line and "/sparql" in line
        base = line.split("explorer at ")[1].split("/,")[0]
        assert get(f"{base}/sparql?query={urllib.parse.quote('ASK { ?s ?p ?o }')}")[0] == 200
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert "Traceback" not in err, err


# -- a writable endpoint safe by default, and a server bounded for every framing --------------------
def test_updates_always_need_a_token_and_one_is_generated_when_none_is_given(writable):
    base = writable()
    assert TOKENS[base] and len(TOKENS[base]) >= 24
    assert update(base, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", token="none")[0] == 401
    assert update(base, "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                  headers={"Authorization": TOKENS[base]}, token="none")[0] == 401  # a bare token is no Bearer
    assert update(base, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")[0] == 204


def test_a_cross_site_form_cannot_write(writable):
    base = writable()
    form = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    status, _, body = post(f"{base}/sparql", form, "application/x-www-form-urlencoded")
    assert status == 415 and b"application/sparql-update" in body
    status, _ = update(base, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", headers={"Origin": "https://evil.example"})
    assert status == 403
    status, _ = update(base, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", headers={"Sec-Fetch-Site": "cross-site"})
    assert status == 403


def raw_request(base, text):
    """Send ``text`` as it is (headers we write ourselves) and return the status line's code."""
    import socket

    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(text.encode())
        reply = sock.recv(4096).decode("latin-1")
    return int(reply.split()[1])


@pytest.mark.parametrize(("headers", "status"), [
    ("Content-Length: -1\r\n", 400),
    ("Content-Length: abc\r\n", 400),
    ("Content-Length: 99999999\r\n", 413),
    ("Transfer-Encoding: chunked\r\n", 411),
])
def test_every_body_framing_is_bounded(endpoint, headers, status):
    host = endpoint.removeprefix("http://")
    request = (f"POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n{headers}"
               "Connection: close\r\n\r\nASK {}")
    assert raw_request(endpoint, request) == status


def test_a_page_rebound_to_this_machine_is_refused_by_its_host_name(endpoint):
    port = endpoint.rsplit(":", 1)[1]
    ask = urllib.parse.quote("ASK { ?s ?p ?o }")
    rebound = f"GET /sparql?query={ask} HTTP/1.1\r\nHost: attacker.example:{port}\r\nConnection: close\r\n\r\n"
    assert raw_request(endpoint, rebound) == 403
    for name in ("127.0.0.1", "localhost"):
        local = f"GET /sparql?query={ask} HTTP/1.1\r\nHost: {name}:{port}\r\nConnection: close\r\n\r\n"
        assert raw_request(endpoint, local) == 200


def test_head_answers_like_get_without_a_body(endpoint):
    req = urllib.request.Request(f"{endpoint}/queries", method="HEAD")
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 200 and resp.read() == b""


def test_waiting_for_a_busy_worker_counts_against_the_deadline(seeds_out):
    from claimgraph.graph import QueryPool, QueryTimeout

    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    pool = QueryPool(seeds_out / "store", workers=1, timeout=1.5)
    try:
        with ThreadPoolExecutor(4) as ex:
            slows = [ex.submit(pool.run, slow) for _ in range(3)]
            time.sleep(0.2)
            t0 = time.monotonic()
            quick = ex.submit(pool.run, "ASK { ?s ?p ?o }")
            try:
                quick.result(timeout=30)  # a worker came free in time
            except QueryTimeout:
                pass  # or the endpoint said it was busy, at the query's own deadline
            waited = time.monotonic() - t0
            for f in slows:
                with pytest.raises(QueryTimeout):
                    f.result(timeout=30)
        assert waited < 3.0  # not after the three slow queries (4.5 s, 51 s before the fix with 20)
    finally:
        pool.close()


def test_client_mistakes_are_4xx_with_one_line(endpoint, writable):
    ask = urllib.parse.quote("SELECT ?x WHERE { ?x ?p ?o } LIMIT 1")
    status, _, body = get(f"{endpoint}/sparql?query={ask}&$nope=a")
    assert status == 400 and body.count(b"\n") == 1
    base = writable()
    status, body = update(base, "DROP GRAPH <https://w3id.org/claimgraph/id/graph/user/missing>")
    assert status == 400 and b"does not exist" in body


def test_an_update_runs_with_limits_and_cannot_hold_the_write_lock(writable):
    import psutil

    base = writable(timeout=2.0)
    me = psutil.Process()
    before = me.memory_info().rss
    t0 = time.monotonic()
    status, body = update(base, "INSERT { ?a <urn:p> ?g } WHERE { GRAPH ?x { ?a ?b ?c } GRAPH ?y { ?d ?e ?f } "
                               "GRAPH ?z { ?g ?h ?i } }")
    assert status == 503 and b"stopped" in body and time.monotonic() - t0 < 60
    assert me.memory_info().rss - before < 200 * 2**20  # the server's own memory stays where it was
    assert update(base, "INSERT DATA { <urn:after> <urn:b> <urn:c> }")[0] == 204  # the lock is free again
    ask = urllib.parse.quote("ASK { <urn:after> <urn:b> <urn:c> }")
    assert json.loads(get(f"{base}/sparql?query={ask}")[2])["boolean"] is True


def test_a_silent_connection_is_closed_and_connections_past_the_cap_get_503(seeds_out, monkeypatch):
    import socket

    import claimgraph.server as srv

    monkeypatch.setattr(srv, "IDLE_TIMEOUT", 0.5)
    monkeypatch.setattr(srv, "MAX_CONNECTIONS", 2)
    server = ClaimgraphServer(seeds_out, "127.0.0.1", 0, workers=1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = server.server_address[:2]
    try:
        held = [socket.create_connection(address, timeout=10) for _ in range(2)]  # say nothing
        time.sleep(0.2)
        with socket.create_connection(address, timeout=10) as third:
            assert third.recv(64).startswith(b"HTTP/1.1 503")
        for sock in held:  # the silent ones are closed by the server, freeing their threads
            assert sock.recv(64) == b""
            sock.close()
        time.sleep(0.2)
        ask = urllib.parse.quote("ASK { ?s ?p ?o }")
        assert get(f"http://{address[0]}:{address[1]}/sparql?query={ask}")[0] == 200
    finally:
        server.shutdown()
        server.server_close()
