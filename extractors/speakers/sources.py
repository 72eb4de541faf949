"""Who said it: the source mention nearest the cue, and its actor inside the article.

Mentions are read off the dependency parse (the subject of the cue, the object of "according to"
or "citing"). A mention is named by an ordered set of small sieves, the first that answers wins
(the multi-pass design of Lee et al. 2013 and Muzny et al. 2017); each record keeps the name of
its sieve, so every speaker can be explained:

``pronoun``      he/she/they/it → the most salient compatible antecedent: gender and number agree,
                 the last speaker of the paragraph first, then the people it names (subjects first)
``partitive``    "four of the seven commissioners" → the commissioners
``non-actor``    a time, an event or a topic is never a speaker: "a tweet from Wu" → Wu,
                 "details of a memo by the Herald" → the memo's author, "Earlier Tuesday" → unknown
``country``      "Beijing" → China
``name``         a person's name, titles split off ("EPA Administrator Jane Roe" → Jane Roe), a
                 surname or a name without its middle initial → the full name the article wrote
``acronym``      "NRC" ↔ "Nuclear Regulatory Commission" when the article spells it out
``outlet``       a news organization
``document``     "the report" → the outlet that reported; "the lawsuit" → the union's lawsuit,
                 written by the union; "a statement from the ministry" → the ministry
``role``         "the congressman", "the spokeswoman" → the person the article gave that role
``anonymous``    "several US officials" → US officials (typed groups, never merged with people)
``organization`` "the committee" → the committee the article named; other organizations
``fallback``     anything else, as written
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..finding.mentions import entity_of, mention_for
from ..lexicon import Lexicon, SourceKind
from ..records import Source
from .cast import Cast, Person, document_author, role_word
from .named import UNKNOWN, Named, Sieve
from .names import (
    anonymous_name,
    country_modifier,
    full_name,
    is_outlet,
    last_organization,
    mention_text,
    mention_words,
    organization_name,
    person_name,
    strip_the,
)
from .pronouns import Discourse


@dataclass(slots=True)
class SourceResolver:
    """Resolves source mentions to actors, left to right through one article."""

    doc: Doc
    lex: Lexicon
    para_at: Callable[[int], int]
    text: str | None = None  # doc.text, when the caller has it
    cast: Cast = field(init=False)
    discourse: Discourse = field(init=False)

    def __post_init__(self) -> None:
        self.cast = Cast(self.doc, self.lex, text=self.doc.text if self.text is None else self.text)
        self.discourse = Discourse(self.doc, self.lex, self.cast, self.para_at)

    # -- public -------------------------------------------------------------------------------
    def resolve(self, mention: Span | None, at: int, implicit: tuple[str, SourceKind] | None = None,
                cue: str = "") -> Source:
        """Resolve ``mention`` (or an implicit source) seen at character ``at``; remember it."""
        if mention is None:
            name, kind = implicit or ("unspecified (implicit)", SourceKind.ANONYMOUS)
            return Source(None, name, kind, sieve=Sieve.IMPLICIT)
        conjuncts = [t for t in mention.root.conjuncts if t.i > mention.root.i and t.dep_ == "conj"]
        if conjuncts:
            parts = [self._resolve_one(mention_for(c, self.lex) if c is not mention.root else mention, at)
                     for c in [mention.root, *conjuncts]]
            names = sorted(dict.fromkeys(p.name for p in parts))  # one name for the group, whatever the order
            kinds = {p.kind for p in parts}
            group_kind = parts[0].kind if len(kinds) == 1 else SourceKind.ORGANIZATION
            lo = min(mention.start, *(c.left_edge.i for c in conjuncts))
            hi = max(mention.end, *(c.right_edge.i + 1 for c in conjuncts))
            span = self.doc[lo:hi]
            src = Source(span.text, " and ".join(names), group_kind, span.start_char, span.end_char, sieve=Sieve.GROUP)
            self.discourse.remember(src, at, plural=True, head="", cue=cue)
            return src
        named = self._resolve_one(mention, at)
        if named.kind == SourceKind.PERSON and " " in named.name and self.cast.person_named(named.name.split()) is None:
            self.cast.people.append(Person(named.name.split(), mention.start_char))  # "Wang Huiyao" missed by NER
        src = Source(mention.text, named.name, named.kind, mention.start_char, mention.end_char, sieve=named.sieve,
                     author=named.author[0] if named.author else None,
                     author_kind=named.author[1] if named.author else None)
        root = mention.root
        self.discourse.remember(src, at, plural=root.tag_ in {"NNS", "NNPS"} or root.lower_ in self.lex.pronouns_plural,
                       head=root.lemma_.lower(), cue=cue)
        return src

    def speaker(self, label: str, start: int, end: int) -> Source:
        """The speaker of a transcript turn ("WALLACE:"): the person the article names with that
        surname ("Chris Wallace"), else the label in title case."""
        words = [w for w in label.replace(".", " ").split() if w.lower() not in self.lex.titles]
        last = words[-1].lower() if words else label.lower()
        found = [p for p in self.cast.people if p.start <= start and p.words[-1].lower() == last and len(p.words) > 1]
        name = found[-1].name if found else " ".join(w.capitalize() for w in words or [label])
        src = Source(label, name, SourceKind.PERSON, start, end, sieve=Sieve.SPEAKER_TURN)
        self.discourse.remember(src, start, plural=False, head="")
        return src

    def same_as(self, source: Source, at: int) -> None:
        """Note that ``source`` spoke again at ``at`` (a continued quote)."""
        self.discourse.remember(source, at, plural=False, head="")

    # -- the sieves ---------------------------------------------------------------------------
    def _resolve_one(self, mention: Span, at: int) -> Named:
        for sieve in (self._pronoun, self._partitive, self._non_actor, self._country, self._name, self._acronym,
                      self._outlet, self._document, self._role, self._office, self._anonymous, self._organization):
            named = sieve(mention, at)
            if named is not None:
                return named
        return self._fallback(mention)

    def _pronoun(self, mention: Span, at: int) -> Named | None:
        low = mention.root.lower_
        root = mention.root
        if len(mention) == 1 and low in {"who", "which", "that"} and root.head.dep_ == "relcl" \
                and root.head.head is not root.head:
            inner = self._resolve_one(mention_for(root.head.head, self.lex), at)  # "Flynn, who said …"
            return Named(inner.name, inner.kind, Sieve.PRONOUN, inner.author)
        if len(mention) != 1 or (low not in self.lex.pronouns_singular and low not in self.lex.pronouns_plural):
            return None
        name, kind = self.discourse.antecedent(low, at, mention, self._resolve_one)
        return Named(name, kind, Sieve.PRONOUN)

    def _partitive(self, mention: Span, at: int) -> Named | None:
        """"Four of the seven commissioners" speak for the group named after "of"."""
        root = mention.root
        if not (root.pos_ == "NUM" or root.lower_ in self.lex.name_strip):
            return None
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in root.children):
            return None  # "One of them, Carla Jimenez": the name says who
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return self._resolve_one(mention_for(pobj, self.lex), at) if pobj is not None else None

    def _non_actor(self, mention: Span, at: int) -> Named | None:
        """Times, events and topics do not speak; an event's author, or a topic's document, does."""
        root = mention.root
        head = root.lemma_.lower()
        if root.pos_ == "PROPN" and root.ent_type_ not in {"DATE", "TIME"}:
            return None
        if root.ent_type_ in {"DATE", "TIME"} or head in self.lex.time_heads:
            return Named(UNKNOWN, SourceKind.ANONYMOUS, Sieve.NON_ACTOR)
        if head in self.lex.event_heads:
            author = document_author(root, self.lex)
            if author is None:
                return Named(UNKNOWN, SourceKind.ANONYMOUS, Sieve.NON_ACTOR)
            inner = self._resolve_one(mention_for(author, self.lex), at)
            return Named(inner.name, inner.kind, Sieve.NON_ACTOR, inner.author)
        if head in self.lex.topic_heads:
            of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is None:
                return Named(UNKNOWN, SourceKind.ANONYMOUS, Sieve.NON_ACTOR)
            inner = self._resolve_one(mention_for(pobj, self.lex), at)
            return Named(inner.name, inner.kind, Sieve.NON_ACTOR, inner.author)
        return None

    def _country(self, mention: Span, at: int) -> Named | None:
        if mention.root.ent_type_ == "PERSON":
            return None  # "Jordan said" may be a person called Jordan
        key = mention_text(mention, self.lex).lower().replace("’", "'")
        if key in self.lex.countries:
            return Named(self.lex.countries[key], SourceKind.COUNTRY, Sieve.COUNTRY)
        return None

    def _name(self, mention: Span, at: int) -> Named | None:
        root = mention.root
        ent = entity_of(root)
        if ent is not None and ent.label_ == "PERSON":
            return Named(person_name(ent, at, self.lex, self.cast), SourceKind.PERSON, Sieve.NAME)
        lex = self.lex
        if root.pos_ in {"NOUN", "PROPN"} and (role_word(root, lex) in lex.role_nouns or root.lower_ in lex.title_roles) \
                or root.pos_ == "NUM" or root.lower_ in self.lex.partitive_pronouns:
            # "The head coach of the Riverside Hawks, Tom Guerrero", "Its editor, Marcus Bell": the
            # name in apposition, wherever the parser hung it
            named = [t for t in root.subtree if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > root.i]
            if not named and root.text[:1].isupper():
                # a title that ends in the name: "Assistant Secretary for Diplomatic Security Charlene
                # Lamb", parsed as "for … Lamb" (not "the lawyer for Michael Flynn": a client)
                last = mention[-1] if not mention[-1].is_punct else mention[-2] if len(mention) > 1 else mention[-1]
                ent = entity_of(last)
                named = [ent.root] if ent is not None and ent.label_ == "PERSON" and ent.start > root.i else []
            if len(named) == 1:
                tok = named[0]
                person = self.cast.person_at(tok.i)
                if person is not None:
                    return Named(person.name, SourceKind.PERSON, Sieve.NAME)
                ent = entity_of(tok)  # a role's name is a person's, whatever NER thought
                words = [t.text for t in (ent or self.doc[tok.left_edge.i:tok.i + 1]) if not t.is_punct]
                return Named(full_name(words, at, self.lex, self.cast), SourceKind.PERSON, Sieve.NAME)
        if mention[0].lower_.rstrip(".") in self.lex.honorifics:
            words = [t.text for t in mention_words(mention, self.lex) if t.lower_ not in self.lex.titles]
            return Named(full_name(words or [root.text], at, self.lex, self.cast), SourceKind.PERSON, Sieve.NAME)
        words = [t.text for t in mention_words(mention, self.lex)]
        if root.text[:1].isupper() and root.pos_ in {"PROPN", "NOUN"} and words:
            person = self.cast.person_at(root.i) or (
                (self.cast.by_surname(words[-1], at) or self.cast.by_last_name(words[-1])) if len(words) == 1 else None)
            if person is not None:  # "Price said …", a surname NER missed ("Trump warns …" in a headline)
                return Named(person.name, SourceKind.PERSON, Sieve.NAME)
        return None

    def _acronym(self, mention: Span, at: int) -> Named | None:
        text = strip_the(mention_text(mention, self.lex))
        if text in self.cast.acronyms:
            return Named(self.cast.acronyms[text], SourceKind.ORGANIZATION, Sieve.ACRONYM)
        ent = entity_of(mention.root)
        if ent is not None and ent.label_ == "ORG":  # "The Nuclear Regulatory Commission (NRC" as parsed
            name = strip_the(ent.text)
            for acr, full in self.cast.acronyms.items():
                if name == full or name == f"{full} ({acr}":
                    return Named(full, SourceKind.ORGANIZATION, Sieve.ACRONYM)
        return None

    def _outlet(self, mention: Span, at: int) -> Named | None:
        if is_outlet(mention, self.lex):
            return Named(strip_the(mention.text), SourceKind.OUTLET, Sieve.OUTLET)
        return None

    def _document(self, mention: Span, at: int) -> Named | None:
        """Reports, statements and filings go to who wrote them."""
        lex = self.lex
        root = mention.root
        if root.pos_ != "NOUN":
            return None
        head = root.lemma_.lower() if root.lower_ not in lex.media_heads else root.lower_
        lemma = root.lemma_.lower()
        author = document_author(root, lex) if lemma in lex.authored_documents or head in lex.media_heads else None
        if author is not None and (head in lex.media_heads or lemma in lex.authored_documents or head in lex.document_heads):
            written = self._resolve_one(mention_for(author, self.lex), at)
            if lemma in lex.voice_documents or head in lex.media_heads:
                return Named(written.name, written.kind, Sieve.DOCUMENT)  # "the report, published by HRW, said"
            return Named(f"{written.name}'s {root.text.lower()}", SourceKind.DOCUMENT, Sieve.DOCUMENT,
                         (written.name, written.kind))
        if head in lex.media_heads:
            if mention[0].lower_ == "the" and root.tag_ == "NN":
                recent = self.discourse.recent(lambda s: s.kind == SourceKind.OUTLET or s.cue in lex.outlet_verbs - {"say"}
                                      and s.kind in {SourceKind.ORGANIZATION, SourceKind.OUTLET, SourceKind.PERSON})
                if recent is not None:
                    return Named(recent.name, recent.kind, Sieve.DOCUMENT)
                named = [e for e in self.cast.entities if e.end <= mention.start and e.label_ in {"ORG", "WORK_OF_ART"}
                         and is_outlet(e, self.lex)]
                if named:  # "The Boston Globe first reported the dispute. … The report said"
                    return Named(strip_the(named[-1].text), SourceKind.OUTLET, Sieve.DOCUMENT)
            return Named("unnamed media reports", SourceKind.OUTLET, Sieve.DOCUMENT)
        if lemma in lex.authored_documents and mention[0].lower_ in lex.definite_determiners:
            earlier = self.cast.document_before(lemma, root.i)
            if earlier is not None:
                written = self._resolve_one(mention_for(earlier.author, self.lex), at)
                if lemma in lex.voice_documents:
                    return Named(written.name, written.kind, Sieve.DOCUMENT)
                noun = lex.document_synonyms.get(lemma, lemma)
                return Named(f"{written.name}'s {noun}", SourceKind.DOCUMENT, Sieve.DOCUMENT, (written.name, written.kind))
        return None

    def _role(self, mention: Span, at: int) -> Named | None:
        """"the spokesman" → the person introduced with that role ("Liu Pengyu, the … spokesperson");
        every word of the description must fit the role ("the foreign minister" ≠ "Prime Minister X")."""
        root = mention.root
        headline = mention.start_char < self.cast.first_break and mention[0].lower_ not in self.lex.articles
        if (len(mention) == 1 or headline) and (root.text[:1].isupper() or headline) \
                and (root.lower_ in self.lex.title_roles or role_word(root, self.lex) in self.lex.role_nouns):
            # A headline's "Senator denies …": the one person the article gives that role
            role = role_word(root, self.lex)
            holders = {p.name for p in self.cast.people if role in p.roles}
            if len(holders) == 1:
                return Named(holders.pop(), SourceKind.PERSON, Sieve.ROLE)
        if mention[0].lower_ != "the" or not common_noun(root) or any(t.ent_type_ == "PERSON" for t in mention):
            return None
        role = role_word(root, self.lex)
        if role not in self.lex.role_nouns and root.lower_ not in self.lex.title_roles:
            return None
        want = {role_word(t, self.lex) for t in mention[1:] if not t.is_punct and t.i != root.i}
        people = [p for p in self.cast.people if role in p.roles and p.start <= at
                  and want <= p.roles | {w.lower() for w in p.words} | self._described(p)]
        if people:
            return Named(people[-1].name, SourceKind.PERSON, Sieve.ROLE)
        return None

    def _described(self, person: Person) -> set[str]:
        """Every word written around the person's roles (affiliation words: "Republican", "Ohio")."""
        out: set[str] = set()
        for i in person.mentions:
            tok = self.doc[i]
            for c in tok.children:
                if c.dep_ in {"appos", "compound", "amod"}:
                    out |= {role_word(t, self.lex) for t in c.subtree}
            if tok.dep_ == "appos":
                out |= {role_word(t, self.lex) for t in tok.head.subtree}
        return out

    def _anonymous(self, mention: Span, at: int) -> Named | None:
        lex = self.lex
        root = mention.root
        head = root.lemma_.lower()
        if head not in lex.anonymous_heads or any(t.ent_type_ == "PERSON" for t in mention):
            return None
        return Named(anonymous_name(mention, mention_words(mention, self.lex), head, self.lex, self.discourse),
                     SourceKind.ANONYMOUS, Sieve.ANONYMOUS)

    def _office(self, mention: Span, at: int) -> Named | None:
        """Staff speak for the office they work for: "prosecutors working for the special counsel" →
        the special counsel's office, "lawyers for the city" → the city, "aides to the governor" →
        Jane Roe's office; a lawyer for a named person speaks for a client, and stays as written."""
        root = mention.root
        if root.lemma_.lower() not in self.lex.staff_heads and root.lower_ not in self.lex.staff_heads:
            return None
        preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ in self.lex.office_preps]
        preps += [p for c in root.children if c.dep_ == "acl" and c.lemma_.lower() in self.lex.working_verbs
                  for p in c.children if p.dep_ == "prep" and p.lower_ in self.lex.office_preps]
        for prep in preps:
            boss = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if boss is None:
                continue
            if boss.ent_type_ == "PERSON":
                return None  # "the lawyer for Michael Flynn" speaks for a client, not an office
            named = self._resolve_one(mention_for(boss, self.lex), at)
            if named.kind in {SourceKind.ORGANIZATION, SourceKind.COUNTRY} and named.name != UNKNOWN:
                return Named(named.name, named.kind, Sieve.OFFICE)
            if named.kind == SourceKind.PERSON and named.name != UNKNOWN:  # "aides to the governor"
                return Named(f"{named.name}'s office", SourceKind.ORGANIZATION, Sieve.OFFICE)
        return None

    def _organization(self, mention: Span, at: int) -> Named | None:
        lex = self.lex
        root = mention.root
        head = root.lemma_.lower()
        country = country_modifier(mention, self.lex)
        if head in self.lex.government_heads and country:
            return Named(country, SourceKind.COUNTRY, Sieve.COUNTRY)
        if head in lex.role_nouns and common_noun(root) and root.tag_ in {"NNS", "NNPS"}:
            name = anonymous_name(mention, mention_words(mention, self.lex), head, self.lex, self.discourse)
            return Named(name, SourceKind.ANONYMOUS, Sieve.ANONYMOUS)
        if head in lex.role_nouns and common_noun(root):
            # "the minister" after "the transport minister": the same unnamed person
            words = mention_words(mention, self.lex)
            if mention[0].lower_ == "the":
                want = {t.lower_ for t in words}
                recent = self.discourse.recent(lambda s: s.head == head and want <= set(s.name.lower().split()))
                if recent is not None:
                    return Named(recent.name, recent.kind, Sieve.ROLE)
            return Named(strip_the(mention_text(mention, self.lex)), SourceKind.PERSON, Sieve.ROLE)
        if (head in lex.document_heads or head in lex.record_heads or head in lex.authored_documents) \
                and common_noun(root):
            return Named(strip_the(mention_text(mention, self.lex)), SourceKind.DOCUMENT, Sieve.DOCUMENT)
        ent = entity_of(root)
        if ent is not None and ent.label_ in {"GPE", "LOC"}:
            return Named(lex.countries.get(ent.text.lower(), strip_the(ent.text)), SourceKind.COUNTRY, Sieve.COUNTRY)
        if mention[0].lower_ == "the" and root.pos_ == "NOUN" and ent is None:
            # "the committee" → the committee the article named; "the union" → the teachers union
            want = {t.lower_ for t in mention[1:] if not t.is_punct and t.i != root.i}
            recent = self.discourse.recent(lambda s: s.kind == SourceKind.ORGANIZATION and not s.plural
                                           and root.lower_ in s.name.lower().split() and want <= set(s.name.lower().split()))
            named = recent.name if recent is not None else self.cast.organization_for(root.lower_, want, root.i)
            if named is None and head in lex.generic_organizations and len(want) == 0:
                named = last_organization(head, self.lex, self.discourse)
            if named is not None:
                return Named(named, SourceKind.ORGANIZATION, Sieve.ORGANIZATION)
        if head in lex.organization_heads or (ent is not None and ent.label_ in {"ORG", "NORP"}):
            return Named(organization_name(mention, country, self.lex), SourceKind.ORGANIZATION, Sieve.ORGANIZATION)
        return None

    def _fallback(self, mention: Span) -> Named:
        root = mention.root
        if root.pos_ == "PROPN":
            words = [t for t in mention_words(mention, self.lex) if t.lower_ not in self.lex.titles]
            # "Fire Marshal Greg Tate": the name is what follows the last title
            last_title = max((k for k, t in enumerate(words[:-1]) if t.lower_ in self.lex.title_roles
                              or role_word(t, self.lex) in self.lex.role_nouns), default=-1)
            names = [t.text for t in words[last_title + 1:]]
            name = full_name(names or [root.text], mention.start_char, self.lex, self.cast)
            if last_title >= 0 and " " in name and self.cast.person_named(name.split()) is None:
                roles = {role_word(t, self.lex) for t in words[:last_title + 1]}
                person = Person(name.split(), mention.start_char, roles=roles)
                self.cast.people.append(person)
            return Named(name, SourceKind.PERSON, Sieve.NAME if last_title >= 0 else Sieve.FALLBACK)
        return Named(strip_the(mention_text(mention, self.lex)), SourceKind.ORGANIZATION, Sieve.FALLBACK)


def common_noun(tok: Token) -> bool:
    """A common noun, the tagger's slips included: "the president", "the labour minister" tagged
    PROPN but written in lower case are no names."""
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.text.islower()
