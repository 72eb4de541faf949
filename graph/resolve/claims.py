"""Claim clustering: attribution contents from any article that state the same proposition become
one claim.

Each content is a *claim mention*. A mention is reduced to a bag of normalized terms: Snowball stems
of its content words, places and demonyms mapped to the country they stand for (Beijing → China),
people mapped to the country they lead when an article says so ("Russian leader Vladimir Putin"
→ Russia), and near-synonymous predicates mapped to one concept (asked / requested / sought →
request; aid / assistance / weapons → aid). Mentions that point back rather than state anything
("the reports", "I've never heard of that", "it was fake news") borrow the terms of their
sentence, which names what they point to ("Asked about Russia's request for military aid, …").

Two mentions are similar when their terms overlap, weighted by how rare each term is in the store
(a weighted Dice coefficient, IDF weights: the story's ubiquitous "China" counts for little, the
predicate for much). A new mention joins the cluster holding its most similar mention when the
similarity reaches a threshold and they share a predicate or topic term, not only places — else it
starts a cluster. Clustering is incremental and deterministic: a new article's mentions join the
clusters already in the store, and nothing already stored is re-clustered (greedy single pass in
article order, as in streaming first-story detection; Allan et al. 1998).
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

import snowballstemmer

from claimgraph.extractors.lexicon import Lexicon, default_lexicon
from claimgraph.extractors.reading.clean import clean

#: Similarity a mention needs with a cluster's mention to join it.
THRESHOLD = 0.34
#: A negated mention's bag carries this term: the denial of P links to P (see :meth:`ClaimClusters.similarity`).
NEGATION_TERM = "polarity:negative"
#: Share of the shorter bag, and terms at least, a negated mention and a positive one need in
#: common to be one proposition, asserted and denied (:func:`restates`).
NEGATION_LINK = 0.5
NEGATION_SHARED = 3

_FUTURE = re.compile(r"\b(?:going to|gonna)\b", re.I)
_CLITIC = re.compile(r"['’](?:m|re|ll|s|ve|d|t)$|n['’]t$")  # "I’m", "he'll", "don't" → "i", "he", "do"
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*[A-Za-z]|[A-Za-z]")
_TOKEN = re.compile(r"[^\W_][\w.'’]*")


def _country_term(name: str) -> str:
    """``country:<name>`` without spaces: terms are stored space-separated (``cg:claimTerms``) and
    must read back as the same bag, or a reloaded resolver would cluster differently."""
    return "country:" + "_".join(name.lower().split())


@dataclass(frozen=True, slots=True)
class ClaimWords:
    """What claim terms read from a lexicon, prepared once per lexicon (:func:`claim_words`)."""

    lexicon: Lexicon
    stem: Callable[[str], str]
    country_terms: frozenset[str]
    first_words: dict[str, int]  # a country name's first word → the most words a name starting with it has


@cache
def claim_words(lex: Lexicon) -> ClaimWords:
    stemmer = snowballstemmer.stemmer(lex.stemmer)
    first: dict[str, int] = {}
    for key in lex.countries:
        parts = re.split(r"[ -]", key)
        first[parts[0]] = max(first.get(parts[0], 0), len(parts))
    return ClaimWords(lex, lru_cache(maxsize=65536)(lambda word: str(stemmer.stemWord(word))),
                      frozenset(_country_term(c) for c in set(lex.countries.values())), first)


def _countries_in(text: str, words: ClaimWords) -> tuple[str, list[str]]:
    """Replace place names and demonyms with ``country:<name>`` tokens, longest names first.

    Looked up word by word in the lexicon's table (up to four words joined by a space or a hyphen),
    not with one regular expression: the table holds every country's names, capital and demonym,
    and a pattern with ~1,600 alternatives costs ~0.1 ms a string."""
    countries, first_words = words.lexicon.countries, words.first_words
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: list[str] = []
    out: list[str] = []
    last = i = 0
    while i < len(spans):
        hit = None
        a0, b0 = spans[i]
        first = text[a0:b0].lower().replace("’", "'")
        longest = first_words.get(first) or first_words.get(first.rstrip(".")) or \
            (first_words.get(first[:-2]) if first.endswith("'s") else None)
        if longest is None:  # no name starts with this word
            i += 1
            continue
        for n in range(min(longest, len(spans) - i), 0, -1):
            a, b = spans[i][0], spans[i + n - 1][1]
            if any(text[spans[k][1]:spans[k + 1][0]] not in {" ", "-"} for k in range(i, i + n - 1)):
                continue
            if a > 0 and (text[a - 1].isalnum() or text[a - 1] == "."):
                break
            ends = [b] + ([b - 1] if text[b - 1] == "." else []) + ([b - 2] if text[b - 2:b] in {"'s", "’s"} else [])
            for end in ends:
                name = countries.get(text[a:end].lower().replace("’", "'"))
                if name is not None:
                    hit = (a, end, n, name)
                    break
            if hit:
                break
        if hit is None:
            i += 1
            continue
        a, end, n, name = hit
        found.append(_country_term(name))
        out.append(text[last:a] + " ")
        last, i = end, i + n
    out.append(text[last:])
    return "".join(out), found


@lru_cache(maxsize=8)
def _leader_pattern(leaders: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for every leader's full name and bare surname ("Vladimir Putin", "Putin")."""
    country: dict[str, str] = {}
    for name, c in leaders:
        country[name] = c
        country.setdefault(name.split()[-1], c)
    if not country:
        return None, country
    alt = "|".join(re.escape(n) for n in sorted(country, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b"), country


def terms(text: str, lex: Lexicon, leaders: Mapping[str, str] | None = None) -> frozenset[str]:
    """The normalized terms of a claim mention (see the module docstring)."""
    words = claim_words(lex)
    text = clean(text).text  # the parser's view: "U.S.U.S." folded, damaged bytes blanked
    text = _FUTURE.sub(" ", text)  # "we are not going to pay" is about paying
    pattern, country = _leader_pattern(tuple(sorted((leaders or {}).items())))
    if pattern is not None:
        text = pattern.sub(lambda m: " " + country[m.group(0)] + " ", text)
    text, out = _countries_in(text, words)
    bag = set(out)
    stop, concepts = lex.claim_stop, lex.claim_concepts
    for w in _WORD.findall(text):
        lw = _CLITIC.sub("", w.lower()).strip(".'’-")
        if not lw or lw in stop or len(lw) < 2:
            continue
        st = words.stem(lw)
        if st in stop:
            continue
        bag.add(concepts.get(st, st))
    return frozenset(bag)


def is_deictic(content: str, lex: Lexicon) -> bool:
    """A content that points back instead of stating ("the reports", "I've never heard of that")."""
    words = [w.lower() for w in _WORD.findall(content)]
    content_words = [w for w in words if w not in lex.claim_stop and w not in lex.deictic_heads]
    return len(content_words) <= 2 or (bool(words) and words[-1] in lex.deictic_heads and len(words) <= 6)


def restates(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two bags, one negated, state one proposition: a denial restates only the part it
    rejects, often in fewer words than the claim ("Mexico will not pay for a border wall" / "he
    would compel Mexico to pay for the wall, which he estimates would cost $8 billion") — at least
    :data:`NEGATION_SHARED` terms, and :data:`NEGATION_LINK` of the shorter bag. Clustering and the
    story's settling of denials use this one test."""
    a, b = a - {NEGATION_TERM}, b - {NEGATION_TERM}
    shared = len(a & b)
    return shared >= NEGATION_SHARED and shared / min(len(a), len(b)) >= NEGATION_LINK


def points_back(content: str, lex: Lexicon) -> bool:
    """A content that names what it answers instead of stating it, in a few words: "the
    allegation", "There is no truth to it", "the claim is false" (it ends on, or opens with, a
    word that points back)."""
    words = [w.lower().strip(".'’-") for w in _WORD.findall(content)]
    return bool(words) and len(words) <= 6 and (words[-1] in lex.deictic_heads
                                                or any(w in lex.deictic_heads for w in words[:2]))


def mention_terms(content: str, sentence: str, lex: Lexicon, leaders: Mapping[str, str] | None = None, *,
                  deictic: bool | None = None, speaker: str | None = None, negated: bool = False,
                  reported: bool = False) -> frozenset[str]:
    """Terms of a mention; a deictic mention borrows the terms of the rest of its sentence.

    ``speaker``: the country the source leads, which its first person stands for ("I'm not going
    to pay", said by a former president of Mexico, is about Mexico paying) — and, in ``reported``
    (indirect) speech, its third person ("Fox said he would not pay"); ``negated``: the
    mention's proposition is negated on the surface, marked by :data:`NEGATION_TERM`."""
    own = terms(content, lex, leaders)
    if (is_deictic(content, lex) if deictic is None else deictic) and sentence:
        rest = sentence.replace(content, " ")
        own = own | terms(rest, lex, leaders)
    if speaker and (_FIRST_PERSON.search(content) or reported and _THIRD_PERSON.search(content)):
        own = own | {_country_term(speaker)}
    return own | {NEGATION_TERM} if negated else own


_FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|we|We|my|My|our|Our|us)\b")
_THIRD_PERSON = re.compile(r"\b(?:he|He|she|She|his|His|her|Her)\b")


@dataclass(slots=True)
class ClaimClusters:
    """Claim clusters, grown one mention at a time (get-or-create on similarity).

    Mentions with the same terms in the same cluster (a quote retold word for word by many
    outlets) are compared once: only distinct (cluster, terms) pairs are indexed, while term
    frequencies still count every mention. The result is the same as comparing every mention.
    """

    lexicon: Lexicon = field(default_factory=default_lexicon)
    threshold: float = THRESHOLD
    count: int = 0  # mentions seen
    distinct: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # (cluster key, terms), first seen first
    _seen: set[tuple[str, frozenset[str]]] = field(default_factory=set)
    _index: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _df: Counter[str] = field(default_factory=Counter)

    def add_existing(self, key: str, bag: frozenset[str]) -> None:
        """Register a mention already stored under ``key`` (loading a store)."""
        self.count += 1
        self._df.update(bag)
        if (key, bag) in self._seen:
            return
        self._seen.add((key, bag))
        n = len(self.distinct)
        self.distinct.append((key, bag))
        for t in bag:
            self._index[t].append(n)

    # -- what a store-backed index (the catalog) looks up instead of holding in memory ----------
    def mentions(self) -> int:
        """Mentions known (every one counts, retold or not)."""
        return self.count

    def frequency(self, term: str) -> int:
        """Mentions holding ``term``."""
        return self._df.get(term, 0)

    def candidates(self, terms: frozenset[str]) -> Iterable[tuple[str, frozenset[str]]]:
        """Distinct (cluster key, terms) pairs sharing at least two of ``terms`` (one shared term
        never reaches the similarity threshold: see :meth:`similarity`)."""
        hits = Counter(i for t in terms for i in self._index.get(t, ()))
        return [self.distinct[i] for i in sorted(hits) if hits[i] >= 2]

    def settle(self) -> None:
        """The mentions added so far are stored: an index backed by the store forgets its copies
        of them; in memory there is nothing to do."""

    def _weight(self, term: str) -> float:
        return math.log((self.mentions() + 2) / (self.frequency(term) + 1)) + 0.1

    def similarity(self, a: frozenset[str], b: frozenset[str], *, deictic: bool = False,
                   weight: Callable[[str], float] | None = None) -> float:
        """Weighted Dice of two term bags; for a deictic mention (whose bag is its whole sentence),
        the share of ``b`` that the sentence covers. ``weight``: the term weights, memoised by a caller
        comparing one bag with many."""
        opposite = (NEGATION_TERM in a) != (NEGATION_TERM in b)
        a, b = a - {NEGATION_TERM}, b - {NEGATION_TERM}
        shared = a & b
        topical = shared - claim_words(self.lexicon).country_terms
        predicates = self.lexicon.claim_predicates
        pa, pb = a & predicates, b & predicates
        if len(topical) < 2 or (pa and pb and not pa & pb):
            return 0.0
        w = weight or self._weight
        if deictic:
            return sum(w(t) for t in shared) / sum(w(t) for t in b)
        wa, wb, ws = sum(w(t) for t in a), sum(w(t) for t in b), sum(w(t) for t in shared)
        dice = 2 * ws / (wa + wb)
        if opposite and restates(a, b):
            return max(dice, len(shared) / min(len(a), len(b)))
        return dice

    def assign(self, bag: frozenset[str], seed: str, *, deictic: bool = False,
               nearest: tuple[str | None, float] | None = None) -> tuple[str, float]:
        """The cluster key for a new mention and its similarity to it (1.0 for a new cluster);
        ``nearest``: what :meth:`nearest` gave for ``bag``, when the caller asked already."""
        best_key, best = nearest if nearest is not None else self.nearest(bag, deictic=deictic)
        if best_key is None or best < self.threshold:
            best_key, best = "claim-" + hashlib.sha1(seed.encode("utf-8", "surrogatepass")).hexdigest()[:12], 1.0
        self.add_existing(best_key, bag)
        return best_key, best

    def nearest(self, bag: frozenset[str], *, deictic: bool = False) -> tuple[str | None, float]:
        """The cluster holding the mention most similar to ``bag``, and the similarity (None, 0.0: none)."""
        best, best_key = 0.0, None
        places = claim_words(self.lexicon).country_terms
        weights: dict[str, float] = {}  # the counts do not change during one assignment

        def weight(term: str) -> float:
            if term not in weights:
                weights[term] = self._weight(term)
            return weights[term]

        for key, other in self.candidates(bag - places - {NEGATION_TERM}):
            s = self.similarity(bag, other, deictic=deictic, weight=weight)
            if s > best or (s == best and best_key is not None and key < best_key):
                best, best_key = s, key  # a tie goes to the smaller key: the same in any load order
        return best_key, best
