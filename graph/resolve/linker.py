"""The resolve step: an article's records, as extracted, joined to the actors and claims already in
the store (ingest → extract → **resolve** → graph).

The linker starts from what the store knows, so a new article joins existing actors and claims
without rebuilding anything: what earlier builds decided is looked up in the store's catalog (each
attribution keeps its claim terms, each person the roles that make them stand for a country) and
not re-decided while articles arrive in the store's order (``claimgraph.replay`` re-resolves the
store when they do not).
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimgraph.extractors import Article, Attribution
from claimgraph.extractors.lexicon import Lexicon, default_lexicon
from claimgraph.graph.resolve.actors import ActorIndex, Match, RoleFact, leaders, role_facts
from claimgraph.graph.resolve.claims import ClaimClusters, is_deictic, mention_terms, points_back
from claimgraph.ontology.vocab import QuoteKind, SourceKind, Stance

#: Negated statements that may deny what they negate ("I doubt it", a question, a warning do not).
_MAY_DENY = frozenset({Stance.ASSERTS, Stance.DENIES})


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the resolver decided for one article, for the article's graph."""

    records: list[Attribution]  # source names and claim keys resolved
    matches: dict[str, Match]  # record id → how its source was matched across articles
    mentioned: dict[str, str]  # record id → the source name as the article gave it
    terms: dict[str, frozenset[str]]  # record id → the claim terms it was clustered on
    similarity: dict[str, float]  # record id → similarity to the claim it joined (1.0: new claim)
    roles: list[RoleFact]
    leaders_in_article: dict[str, str]  # heads of state the article names, to their country


#: How far back (characters) a pointing mention ("the allegation", "it") looks for what it points to.
ANTECEDENT_REACH = 1200


def _antecedent(rec: Attribution, stated: list[Attribution]) -> Attribution | None:
    """What a pointing mention refers to: the last proposition stated before it in the article by
    another source, a few paragraphs back at most ("The union said the company hid two reports.
    The company denied the allegation. “There is no truth to it,” its spokesman said.")."""
    for other in reversed(stated):
        if other.content_start >= rec.content_start or rec.content_start - other.content_end > ANTECEDENT_REACH:
            continue
        if other.source.name != rec.source.name:
            return other
    return None


@dataclass(slots=True)
class Linker:
    """Actors and claims known so far; :meth:`resolve` adds one article's."""

    lexicon: Lexicon = field(default_factory=default_lexicon)
    actors: ActorIndex = field(init=False)
    claims: ClaimClusters = field(init=False)
    leaders: dict[str, str] = field(default_factory=dict)  # person → country they lead

    def __post_init__(self) -> None:
        self.actors, self.claims = ActorIndex(self.lexicon), ClaimClusters(self.lexicon)

    @classmethod
    def known(cls, *, lexicon: Lexicon | None = None, actors: Iterable[tuple[str, str]] = (),
              leaders: dict[str, str] | None = None, claims: ClaimClusters | None = None,
              aliases: str | os.PathLike[str] | None = None) -> Linker:
        """A linker that knows ``actors`` ((name, kind), in the order they were stored), who leads
        what (person → country) and the stored claim mentions (``claims``, an index the store keeps:
        see :class:`claimgraph.graph.store.catalog.Catalog`, which makes one)."""
        r = cls(lexicon or default_lexicon())
        if claims is not None:
            r.claims = claims
        if aliases is not None:
            r.actors.load_aliases(aliases)
        for name, kind in actors:
            r.actors.add(name, kind)
        r.leaders.update(leaders or {})
        return r

    def resolve(self, article: Article, records: list[Attribution]) -> Resolution:
        """Resolve one article's records: canonical actors, claim clusters, roles."""
        persons = {rec.source.name for rec in records if rec.source.kind == SourceKind.PERSON}
        lex = self.lexicon
        roles = role_facts(article.text, persons | set(self.leaders), lex)
        heads = leaders(roles, lex)
        self.leaders.update(heads)
        matches: dict[str, Match] = {}
        mentioned = {rec.id: rec.source.name for rec in records}
        resolved: list[Attribution] = []
        for rec in records:
            m = self.actors.resolve(rec.source.name, rec.source.kind)
            matches[rec.id] = m
            resolved.append(rec if m.name == rec.source.name
                            else dataclasses.replace(rec, source=dataclasses.replace(rec.source, name=m.name)))
        # Leaves state propositions; an outer record ("the FT reports, citing …") carries the claim
        # of the proposition it relays (the corpus convention).
        outer = {rec.parent for rec in resolved if rec.parent}
        keys: dict[str, str] = {}
        terms: dict[str, frozenset[str]] = {}
        similarity: dict[str, float] = {}

        stated: list[Attribution] = []  # records that state a proposition of their own, in text order

        def state(rec: Attribution) -> None:  # the claim a record states, clustered with the known ones
            deictic = is_deictic(rec.content, lex)
            bag = mention_terms(rec.content, rec.sentence, lex, self.leaders, deictic=deictic,
                                speaker=self.leaders.get(rec.source.name),
                                negated=rec.negated and rec.stance in _MAY_DENY, reported=rec.type == QuoteKind.INDIRECT)
            near = self.claims.nearest(bag, deictic=deictic)
            if deictic and points_back(rec.content, lex) and near[1] < self.claims.threshold:
                before = _antecedent(rec, stated)
                if before is not None:  # "The company denied the allegation": the one just made
                    keys[rec.id], similarity[rec.id] = keys[before.id], 1.0
                    terms[rec.id] = terms[before.id]
                    self.claims.add_existing(keys[rec.id], terms[rec.id])
                    return
            keys[rec.id], similarity[rec.id] = self.claims.assign(bag, f"{article.id}/{rec.id}", deictic=deictic,
                                                                  nearest=near)
            terms[rec.id] = bag
            if not deictic:
                stated.append(rec)

        for rec in resolved:
            if rec.id not in outer:
                state(rec)
        by_id = {rec.id: rec for rec in resolved}
        for rec in reversed(resolved):
            if rec.parent in by_id and rec.id in keys:
                keys[rec.parent] = keys[rec.id]
                similarity.setdefault(rec.parent, similarity[rec.id])
        for rec in resolved:  # an outer record whose inner ones relay nothing states its own claim
            if rec.id not in keys:
                state(rec)
        out = [dataclasses.replace(rec, claim=keys[rec.id]) for rec in resolved]
        return Resolution(out, matches, mentioned, terms, similarity, roles, heads)
