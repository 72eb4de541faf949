"""Who said it: the source mention nearest the cue, and its actor inside the article.

Mentions are read off the dependency parse (the subject of the cue, the object of "according to"
or "citing"). Resolution follows the heuristics of quote-attribution systems such as BBC citron and
Muzny et al. (2017, "A two-stage sieve approach for quote attribution"): a pronoun goes to the
most recent speaker (same paragraph first, people first), a surname or "Mr X" to the full name
written in the article, "the officials" to the last group of officials, "the report" to the last
outlet. Anonymous sources stay typed groups and are never merged with named people.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon, SourceKind
from .records import Source

_EXCLUDED_NP_DEPS = {"relcl", "appos", "acl", "punct", "advcl", "parataxis", "conj", "cc", "prep"}
_KEEP_PREP = {"with", "familiar", "close", "from", "at", "of", "in", "for"}
_ROLE_HINTS = {"spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "minister", "secretary",
               "envoy", "ambassador", "director", "editor", "chief", "analyst", "professor", "official"}
_PARTICLES = {"da", "de", "do", "dos", "van", "von", "der", "bin", "al", "el", "la", "le", "di", "du"}
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def np_span(head: Token) -> Span:
    """The noun phrase a source head stands for, without relative clauses, appositions or lists."""
    toks = [head]
    for child in head.children:
        if child.dep_ in _EXCLUDED_NP_DEPS and not (child.dep_ == "prep" and _keep_prep(child)):
            continue
        toks.extend(child.subtree)
    # An apposition that is a name stands for the person ("spokesman Dmitry Peskov").
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks) + 1
    doc = head.doc
    while hi > lo + 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo:hi]


def _keep_prep(prep: Token) -> bool:
    """Keep "familiar with the matter", "officials with access to …" as part of a source name."""
    return prep.lower_ in _KEEP_PREP and prep.head.lower_ not in {"said", "told"}


def mention_for(head: Token) -> Span:
    """The mention span of a source whose syntactic head is ``head``."""
    doc = head.doc
    if head.ent_type_ in _ENTITY_LABELS and head.ent_type_ != "NORP":
        ent = _entity_of(head)
        if ent is not None:
            start = ent.start
            if start > 0 and doc[start - 1].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr", "prof"}:
                start -= 1
            if ent.label_ == "PERSON" or head.pos_ == "PROPN":
                return doc[start : ent.end]
    for child in head.children:
        if child.dep_ in {"appos", "compound"} and child.ent_type_ == "PERSON" and head.pos_ == "NOUN" \
                and (child.dep_ == "appos" or head.lemma_.lower() in _ROLE_HINTS):
            ent = _entity_of(child)
            if ent is not None:
                return ent
    return np_span(head)


def _author(head: Token) -> Token | None:
    """Who wrote a report or statement: "a report by Amnesty", "the report, published by HRW"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "acl":
            for agent in (c for c in child.children if c.dep_ == "agent"):
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _entity_of(tok: Token) -> Span | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


@dataclass(slots=True)
class _Said:
    name: str
    kind: SourceKind
    para: int
    plural: bool
    head: str


@dataclass(slots=True)
class Resolver:
    """Resolves source mentions to actors, left to right through one article."""

    doc: Doc
    lex: Lexicon
    para_at: Callable[[int], int]
    people: list[tuple[int, list[str]]] = field(default_factory=list)  # (char, name tokens)
    roles: dict[str, list[tuple[int, str, frozenset[str]]]] = field(default_factory=dict)  # role → (char, name, role words)
    history: list[_Said] = field(default_factory=list)

    def __post_init__(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = [t.text for t in ent if t.lower_ not in self.lex.titles and not t.is_punct and t.tag_ != "POS"]
            if len(words) >= 2:
                self.people.append((ent.start_char, words))
            self._note_roles(ent, " ".join(words))

    def _note_roles(self, ent: Span, name: str) -> None:
        """Record "Liu Pengyu, the … spokesperson" and "spokesman Dmitry Peskov" as roles."""
        if not name:
            return
        root = ent.root
        related = [c for c in root.children if c.dep_ in {"appos", "compound"}]
        if root.dep_ == "appos":
            related.append(root.head)
        for tok in related:
            toks = list(tok.subtree) if tok.dep_ == "appos" else [t for t in ent.doc[tok.left_edge.i : tok.i + 1]]
            words = frozenset(_role_word(t) for t in toks)
            for t in toks:
                if t.lemma_.lower() in self.lex.role_nouns:
                    self.roles.setdefault(_role_word(t), []).append((ent.start_char, name, words))

    # -- public -------------------------------------------------------------------------------
    def resolve(self, mention: Span | None, at: int, implicit: tuple[str, SourceKind] | None = None) -> Source:
        """Resolve ``mention`` (or an implicit source) seen at character ``at``; remember it."""
        if mention is None:
            name, kind = implicit or ("unspecified (implicit)", "anonymous")
            return Source(None, name, kind)
        conjuncts = [t for t in mention.root.conjuncts if t.i > mention.root.i and t.dep_ == "conj"]
        if conjuncts:
            parts = [self._resolve_one(mention_for(c) if c is not mention.root else mention, at)
                     for c in [mention.root, *conjuncts]]
            first = parts[0]
            names = sorted(dict.fromkeys(p[0] for p in parts))  # one name for the group, whatever the order
            kinds = {p[1] for p in parts}
            group_kind: SourceKind = first[1] if len(kinds) == 1 else "organization"
            lo = min(mention.start, *(c.left_edge.i for c in conjuncts))
            hi = max(mention.end, *(c.right_edge.i + 1 for c in conjuncts))
            span = self.doc[lo:hi]
            src = Source(span.text, " and ".join(names), group_kind, span.start_char, span.end_char)
            self._remember(src, at, plural=True, head="")
            return src
        name, kind = self._resolve_one(mention, at)
        if kind == "person" and " " in name and all(name.split() != words for _, words in self.people):
            self.people.append((mention.start_char, name.split()))  # "Wang Huiyao" missed by NER
        src = Source(mention.text, name, kind, mention.start_char, mention.end_char)
        root = mention.root
        self._remember(src, at, plural=root.tag_ in {"NNS", "NNPS"} or root.lower_ in self.lex.pronouns_plural,
                       head=root.lemma_.lower())
        return src

    def same_as(self, source: Source, at: int) -> None:
        """Note that ``source`` spoke again at ``at`` (a continued quote)."""
        self._remember(source, at, plural=False, head="")

    # -- resolution ---------------------------------------------------------------------------
    def _resolve_one(self, mention: Span, at: int) -> tuple[str, SourceKind]:
        lex = self.lex
        root = mention.root
        low = root.lower_
        if len(mention) == 1 and (low in lex.pronouns_singular or low in lex.pronouns_plural):
            return self._pronoun(low, at, mention)
        if (root.pos_ == "NUM" or low in lex.name_strip) and any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
            # "Four of the seven commissioners" speak for the group named after "of"
            of = next(c for c in root.children if c.dep_ == "prep" and c.lower_ == "of")
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return self._resolve_one(mention_for(pobj), at)
        words = _strip_front([t for t in mention if not t.is_punct or t.tag_ == "POS"], lex)
        text = "".join(t.text_with_ws for t in words).strip() or mention.text
        key = text.lower().replace("’", "'")
        if key in lex.countries:
            return lex.countries[key], "country"
        head = root.lemma_.lower() if root.lower_ not in lex.media_heads else root.lower_
        ent = _entity_of(root)
        if ent is not None and ent.label_ == "PERSON":
            return self._person(ent), "person"
        if mention[0].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr", "miss"}:
            return self._person_tokens([t.text for t in words if t.lower_ not in lex.titles] or [root.text]), "person"
        if self._is_outlet(mention):
            return _strip_the(mention.text), "outlet"
        author = _author(root)
        if author is not None and (head in lex.media_heads or head in lex.document_heads):
            return self._resolve_one(mention_for(author), at)  # "the report, published by HRW, said"
        if head in lex.media_heads and root.pos_ == "NOUN":
            if mention[0].lower_ == "the" and root.tag_ == "NN":
                recent = self._recent(lambda s: s.kind == "outlet")
                if recent is not None:
                    return recent.name, "outlet"
            return "unnamed media reports", "outlet"
        country = self._country_modifier(mention)
        if head in {"government", "regime", "leadership", "authorities"} and country:
            return country, "country"
        if head in lex.anonymous_heads and not any(t.ent_type_ == "PERSON" for t in mention):
            person = self._by_role(mention, at)
            if person:
                return person, "person"
            return self._anonymous(mention, words, head, country), "anonymous"
        person = self._by_role(mention, at)
        if person:
            return person, "person"
        if head in lex.role_nouns and root.pos_ == "NOUN":
            # "the minister" after "the transport minister": the same unnamed person
            if mention[0].lower_ == "the":
                want = {t.lower_ for t in words}
                recent = self._recent(lambda s: s.head == head and want <= set(s.name.lower().split()))
                if recent is not None:
                    return recent.name, recent.kind
            return _strip_the(text), "person"
        if (head in lex.document_heads or head in lex.record_heads) and root.pos_ == "NOUN":
            return _strip_the(text), "document"
        if ent is not None and ent.label_ in {"GPE", "LOC"}:
            return lex.countries.get(ent.text.lower(), _strip_the(ent.text)), "country"
        if head in lex.organization_heads or (ent is not None and ent.label_ in {"ORG", "NORP"}):
            return self._organization(mention, country), "organization"
        if root.pos_ == "PROPN":
            names = [t.text for t in words if t.lower_ not in lex.titles]
            return self._person_tokens(names or [root.text]), "person"
        return _strip_the(text), "organization"

    def _pronoun(self, low: str, at: int, mention: Span) -> tuple[str, SourceKind]:
        if low == "it":
            # "it" speaks for an organisation, a country or an outlet named before
            recent = self._recent(lambda s: s.kind in {"organization", "country", "outlet", "document"} and not s.plural)
            if recent is not None:
                return recent.name, recent.kind
            orgs = [e for e in self.doc.ents if e.label_ in {"ORG", "GPE"} and e.end <= mention.start]
            if orgs:
                return self._resolve_one(orgs[-1], at)
            return "it", "organization"
        if low in {"he", "she"}:
            # "Putin traveled to Beijing – he and Xi pledged …": a person named earlier in the
            # same sentence is the nearest antecedent.
            sent = mention.sent
            people = [e for e in self.doc.ents if e.label_ == "PERSON" and sent.start <= e.start and e.end <= mention.start]
            if people:
                return self._person(people[-1]), "person"
        para = self.para_at(at)
        if low in self.lex.pronouns_plural:
            tests = [lambda s: s.para == para and (s.plural or s.kind in {"organization", "country"}),
                     lambda s: s.plural or s.kind in {"organization", "country"}]
        else:
            tests = [lambda s: s.para == para and not s.plural and s.kind in {"person", "anonymous"},
                     lambda s: s.para == para and not s.plural,
                     lambda s: not s.plural and s.kind in {"person", "anonymous"}]
        for test in tests:
            recent = self._recent(test)
            if recent is not None:
                return recent.name, recent.kind
        before = [words for pos, words in self.people if pos < at]
        if before and low not in self.lex.pronouns_plural:
            return " ".join(before[-1]), "person"
        return low, "anonymous"

    def _recent(self, test) -> _Said | None:  # type: ignore[no-untyped-def]
        for said in reversed(self.history):
            if test(said):
                return said
        return None

    def _person(self, ent: Span) -> str:
        words = [t.text for t in ent if t.lower_ not in self.lex.titles and not t.is_punct and t.tag_ != "POS"]
        return self._person_tokens(words or [ent.text])

    def _person_tokens(self, words: list[str]) -> str:
        """A surname or partial name becomes the full name last written before it in the article."""
        if len(words) >= 2:
            return " ".join(words)
        word = words[0]
        best = None
        for _, full in self.people:
            if word in (full[0], full[-1]):
                best = full
        if best is None:  # "Lula" for "Luiz Inacio Lula da Silva"
            inner = [full for _, full in self.people if word in full[1:-1] and word.lower() not in _PARTICLES]
            best = inner[-1] if inner else None
        return " ".join(best) if best else word

    def _by_role(self, mention: Span, at: int) -> str | None:
        """"the spokesman" → the person introduced with that role ("Liu Pengyu, the … spokesperson");
        every word of the description must fit the role ("the foreign minister" ≠ "Prime Minister X")."""
        if mention[0].lower_ != "the" or mention.root.lemma_.lower() not in self.lex.role_nouns:
            return None
        want = {_role_word(t) for t in mention[1:] if not t.is_punct}
        entries = [(pos, name) for pos, name, words in self.roles.get(_role_word(mention.root), []) if want <= words]
        before = [name for pos, name in entries if pos <= at]
        return before[-1] if before else None

    def _is_outlet(self, mention: Span) -> bool:
        lows = {t.lower_ for t in mention}
        if mention.root.pos_ != "PROPN":
            return False
        return bool(lows & self.lex.outlet_words) or _strip_the(mention.text).lower() in self.lex.outlet_names

    def _country_modifier(self, mention: Span) -> str | None:
        for tok in mention:
            if tok is mention.root:
                continue
            name = self.lex.countries.get(tok.lower_.replace("’", "'"))
            if name is None and tok.ent_type_ in {"GPE", "NORP"}:
                ent = _entity_of(tok)
                name = self.lex.countries.get(ent.text.lower()) if ent is not None else None
            if name:
                return name
        return None

    def _anonymous(self, mention: Span, words: list[Token], head: str, country: str | None) -> str:
        """"several US officials" → "US officials"; "a source" → "unnamed source"."""
        if mention[0].lower_ == "the" and mention.root.tag_ == "NNS" and len(words) == 1:
            recent = self._recent(lambda s: s.kind == "anonymous" and s.head == head)
            if recent is not None:
                return recent.name
        parts: list[str] = []
        for tok in words:
            if tok.tag_ == "POS" or tok.lower_ in {"’s", "'s"}:
                continue
            name = self.lex.countries.get(tok.lower_.replace("’", "'").rstrip("."), None) or \
                self.lex.countries.get(tok.lower_)
            if name and tok is not mention.root and tok.i < mention.root.i:
                adj = self.lex.country_adjectives.get(name, name)
                if not parts or parts[-1] != adj:
                    parts.append(adj)
            else:
                parts.append(tok.text if tok.pos_ == "PROPN" or tok.text.isupper() else tok.lower_)
        text = " ".join(parts)
        if len(words) == 1:
            return f"unnamed {text}"
        return text

    def _organization(self, mention: Span, country: str | None) -> str:
        words = _strip_front(list(mention), self.lex)
        if country and words and words[0].ent_type_ == "GPE" and len(words) > 2 and words[1].tag_ == "POS":
            adj = self.lex.country_adjectives.get(country, country)
            return " ".join([adj, *(t.text for t in words[2:])])
        out = []
        for t in words:  # "the U.S. embassy" → "US embassy"
            name = self.lex.countries.get(t.lower_) if t.ent_type_ in {"GPE", "NORP"} else None
            out.append((self.lex.country_adjectives.get(name, t.text) if name and t is not mention.root else t.text)
                       + t.whitespace_)
        return _strip_the("".join(out).strip() or mention.text)

    def _remember(self, src: Source, at: int, plural: bool, head: str) -> None:
        para = self.para_at(at)
        self.history.append(_Said(src.name, src.kind, para, plural, head))


def _role_word(tok: Token) -> str:
    low = tok.lemma_.lower()
    return "spokesperson" if low in {"spokesman", "spokeswoman"} else low


def _strip_front(toks: list[Token], lex: Lexicon) -> list[Token]:
    """Drop determiners and quantifiers at the front: "several US officials" → "US officials"."""
    i = 0
    while i < len(toks) - 1 and toks[i].lower_ in lex.name_strip:
        i += 1
    return toks[i:]


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text
