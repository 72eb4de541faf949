"""The interactive HTML explorer: one self-contained page per graph.

pyvis builds the vis-network nodes, edges and options; the page around them is our own template
(``templates/explorer.*``) rather than pyvis' because pyvis 0.3.2's pages link Bootstrap from a CDN
even "in line", write ``lib/`` into the working folder, and leave physics to settle in the browser
(a 2,000-node page never stabilised in headless Chromium). Here:

* everything is inlined (vis-network from the pyvis package, our script and style), and a
  Content-Security-Policy lets only those exact scripts run and no request leave the page;
* the layout is computed in Python (networkx spring layout) and physics is off, so the page draws
  at once; by default only the most important nodes are shown (:func:`.network.top`);
* article text is untrusted: it travels as JSON in a non-executable ``<script
  type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the page puts it in
  the document only as text nodes, never as HTML.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import os
from collections.abc import Callable
from dataclasses import asdict, fields
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from claimgraph.graph.view import analytics
from claimgraph.graph.view.evidence import Evidence
from claimgraph.graph.view.layout import layout_of
from claimgraph.graph.view.network import CLAIM, STANCES, importance, top
from claimgraph.graph.view.palette import CONTESTED, DEFAULT_MAX_NODES, EDGES, FLIP, NODES, REVIEWED
from claimgraph.graph.view.storyview import sides, story_claims
from claimgraph.ontology.vocab import NEGATIVE_STANCES, POSITIVE_STANCES, Mode

#: Nodes shown by default; the page says how many were left out and how to see them all.
_LABEL_MAX = 60
#: The smallest label drawn, in pixels on screen (explorer.js reads it from the options).
LABEL_MIN_PX = 11
#: Most actors a story view lists per side; the page draws as many as its window holds.
_STORY_SIDE_MAX = 40


_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))
_ARTICLE_FIELDS = ("title", "outlet", "url", "published")  # the text stays out: passages are cut from it


def _asset(name: str) -> str:
    return (resources.files("claimgraph.graph.view") / "templates" / name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def shorten(text: str, n: int = _LABEL_MAX) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def explorer_data(G: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES, title: str = "claimgraph explorer",
                  note: str | None = None, focus: str | None = None,
                  text_of: Callable[[str], str | None] | None = None) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data: the vis-network nodes, edges and options
    (built with pyvis), for each node and edge what the side panel needs, and the story view the
    page opens on (:mod:`.storyview`; ``focus``: a phrase of the claim to open on). ``text_of``:
    an article's text where the graph keeps none (a saved projection), for evidence passages."""
    from pyvis.network import Network

    shown = top(G, max_nodes)
    pos = layout_of(G, shown)
    order = sorted(shown, key=lambda n: (-importance(shown, n), n))
    index = {n: i for i, n in enumerate(order)}
    articles = G.graph.get("articles", {})
    docs = sorted({d for n in shown for d in shown.nodes[n]["docs"]}
                  | {ev.doc for *_, e in shown.edges(data=True) for ev in e["evidence"]}
                  | {ev.doc for var in G.graph.get("variants", []) for ev in (var.first, var.second)})
    doc_index = {d: i for i, d in enumerate(docs)}
    big = len(shown) > 1500

    net = Network(directed=True, cdn_resources="remote", height="100%", width="100%")
    nodes_meta = []
    for n in order:
        data = shown.nodes[n]
        net.add_node(index[n], label=shorten(data["label"], 40 if big or data["kind"] != CLAIM else _LABEL_MAX),
                     **_node_options(data, pos[n]))
        nodes_meta.append({
            "id": index[n], "kind": data["kind"], "label": data["label"], "mentions": data["mentions"],
            "contested": bool(data.get("contested")), "docs": sorted(doc_index[d] for d in data["docs"] if d in doc_index),
            "roles": sorted(data.get("roles", ())),
        })
    evidence = _EvidenceTable()
    edges_meta = []
    for k, (u, v, rel, data) in enumerate(sorted(shown.edges(keys=True, data=True),
                                                 key=lambda e: (index[e[0]], index[e[1]], e[2]))):
        net.add_edge(index[u], index[v], id=k, **_edge_options(rel, data))
        edges_meta.append({"id": k, "from": index[u], "to": index[v], "rel": rel, "weight": data["weight"],
                           "flip": bool(data.get("flip")), "ev": [evidence.add(ev) for ev in data["evidence"]],
                           "corrected": any(ev.corrected_by for ev in data["evidence"])})
    variants = [{"claim": index[var.claim], "speaker": index[var.speaker], "a": evidence.add(var.first),
                 "b": evidence.add(var.second), "similarity": var.similarity, "flip": var.flip}
                for var in G.graph.get("variants", []) if var.claim in index and var.speaker in index]
    net.set_options(json.dumps(_vis_options(big)))
    vis_nodes, vis_edges, _, _, _, options = net.get_network_data()
    for e in vis_edges:
        if e.get("label") is None:
            e.pop("label", None)

    @functools.cache
    def text(doc: str) -> str | None:
        info = articles.get(doc)
        if info is not None and info.text is not None:
            return info.text
        return text_of(doc) if text_of is not None and info is not None else None

    return {
        "title": title,
        "note": note,
        "story": _story(shown, index, focus),
        "total": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()},
        "shown": {"nodes": shown.number_of_nodes(), "edges": shown.number_of_edges()},
        "max_nodes": max_nodes,
        # the largest component (ties: the one holding the first node IRI), whatever the node order
        "main": sorted(index[n] for n in min(nx.weakly_connected_components(shown), key=lambda c: (-len(c), min(c)),
                                             default=[])),
        "vis": {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options)},
        "nodes": nodes_meta,
        "edges": edges_meta,
        "evidence": evidence.rows(text, doc_index, index),
        "articles": [{"id": d, **({k: getattr(articles[d], k) for k in _ARTICLE_FIELDS} if d in articles else {}),
                      **({"also": G.graph["copies"][d]} if d in G.graph.get("copies", {}) else {})}
                     for d in docs],
        "variants": variants,
        "stats": _stats(G, index),
        "palette": _palette(),
        "label_min_px": LABEL_MIN_PX,
        "corrections": G.graph.get("corrections", {}),
    }


def _node_options(data: dict[str, Any], xy: tuple[float, float]) -> dict[str, Any]:
    """How vis draws a node: its kind's shape and colour, a heavy border when contested, claims as
    wrapped text, actors sized by how often they are cited."""
    style = NODES.get(data["kind"], NODES["organization"])
    contested = bool(data.get("contested"))
    opts: dict[str, Any] = {
        "shape": style.shape, "x": round(xy[0], 1), "y": round(xy[1], 1), "physics": False,
        "color": {"background": style.colour, "border": CONTESTED if contested else "#495057",
                  "highlight": {"background": style.colour, "border": "#000000"}},
        "borderWidth": 5 if contested else 1,
    }
    if data["kind"] == CLAIM:
        opts["widthConstraint"] = {"maximum": 150}
        opts["font"] = {"size": 12, "face": "sans-serif", "color": "#212529",
                        "bold": {"color": "#212529"}, "multi": False}
    else:
        opts["size"] = node_size(data["mentions"])
        # a label on a white ground: edges pass under it, not through its letters
        opts["font"] = {"size": 14, "face": "sans-serif", "background": "rgba(255,255,255,0.85)"}
    return opts


#: Largest radius of an actor: counts grow without bound (a source of a claim retold by a thousand
#: outlets has thousands of mentions), sizes may not, or the hot claim's sources cover each other.
MAX_SIZE = 24.0


def node_size(mentions: int) -> float:
    """An actor's radius on a bounded log scale: 12 for one mention, 24 from about 120; the count
    itself is in the tooltip, the side panel and the edges' widths."""
    return round(min(MAX_SIZE, 10 + 2 * math.log2(1 + max(mentions, 1))), 1)


def _edge_options(rel: str, data: dict[str, Any]) -> dict[str, Any]:
    """How vis draws an edge: its relation's colour, dashes and arrow, wider with more evidence; a
    polarity flip between two versions of a quote dotted and labelled."""
    style = EDGES[rel]
    flip = bool(data.get("flip"))
    if not flip and any(ev.corrected_by for ev in data.get("evidence", ())):  # a reviewer changed it: said on the edge
        return {**_edge_options(rel, {**data, "evidence": ()}), "label": "reviewed",
                "font": {"color": REVIEWED, "size": 11, "strokeWidth": 3}}
    return {"color": {"color": style.colour, "highlight": "#000000"},
            "width": min(1 + math.log2(data["weight"]), 6) if data["weight"] > 1 else 1,
            "dashes": [2, 4] if flip else style.dashed,
            "arrows": {"to": {"enabled": style.arrow, "scaleFactor": 0.6}},
            "label": "polarity flip" if flip else None, "physics": False,
            **({"font": {"color": FLIP, "size": 11, "strokeWidth": 3}} if flip else {})}


def _vis_options(big: bool) -> dict[str, Any]:
    """vis-network's options: positions are computed here, so no physics; past 1,500 nodes edges
    hide while dragging or zooming and are drawn straight."""
    return {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "navigationButtons": False, "keyboard": {"enabled": True, "bindToWindow": False}},
        # a label below 11 px on screen is not drawn (vis hides it under drawThreshold - 1): the page
        # shows fewer labels rather than smaller ones (explorer.js declutters the rest)
        "nodes": {"scaling": {"label": {"drawThreshold": LABEL_MIN_PX + 1}}},
        "edges": {"smooth": False if big else {"type": "continuous"}, "selectionWidth": 2,
                  "scaling": {"label": {"drawThreshold": LABEL_MIN_PX + 1}}},
        "layout": {"improvedLayout": False},
    }


class _EvidenceTable:
    """The evidence the page shows, each record once, numbered in the order it is first cited."""

    def __init__(self) -> None:
        self.items: list[Evidence] = []
        self.index: dict[tuple[str, str], int] = {}

    def add(self, ev: Evidence) -> int:
        key = (ev.doc, ev.record)  # not the dataclass' hash over every field (0.2 s a page)
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(ev)
        return self.index[key]

    def rows(self, text: Callable[[str], str | None], doc_index: dict[str, int],
             index: dict[str, int]) -> list[dict[str, Any]]:
        """The JSON rows, each with its passage from the article's text (``text``)."""
        out = []
        for ev in self.items:
            # not dataclasses.asdict: it deep-copies every field (1.4 s of a 1,000-article page)
            row = {f: getattr(ev, f) for f in _EVIDENCE_FIELDS}
            a, b = row.pop("context_at")
            passage = text(ev.doc)
            row["context"] = passage[a:b] if passage else ""
            row["doc"] = doc_index[ev.doc]
            row["claim"] = index.get(ev.claim)
            out.append(row)
        return out


def _stats(G: nx.MultiDiGraph, index: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """The analytics tables of the side panel, each row pointing at its node when it is shown."""
    return {
        "cited": [{"node": index.get(r.actor), "name": r.name, "kind": r.kind, "statements": r.statements,
                   "claims": r.claims, "articles": r.articles} for r in analytics.most_cited_sources(G, 15)],
        "contested": [{"node": index.get(r.claim), "name": r.label, "mentions": r.mentions, "articles": r.articles,
                       "asserted": list(r.asserted_by), "denied": list(r.denied_by)}
                      for r in analytics.contested_claims(G, 15)],
        "contradictions": [{"a": r.first, "b": r.second, "claims": list(r.claims)}
                           for r in analytics.contradictions(G)[:30]],
        "reliance": [{"node": index.get(r.outlet), "name": r.name, "anonymous": r.anonymous, "named": r.named}
                     for r in analytics.anonymous_reliance(G)],
        "chains": [asdict(r) for r in analytics.reporting_chains(G)[:60]],
    }


def _story(shown: nx.MultiDiGraph, index: dict[str, int], focus: str | None) -> list[dict[str, Any]]:
    """The story views the page opens on: for each claim (contested first), its sides, heaviest
    first. The page places them itself (explorer.js ``placeStory``): how many fit, and where,
    depends on the window, which only the browser knows."""
    story = []
    for claim in story_claims(shown, first=focus):
        by_side = {side: [index[n] for n in nodes if n in index][:_STORY_SIDE_MAX]
                   for side, nodes in sides(shown, claim).items()}
        if any(by_side.values()):
            story.append({"claim": index[claim], "sides": by_side})
    return story


def _palette() -> dict[str, Any]:
    """The colours, shapes and labels of the legend and filters."""
    return {
        "nodes": {k: {"shape": s.shape, "colour": s.colour, "label": s.label} for k, s in NODES.items()},
        "edges": {k: {"colour": s.colour, "dashed": s.dashed, "label": s.label} for k, s in EDGES.items()},
        "contested": CONTESTED, "flip": FLIP, "stances": list(STANCES), "modes": list(Mode),
        "positive": sorted(POSITIVE_STANCES), "negative": sorted(NEGATIVE_STANCES),
    }


def _json_for_html(data: Any) -> str:
    """JSON that cannot end its ``<script>`` block or open a comment, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


@functools.cache
def content_security_policy() -> str:
    """The page's policy: only its own two scripts run (by hash), nothing is fetched, no form
    posts and no base URL can be changed. A server sends it as a header too."""
    return ("default-src 'none'; "
            f"script-src {_sha256(_vis_asset('vis-network.min.js'))} {_sha256(_asset('explorer.js'))}; "
            "style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; "
            "connect-src 'self'")  # the served page sends a reviewer's corrections to its own server


def explorer_html(G: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES, title: str = "claimgraph explorer",
                  focus: str | None = None, note: str | None = None,
                  text_of: Callable[[str], str | None] | None = None) -> str:
    """The explorer page for ``G`` (see :mod:`.network`): one HTML string that needs nothing else."""
    data = explorer_data(G, max_nodes=max_nodes, title=title, note=note, focus=focus, text_of=text_of)
    vis_js = _vis_asset("vis-network.min.js")
    app_js = _asset("explorer.js")
    page = _asset("explorer.html")
    parts = {
        "{{CSP}}": html.escape(content_security_policy(), quote=False).replace('"', "&quot;"),
        "{{TITLE}}": html.escape(title),
        "{{VIS_CSS}}": _vis_asset("vis-network.css").replace("</", "<\\/"),
        "{{APP_CSS}}": _asset("explorer.css"),
        "{{DATA}}": _json_for_html(data),
        "{{VIS_JS}}": vis_js,
        "{{APP_JS}}": app_js,
    }
    # One pass, so that nothing inserted is ever scanned for a placeholder again.
    out, rest = [], page
    while "{{" in rest:
        head, _, tail = rest.partition("{{")
        key, _, rest = tail.partition("}}")
        out += [head, parts["{{" + key + "}}"]]
    out.append(rest)
    return "".join(out)


def write_explorer(G: nx.MultiDiGraph, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write the explorer page to ``path`` atomically (a reader never sees half a page)."""
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(explorer_html(G, **options), encoding="utf-8")
    os.replace(tmp, target)
    return target


class Explorer:
    """The explorer in a notebook: ``Explorer(G)`` displays the page in a sandboxed iframe."""

    def __init__(self, G: nx.MultiDiGraph, *, height: int = 720, **options: Any) -> None:
        self.html = explorer_html(G, **options)
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe sandbox="allow-scripts" style="width:100%;height:{self.height}px;border:1px solid #ccc" '
                f'srcdoc="{html.escape(self.html, quote=True)}"></iframe>')
