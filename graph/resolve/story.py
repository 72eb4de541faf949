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
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rapidfuzz import fuzz

from claimgraph.extractors.lexicon import Lexicon
from claimgraph.graph.iris import actors_graph, cg, slug, story_graph, term_value
from claimgraph.graph.resolve.claims import is_deictic
from claimgraph.ontology import DEFAULT_BASE
from claimgraph.ontology.vocab import NEGATIVE_STANCES, POSITIVE_STANCES, STANCE_EDGE, STANCE_TERM, Stance

_T = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
_ANCHOR = ox.NamedNode(_NIF + "anchorOf")
_BEGIN = ox.NamedNode(_NIF + "beginIndex")
_PUBLISHED = ox.NamedNode("https://schema.org/datePublished")
_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Similarity (rapidfuzz token-set ratio, 0–100) two quotes need to count as renderings of one quote.
VARIANT_MIN = 55.0
#: Distinct wordings of one speaker's quotes compared per claim (pairs grow with its square).
MAX_WORDINGS = 60
# Stances for a claim and against it (the ontology's cg:polarity), as stored terms.
_STANCE_OF = {iri: stance for stance, iri in STANCE_TERM.items()}
_POSITIVE = frozenset(ox.NamedNode(STANCE_TERM[s]) for s in POSITIVE_STANCES)
_DENIAL, _ASSERTION = ox.NamedNode(STANCE_TERM[Stance.DENIES]), ox.NamedNode(STANCE_TERM[Stance.ASSERTS])
#: Share of claim terms (Dice) a negated statement needs with an assertion to deny it: a cluster
#: gathers mentions of one story; a denial must negate that very proposition, not a neighbour.
FLIP_MIN = 0.5
FLIP_SHARED = 3


def _one(store: ox.Store, s: ox.NamedNode, p: ox.NamedNode) -> str | None:
    for q in store.quads_for_pattern(s, p, None, None):
        return term_value(q.object)
    return None


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


def update_story(store: ox.Store, claims: Iterable[str], *, lexicon: Lexicon, same_as: dict[str, str] | None = None,
                 base: str = DEFAULT_BASE) -> set[str]:
    """Recompute the story facts of ``claims`` (claim IRIs), then the actor ↔ actor edges and the
    ``owl:sameAs`` links of user-supplied aliases (actor name → external IRI).

    Returns the article graphs whose records changed (a negated statement turned into a denial or
    back), so the exported files can be refreshed for them."""
    sg = ox.NamedNode(story_graph(base))
    quads: list[ox.Quad] = []
    changed: set[str] = set()
    for claim_iri in sorted(set(claims)):
        claim = ox.NamedNode(claim_iri)
        _drop_claim(store, claim, sg)
        changed |= _settle_denials(store, claim, sg)
        quads += _claim_facts(store, claim, sg, base, lexicon)
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


def _settle_denials(store: ox.Store, claim: ox.NamedNode, sg: ox.NamedNode) -> set[str]:
    """State the stance of each negated assertion of ``claim`` in the story graph: a denial when
    another source (or another article) asserts the claim, else an assertion of the negative fact.
    Returns the article graphs whose records' stance changed."""
    mentions = []
    before: dict[ox.NamedNode, object] = {}
    terms: dict[ox.NamedNode, frozenset[str]] = {}
    for q in store.quads_for_pattern(None, cg("claim"), claim, None):
        a, g = q.subject, q.graph_name
        if not isinstance(a, ox.NamedNode) or not isinstance(g, ox.NamedNode):
            continue
        stance = next((x.object for x in store.quads_for_pattern(a, cg("stance"), None, g)), None)
        src = next((x.object for x in store.quads_for_pattern(a, cg("source"), None, g)
                    if isinstance(x.object, ox.NamedNode)), None)
        negated = next((term_value(x.object) for x in store.quads_for_pattern(a, cg("negated"), None, g)), "false") == "true"
        mentions.append((a, g, src, stance, negated))
        terms[a] = frozenset((_one(store, a, cg("claimTerms")) or "").split())
    for a, g, *_ in mentions:  # an outer record ("X said, citing Y, …") negates what it relays
        if not terms[a]:
            for q in store.quads_for_pattern(None, cg("nestedIn"), a, g):
                terms[a] = terms[a] | terms.get(q.subject, frozenset())  # type: ignore[arg-type]
    for a, *_ in mentions:  # what the story graph said before
        for p in (cg("stance"), cg("denialBasis")):
            for x in list(store.quads_for_pattern(a, p, None, sg)):
                if p == cg("stance"):
                    before[a] = x.object
                store.remove(x)
    for edge in (STANCE_EDGE[Stance.ASSERTS], STANCE_EDGE[Stance.DENIES]):
        for x in list(store.quads_for_pattern(None, ox.NamedNode(edge), claim, sg)):
            store.remove(x)
    positive = sorted(((a, g, src) for a, g, src, stance, negated in mentions
                       if not negated and stance in _POSITIVE), key=lambda m: m[0].value)
    quads: list[ox.Quad] = []
    changed: set[str] = set()
    for a, g, src, stance, negated in mentions:
        if stance is not None or not negated or src is None:
            continue  # the article itself settled it
        basis = next((p for p, pg, ps in positive if (ps != src or pg != g) and _dice(terms[a], terms[p]) >= FLIP_MIN), None)
        want = _DENIAL if basis is not None else _ASSERTION
        stance_edge = ox.NamedNode(STANCE_EDGE[Stance.DENIES if basis is not None else Stance.ASSERTS])
        quads += [ox.Quad(a, cg("stance"), want, sg), ox.Quad(src, stance_edge, claim, sg)]
        if basis is not None:
            quads.append(ox.Quad(a, cg("denialBasis"), basis, sg))
        if before.get(a) != want:
            changed.add(g.value)
    store.extend(quads)
    return changed


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice of two term bags; 0 when they share fewer than :data:`FLIP_SHARED` terms (small bags
    overlap by chance)."""
    return 2 * len(a & b) / (len(a) + len(b)) if len(a & b) >= FLIP_SHARED else 0.0


def _drop_claim(store: ox.Store, claim: ox.NamedNode, sg: ox.NamedNode) -> None:
    owned = [q.subject for q in store.quads_for_pattern(None, cg("aboutClaim"), claim, sg)]
    for s in [claim, *owned]:
        for q in list(store.quads_for_pattern(s, None, None, sg)):
            store.remove(q)


@dataclass(frozen=True, slots=True)
class _Mention:
    """One attribution of a claim, as the story graph reads it back from an article graph."""

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

    def when(self) -> tuple[int, str, int, str, str, int]:
        """Earliest first: known publication days before unknown, then statement time, article, offset."""
        return (not self.published, self.published, not self.said, self.said, self.graph.value, self.begin)


def _claim_facts(store: ox.Store, claim: ox.NamedNode, sg: ox.NamedNode, base: str, lex: Lexicon) -> list[ox.Quad]:
    mentions: list[_Mention] = []
    for q in store.quads_for_pattern(None, cg("claim"), claim, None):
        a = q.subject
        g = q.graph_name
        if not isinstance(a, ox.NamedNode) or not isinstance(g, ox.NamedNode):
            continue
        src = next((x.object for x in store.quads_for_pattern(a, cg("source"), None, g)), None)
        mentions.append(_Mention(
            node=a, graph=g, source=src if isinstance(src, ox.NamedNode) else None,
            stance=_STANCE_OF.get(_one(store, a, cg("stance")) or ""),
            kind=(_one(store, a, cg("kind")) or "").rsplit("#", 1)[-1],
            content=_one(store, a, _ANCHOR) or "",
            terms=set((_one(store, a, cg("claimTerms")) or "").split()),
            published=(_one(store, g, _PUBLISHED) or "")[:10],
            said=_one(store, a, cg("statementTime")) or "",
            begin=int(_one(store, a, _BEGIN) or 0),
        ))
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
    add(claim, cg("mentionCount"), ox.Literal(str(len(mentions)), datatype=ox.NamedNode(_XSD + "integer")))
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
    for m in sorted((m for m in mentions if m.kind in ("Direct", "Mixed") and m.source is not None),
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
                add(node, cg("similarity"), ox.Literal(f"{sim / 100:.3f}", datatype=ox.NamedNode(_XSD + "decimal")))
                flag = ox.Literal("true" if flip else "false", datatype=ox.NamedNode(_XSD + "boolean"))
                add(node, cg("polarityFlip"), flag)
    return out


def _label(mentions: list[_Mention], lex: Lexicon) -> str:
    """The most central stated mention: most terms shared with the others, then the shortest."""
    stated = [m for m in mentions if m.terms and not is_deictic(m.content, lex)] or mentions
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
