"""The article's discourse as the source sieves read it, left to right: who has spoken so far, and
who a pronoun stands for (the salience of Lee et al. 2013's multi-pass sieves: the paragraph's
last compatible speaker, then the people it names, subjects first)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..finding.quotes import find_quotes
from ..lexicon import Lexicon, SourceKind
from ..records import Source
from .cast import Cast, Person
from .named import Named, Sieve

#: What "it" can stand for, who "he" and "she" can, and the bodies a singular "they" can.
_NOT_PEOPLE = frozenset({SourceKind.ORGANIZATION, SourceKind.COUNTRY, SourceKind.OUTLET, SourceKind.DOCUMENT})
_PEOPLE = frozenset({SourceKind.PERSON, SourceKind.ANONYMOUS})
_BODIES = frozenset({SourceKind.ORGANIZATION, SourceKind.COUNTRY})


@dataclass(slots=True)
class Said:
    """One source that spoke: its name and kind, paragraph, number, head word and cue."""

    name: str
    kind: SourceKind
    para: int
    plural: bool
    head: str
    cue: str = ""


@dataclass(slots=True)
class Discourse:
    """Who has spoken so far in one article, and who its pronouns stand for."""

    doc: Doc
    lex: Lexicon
    cast: Cast
    para_at: Callable[[int], int]
    history: list[Said] = field(default_factory=list)
    _quoted: list[tuple[int, int]] | None = None  # the article's quotations (characters), found once

    def antecedent(self, low: str, at: int, mention: Span,
                   resolve_one: Callable[[Span, int], Named]) -> tuple[str, SourceKind]:
        """Who a pronoun stands for: agreement in gender and number, the paragraph's last speaker
        first, then the people it names (subjects first), then earlier ones."""
        lex = self.lex
        if low == "it":
            # "it" speaks for an organisation, a country or an outlet named before
            recent = self.recent(lambda s: s.kind in _NOT_PEOPLE and not s.plural)
            if recent is not None:
                return recent.name, recent.kind
            orgs = [e for e in self.cast.entities if e.label_ in {"ORG", "GPE"} and e.end <= mention.start]
            if orgs:
                named = resolve_one(orgs[-1], at)
                return named.name, named.kind
            return "it", SourceKind.ORGANIZATION
        para = self.para_at(at)
        if low in lex.pronouns_plural:
            for test in (lambda s: s.para == para and (s.plural or s.kind in _BODIES),
                         lambda s: s.plural or s.kind in _BODIES):
                recent = self.recent(test)
                if recent is not None:
                    return recent.name, recent.kind
            return low, SourceKind.ANONYMOUS
        gender = lex.pronoun_gender.get(low)
        if gender is not None:
            # "Putin traveled to Beijing – he and Xi pledged …": a person named earlier in the
            # same sentence is the nearest antecedent.
            sent = mention.sent
            here = [p for p in self.people_between(sent.start, mention.start) if self.agrees(p, gender)]
            if here:  # the sentence's subject before a name it mentions ("Fox, a critic of Trump, … he said")
                return max(here, key=lambda c: (c[0] in c[1].subjects, c[0]))[1].name, SourceKind.PERSON

        def fits(s: Said) -> bool:
            return self.agrees_name(s.name, s.kind, gender)

        recent = self.recent(lambda s: s.para == para and not s.plural and s.kind in _PEOPLE and fits(s))
        if recent is not None:
            return recent.name, recent.kind
        # People the paragraph names before the pronoun (a known gender that agrees first, then
        # subjects, then the nearest); the paragraph's last speaker of any kind ("Beijing … He also
        # called for peace"); then the previous paragraph's people; then any earlier speaker.
        para_start = self.para_start(mention.start)
        person = self.salient(para_start, mention.start, gender)
        if person is not None:
            return person.name, SourceKind.PERSON
        recent = self.recent(lambda s: s.para == para and not s.plural and fits(s))
        if recent is not None:
            return recent.name, recent.kind
        if para_start > 0:
            person = self.salient(self.para_start(para_start - 1), para_start, gender)
            if person is not None:
                return person.name, SourceKind.PERSON
        recent = self.recent(lambda s: not s.plural and s.kind in _PEOPLE and fits(s))
        if recent is not None:
            return recent.name, recent.kind
        before = [(i, p) for i, p in self.people_between(0, mention.start) if self.agrees((i, p), gender)]
        if before and low not in lex.pronouns_plural:
            return before[-1][1].name, SourceKind.PERSON
        return low, SourceKind.ANONYMOUS

    def salient(self, lo: int, hi: int, gender: str | None) -> Person | None:
        cands = [(i, p) for i, p in self.people_between(lo, hi) if self.agrees((i, p), gender)]
        if not cands:
            return None
        return max(cands, key=lambda c: (gender is not None and c[1].gender == gender, c[0] in c[1].subjects, c[0]))[1]

    def people_between(self, lo: int, hi: int) -> list[tuple[int, Person]]:
        """(token, person) for each person mention with its head in [lo, hi), in text order, but
        those inside quotation marks: a quote speaks of people, its speaker is named outside it
        ("“Peña is taking a risk by hosting Trump,” he said")."""
        if self._quoted is None:
            self._quoted = [(q.start, q.end) for q in find_quotes(self.doc.text)]
        doc, quoted = self.doc, self._quoted
        found = [(i, p) for p in self.cast.people for i in p.mentions
                 if lo <= i < hi and not any(a <= doc[i].idx < b for a, b in quoted)]
        return sorted(found, key=lambda pair: pair[0])

    def para_start(self, i: int) -> int:
        """The first token of the paragraph holding token ``i``."""
        doc = self.doc
        while i > 0 and "\n" not in doc[i - 1].text and "\n" not in doc[i - 1].whitespace_:
            i -= 1
        return max(i, 0)

    @staticmethod
    def agrees(pair: tuple[int, Person], gender: str | None) -> bool:
        return gender is None or pair[1].gender in (None, gender)

    def agrees_name(self, name: str, kind: str, gender: str | None) -> bool:
        if gender is None or kind != SourceKind.PERSON:
            return True
        person = self.cast.person_named(name.split())
        return person is None or person.gender in (None, gender)

    def recent(self, test: Callable[[Said], bool]) -> Said | None:
        for said in reversed(self.history):
            if test(said):
                return said
        return None

    def remember(self, src: Source, at: int, plural: bool, head: str, cue: str = "") -> None:
        if src.sieve == Sieve.NON_ACTOR:
            return  # "The press conference underscored …": no one a later "he" can stand for
        para = self.para_at(at)
        self.history.append(Said(src.name, src.kind, para, plural, head, cue))
