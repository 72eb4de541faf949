"""Exports for the tools journalists and network researchers already use: the page's network as
GEXF (Gephi) and GraphML (Cytoscape), and every attribution as a spreadsheet row (issue 28)."""
from __future__ import annotations

import csv
import html
import json
import re
from collections import Counter

import networkx as nx
from click.testing import CliRunner

from claimgraph.cli import main


def _export(out, fmt, target):
    result = CliRunner().invoke(main, ["export", "--store", str(out), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def _page_network(out):
    page = (out / "explorer.html").read_text(encoding="utf-8")
    raw = re.search(r'<script id="cg-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(html.unescape(raw) if "&quot;" in raw else raw)
    labels = [n["label"] for n in data["nodes"]]
    return Counter(labels), Counter((labels[e["from"]], e["rel"], labels[e["to"]]) for e in data["edges"])


def test_gexf_reads_back_in_networkx_with_the_pages_nodes_and_edges(seeds_out, tmp_path):
    G = nx.read_gexf(_export(seeds_out, "gexf", tmp_path / "story.gexf"))
    nodes, edges = _page_network(seeds_out)
    assert Counter(d["label"] for _, d in G.nodes(data=True)) == nodes
    assert Counter((G.nodes[u]["label"], d["relation"], G.nodes[v]["label"]) for u, v, d in G.edges(data=True)) == edges
    aid = next(n for n, d in G.nodes(data=True) if d["label"].startswith("Russia has asked China for military"))
    assert G.nodes[aid]["kind"] == "claim" and G.nodes[aid]["contested"]
    deniers = {G.nodes[u]["label"] for u, _, d in G.in_edges(aid, data=True) if d["relation"] == "denies"}
    assert {"Liu Pengyu", "Dmitry Peskov", "Zhao Lijian"} <= deniers


def test_graphml_holds_the_same_network_for_cytoscape(seeds_out, tmp_path):
    G = nx.read_graphml(_export(seeds_out, "graphml", tmp_path / "story.graphml"))
    nodes, edges = _page_network(seeds_out)
    assert Counter(d["label"] for _, d in G.nodes(data=True)) == nodes
    assert sum(edges.values()) == G.number_of_edges()


def test_the_csv_has_one_row_per_attribution_with_its_article_and_evidence(seeds_out, tmp_path):
    path = _export(seeds_out, "csv", tmp_path / "attributions.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    records = [json.loads(line) for line in (seeds_out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    for row, rec in zip(rows, records, strict=True):
        assert row["sentence"] == rec["sentence"] and int(row["content_start"]) == rec["content_start"]
        assert row["published"].startswith("2022-03-1") and row["claim_label"]
    peskov = next(r for r in rows if r["source"] == "Dmitry Peskov" and r["stance"] == "denies")
    assert "untrue" in peskov["content"] and peskov["claim_label"].startswith("Russia has asked China")


def test_a_cell_a_spreadsheet_would_run_as_a_formula_stays_text(tmp_path):
    from claimgraph.graph.store.spreadsheet import cell

    assert cell('=HYPERLINK("http://evil.example","x")').startswith("'=")
    assert cell("+1 said") == "'+1 said" and cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell(-1) == "-1" and cell([[3, 9], [12, 20]]) == "3-9; 12-20" and cell(None) == ""
