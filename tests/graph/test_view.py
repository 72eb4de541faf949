"""The networkx view of a store, its analytics, the explorer page and the static figure — read
as the questions a user asks of them (no browser here; see test_explorer_browser.py)."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET

import pytest

import claimgraph
from claimgraph.graph import (
    GraphStore,
    anonymous_reliance,
    contested_claims,
    contradictions,
    explorer_html,
    find,
    most_cited_sources,
    neighbourhood,
    project,
    reporting_chains,
    top,
)
from claimgraph.graph.view.explorer import explorer_data
from claimgraph.graph.view.figure import draw
from claimgraph.graph.view.layout import layout
from claimgraph.graph.view.network import MAX_EVIDENCE, MAX_OUTLET_EVIDENCE

# Two outlets with publisher metadata, written for these tests.
HARBOUR = [
    {"id": "gazette-1", "outlet": "Harbour Gazette", "title": "Terminal to open in May",
     "text": ('"The new terminal will open in May," said Dana Reyes, the port director. '
              'People familiar with the matter said the budget had doubled since March.')},
    {"id": "times-1", "outlet": "Coastal Times", "title": "Union disputes opening date",
     "text": ('The dockworkers\' union denied that the new terminal will open in May. '
              'Anonymous officials said the budget had doubled since March.')},
]


def _build(tmp_path, rows, name):
    src = tmp_path / f"{name}.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / name
    report = claimgraph.build([src], out, validate=False)
    assert report.articles == len(rows)
    return out


@pytest.fixture(scope="module")
def seeds_graph(seeds_out):
    with GraphStore(seeds_out) as store:
        return project(store.ox)


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    out = _build(tmp_path_factory.mktemp("harbour"), HARBOUR, "out")
    with GraphStore(out) as store:
        return project(store.ox)


def _label(G, n):
    return G.nodes[n]["label"]


def test_the_contested_claim_is_one_node_asserted_and_denied_by_the_right_actors(seeds_graph):
    G = seeds_graph
    [aid] = [r for r in contested_claims(G) if "asked China" in r.label]
    assert G.nodes[aid.claim]["contested"] and aid.mentions >= 15 and aid.articles == 5
    assert {"Financial Times", "US officials"} <= set(aid.asserted_by)
    assert {"Liu Pengyu", "Dmitry Peskov", "Zhao Lijian"} <= set(aid.denied_by)
    denier_edges = {_label(G, u) for u, _, k in G.in_edges(aid.claim, keys=True) if k == "denies"}
    assert "Liu Pengyu" in denier_edges


def test_every_stance_edge_keeps_its_sentence_with_cue_and_content_located(seeds_graph):
    edges = [(k, e) for *_, k, e in seeds_graph.edges(keys=True, data=True) if k != "contradicts"]
    assert edges
    located = outside = 0
    for k, e in edges:
        most = MAX_OUTLET_EVIDENCE if k in ("reports", "cites") else MAX_EVIDENCE
        assert e["weight"] >= len(e["evidence"]) >= min(e["weight"], most)
        for ev in e["evidence"]:
            spans = ((ev.cue, ev.cue_text), *((p, ev.content_text) for p in ev.pieces or (ev.content,)))
            for (a, b), text in spans:
                if (a, b) == (0, 0):  # the parser split it off into a neighbouring sentence
                    assert text.strip(), (k, ev)
                    outside += 1
                    continue
                assert 0 <= a < b <= len(ev.sentence), (k, ev)
                span = ev.sentence[a:b]  # a content cut to its sentence, or a cue with a word between
                assert span in text or text in span or set(text.split()) <= set(span.split()), (k, ev)
                located += 1
    assert outside <= located * 0.1


def test_sullivan_quote_whose_polarity_flips_between_translations_is_marked(seeds_graph):
    G = seeds_graph
    flips = [v for v in G.graph["variants"] if v.flip]
    assert [_label(G, v.speaker) for v in flips] == ["Jake Sullivan"]
    [v] = flips
    wordings = {v.first.content_text, v.second.content_text}
    assert any("absolutely be consequences" in w for w in wordings)
    assert any("absolutely no repercussions" in w for w in wordings)
    assert v.first.doc != v.second.doc
    assert any(e.get("flip") for e in G[v.speaker][v.claim].values())


def test_who_contradicts_whom_pairs_asserters_with_deniers(seeds_graph):
    pairs = {(r.first, r.second) for r in contradictions(seeds_graph)}
    assert ("Financial Times", "Liu Pengyu") in pairs and ("Dmitry Peskov", "US officials") in pairs
    assert all(a != b for a, b in pairs)


def test_most_cited_sources_count_their_statements(seeds_graph):
    top_five = most_cited_sources(seeds_graph, 5)
    assert top_five[0].name == "Jake Sullivan" and top_five[0].statements >= 8
    assert [r.statements for r in top_five] == sorted((r.statements for r in top_five), reverse=True)


def test_the_ft_relays_anonymous_officials(seeds_graph):
    ft = {r.name: r for r in anonymous_reliance(seeds_graph)}["Financial Times"]
    assert ft.anonymous >= 2 and ft.share > 0.5
    chains = reporting_chains(seeds_graph)
    assert any(c.outlet == "Financial Times" and c.source == "US officials" and "asked China" in c.claim
               for c in chains)


def test_publishers_report_claims_and_cite_their_sources(harbour):
    G = harbour
    outlets = {_label(G, n): n for n, d in G.nodes(data=True) if d["kind"] == "outlet"}
    assert {"Harbour Gazette", "Coastal Times"} <= set(outlets)
    for name in ("Harbour Gazette", "Coastal Times"):
        kinds = {k for _, _, k in G.out_edges(outlets[name], keys=True)}
        assert {"reports", "cites"} <= kinds, name
    cited = {_label(G, v) for _, v, k in G.out_edges(outlets["Harbour Gazette"], keys=True) if k == "cites"}
    assert "Dana Reyes" in cited
    reliance = {r.name: r for r in anonymous_reliance(G)}
    assert reliance["Coastal Times"].anonymous >= 1


def test_focus_on_a_claim_keeps_who_said_it_and_nothing_far(seeds_graph):
    G = seeds_graph
    hits = find(G, "military equipment", kinds=("claim",))
    assert hits and G.nodes[hits[0]]["contested"]
    ego = neighbourhood(G, hits[:1], radius=1)
    names = {_label(ego, n) for n in ego}
    assert {"Liu Pengyu", "Financial Times", "US officials"} <= names
    assert "Chris Johnson" not in names and len(ego) < len(G)


def test_top_k_keeps_the_contested_claims_and_drops_unconnected_nodes(seeds_graph):
    small = top(seeds_graph, 20)
    assert len(small) <= 20
    assert any(d.get("contested") for _, d in small.nodes(data=True))
    assert all(small.degree(n) > 0 for n in small)
    assert top(seeds_graph, 0) is seeds_graph


def test_layout_is_deterministic_and_spreads_nodes(seeds_graph):
    a, b = layout(seeds_graph), layout(seeds_graph)
    assert a == b and len(a) == len(seeds_graph)
    assert len({(round(x), round(y)) for x, y in a.values()}) == len(a)


def _page_scripts(page: str) -> list[tuple[str, str]]:
    return re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)


def test_the_page_is_self_contained_and_only_its_own_scripts_may_run(seeds_graph):
    page = explorer_html(seeds_graph)
    assert not re.search(r"""<(link|img|iframe)\b|\b(src|href)\s*=\s*["']?(https?:)?//""", page, flags=re.I)
    scripts = _page_scripts(page)
    assert [attrs.strip() for attrs, _ in scripts] == ['id="cg-data" type="application/json"', "", ""]
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    for _, body in scripts[1:]:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_hostile_text_stays_data_in_the_page(hostile_out):
    page = (hostile_out / "explorer.html").read_text(encoding="utf-8")
    (_, data), *_ = _page_scripts(page)
    assert "<" not in data and ">" not in data  # nothing in the JSON can close its script block
    decoded = json.loads(data)
    text = json.dumps(decoded, ensure_ascii=False)
    assert "<script>window.__pwned=1" in text and "onerror=alert(2)" in text  # the payloads are there, as data
    outside = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    assert "alert(" not in outside and "__pwned" not in outside


def test_explorer_data_says_how_much_is_shown(seeds_graph):
    data = explorer_data(seeds_graph, max_nodes=30)
    assert data["shown"]["nodes"] <= 30 < data["total"]["nodes"]
    assert len(data["vis"]["nodes"]) == len(data["nodes"]) == data["shown"]["nodes"]
    assert all(n["physics"] is False and "x" in n for n in data["vis"]["nodes"])
    assert data["vis"]["options"]["physics"]["enabled"] is False


def test_build_writes_the_explorer(seeds_out):
    page = (seeds_out / "explorer.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "Russia has asked China" in page


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_static_picture_for_reports(seeds_graph, tmp_path, suffix):
    path = draw(seeds_graph, tmp_path / f"story.{suffix}")
    data = path.read_bytes()
    if suffix == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    else:
        root = ET.fromstring(data)
        assert root.tag.endswith("svg") and b"Liu Pengyu" in data


def test_the_layout_does_not_depend_on_the_hash_seed():
    """The same graph gets the same page in every process: a component laid out from a subgraph
    view followed Python's string hashing (PYTHONHASHSEED), so every build drew the story anew."""
    import os
    import subprocess
    import sys

    script = ("import json, networkx as nx\n"
              "from claimgraph.graph.view.layout import layout\n"
              "G = nx.MultiDiGraph()\n"
              "G.add_edges_from((f'claim {i % 7}', f'actor {i}') for i in range(40))\n"
              "G.add_edges_from((f'lone {i}', f'pair {i}') for i in range(30))\n"
              "print(json.dumps({k: [round(x, 3), round(y, 3)] for k, (x, y) in sorted(layout(G).items())}))\n")
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1
