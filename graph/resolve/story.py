"""The story graph: facts that only exist across articles, derived from the article graphs.

For each claim, first the stance of its **negated assertions**: an article graph states no stance
for a negated statement that asserts a negative fact ("the firm did not pay the bribe"); the story
graph does — a denial (with ``cg:denialBasis``, the assertion it answers) when another source, or
the same source in another article, asserts the claim it negates ("the firm paid the bribe"),
else an assertion. Article graphs say only what their article says; the result is the same in
any build order, and undone when the assertion goes.

Then, for each claim: a readable label (the mention that shares most with the others), how many mentions
it has, whether it is contested (asserted or warned about by some actors and denied by others), one
``cg:Contradiction`` per asserter–denier pair, and quote variants: the same speaker's direct or
mixed quotes for the claim as different articles render them, with the variants that flip polarity
flagged ("there will absolutely be consequences" / "there will be absolutely no repercussions").
Actor ↔ actor ``cg:contradicts`` edges are materialized from the contradictions.

It lives in its own named graph and is recomputed only for the claims a build touched, so adding an
article costs the same whatever the store's size, up to the size of the claims it joins.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rapidfuzz import fuzz

from claimgraph.extractors.lexicon import Lexicon
from claimgraph.graph.iris import actors_graph, cg, slug, story_graph, term_value
from claimgraph.graph.resolve.claims import NEGATION_TERM, is_deictic, restates
from claimgraph.graph.resolve.unnamed import anonymous_only
from claimgraph.ontology import DEFAULT_BASE, NIF, SCHEMA, XSD
from claimgraph.ontology.vocab import (
    NEGATIVE_STANCES,
    POSITIVE_STANCES,
    QUOTE_KIND_TERM,
    STANCE_EDGE,
    STANCE_TERM,
    QuoteKind,
    Stance,
)

_T = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ANCHOR = ox.NamedNode(NIF + "anchorOf")
_BEGIN = ox.NamedNode(NIF + "beginIndex")
_PUBLISHED = ox.NamedNode(SCHEMA + "datePublished")
_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
#: Similarity (rapidfuzz token-set ratio, 0–100) two quotes need to count as renderings of one quote.
VARIANT_MIN = 55.0
#: Distinct wordings of one speaker's quotes compared per claim (pairs grow with its square).
MAX_WORDINGS = 60
# Stances for a claim and against it (the ontology's cg:polarity), as stored terms.
_STANCE_OF = {iri: stance for stance, iri in STANCE_TERM.items()}
#: The local names (a mention's ``kind``) of quoted contents: a quote's variants are compared.
_QUOTED = frozenset(QUOTE_KIND_TERM[k].rsplit("#", 1)[-1] for k in (QuoteKind.DIRECT, QuoteKind.MIXED))
_POSITIVE = frozenset(STANCE_TERM[s] for s in POSITIVE_STANCES)
_DENIAL, _ASSERTION = ox.NamedNode(STANCE_TERM[Stance.DENIES]), ox.NamedNode(STANCE_TERM[Stance.ASSERTS])


def claims_in(store: ox.Store, graph: str) -> set[str]:
    """The claim IRIs an article graph's attributions point to."""
    g = ox.NamedNode(graph)
    return {term_value(q.object) for q in store.quads_for_pattern(None, cg("claim"), None, g)}


def forget_article(store: ox.Store, graph: str, base: str = DEFAULT_BASE) -> None:
    """Drop what the story graph says about one article's attributions (their settled stance),
    before the article is replaced or removed; the claims they touched are refreshed after."""
    g, sg = ox.NamedNode(graph), ox.NamedNode(story_graph(base))
    for q in list(store.quads_for_pattern(None, cg("claim"), None, g)):
        for p in (cg("stance"), cg("denialBasis")):
            for x in list(store.quads_for_pattern(q.subject, p, None, sg)):
                store.remove(x)


def prune_actors(store: ox.Store, base: str = DEFAULT_BASE) -> int:
    """Drop from the actors graph the actors no article or story fact names any more (after a
    removal), keeping the authors and countries of those that stay; returns how many went."""
    ag = ox.NamedNode(actors_graph(base))
    subjects = {q.subject for q in store.quads_for_pattern(None, None, None, ag)}
    kept = {s for s in subjects
            if any(q.graph_name != ag for q in store.quads_for_pattern(None, None, s, None))}
    frontier = list(kept)
    while frontier:
        for q in store.quads_for_pattern(frontier.pop(), None, None, ag):
            o = q.object
            if isinstance(o, ox.NamedNode | ox.BlankNode) and o in subjects and o not in kept:
                kept.add(o)
                frontier.append(o)
    gone = subjects - kept
    for s in gone:
        for q in list(store.quads_for_pattern(s, None, None, ag)):
            store.remove(q)
    return len(gone)


def settled_denials(store: ox.Store, graphs: set[str], base: str = DEFAULT_BASE) -> int:
    """How many negated assertions in the article graphs ``graphs`` the story graph settled as
    denials (for a build's summary, which counts what the articles said)."""
    sg = ox.NamedNode(story_graph(base))
    n = 0
    for q in store.quads_for_pattern(None, cg("stance"), _DENIAL, sg):
        for c in store.quads_for_pattern(q.subject, cg("claim"), None, None):
            if term_value(c.graph_name) in graphs:
                n += 1
            break
    return n


def all_claims(store: ox.Store, base: str = DEFAULT_BASE) -> set[str]:
    """Every claim an article points to or the story graph describes (a full refresh after a
    writer died between storing articles and updating the story)."""
    found = {q.object.value for q in store.quads_for_pattern(None, cg("claim"), None, None)
             if isinstance(q.object, ox.NamedNode)}
    sg = ox.NamedNode(story_graph(base))
    found |= {q.subject.value for q in store.quads_for_pattern(None, cg("mentionCount"), None, sg)
              if isinstance(q.subject, ox.NamedNode)}
    return found


@dataclass(frozen=True, slots=True)
class Mention:
    """One attribution of a claim as the story reads it: from the store's catalog, where a build
    keeps these rows per article (:class:`claimgraph.graph.store.catalog.Catalog`), or from the
    store itself (:func:`mentions_in_store`); both give the same rows."""

    node: str  # the attribution's IRI
    graph: str  # its article graph
    claim: str  # the claim's IRI
    source: str | None  # the actor's IRI
    stance: str | None  # the stance its article states (None: a negated assertion the story settles)
    negated: bool
    kind: str  # "Direct", "Indirect", "Mixed"
    content: str
    terms: str  # its claim terms, space-separated ("" for a record that relays another's claim)
    published: str  # the article's publication day ("" unknown)
    said: str  # the statement time ("" unknown)
    begin: int
    nested_in: str | None  # the outer attribution ("the FT reports, citing …")

    @property
    def claim_key(self) -> str:
        return self.claim.rsplit("/", 1)[-1]


def mentions_in_store(store: ox.Store, claim: str) -> list[Mention]:
    """The mentions of ``claim`` read from the article graphs (a lookup per fact: the catalog's
    rows are faster, this needs nothing but the store)."""
    out = []
    for q in store.quads_for_pattern(None, cg("claim"), ox.NamedNode(claim), None):
        a, g = q.subject, q.graph_name
        if not isinstance(a, ox.NamedNode) or not isinstance(g, ox.NamedNode):
            continue

        def one(p: ox.NamedNode, s: ox.NamedNode = a, g: ox.NamedNode = g) -> str | None:
            return next((term_value(x.object) for x in store.quads_for_pattern(s, p, None, g)), None)

        src = next((x.object for x in store.quads_for_pattern(a, cg("source"), None, g)), None)
        out.append(Mention(
            node=a.value, graph=g.value, claim=claim, source=src.value if isinstance(src, ox.NamedNode) else None,
            stance=one(cg("stance")), negated=one(cg("negated")) == "true",
            kind=(one(cg("kind")) or "").rsplit("#", 1)[-1], content=one(_ANCHOR) or "",
            terms=one(cg("claimTerms")) or "", published=(one(_PUBLISHED, g) or "")[:10],
            said=one(cg("statementTime")) or "", begin=int(one(_BEGIN) or 0), nested_in=one(cg("nestedIn"))))
    return sorted(out, key=lambda m: m.node)


def update_story(store: ox.Store, claims: Iterable[str], *, lexicon: Lexicon, same_as: dict[str, str] | None = None,
                 base: str = DEFAULT_BASE, mentions: Callable[[str], list[Mention]] | None = None,
                 on_settled: Callable[[dict[str, str]], None] | None = None) -> set[str]:
    """Recompute the story facts of ``claims`` (claim IRIs), then the actor ↔ actor edges and the
    ``owl:sameAs`` links of user-supplied aliases (actor name → external IRI). ``mentions``: a
    claim IRI's mentions, sorted by node (default: read from the store); ``on_settled``: told the
    stance settled for each negated assertion (node → stance IRI), for an index to keep.

    Returns the article graphs whose records changed (a negated statement turned into a denial or
    back), so the exported files can be refreshed for them."""
    sg = ox.NamedNode(story_graph(base))
    quads: list[ox.Quad] = []
    changed: set[str] = set()
    read = mentions or (lambda claim: mentions_in_store(store, claim))
    for claim_iri in sorted(set(claims)):
        claim = ox.NamedNode(claim_iri)
        rows = read(claim_iri)
        _drop_claim(store, claim, sg)
        graphs, settled = _settle_denials(store, claim, sg, rows)
        changed |= graphs
        if on_settled is not None:
            on_settled(settled)
        quads += _claim_facts(rows, settled, claim, sg, base, lexicon)
        if rows and anonymous_only(store, ((m.node, m.source) for m in rows)):
            quads.append(ox.Quad(claim, _T, cg("AnonymousOnlyClaim"), sg))
    for name, target in sorted((same_as or {}).items()):
        for q in store.quads_for_pattern(None, cg("name"), ox.Literal(name), None):
            if isinstance(q.subject, ox.NamedNode):
                try:
                    quads.append(ox.Quad(q.subject, _SAME_AS, ox.NamedNode(target), sg))
                except ValueError:
                    continue  # not an IRI: the alias still merges names, without a link
    store.extend(quads)
    _contradicts_edges(store, sg)
    return changed


def _settle_denials(store: ox.Store, claim: ox.NamedNode, sg: ox.NamedNode,
                    rows: list[Mention]) -> tuple[set[str], dict[str, str]]:
    """State the stance of each negated assertion of ``claim`` in the story graph: a denial when
    another source (or another article) asserts the claim, else an assertion of the negative fact.
    Returns the article graphs whose records' stance changed, and the stance settled per node."""
    terms = {m.node: frozenset(m.terms.split()) - {NEGATION_TERM} for m in rows}
    inner: dict[str, list[str]] = {}
    for m in rows:
        if m.nested_in is not None:
            inner.setdefault(m.nested_in, []).append(m.node)
    for m in rows:  # an outer record ("X said, citing Y, …") negates what it relays
        if not terms[m.node]:
            for n in inner.get(m.node, ()):
                terms[m.node] = terms[m.node] | terms[n]
    open_ = [m for m in rows if m.stance is None and m.negated and m.source is not None]
    before: dict[str, str] = {}
    for m in open_:  # what the story graph said before (only negated assertions get a stance there)
        node = ox.NamedNode(m.node)
        for p in (cg("stance"), cg("denialBasis")):
            for x in list(store.quads_for_pattern(node, p, None, sg)):
                if p == cg("stance"):
                    before[m.node] = term_value(x.object)
                store.remove(x)
    for edge in (STANCE_EDGE[Stance.ASSERTS], STANCE_EDGE[Stance.DENIES]):
        for x in list(store.quads_for_pattern(None, ox.NamedNode(edge), claim, sg)):
            store.remove(x)
    positive = [m for m in rows if not m.negated and m.stance in _POSITIVE]
    quads: list[ox.Quad] = []
    changed: set[str] = set()
    settled: dict[str, str] = {}
    for m in open_:
        assert m.source is not None
        basis = next((p for p in positive if (p.source != m.source or p.graph != m.graph)
                      and restates(terms[m.node], terms[p.node])), None)
        want = _DENIAL if basis is not None else _ASSERTION
        stance_edge = ox.NamedNode(STANCE_EDGE[Stance.DENIES if basis is not None else Stance.ASSERTS])
        node = ox.NamedNode(m.node)
        quads += [ox.Quad(node, cg("stance"), want, sg), ox.Quad(ox.NamedNode(m.source), stance_edge, claim, sg)]
        if basis is not None:
            quads.append(ox.Quad(node, cg("denialBasis"), ox.NamedNode(basis.node), sg))
        settled[m.node] = want.value
        if before.get(m.node) != want.value:
            changed.add(m.graph)
    store.extend(quads)
    return changed, settled


def _drop_claim(store: ox.Store, claim: ox.NamedNode, sg: ox.NamedNode) -> None:
    owned = [q.subject for q in store.quads_for_pattern(None, cg("aboutClaim"), claim, sg)]
    for s in [claim, *owned]:
        for q in list(store.quads_for_pattern(s, None, None, sg)):
            store.remove(q)


@dataclass(frozen=True, slots=True)
class _Mention:
    """One attribution of a claim with its settled stance, as the claim's facts use it."""

    node: ox.NamedNode
    graph: ox.NamedNode
    source: ox.NamedNode | None
    stance: Stance | None
    kind: str  # "Direct", "Indirect", "Mixed"
    content: str
    terms: set[str]
    published: str  # the article's publication day ("" unknown)
    said: str  # the statement time ("" unknown)
    begin: int
    relays: bool  # an outer record, relaying what a nested one said

    def when(self) -> tuple[int, str, int, str, str, int, bool, str]:
        """Earliest first: known publication days before unknown, then statement time, article,
        offset; at one offset the source who said it before the outlet relaying it."""
        return (not self.published, self.published, not self.said, self.said, self.graph.value, self.begin,
                self.relays, self.node.value)


def _claim_facts(rows: list[Mention], settled: dict[str, str], claim: ox.NamedNode, sg: ox.NamedNode, base: str,
                 lex: Lexicon) -> list[ox.Quad]:
    outer = {m.nested_in for m in rows}
    mentions = [_Mention(
        node=ox.NamedNode(m.node), graph=ox.NamedNode(m.graph),
        source=ox.NamedNode(m.source) if m.source is not None else None,
        stance=_STANCE_OF.get(settled.get(m.node) or m.stance or ""), kind=m.kind, content=m.content,
        terms=set(m.terms.split()), published=m.published, said=m.said, begin=m.begin,
        relays=m.node in outer) for m in rows]
    if not mentions:
        return []
    out: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(s, p, o, sg))

    add(claim, _LABEL, ox.Literal(_label(mentions, lex)))
    # Who said it first, and who first said the opposite (the timeline's anchors).
    add(claim, cg("firstReport"), min(mentions, key=_Mention.when).node)
    denials = [m for m in mentions if m.stance in NEGATIVE_STANCES]
    if denials:
        add(claim, cg("firstDenial"), min(denials, key=_Mention.when).node)
    add(claim, cg("mentionCount"), ox.Literal(str(len(mentions)), datatype=ox.NamedNode(XSD + "integer")))
    pro = sorted({m.source.value for m in mentions if m.stance in POSITIVE_STANCES and m.source is not None})
    con = sorted({m.source.value for m in mentions if m.stance in NEGATIVE_STANCES and m.source is not None})
    pairs = [(x, y) for x in pro for y in con if x != y]
    if pairs:
        add(claim, _T, cg("ContestedClaim"))
    key = slug(claim.value.rsplit("/", 1)[-1])
    for n, (x, y) in enumerate(pairs, 1):
        node = ox.NamedNode(f"{base}contradiction/{key}/{n}")
        add(node, _T, cg("Contradiction"))
        add(node, cg("aboutClaim"), claim)
        add(node, cg("asserter"), ox.NamedNode(x))
        add(node, cg("denier"), ox.NamedNode(y))
    # One rendering per distinct wording and speaker: a story retold word for word in many
    # articles (wire copy) adds occurrences, not variants, and must not add pairs quadratically.
    quotes: dict[tuple[str, str], _Mention] = {}
    for m in sorted((m for m in mentions if m.kind in _QUOTED and m.source is not None),
                    key=lambda m: (m.graph.value, m.node.value)):
        quotes.setdefault((term_value(m.source), " ".join(m.content.lower().split())), m)
    by_speaker: dict[str, list[_Mention]] = {}
    for (speaker, _), m in quotes.items():
        by_speaker.setdefault(speaker, []).append(m)
    n = 0
    for speaker, renderings in by_speaker.items():
        renderings = renderings[:MAX_WORDINGS]
        for i, m1 in enumerate(renderings):
            for m2 in renderings[i + 1:]:
                if m1.graph == m2.graph:
                    continue
                sim = fuzz.token_set_ratio(m1.content.lower(), m2.content.lower())
                if sim < VARIANT_MIN:
                    continue
                flip = ((m1.stance in NEGATIVE_STANCES) != (m2.stance in NEGATIVE_STANCES)
                        or bool(lex.negation.search(m1.content)) != bool(lex.negation.search(m2.content)))
                n += 1
                node = ox.NamedNode(f"{base}variant/{key}/{n}")
                add(node, _T, cg("QuoteVariant"))
                add(node, cg("aboutClaim"), claim)
                add(node, cg("speaker"), ox.NamedNode(speaker))
                add(node, cg("rendering"), m1.node)
                add(node, cg("rendering"), m2.node)
                add(node, cg("similarity"), ox.Literal(f"{sim / 100:.3f}", datatype=ox.NamedNode(XSD + "decimal")))
                flag = ox.Literal("true" if flip else "false", datatype=ox.NamedNode(XSD + "boolean"))
                add(node, cg("polarityFlip"), flag)
    return out


def _label(mentions: list[_Mention], lex: Lexicon) -> str:
    """The most central stated mention: most terms shared with the others, then the shortest."""
    deictic = {c: is_deictic(c, lex) for c in {m.content for m in mentions}}  # a wording retold is read once
    stated = [m for m in mentions if m.terms and not deictic[m.content]] or mentions
    asserted = [m for m in stated if m.stance in POSITIVE_STANCES] or stated

    # Terms shared with the others, Σ over its terms of (mentions holding the term − 1): the same
    # number as summing |m ∩ o| over every other mention o, in linear time.
    df = Counter(t for m in mentions for t in m.terms)

    def score(m: _Mention) -> tuple[int, int]:
        return (sum(df[t] - 1 for t in m.terms), -len(m.content))

    best = max(asserted, key=score)
    text = " ".join(best.content.split())
    return text if len(text) <= 200 else text[:199] + "…"


def _contradicts_edges(store: ox.Store, sg: ox.NamedNode) -> None:
    for q in list(store.quads_for_pattern(None, cg("contradicts"), None, sg)):
        store.remove(q)
    pairs: set[tuple[ox.NamedNode, ox.NamedNode]] = set()
    for q in store.quads_for_pattern(None, cg("asserter"), None, sg):
        for d in store.quads_for_pattern(q.subject, cg("denier"), None, sg):
            if isinstance(q.object, ox.NamedNode) and isinstance(d.object, ox.NamedNode):
                pairs.add((q.object, d.object))
    store.extend([ox.Quad(x, cg("contradicts"), y, sg) for x, y in pairs]
                 + [ox.Quad(y, cg("contradicts"), x, sg) for x, y in pairs])
