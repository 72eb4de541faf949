"""No request leaves the machine on a client's behalf: what a query may do is read from its parse,
and the workers that run queries cannot open a network socket at all."""
from __future__ import annotations

import multiprocessing as mp
import socket
import sys
import threading

import pytest

from claimgraph.graph import QueryError, QueryRefused, guard
from claimgraph.graph.query import guard_update
from claimgraph.graph.query.refusals import no_network

#: Ways to write SERVICE that a guard reading the text can miss; each must be refused.
SERVICE_BYPASSES = [
    # an escaped quote in a prefixed name opens a "string" for a text scanner, not for the grammar:
    # the old regular-expression guard let this one through, and the engine ran the SERVICE
    ("PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ex:a\\' ?o . SERVICE <http://127.0.0.1:{port}/> { ?a ?b ?c } "
     "?s ?p 'x' }"),
    'SELECT * WHERE { ?s ?p "it\'s" . SERVICE <http://127.0.0.1:{port}/> { ?a ?b ?c } } # \'',
    "SELECT * WHERE { ?s ?p 'say \"hi' . SERVICE <http://127.0.0.1:{port}/> { ?a ?b ?c } } #\"",
    'SELECT * WHERE { ?s ?p "a\\"b" . SERVICE <http://127.0.0.1:{port}/> { ?a ?b ?c } }',
    "SELECT * WHERE { ?s ?p \"\"\"x \" ' \"\"\" . SERVICE <http://127.0.0.1:{port}/> { ?a ?b ?c } }",
    "SELECT * WHERE { #\n SERVICE <http://127.0.0.1:{port}/> { ?a ?b ?c } }",
    "PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE { SeRvIcE x:q { ?a ?b ?c } }",
    "SELECT * WHERE { { { OPTIONAL { SERVICE SILENT <http://127.0.0.1:{port}/> { ?a ?b ?c } } } } }",
    "SELECT * WHERE { FILTER EXISTS { SERVICE <http://127.0.0.1:{port}/> { ?a ?b ?c } } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:{port}/> AS ?u) SERVICE ?u { ?a ?b ?c } }",
    "INSERT { <http://a> <http://b> ?c } WHERE { SERVICE <http://127.0.0.1:{port}/> { ?a ?b ?c } }",
    "DELETE WHERE { ?s ?p ?o } ; INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
    "LOAD <http://127.0.0.1:{port}/data.ttl>",
]


@pytest.mark.parametrize("query", SERVICE_BYPASSES)
def test_every_way_of_writing_service_or_load_is_refused(query):
    text = query.replace("{port}", "8999")
    with pytest.raises(QueryRefused):
        guard(text, allow_update=True)


@pytest.mark.parametrize("update", [q for q in SERVICE_BYPASSES if q.startswith(("INSERT", "DELETE", "LOAD"))])
def test_a_writable_endpoint_refuses_them_in_updates_too(update):
    with pytest.raises(QueryRefused):
        guard_update(update.replace("{port}", "8999"))


def test_text_the_parser_cannot_read_is_refused_not_passed_on():
    with pytest.raises(QueryError, match="malformed"):
        guard("SELECT * WHERE { ?s ?p 'it''s' SERVICE <http://127.0.0.1:8999/> { ?a ?b ?c } }")


def test_words_inside_strings_and_iris_are_only_words():
    guard('SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" . ?s <http://ex.org/LOAD> ?o }')


def _service_from_a_sandboxed_process(port: int, out: mp.Queue) -> None:
    import pyoxigraph as ox

    out.put(no_network())
    try:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?a ?b ?c }} }}"))
        out.put("answered")
    except Exception as exc:  # the engine's SERVICE client cannot open a socket
        out.put(type(exc).__name__)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker sandbox is Linux's seccomp")
def test_a_query_worker_cannot_reach_the_network_even_without_the_guard():
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(3)
    port = listener.getsockname()[1]
    connections: list[object] = []

    def accept() -> None:
        try:
            connections.append(listener.accept())
        except OSError:
            pass

    waiter = threading.Thread(target=accept)
    waiter.start()
    out: mp.Queue = mp.get_context("fork").Queue()
    proc = mp.get_context("fork").Process(target=_service_from_a_sandboxed_process, args=(port, out))
    proc.start()
    proc.join(20)
    sandboxed, outcome = out.get(timeout=5), out.get(timeout=5)
    waiter.join(5)
    listener.close()
    assert sandboxed is True
    assert outcome != "answered" and connections == []  # the listener received nothing
