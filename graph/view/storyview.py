"""The story at first sight: one claim at the centre, who stands for it on the left, who against it
on the right, the outlets that reported it above, everyone else below.

The explorer opens on this view (stepping from claim to claim) and the static figure draws it, so
both start from the same layout. Positions are in the explorer's canvas units.
"""
from __future__ import annotations

import networkx as nx

from claimgraph.graph.view.network import CLAIM, STANCES
from claimgraph.ontology.vocab import NEGATIVE_STANCES, POSITIVE_STANCES

#: Most actors drawn on one side of a claim (the heaviest first); the rest stay a click away.
PER_SIDE = 10
_COLUMN_X, _ROW_Y, _STEP_Y, _STEP_X = 300.0, 240.0, 78.0, 170.0


def story_claims(G: nx.MultiDiGraph, *, first: str | None = None, k: int = 25) -> list[str]:
    """The claims the explorer steps through: those whose wording holds ``first`` (a phrase), then
    the contested claims, then the rest, each group by mentions."""
    claims = [n for n, d in G.nodes(data=True) if d.get("kind") == CLAIM]
    wanted = " ".join(first.lower().split()) if first else ""

    def rank(n: str) -> tuple[bool, bool, int, str]:
        data = G.nodes[n]
        asked = bool(wanted) and wanted in " ".join(str(data.get("label", "")).lower().split())
        return (not asked, not data.get("contested"), -int(data.get("mentions", 0)), n)

    return sorted(claims, key=rank)[:k]


def sides(G: nx.MultiDiGraph, claim: str) -> dict[str, list[str]]:
    """The claim's neighbours by side: ``for``, ``against``, ``other`` (questions, hedges) and
    ``outlets`` (that reported it), heaviest first."""
    weight: dict[str, dict[str, float]] = {}
    for u, _, rel, data in G.in_edges(claim, keys=True, data=True):
        w = weight.setdefault(u, {"for": 0.0, "against": 0.0, "other": 0.0, "outlets": 0.0})
        if rel in POSITIVE_STANCES:
            w["for"] += data.get("weight", 1)
        elif rel in NEGATIVE_STANCES:
            w["against"] += data.get("weight", 1)
        elif rel in STANCES:
            w["other"] += data.get("weight", 1)
        elif rel == "reports":
            w["outlets"] += data.get("weight", 1)
    out: dict[str, list[str]] = {"for": [], "against": [], "other": [], "outlets": []}
    for node, w in weight.items():
        stance_total = w["for"] + w["against"] + w["other"]
        if stance_total == 0:
            out["outlets"].append(node)
        elif w["for"] > w["against"] and w["for"] >= w["other"]:
            out["for"].append(node)
        elif w["against"] > w["for"] and w["against"] >= w["other"]:
            out["against"].append(node)
        else:
            out["other"].append(node)
    for nodes in out.values():
        nodes.sort(key=lambda n: (-sum(weight[n].values()), str(G.nodes[n].get("label", n))))
    return out


def story_layout(G: nx.MultiDiGraph, claim: str, *, per_side: int = PER_SIDE) -> dict[str, tuple[float, float]]:
    """Positions for the claim's story: the claim at (0, 0), ``for`` in a column on the left,
    ``against`` on the right, outlets in a row above, others in a row below."""
    by_side = sides(G, claim)
    pos: dict[str, tuple[float, float]] = {claim: (0.0, 0.0)}

    def column(nodes: list[str], x: float) -> None:
        top = -_STEP_Y * (len(nodes) - 1) / 2
        for i, n in enumerate(nodes):
            pos.setdefault(n, (x, top + i * _STEP_Y))

    def row(nodes: list[str], y: float) -> None:
        left = -_STEP_X * (len(nodes) - 1) / 2
        for i, n in enumerate(nodes):
            pos.setdefault(n, (left + i * _STEP_X, y))

    column(by_side["for"][:per_side], -_COLUMN_X)
    column(by_side["against"][:per_side], _COLUMN_X)
    row(by_side["outlets"][:per_side // 2 + 1], -_ROW_Y)
    row(by_side["other"][:per_side // 2 + 1], _ROW_Y)
    return pos
