"""Actors across articles: the same person is one node whoever writes about them.

Within an article the extractor already resolves "he", "Mr Sullivan" and "the spokesman" to the
name the article gives. Across articles, a name is matched against the actors already known, of the
same kind only (an anonymous group never becomes a person):

* the same normalized name is the same actor (confidence 1.0);
* a spelling variant is the same actor when every token but one is equal and the odd one is close
  ("Xi Jingping" / "Xi Jinping"; rapidfuzz ratio ≥ 80 on tokens of 4+ letters), confidence = ratio;
* a bare surname ("Sullivan", "Liu": a family name may come first or last) is the known person
  with that name only when exactly one is known (confidence 0.6); two different full names that share
  a surname ("Jake Sullivan", "John Sullivan") stay two actors;
* a name with or without a middle initial or a title is the same person ("Mary K. Olsen" / "Mary
  Olsen", "Governor Tom Reyes" / "Tom Reyes"; confidence 0.95, rules ``initial`` and ``title``);
* an acronym is the one known organization whose name it abbreviates, and the other way round
  ("NRC" / "Nuclear Regulatory Commission"; confidence 0.8, rule ``acronym``).

Roles and affiliations are read from the article text around a name: a title before it ("US
national security adviser Jake Sullivan", "Russian leader Vladimir Putin") or an apposition after it
("Liu Pengyu, the Chinese embassy spokesperson in Washington,"). A head of state stands for their
country when claims are compared (Putin → Russia).
"""
from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from rapidfuzz import fuzz

from claimgraph.extractors.lexicon import Lexicon, default_lexicon
from claimgraph.extractors.reading.clean import clean
from claimgraph.ontology.vocab import SourceKind

SPELLING_MIN = 80.0
SURNAME_CONFIDENCE = 0.6
VARIANT_CONFIDENCE = 0.95  # a middle initial or a title more or less
ACRONYM_CONFIDENCE = 0.8
#: A name of two or three capitalised words, starting where a word starts: a match tried inside a
#: word would be tried at every letter of it, and a word of a million letters (hostile input) made
#: the apposition pattern quadratic (minutes for one article).
_NAME = r"(?<![\w’'-])[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2}"
#: How a mention was matched to an actor (``cg:sourceMatch``, "exact" and "new" not stated).
MatchRule = Literal["exact", "initial", "title", "middle name", "spelling", "surname", "acronym", "alias", "new"]


@dataclass(frozen=True, slots=True)
class RolePatterns:
    """The role patterns of one lexicon (:func:`role_patterns`)."""

    role_alt: str  # every role noun or phrase, longest first
    role_words: frozenset[str]
    title_words: frozenset[str]
    # A title before a name: "US national security adviser Jake Sullivan", "Russian leader Vladimir
    # Putin" (a country: looked up after matching, so the pattern stays small), "EPA Administrator
    # Jane Roe", "State Department spokesman Ned Price" (an organisation)
    title_before: re.Pattern[str]
    # "a Herald spokeswoman, Ann Lee," / "the union's lawyer, Sam Ortiz,"
    role_then_name: re.Pattern[str]
    apposition: re.Pattern[str]
    relative: re.Pattern[str]
    affiliation_prep: re.Pattern[str]
    article: re.Pattern[str]


@cache
def role_patterns(lex: Lexicon) -> RolePatterns:
    alt = "|".join(re.escape(r) for r in sorted(lex.role_nouns | lex.role_phrases, key=len, reverse=True))
    openers = "|".join(re.escape(w) for w in lex.sentence_openers)
    articles = "|".join(sorted(lex.articles))
    article_space = "|".join(re.escape(a) + r"\s+" for a in sorted(lex.articles))
    article_initial = "|".join(f"[{a[0].upper()}{a[0]}]{re.escape(a[1:])}" for a in sorted(lex.articles, key=len))
    return RolePatterns(
        alt,
        frozenset(r.lower() for r in lex.role_nouns | lex.role_phrases | set(lex.titles)),
        frozenset(w.rstrip(".") for w in lex.titles | set(lex.title_roles) | lex.role_nouns),
        re.compile(
            rf"\b(?!(?:{openers})\b)(?P<aff>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){{0,3}}?)(?:['’]s)?\s+"
            rf"(?P<role>(?:[a-z-]+\s+){{0,3}}?(?i:{alt}))\s+(?P<name>{_NAME})"),
        re.compile(
            rf"\b(?:{article_initial})\s+(?P<aff>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){{0,3}}?)(?:['’]s)?\s+"
            rf"(?P<role>(?i:{alt})),\s+(?P<name>{_NAME})\s*[,.;]"),
        re.compile(
            rf"(?P<name>{_NAME}),\s+(?:{article_space})?"
            rf"(?P<desc>[^,.;:“”\"]{{0,80}}?\b(?i:{alt})\b[^,.;:“”\"]{{0,60}})[,.;]"),
        re.compile(rf"(?i)(?:{'|'.join(lex.relative_words)})\b"),
        re.compile(rf"^(?:{'|'.join(lex.affiliation_preps)})\s+"),
        re.compile(rf"^(?:{articles})\s+", re.I),
    )


@dataclass(frozen=True, slots=True)
class RoleFact:
    """What an article says a person is: "spokesperson" of "Chinese embassy in Washington"."""

    name: str
    role: str
    affiliation: str
    start: int
    end: int


def role_facts(text: str, names: Iterable[str], lex: Lexicon) -> list[RoleFact]:
    """Roles and affiliations read from titles ("Russian leader Vladimir Putin": any name) and
    appositions ("Liu Pengyu, the … spokesperson in Washington,": the ``names`` given only)."""
    wanted = set(names)
    pat = role_patterns(lex)
    facts: list[RoleFact] = []
    for m in pat.title_before.finditer(text):
        aff = m.group("aff")
        if aff.lower() in pat.role_words:
            continue
        name = _known(m.group("name"), wanted) or _trim_name(m.group("name"), lex)
        if name:
            country = lex.countries.get(aff.lower()) or lex.countries.get(clean(aff).text.lower())  # "U.S.U.S."
            facts.append(RoleFact(name, " ".join(m.group("role").lower().split()), country or aff, m.start(), m.end()))
    for m in pat.role_then_name.finditer(text):
        name = _known(m.group("name"), wanted) or _trim_name(m.group("name"), lex)
        if name and not any(f.name == name and f.start == m.start() for f in facts):
            facts.append(RoleFact(name, " ".join(m.group("role").lower().split()), m.group("aff"), m.start(), m.end()))
    surnames: dict[str, set[str]] = {}
    for full in wanted:
        if " " in full:
            surnames.setdefault(full.split()[-1], set()).add(full)
    for m in _SURNAME_RELATIVE.finditer(text):  # "Mr. Fox, who was president of Mexico from 2000"
        fulls = surnames.get(m.group("name"), set())
        desc = _FORMER.sub("", m.group("desc"))
        role_m = re.match(rf"(?i:{pat.role_alt})\b", desc)
        if len(fulls) != 1 or not role_m:
            continue
        rest = pat.affiliation_prep.sub("", desc[role_m.end():].strip()).strip()
        aff = re.match(r"(?:the\s+)?([A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3})", rest)
        if aff:
            country = lex.countries.get(aff.group(1).lower())
            facts.append(RoleFact(next(iter(fulls)), role_m.group(0).lower(), country or aff.group(1), m.start(), m.end()))
    for m in pat.apposition.finditer(text):
        name = _known(m.group("name"), wanted)
        if not name:
            continue
        desc = " ".join(m.group("desc").split())
        if pat.relative.match(desc):
            copula = _COPULAR_RELATIVE.match(desc)
            if not copula:
                continue  # a relative clause, not an apposition
            desc = desc[copula.end():]  # "Mr. Fox, who was president of Mexico from 2000 to 2006,"
        role_m = re.search(rf"\b(?i:{pat.role_alt})\b", desc)
        if not role_m:
            continue
        role = role_m.group(0).lower()
        rest = _FORMER.sub("", desc[:role_m.start()]) + " " + desc[role_m.end():]
        rest = pat.affiliation_prep.sub("", rest.strip()).strip()
        rest = " ".join(pat.article.sub("", rest).split())
        facts.append(RoleFact(name, role, rest, m.start(), m.end() - 1))
    return facts


#: Words that date a role without changing it: "a former president of Mexico" led Mexico.
_FORMER = re.compile(r"(?i)\b(?:former|ex-|then-|onetime|one-time|outgoing|late)\s*")
#: A relative clause that gives a role as an apposition would: "who was", "who has served as".
_COPULA = r"who\s+(?:is|was|has\s+been|had\s+been|(?:has\s+)?served\s+as|became)\s+(?:the\s+|a\s+)?"
_COPULAR_RELATIVE = re.compile(f"(?i){_COPULA}")
#: A surname with a role given by a relative clause: "Mr. Fox, who was president of Mexico".
_SURNAME_RELATIVE = re.compile(rf"\b(?P<name>[A-Z][\w’'-]+),\s+{_COPULA}(?P<desc>[^,;:“”\"]{{3,80}})")


def _trim_name(candidate: str, lex: Lexicon) -> str | None:
    """A title's name without a trailing capitalised word that starts the next clause."""
    words = candidate.split()
    while len(words) > 2 and words[-1].lower() in lex.name_trailers:
        words.pop()
    return " ".join(words) if len(words) >= 2 else None


def _known(candidate: str, wanted: set[str]) -> str | None:
    if candidate in wanted:
        return candidate
    for name in wanted:  # "Vladimir Putin is" → the title regex may run one word long
        if candidate.startswith(name + " "):
            return name
    return None


def leaders(facts: Iterable[RoleFact], lex: Lexicon) -> dict[str, str]:
    """Heads of state and government to the country they lead (for metonymy: Putin → Russia)."""
    out = {}
    countries = set(lex.countries.values())
    for f in facts:
        if f.affiliation in countries and f.role in lex.head_of_state_roles:
            out[f.name] = f.affiliation
    return out


def normalize(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold().replace("’", "'")
    return " ".join(re.sub(r"[^\w' -]", " ", text).split())


@dataclass(frozen=True, slots=True)
class Match:
    """The actor a mention resolves to, and how sure the match is."""

    name: str
    confidence: float
    rule: MatchRule


@dataclass(slots=True)
class ActorIndex:
    """Actors known to the store, by kind: get-or-create on normalized names."""

    lexicon: Lexicon = field(default_factory=default_lexicon)
    _names: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, normalized) → canonical
    _by_surname: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # persons only
    _aliases: dict[str, str] = field(default_factory=dict)  # normalized alias → canonical (any kind)
    _loose: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, name w/o initials, titles) → canonical
    _initials: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # "nrc" → organizations
    same_as: dict[str, str] = field(default_factory=dict)  # canonical → external IRI (Wikidata …)

    def add(self, name: str, kind: str) -> None:
        key = (kind, normalize(name))
        if key in self._names:
            return
        self._names[key] = name
        self._loose.setdefault((kind, _loose(key[1], self.lexicon)), name)
        if kind == SourceKind.PERSON:  # "Hillary Rodham Clinton" and "Hillary Clinton" are one person
            self._loose.setdefault((kind, _first_last(_loose(key[1], self.lexicon))), name)
        if kind in {SourceKind.ORGANIZATION, SourceKind.OUTLET} and len(key[1].split()) > 1:
            self._initials[_acronym(key[1], self.lexicon)].add(name)
        if kind == SourceKind.PERSON and len(key[1].split()) > 1:
            tokens = key[1].split()  # family names come last in "Jake Sullivan", first in "Liu Pengyu"
            self._by_surname[tokens[-1]].add(name)
            self._by_surname[tokens[0]].add(name)

    def load_aliases(self, path: str | os.PathLike[str]) -> None:
        """A CSV of ``name,alias[,same_as]`` rows: each alias resolves to ``name``; ``same_as``
        (e.g. ``http://www.wikidata.org/entity/Q7747``) becomes an ``owl:sameAs`` link."""
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                if not row or row[0].startswith("#") or row[0].strip().lower() == "name":
                    continue
                name = row[0].strip()
                for alias in row[1:2]:
                    if alias.strip():
                        self._aliases[normalize(alias)] = name
                self._aliases[normalize(name)] = name
                if len(row) > 2 and row[2].strip():
                    self.same_as[name] = row[2].strip()

    def resolve(self, name: str, kind: str) -> Match:
        """The canonical actor for a mention of ``name`` as ``kind``; registers new actors."""
        norm = normalize(name)
        if norm in self._aliases:
            canonical = self._aliases[norm]
            self.add(canonical, kind)
            return Match(canonical, 1.0, "alias")
        known = self._names.get((kind, norm))
        if known is not None:
            return Match(known, 1.0, "exact")
        if kind == SourceKind.PERSON and len(_loose(norm, self.lexicon).split()) > 1:
            loose = _loose(norm, self.lexicon)
            known = self._loose.get((kind, loose)) or self._loose.get((kind, _first_last(loose)))
            if known is not None:
                same = loose == _loose(normalize(known), self.lexicon)
                rule: MatchRule = ("initial" if _initial_in(norm, known) else "title") if same else "middle name"
                return Match(known, VARIANT_CONFIDENCE, rule)
        if kind in {SourceKind.ORGANIZATION, SourceKind.OUTLET}:
            match = self._acronym_match(name, norm, kind)
            if match is not None:
                return match
        if kind == SourceKind.PERSON:
            tokens = norm.split()
            if len(tokens) == 1:
                people = self._by_surname.get(tokens[0], set())
                if len(people) == 1:
                    return Match(next(iter(people)), SURNAME_CONFIDENCE, "surname")
            else:
                best = self._spelling(tokens)
                if best is not None:
                    return best
        self.add(name, kind)
        return Match(name, 1.0, "new")

    def _acronym_match(self, name: str, norm: str, kind: str) -> Match | None:
        """"NRC" is the one known organization it abbreviates; "Nuclear Regulatory Commission"
        the one known acronym it spells."""
        compact = name.replace(".", "").strip()
        if compact.isupper() and 2 <= len(compact) <= 8 and " " not in compact:
            named = self._initials.get(compact.lower(), set())
            if len(named) == 1:
                return Match(next(iter(named)), ACRONYM_CONFIDENCE, "acronym")
            return None
        if len(norm.split()) > 1:
            known = self._names.get((kind, _acronym(norm, self.lexicon)))
            if known is not None and known.replace(".", "").isupper():
                return Match(known, ACRONYM_CONFIDENCE, "acronym")
        return None

    def _spelling(self, tokens: list[str]) -> Match | None:
        best: Match | None = None
        for (kind, other), canonical in self._names.items():
            if kind != SourceKind.PERSON:
                continue
            theirs = other.split()
            if len(theirs) != len(tokens):
                continue
            odd = [(a, b) for a, b in zip(tokens, theirs, strict=True) if a != b]
            if len(odd) != 1:
                continue
            a, b = odd[0]
            if min(len(a), len(b)) < 4 or a[0] != b[0]:
                continue
            score = fuzz.ratio(a, b)
            if score >= SPELLING_MIN and (best is None or score / 100 > best.confidence):
                best = Match(canonical, round(score / 100, 3), "spelling")
        return best


def _loose(norm: str, lex: Lexicon) -> str:
    """A normalized person name without middle initials or leading titles ("governor tom k reyes"
    → "tom reyes")."""
    words = norm.split()
    while len(words) > 2 and words[0].rstrip(".") in role_patterns(lex).title_words:
        words.pop(0)
    return " ".join(w for w in words if len(w.rstrip(".")) > 1)


def _first_last(loose: str) -> str:
    """A three-word name without its middle name ("hillary rodham clinton" → "hillary clinton"), a
    son's or father's suffix kept apart ("donald trump jr" stays)."""
    words = loose.split()
    if len(words) != 3 or words[-1].rstrip(".") in _GENERATIONS:
        return loose
    return f"{words[0]} {words[-1]}"


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _initial_in(a: str, b: str) -> bool:
    return any(len(w.rstrip(".")) == 1 for w in a.split() + normalize(b).split())


def _acronym(norm: str, lex: Lexicon) -> str:
    return "".join(w[0] for w in norm.split() if w not in lex.acronym_stop)
