"""How a source is written as a name: a person's full name from a surname, an outlet, the country a
modifier names, an anonymous group ("several US officials" → "US officials"), an organization
("the U.S. embassy" → "US embassy"). The sieves of :mod:`.sources` decide which applies."""
from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..finding.mentions import entity_of
from ..lexicon import Lexicon, SourceKind
from .cast import Cast, person_words

if TYPE_CHECKING:
    from .pronouns import Discourse

def mention_words(mention: Span, lex: Lexicon) -> list[Token]:
    """A mention's words, punctuation and leading determiners and quantifiers dropped."""
    return strip_front([t for t in mention if not t.is_punct or t.tag_ == "POS"], lex)


def mention_text(mention: Span, lex: Lexicon) -> str:
    """A mention as written, from its words: words that stood apart stay apart ("Hawks, Tom", a
    comma dropped); "China's" stays whole."""
    words = mention_words(mention, lex)
    if not words:
        return mention.text
    out = [words[0].text]
    for prev, tok in itertools.pairwise(words):
        out.append((" " if tok.idx > prev.idx + len(prev) else "") + tok.text)
    return "".join(out)


def person_name(ent: Span, at: int, lex: Lexicon, cast: Cast) -> str:
    """A person's name as the article gives it in full: titles split off, a known full name."""
    words, _ = person_words(ent, lex)
    if not words:
        words = [t.text for t in ent if not t.is_punct]
    known = cast.person_named(words) if len(words) >= 2 else None
    if known is not None:
        return known.name
    return full_name(words or [ent.text], at, lex, cast)

def full_name(words: list[str], at: int, lex: Lexicon, cast: Cast) -> str:
    """A surname or partial name becomes the full name last written before it in the article."""
    if len(words) >= 2:
        known = cast.person_named(words)
        return known.name if known is not None else " ".join(words)
    word = words[0]
    best = cast.by_surname(word, at)
    if best is None:  # "Lula" for "Luiz Inacio Lula da Silva"
        inner = [p for p in cast.people if word in p.words[1:-1] and word.lower() not in lex.name_particles]
        best = inner[-1] if inner else None
    return best.name if best is not None else word

def is_outlet(mention: Span, lex: Lexicon) -> bool:
    lows = {t.lower_ for t in mention}
    if mention.root.pos_ != "PROPN":
        return False
    return bool(lows & lex.outlet_words) or strip_the(mention.text).lower() in lex.outlet_names

def country_modifier(mention: Span, lex: Lexicon) -> str | None:
    """The country a mention's modifier names ("the Chinese embassy" → China)."""
    for tok in mention:
        if tok is mention.root:
            continue
        name = lex.countries.get(tok.lower_.replace("’", "'"))
        if name is None and tok.ent_type_ in {"GPE", "NORP"}:
            ent = entity_of(tok)
            name = lex.countries.get(ent.text.lower()) if ent is not None else None
        if name:
            return name
    return None

def anonymous_name(mention: Span, words: list[Token], head: str, lex: Lexicon, discourse: Discourse) -> str:
    """"several US officials" → "US officials"; "a source" → "unnamed source"."""
    if mention[0].lower_ == "the" and mention.root.tag_ == "NNS" and len(words) == 1:
        recent = discourse.recent(lambda s: s.kind == SourceKind.ANONYMOUS and s.head == head)
        if recent is not None:
            return recent.name
    parts: list[str] = []
    for tok in words:
        if tok.tag_ == "POS" or tok.lower_ in {"’s", "'s"}:
            continue
        name = lex.countries.get(tok.lower_.replace("’", "'").rstrip("."), None) or \
            lex.countries.get(tok.lower_)
        if name and tok is not mention.root and tok.i < mention.root.i:
            adj = lex.country_adjectives.get(name, name)
            if not parts or parts[-1] != adj:
                parts.append(adj)
        else:
            keep = tok.pos_ == "PROPN" or tok.text.isupper() or tok.ent_type_ in {"NORP", "GPE", "ORG"}
            parts.append(tok.text if keep else tok.lower_)
    text = " ".join(parts)
    if len(words) == 1:
        return f"unnamed {text}"
    return text

def last_organization(head: str, lex: Lexicon, discourse: Discourse) -> str | None:
    """"the agency" → the last organization that spoke; "the company" → preferably the last one
    whose name says it is a company."""
    orgs = [s for s in discourse.history if s.kind == SourceKind.ORGANIZATION and not s.plural]
    if head in lex.company_nouns:
        companies = [s for s in orgs if {w.lower() for w in s.name.split()} & lex.company_suffixes]
        orgs = companies or orgs
    return orgs[-1].name if orgs else None


def organization_name(mention: Span, country: str | None, lex: Lexicon) -> str:
    """An organization as named: "the U.S. embassy" → "US embassy"."""
    words = strip_front(list(mention), lex)
    if country and words and words[0].ent_type_ == "GPE" and len(words) > 2 and words[1].tag_ == "POS":
        adj = lex.country_adjectives.get(country, country)
        return " ".join([adj, *(t.text for t in words[2:])])
    out = []
    for t in words:  # "the U.S. embassy" → "US embassy"
        name = lex.countries.get(t.lower_) if t.ent_type_ in {"GPE", "NORP"} else None
        out.append((lex.country_adjectives.get(name, t.text) if name and t is not mention.root else t.text)
                   + t.whitespace_)
    return strip_the("".join(out).strip() or mention.text)


def strip_front(toks: list[Token], lex: Lexicon) -> list[Token]:
    """Drop determiners and quantifiers at the front: "several US officials" → "US officials"."""
    i = 0
    while i < len(toks) - 1 and toks[i].lower_ in lex.name_strip:
        i += 1
    return toks[i:]


def strip_the(text: str) -> str:
    """"the committee" → "committee"."""
    return text[4:] if text.lower().startswith("the ") else text
