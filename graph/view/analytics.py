"""Questions asked of a story graph (see :mod:`.network`): who is cited most, which claims are
most contested, who contradicts whom, which outlets lean on anonymous sources, and the reporting
chains outlet → source → claim."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from claimgraph.graph.view.network import CLAIM, STANCES
from claimgraph.ontology.vocab import SourceKind


@dataclass(frozen=True, slots=True)
class CitedSource:
    """An actor and how often the articles credit it."""

    actor: str
    name: str
    kind: str
    statements: int
    claims: int
    articles: int


@dataclass(frozen=True, slots=True)
class ContestedClaim:
    """A claim some actors assert (or warn of) and others deny."""

    claim: str
    label: str
    mentions: int
    articles: int
    asserted_by: tuple[str, ...]
    denied_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorContradiction:
    """Two actors on opposite sides of at least one claim."""

    first: str
    second: str
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceReliance:
    """How many of the sources an outlet cites or relays are anonymous."""

    outlet: str
    name: str
    anonymous: int
    named: int

    @property
    def share(self) -> float:
        return self.anonymous / (self.anonymous + self.named) if self.anonymous + self.named else 0.0


@dataclass(frozen=True, slots=True)
class ReportingChain:
    """An outlet reporting a claim on someone's word: outlet → source → claim."""

    outlet: str
    source: str
    claim: str
    stance: str
    occurrences: int


def _name(G: nx.MultiDiGraph, n: str) -> str:
    return str(G.nodes[n]["label"])


def most_cited_sources(G: nx.MultiDiGraph, k: int = 10) -> list[CitedSource]:
    """Actors ranked by the attributions credited to them (then by distinct claims)."""
    rows = []
    for n, data in G.nodes(data=True):
        if data["kind"] == CLAIM:
            continue
        stance_edges = [(v, e) for _, v, key, e in G.out_edges(n, keys=True, data=True) if key in STANCES]
        if not stance_edges:
            continue
        docs = {ev.doc for _, e in stance_edges for ev in e["evidence"]}
        rows.append(CitedSource(n, data["label"], data["kind"], sum(e["weight"] for _, e in stance_edges),
                                len({v for v, _ in stance_edges}), len(docs)))
    return sorted(rows, key=lambda r: (-r.statements, -r.claims, r.name))[:k]


def contested_claims(G: nx.MultiDiGraph, k: int = 10) -> list[ContestedClaim]:
    """Claims with asserters and deniers, the most mentioned first: the story graph's contested
    claims, each side as its contradictions name them (the ``contested-claims`` query's answer)."""
    rows = []
    for n, data in G.nodes(data=True):
        if data["kind"] != CLAIM or not data.get("contested"):
            continue
        pairs = data.get("contradictions", set())
        pro = {_name(G, x) for x, _ in pairs if x in G}
        con = {_name(G, y) for _, y in pairs if y in G}
        rows.append(ContestedClaim(n, data["label"], data["mentions"], len(data["docs"]),
                                   tuple(sorted(pro)), tuple(sorted(con))))
    return sorted(rows, key=lambda r: (-r.mentions, -r.articles, r.label))[:k]


def contradictions(G: nx.MultiDiGraph) -> list[ActorContradiction]:
    """Pairs of actors on opposite sides of a claim, with the claims they disagree on (the story
    graph's ``cg:Contradiction`` nodes, as the ``contradictions`` query lists them)."""
    about: dict[frozenset[str], set[str]] = defaultdict(set)
    for _, data in G.nodes(data=True):
        if data["kind"] != CLAIM:
            continue
        for a, b in data.get("contradictions", ()):
            if a in G and b in G:
                about[frozenset((a, b))].add(data["label"])
    rows = []
    for pair, claims in about.items():
        a, b = sorted(_name(G, x) for x in pair)
        rows.append(ActorContradiction(a, b, tuple(sorted(claims))))
    return sorted(rows, key=lambda r: (-len(r.claims), r.first, r.second))


def anonymous_reliance(G: nx.MultiDiGraph) -> list[SourceReliance]:
    """For each outlet that cites or relays sources: how many of those citations are anonymous
    ("US officials", "people familiar with the matter"), the most reliant first."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for u, v, key, e in G.edges(keys=True, data=True):
        if key in ("cites", "relays") and G.nodes[u]["kind"] == SourceKind.OUTLET:
            counts[u]["anonymous" if G.nodes[v]["kind"] == SourceKind.ANONYMOUS else "named"] += e["weight"]
    rows = [SourceReliance(o, _name(G, o), c["anonymous"], c["named"]) for o, c in counts.items()]
    return sorted(rows, key=lambda r: (-r.share, -r.anonymous, r.name))


def reporting_chains(G: nx.MultiDiGraph, *, outlets_only: bool = True) -> list[ReportingChain]:
    """Outlet → source → claim, read from the nested and the cited attributions (with
    ``outlets_only=False``, any relaying source: "Sullivan said US officials …")."""
    chains: Counter[tuple[str, str, str, str]] = Counter()
    for u, v, key, e in G.edges(keys=True, data=True):
        if key in ("cites", "relays") and (not outlets_only or G.nodes[u]["kind"] == SourceKind.OUTLET):
            for ev in e["evidence"]:
                chains[(u, v, ev.claim, ev.stance)] += 1
    rows = [ReportingChain(_name(G, o), _name(G, s), _name(G, c), stance, n)
            for (o, s, c, stance), n in chains.items() if c in G]
    return sorted(rows, key=lambda r: (r.outlet, -r.occurrences, r.source, r.claim))
