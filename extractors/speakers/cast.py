"""Who an article names before anyone speaks: its people, organizations and documents.

Read once per article from the parse, so the source sieves (:mod:`.sources`) can look back:

* **people** — a name written in full once ("Mary K. Olsen") is the same person written again
  without the initial ("Mary Olsen"); titles and roles glued to the name ("EPA Administrator Jane
  Roe", "Sen. Laura Kim", "Ann Lee, a Herald spokeswoman") are split off as the person's roles;
  gender comes from honorifics, gendered nouns ("spokeswoman", "her brother, Peter Berg"),
  pronouns that can only be theirs ("Ellen Wu … her colleagues", one person in the sentence) and,
  failing those, a first name that public name registers give one gender only (the lists coreferee
  ships, read as data: U.S. Social Security and European registers);
* **organizations** — named ones, with their acronyms ("Nuclear Regulatory Commission (NRC)", or an
  acronym whose letters spell a name the article writes out);
* **documents** — a lawsuit, memo or report and who filed or wrote it ("the union filed a lawsuit",
  "the union's complaint", "a memo by the Herald").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon

Gender = Literal["male", "female"]


@dataclass(slots=True)
class Person:
    """A person the article names: the fullest form of the name, roles and gender."""

    words: list[str]
    start: int  # character offset of the first mention
    roles: set[str] = field(default_factory=set)
    gender: Gender | None = None
    mentions: list[int] = field(default_factory=list)  # token index of each mention's head
    subjects: list[int] = field(default_factory=list)  # … of the mentions that are a clause's subject

    @property
    def name(self) -> str:
        return " ".join(self.words)

    def key(self) -> tuple[str, ...]:
        """The name without middle initials ("Mary K. Olsen" → mary olsen)."""
        return tuple(w.lower() for w in self.words if not _initial(w))


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    start: int  # token index
    words: frozenset[str]  # lower-case words of the name


@dataclass(frozen=True, slots=True)
class DocumentMention:
    """A document the article names and the token standing for who wrote or filed it."""

    noun: str  # lemma: lawsuit, memo, report …
    start: int  # token index
    author: Token


@lru_cache(maxsize=1)
def first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(female, male) first names, each without the names both lists hold ("Jordan", "Taylor").

    Read from the files of the ``coreferee`` distribution without importing it (importing it would
    load spaCy extensions we do not use); empty when it is not installed."""
    try:
        dist = metadata.distribution("coreferee")
    except metadata.PackageNotFoundError:
        return frozenset(), frozenset()

    def read(name: str) -> set[str]:
        path = dist.locate_file(f"coreferee/lang/common/data/{name}")
        try:
            return set(open(str(path), encoding="utf-8").read().split())
        except OSError:
            return set()

    female, male = read("female_names.dat"), read("male_names.dat")
    return frozenset(female - male), frozenset(male - female)


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1 and word[0].isalpha()


def person_words(ent: Span, lex: Lexicon) -> tuple[list[str], list[Token]]:
    """A PERSON entity's name words and the title tokens glued before it ("EPA Administrator")."""
    toks = [t for t in ent if not t.is_punct or t.text == "."]
    cut = next((k for k, t in enumerate(toks) if t.tag_ == "POS" or t.text in {"'s", "’s"}), len(toks))
    toks = [t for t in toks[:cut] if t.text != "."]  # "Trump's returns" names Trump
    titles: list[Token] = []
    while len(toks) > 1 and _is_title(toks[0], lex):
        titles.append(toks.pop(0))
    while len(toks) > 1 and toks[-1].lemma_.lower() in lex.reporting_verbs and toks[-1].pos_ != "PROPN" \
            or len(toks) > 1 and toks[-1].lower_ in lex.saying_forms:
        toks.pop()  # a headline's "Obama Says" is Obama
    words = [t.text for t in toks if t.lower_ not in lex.titles]
    # Words before the entity that title it: "EPA Administrator [Jane Roe]", "Sen. [Laura Kim]".
    i = ent.start - 1
    doc = ent.doc
    while i >= 0 and i >= ent.start - 4 and _is_title(doc[i], lex) and doc[i].head.i in range(ent.start, ent.end):
        titles.insert(0, doc[i])
        i -= 1
    if i == ent.start - 1:  # a title with its office: "Secretary of State [Hillary Clinton]",
        # "Deputy Assistant Secretary for Diplomatic Security [Charlene Lamb]"
        k = i
        while k >= max(0, ent.start - 8) and (doc[k].text[:1].isupper() or doc[k].lower_ in lex.office_words):
            if _is_title(doc[k], lex) and doc[k].text[:1].isupper():
                titles.insert(0, doc[k])
            k -= 1
    return words, titles


def _is_title(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower_
    if low in lex.titles or low.rstrip(".") in lex.titles or low in lex.title_roles:
        return True
    if tok.lemma_.lower() in lex.role_nouns or low in lex.role_synonyms:
        return tok.text[:1].isupper() or tok.dep_ == "compound"
    # An agency's acronym before a role: "EPA Administrator"
    return tok.text.isupper() and len(tok.text) >= 2 and tok.i + 1 < len(tok.doc) and _is_title(tok.doc[tok.i + 1], lex)


def role_word(tok: Token, lex: Lexicon) -> str:
    """A role word in its canonical form: "spokeswoman" → spokesperson, "Sen." → senator."""
    low = tok.lower_
    if low in lex.title_roles:
        return lex.title_roles[low]
    lemma = tok.lemma_.lower()
    return lex.role_synonyms.get(lemma, lex.role_synonyms.get(low, lemma))


@dataclass(slots=True)
class Cast:
    """The people, organizations and documents one article names, in text order."""

    doc: Doc
    lex: Lexicon
    text: str = ""  # doc.text (spaCy rebuilds it at every access)
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)  # "NRC" → "Nuclear Regulatory Commission"
    documents: list[DocumentMention] = field(default_factory=list)
    entities: tuple[Span, ...] = ()  # the doc's named entities, read once
    first_break: int = 0  # where the first line (a headline, if any) ends

    def __post_init__(self) -> None:
        self.entities = tuple(self.doc.ents)
        text = self.text = self.text or self.doc.text
        self.first_break = text.find("\n")  # -1: no headline line
        for ent in self.entities:
            if ent.label_ == "PERSON":
                self._add_person(ent)
            elif ent.label_ in {"ORG", "FAC"}:
                self._add_organization(ent)
        for org in list(self.organizations):
            if org.name.isupper() and org.name in self.acronyms:
                continue
            for other in self.organizations:
                if other.name.isupper() and other.name == _initials(org.name, self.lex):
                    self.acronyms.setdefault(other.name, org.name)
        self._read_surnames()
        self._read_documents()
        self._read_gender_from_pronouns()
        female, male = first_names()
        for person in self.people:
            if person.gender is None and len(person.words) >= 2:
                first = person.words[0]
                person.gender = "female" if first in female else "male" if first in male else None

    # -- people --------------------------------------------------------------------------------------
    def _add_person(self, ent: Span) -> None:
        words, titles = person_words(ent, self.lex)
        if not words or all(_initial(w) for w in words):
            return
        person = self.person_named(words)
        if person is None and len(words) == 1:  # "Putin" after "Vladimir Putin"
            person = self.by_surname(words[0], ent.start_char)
        if person is None:
            person = Person(words, ent.start_char)
            self.people.append(person)
        elif len(words) > len(person.words) and [w for w in words if not _initial(w)] == \
                [w for w in person.words if not _initial(w)]:
            person.words = words  # the fuller form: "Mary K. Olsen"
        person.mentions.append(ent.root.i)
        if ent.root.dep_ in {"nsubj", "nsubjpass"}:
            person.subjects.append(ent.root.i)
        for tok in titles:
            self._note_role(person, tok)
        root = ent.root
        related = [c for c in root.children if c.dep_ in {"appos", "compound"} and c.i not in range(ent.start, ent.end)]
        if root.dep_ == "appos":
            head = root.head  # "The head coach of the Riverside Hawks, Tom Guerrero": up to "coach"
            for _ in range(3):
                if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
                    head = head.head.head
            related.append(head)
        for tok in related:
            for t in (tok.subtree if tok.dep_ == "appos" or tok is root.head else [tok]):
                if not (ent.start <= t.i < ent.end):
                    self._note_role(person, t)
        before = self.doc[ent.start - 1] if ent.start else None
        if before is not None and before.lower_ in self.lex.gender_words:
            person.gender = self.lex.gender_words[before.lower_]

    def _note_role(self, person: Person, tok: Token) -> None:
        word = role_word(tok, self.lex)
        if word in self.lex.role_nouns or tok.lower_ in self.lex.title_roles:
            before = self.doc[tok.i - 1].lower_ if tok.i else ""
            # "Vice President Mike Pence" is no "president", "Assistant Secretary" no "secretary"
            person.roles.add(f"{before} {word}" if before in self.lex.lesser_title_words else word)
        gender = self.lex.gender_words.get(tok.lower_) or self.lex.gender_words.get(tok.lemma_.lower())
        if gender is not None and person.gender is None:
            person.gender = gender

    def person_named(self, words: list[str]) -> Person | None:
        """The person with this name, a middle initial more or less ("Mary Olsen" ~ "Mary K. Olsen")."""
        key = tuple(w.lower() for w in words if not _initial(w))
        for person in self.people:
            if person.key() == key:
                return person
        return None

    def person_at(self, i: int) -> Person | None:
        """The person a token belongs to (any mention's head)."""
        for person in self.people:
            if i in person.mentions:
                return person
        return None

    def by_surname(self, word: str, before: int) -> Person | None:
        """The last person named before character ``before`` whose first or last name is ``word``."""
        best = None
        for person in self.people:
            if person.start <= before and word in (person.words[0], person.words[-1]) and len(person.words) >= 2:
                best = person
        return best

    def by_last_name(self, word: str) -> Person | None:
        """The one person of the article known by ``word`` alone or as their last name, wherever
        the article names them (a headline speaks before the body names anyone)."""
        people = [p for p in self.people if p.words and p.words[-1] == word]
        return people[0] if len(people) == 1 else None

    def _read_surnames(self) -> None:
        """A surname written alone after the full name ("Gonzalez said …", which NER often misses)
        is another mention of that person, when only one person has it."""
        by_word: dict[str, list[Person]] = {}
        for person in self.people:
            if len(person.words) >= 2:
                by_word.setdefault(person.words[-1], []).append(person)
        if not by_word:
            return
        for word, owners in by_word.items():
            if len(owners) != 1:
                continue
            [person] = owners
            for m in re.finditer(rf"\b{re.escape(word)}\b", self.text):
                span = self.doc.char_span(m.start(), m.end())
                if span is None or len(span) != 1 or span[0].ent_type_ == "PERSON":
                    continue
                tok = span[0]
                if tok.idx > person.start and tok.i not in person.mentions:
                    person.mentions.append(tok.i)
                    if tok.dep_ in {"nsubj", "nsubjpass"}:
                        person.subjects.append(tok.i)

    def _read_gender_from_pronouns(self) -> None:
        """"Ellen Wu … her colleagues": one person in a sentence and only one gender of pronoun
        after the name tell that person's gender."""
        owner = {i: person for person in self.people for i in person.mentions}
        if not owner:
            return
        pronoun_gender = self.lex.pronoun_gender
        for sent in self.doc.sents:
            named: dict[int, tuple[Person, int]] = {}
            seen: list[tuple[int, Gender]] = []
            for tok in sent:
                person = owner.get(tok.i)
                if person is not None:
                    named.setdefault(id(person), (person, tok.i))
                elif tok.lower_ in pronoun_gender:
                    seen.append((tok.i, pronoun_gender[tok.lower_]))
            if len(named) != 1 or not seen:
                continue
            [(person, first)] = named.values()
            genders = {g for i, g in seen if i > first and not _in_quote(self.doc[i])}
            if person.gender is None and len(genders) == 1:
                person.gender = genders.pop()

    # -- organizations --------------------------------------------------------------------------------
    def _add_organization(self, ent: Span) -> None:
        toks = [t for t in ent if not t.is_punct and t.tag_ != "POS"]
        while toks and toks[0].lower_ == "the":
            toks.pop(0)
        if not toks:
            return
        name = " ".join(t.text for t in toks)
        self.organizations.append(Organization(name, ent.start, frozenset(t.lower_ for t in toks)))
        # "The Nuclear Regulatory Commission (NRC)"
        doc = self.doc
        if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
            acr = doc[ent.end + 1].text
            if acr.isupper() and 2 <= len(acr) <= 8:
                self.acronyms[acr] = name

    def organization_for(self, head: str, words: set[str], before: int) -> str | None:
        """"the committee" → the last organization named before token ``before`` whose name holds
        every word of the description ("the ethics committee" ≠ "House Rules Committee")."""
        best = None
        for org in self.organizations:
            if org.start < before and head in org.words and words <= org.words and not org.name.isupper():
                best = org.name
        return best

    # -- documents ------------------------------------------------------------------------------------
    def _read_documents(self) -> None:
        for m in _document_words(self.lex.authored_documents).finditer(self.text):  # not every token: costly
            span = self.doc.char_span(m.start(), m.end())
            if span is None or len(span) != 1:
                continue
            tok = span[0]
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.lex.authored_documents:
                continue
            author = document_author(tok, self.lex)
            if author is not None:
                self.documents.append(DocumentMention(self.lex.document_synonyms.get(tok.lemma_.lower(), tok.lemma_.lower()),
                                                      tok.i, author))

    def document_before(self, noun: str, before: int) -> DocumentMention | None:
        noun = self.lex.document_synonyms.get(noun, noun)
        found = [d for d in self.documents if d.noun == noun and d.start < before]
        return found[-1] if found else None


def document_author(tok: Token, lex: Lexicon) -> Token | None:
    """Who wrote or filed a document: "the union's lawsuit", "a memo by the Herald", "a lawsuit
    filed by the union", "the union filed a lawsuit", "the NRC report"."""
    for child in tok.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            return child
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in {"PROPN", "NOUN"}:
                return pobj
        if child.dep_ == "acl" and (child.lemma_.lower() not in lex.publishing_verbs
                                    or tok.lemma_.lower() in lex.voice_documents):
            # "a lawsuit filed by the union"; but "a memo first published by the Guardian" was
            # not written by the Guardian (a report published by HRW is HRW's)
            for agent in (c for c in child.children if c.dep_ == "agent"):
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if child.dep_ == "compound" and child.ent_type_ in {"ORG", "PERSON"} and child.i < tok.i:
            return child
        if child.dep_ == "relcl":  # "a speech Mrs. Clinton delivered", "an explosion that the mayor called …"
            subj = next((c for c in child.children if c.dep_ == "nsubj" and c.tag_ not in {"WP", "WDT"}
                         and c.lower_ not in lex.relative_pronouns), None)
            if subj is not None and subj.pos_ in {"PROPN", "NOUN", "PRON"}:
                return subj
    if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ in {"VERB", "AUX"}:
        subj = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)  # "Wright, in a letter, said"
        if subj is not None and subj.pos_ in {"PROPN", "NOUN"}:
            return subj
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.authoring_verbs:
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ in {"PROPN", "NOUN"}:
            return subj
    return None


@lru_cache(maxsize=4)
def _document_words(nouns: frozenset[str]) -> re.Pattern[str]:
    """A document noun, singular or plural, as a whole word."""
    alt = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})(?:s|es)?\b", re.IGNORECASE)


def _initials(name: str, lex: Lexicon) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w.lower() not in lex.acronym_stop).upper()


def _in_quote(tok: Token) -> bool:
    """Inside a quotation, "her" may be anyone's."""
    left = tok.doc[max(0, tok.i - 40):tok.i].text
    return left.count("“") > left.count("”") or left.count('"') % 2 == 1
