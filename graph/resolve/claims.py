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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from claimgraph.extractors.clean import clean
from claimgraph.extractors.lexicon import EN

#: Similarity a mention needs with a cluster's mention to join it.
THRESHOLD = 0.34

_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*[A-Za-z]|[A-Za-z]")
_STEM = snowballstemmer.stemmer("english")

# Function words and the vocabulary of news reporting itself (it says who said, not what).
_STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves may might must shall now even still yet already well ever
said say says saying told tell tells report reports reported reporting according added add claim
claims claimed statement statements official officials source sources people person news media press
monday tuesday wednesday thursday friday saturday sunday today yesterday week weeks day days month
months year years recent recently time times one two three also including include includes includ
mr ms mrs dr s t don doesn didn won isn wasn aren weren new newly
""".split())

# Predicates and topics that news states in many words: stem → concept. Kept small and general
# (requests, aid, offers, denials of knowledge, threats, talks), not tied to any one story.
_CONCEPTS: dict[str, str] = {
    **dict.fromkeys("ask request sought seek solicit appeal plead".split(), "request"),
    **dict.fromkeys("aid assist help support equip equipment weapon arm arms materiel backing".split(), "aid"),
    **dict.fromkeys("offer willing provid give suppli deliv furnish".split(), "offer"),
    **dict.fromkeys("concern worri disconcert griev regret troubl alarm distress".split(), "concern"),
    **dict.fromkeys("peac ceasefir truce negoti diplomaci diplomat settlement dialogu mediat talk".split(), "peace"),
    **dict.fromkeys("consequ repercuss punish penalti retali".split(), "consequence"),
    **dict.fromkeys("misinform disinform fals lie lying fake untru propaganda".split(), "falsehood"),
    **dict.fromkeys("awar knew know known".split(), "know"),
    **dict.fromkeys("econom financi monetari fiscal".split(), "economic"),
    **dict.fromkeys("militari armi troop defens".split(), "military"),
    **dict.fromkeys("sanction embargo".split(), "sanction"),
    **dict.fromkeys("invas invad attack war conflict".split(), "war"),
}
# Mentions that only point back at something said before.
_DEICTIC_HEADS = frozenset("that this it these those report reports claim claims allegation allegations "
                           "suggestion suggestions story rumour rumor news".split())
def _country_term(name: str) -> str:
    """``country:<name>`` without spaces: terms are stored space-separated (``cg:claimTerms``) and
    must read back as the same bag, or a reloaded resolver would cluster differently."""
    return "country:" + "_".join(name.lower().split())


_COUNTRY_TERMS = frozenset(_country_term(c) for c in set(EN.countries.values()))
# Concepts that say what is claimed to happen; two mentions with different ones are different claims
# ("Russia asked China for aid" is not "China offered Russia aid").
_PREDICATES = frozenset("request offer concern peace consequence falsehood know".split())


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_STEM.stemWord(word))


def _countries_in(text: str) -> tuple[str, list[str]]:
    """Replace place names and demonyms with ``country:<name>`` tokens, longest names first.

    Looked up word by word in the lexicon's table (up to four words joined by a space or a hyphen),
    not with one regular expression: the table holds every country's names, capital and demonym,
    and a pattern with ~1,600 alternatives costs ~0.1 ms a string."""
    words = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: list[str] = []
    out: list[str] = []
    last = i = 0
    while i < len(words):
        hit = None
        a0, b0 = words[i]
        first = text[a0:b0].lower().replace("’", "'")
        longest = _FIRST_WORDS.get(first) or _FIRST_WORDS.get(first.rstrip(".")) or \
            (_FIRST_WORDS.get(first[:-2]) if first.endswith("'s") else None)
        if longest is None:  # no name starts with this word
            i += 1
            continue
        for n in range(min(longest, len(words) - i), 0, -1):
            a, b = words[i][0], words[i + n - 1][1]
            if any(text[words[k][1]:words[k + 1][0]] not in {" ", "-"} for k in range(i, i + n - 1)):
                continue
            if a > 0 and (text[a - 1].isalnum() or text[a - 1] == "."):
                break
            ends = [b] + ([b - 1] if text[b - 1] == "." else []) + ([b - 2] if text[b - 2:b] in {"'s", "’s"} else [])
            for end in ends:
                name = EN.countries.get(text[a:end].lower().replace("’", "'"))
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


_TOKEN = re.compile(r"[^\W_][\w.'’]*")
_FIRST_WORDS: dict[str, int] = {}  # a name's first word → the most words a name starting with it has
for _key in EN.countries:
    _parts = re.split(r"[ -]", _key)
    _FIRST_WORDS[_parts[0]] = max(_FIRST_WORDS.get(_parts[0], 0), len(_parts))


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


def terms(text: str, leaders: Mapping[str, str] | None = None) -> frozenset[str]:
    """The normalized terms of a claim mention (see the module docstring)."""
    text = clean(text).text  # the parser's view: "U.S.U.S." folded, damaged bytes blanked
    pattern, country = _leader_pattern(tuple(sorted((leaders or {}).items())))
    if pattern is not None:
        text = pattern.sub(lambda m: " " + country[m.group(0)] + " ", text)
    text, out = _countries_in(text)
    bag = set(out)
    for w in _WORD.findall(text):
        lw = w.lower().strip(".'’-")
        if not lw or lw in _STOP or len(lw) < 2:
            continue
        st = _stem(lw)
        if st in _STOP:
            continue
        bag.add(_CONCEPTS.get(st, st))
    return frozenset(bag)


def is_deictic(content: str) -> bool:
    """A content that points back instead of stating ("the reports", "I've never heard of that")."""
    words = [w.lower() for w in _WORD.findall(content)]
    content_words = [w for w in words if w not in _STOP and w not in _DEICTIC_HEADS]
    return len(content_words) <= 2 or (bool(words) and words[-1] in _DEICTIC_HEADS and len(words) <= 6)


def mention_terms(content: str, sentence: str, leaders: Mapping[str, str] | None = None, *,
                  deictic: bool | None = None) -> frozenset[str]:
    """Terms of a mention; a deictic mention borrows the terms of the rest of its sentence."""
    own = terms(content, leaders)
    if (is_deictic(content) if deictic is None else deictic) and sentence:
        rest = sentence.replace(content, " ")
        own = own | terms(rest, leaders)
    return own


@dataclass(slots=True)
class ClaimClusters:
    """Claim clusters, grown one mention at a time (get-or-create on similarity).

    Mentions with the same terms in the same cluster (a quote retold word for word by many
    outlets) are compared once: only distinct (cluster, terms) pairs are indexed, while term
    frequencies still count every mention. The result is the same as comparing every mention.
    """

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

    def _weight(self, term: str) -> float:
        return math.log((self.count + 2) / (self._df.get(term, 0) + 1)) + 0.1

    def similarity(self, a: frozenset[str], b: frozenset[str], *, deictic: bool = False,
                   weight: Callable[[str], float] | None = None) -> float:
        """Weighted Dice of two term bags; for a deictic mention (whose bag is its whole sentence),
        the share of ``b`` that the sentence covers. ``weight``: the term weights, memoised by a caller
        comparing one bag with many."""
        shared = a & b
        topical = shared - _COUNTRY_TERMS
        pa, pb = a & _PREDICATES, b & _PREDICATES
        if len(topical) < 2 or (pa and pb and not pa & pb):
            return 0.0
        w = weight or self._weight
        if deictic:
            return sum(w(t) for t in shared) / sum(w(t) for t in b)
        return 2 * sum(w(t) for t in shared) / (sum(w(t) for t in a) + sum(w(t) for t in b))

    def assign(self, bag: frozenset[str], seed: str, *, deictic: bool = False) -> tuple[str, float]:
        """The cluster key for a new mention and its similarity to it (1.0 for a new cluster)."""
        best, best_key = 0.0, None
        candidates = {i for t in bag if t not in _COUNTRY_TERMS for i in self._index.get(t, ())}
        weights: dict[str, float] = {}  # the counts do not change during one assignment

        def weight(term: str) -> float:
            if term not in weights:
                weights[term] = self._weight(term)
            return weights[term]

        for i in sorted(candidates):
            key, other = self.distinct[i]
            s = self.similarity(bag, other, deictic=deictic, weight=weight)
            if s > best or (s == best and best_key is not None and key < best_key):
                best, best_key = s, key  # a tie goes to the smaller key: the same in any load order
        if best_key is None or best < self.threshold:
            best_key, best = "claim-" + hashlib.sha1(seed.encode("utf-8", "surrogatepass")).hexdigest()[:12], 1.0
        self.add_existing(best_key, bag)
        return best_key, best
