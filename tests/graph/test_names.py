"""Names come from untrusted text: quotes, angle brackets, spaces, newlines, emoji, RTL marks and
`javascript:` in a speaker's name, an article's id, title, outlet or URL never break the IRIs or
the Turtle, TriG, N-Quads and JSON-LD output — every export parses back to the same graph."""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pyoxigraph as ox
import rdflib
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from claimgraph.extractors import Article, Attribution, Source
from claimgraph.graph import article_graph, export
from claimgraph.snapshot import _write_trig

NASTY = st.sampled_from(['"', "'", "<", ">", " ", "\n", "\r", "\t", "\\", "{", "}", "|", "^", "`", "#", "%",
                         "javascript:", "😀", "\u200f", "\u202e", "\u0000", "\ufffd", ":", "/", "?", "&", "@",
                         "_:b0", "<script>", "]]>", '"""'])
NAMES = st.lists(st.one_of(NASTY, st.text(min_size=1, max_size=6)), min_size=1, max_size=8).map("".join).filter(
    lambda s: s.strip() != "")


def store_of(name: str, doc: str, title: str, url: str) -> ox.Store:
    sentence = f"{name} said yes."
    art = Article(id=doc, text=sentence, title=title, outlet=name, url=url)
    rec = Attribution(id=f"{doc}-1", doc=doc, source=Source(name, name, "person", 0, len(name)), cue="said",
                      cue_start=len(name) + 1, cue_end=len(name) + 5, content="yes", content_start=len(name) + 6,
                      content_end=len(name) + 9, type="indirect", stance="asserts", certainty="certain",
                      sentence=sentence, sentence_start=0, sentence_end=len(sentence), claim=f"claim-{name}")
    store = ox.Store()
    store.extend(article_graph(art, [rec], version="test").quads)
    return store


def merged(store: ox.Store) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=ox.serialize([q.triple for q in store], format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")
    return g


@settings(max_examples=40, deadline=None)
@given(name=NAMES, doc=NAMES, title=NAMES, url=NAMES)
@example(name='"', doc=".", title='"', url='"')  # an id that is a dot segment ("article/." is "article/")
def test_hostile_names_survive_every_export(name, doc, title, url):
    store = store_of(name, doc, title, url)
    quads = set(store)
    expected = merged(store)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, parse_as in (("trig", "trig"), ("nquads", "nquads"), ("turtle", "turtle"), ("jsonld", "json-ld")):
            path = export(store, fmt, Path(tmp) / f"g.{fmt}")
            if fmt in ("trig", "nquads"):
                back = ox.Store()
                back.load(path=str(path), format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS)
                assert set(back) == quads, fmt
                ds = rdflib.Dataset()
                ds.parse(path, format=parse_as)  # a second, independent parser
                assert sum(1 for _ in ds.quads((None, None, None, None))) == len(quads), fmt
            else:
                assert isomorphic(rdflib.Graph().parse(path, format=parse_as), expected), fmt
    buf = io.BytesIO()  # the build's own graph.trig writer
    _write_trig(store, sorted(g.value for g in store.named_graphs()), buf, None, {})
    back = ox.Store()
    back.load(buf.getvalue(), format=ox.RdfFormat.TRIG)
    assert set(back) == quads


def test_a_name_ending_in_a_dot_is_read_back_by_rdflib_too():
    """"Apple Inc.", "Donald Trump Jr.": Oxigraph writes the IRI as a prefixed name ending in an
    escaped dot, valid Turtle that rdflib's parser stops at (realnews' graph.trig could not be
    loaded into rdflib); the build's and the exports' TriG and Turtle write such names in full."""
    store = store_of("Apple Inc.", "a.txt", "Talks", "https://example.org/a")
    quads = set(store)
    buf = io.BytesIO()
    _write_trig(store, sorted(g.value for g in store.named_graphs()), buf, None, {})
    ds = rdflib.Dataset()
    ds.parse(data=buf.getvalue(), format="trig")
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(quads)
    with tempfile.TemporaryDirectory() as tmp:
        ds = rdflib.Dataset()
        ds.parse(export(store, "trig", Path(tmp) / "g.trig"), format="trig")
        assert sum(1 for _ in ds.quads((None, None, None, None))) == len(quads)
        assert isomorphic(rdflib.Graph().parse(export(store, "turtle", Path(tmp) / "g.ttl"), format="turtle"), merged(store))
