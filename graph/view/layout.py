"""Where the full graph's nodes go: computed in Python (networkx), so the page draws at once with
physics off, and remembered with the projection while the graph keeps its shape."""
from __future__ import annotations

import hashlib
import json
import math

import networkx as nx

#: Kamada–Kawai minimises over all node pairs: about 0.03 s at 60 nodes but up to 1.6 s at 150, too
#: slow for a page every build rewrites; the spring layout takes 0.06 s at 150.
KK_MAX = 60


def layout(G: nx.MultiDiGraph, *, seed: int = 7, spacing: float = 220.0) -> dict[str, tuple[float, float]]:
    """Pixel positions: each connected component laid out on its own (Kamada–Kawai up to
    :data:`KK_MAX` nodes, Fruchterman–Reingold spring layout above, both networkx), sized by its node count (n^0.7), then
    the components packed in rows, largest first, so that isolated pairs do not crowd the story's
    main component. Deterministic: the same graph always gets the same layout."""
    if len(G) == 0:
        return {}
    H = nx.Graph()
    H.add_nodes_from(sorted(G))
    H.add_edges_from((u, v) for u, v in G.edges())
    comps = sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: (-len(c), c[0]))
    small = len(H) <= 1500
    boxes = []
    for comp in comps:
        n = len(comp)
        # A graph of its own, nodes and edges sorted: a subgraph view iterates a set of nodes in
        # hash order, and the layouts follow the iteration order.
        sub = nx.Graph()
        sub.add_nodes_from(comp)
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in H.subgraph(comp).edges()))
        if n == 1:
            pos = {comp[0]: (0.0, 0.0)}
        elif n <= KK_MAX and small:
            pos = nx.kamada_kawai_layout(sub)
        else:
            pos = nx.spring_layout(sub, seed=seed, iterations=50 if n <= 2000 else 30)
        radius = spacing * n ** 0.7 / 2 if n > 1 else 0.0  # hubs need more room than sqrt(n) gives
        pts = {k: (float(x) * radius, float(y) * radius) for k, (x, y) in pos.items()}
        boxes.append((pts, 2 * radius + spacing))
    row_width = max(boxes[0][1], math.sqrt(sum(size * size for _, size in boxes)) * 1.3)
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pts, size in boxes:
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        out.update({k: (px + cx, py + cy) for k, (px, py) in pts.items()})
        x += size
        row_height = max(row_height, size)
    return out


def layout_of(G: nx.MultiDiGraph, shown: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """:func:`layout` of ``shown``, remembered in ``G.graph`` (a saved projection keeps it): the
    layout is a function of the nodes and the pairs they link, so when an added article changes
    neither, the next page reuses it (0.2 s of a 150-node page)."""
    key = hashlib.sha256(json.dumps([sorted(shown), sorted({tuple(sorted((u, v))) for u, v in shown.edges()})])
                         .encode("utf-8")).hexdigest()
    cached = G.graph.get("layout")
    if isinstance(cached, tuple) and cached[0] == key:
        return dict(cached[1])
    pos = layout(shown)
    G.graph["layout"] = (key, pos)
    return pos
