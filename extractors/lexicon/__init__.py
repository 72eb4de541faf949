"""Word lists that drive attribution extraction and cross-article linking, as data per language.

Each language is one TOML file beside this module (``en.toml``), as spaCy keeps its language data
per language: every list says what a word *does* in attribution (a reporting verb, a denial
predicate, an anonymous-source head …). :func:`lexicon` loads a language once; the rules and the
graph layer use the lexicon they are given. A new language is a new file — no branch in the rules.

A list is a string of words separated by white space, or an array when an entry holds a space; a
table of arrays groups words by the value they map to; a table of strings maps each word to one
value; a pattern is a regular expression (flags inline). ``digest`` fingerprints the file (and the
countryinfo tables merged in), so a store rebuilds the articles a lexicon change touches.
"""
from __future__ import annotations

import enum
import hashlib
import re
import typing
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from claimgraph.errors import ClaimgraphError

# The vocabulary (stances, modes, source kinds) is the ontology's, generated as enums.
from claimgraph.ontology.vocab import Mode, SourceKind, Stance

if TYPE_CHECKING:
    EN: Lexicon  # English, loaded on first use (module __getattr__ below)

__all__ = ["EN", "Lexicon", "LexiconError", "Mode", "SourceKind", "Stance", "default_lexicon", "languages",
           "lexicon", "load"]


class LexiconError(ClaimgraphError, ValueError):
    """A language file that is missing, malformed or incomplete; the message names the file."""


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Every word list the attribution rules and the linker read, for one language.

    Compared and hashed by identity: one object per language (:func:`lexicon`), so what is derived
    from it (compiled patterns, stemmers) can be cached on it."""

    # Verbs of saying/reporting, with the stance they lend on their own.
    reporting_verbs: dict[str, Stance]
    # Verbs whose plain noun-phrase object is the content ("claimed neutrality", "denied the reports").
    np_object_verbs: frozenset[str]
    # Verbs that mainly report what an outlet published; without a complement they point back to
    # the previous sentence ("…. The Financial Times reports.").
    outlet_verbs: frozenset[str]
    # Verbs whose object names who said it: "citing officials".
    citing_verbs: frozenset[str]
    # Verbs that take the addressee as object: "told CNN", "assured allies".
    addressee_verbs: frozenset[str]
    # Nouns that carry attribution with a light verb: "issued a warning against", "a statement that".
    cue_nouns: dict[str, Stance]
    # Governors under which a speech verb reports no speech act: "refused to disclose"; and
    # refusals, which are none themselves ("declined to comment").
    blocking_governors: frozenset[str]
    refusal_verbs: frozenset[str]
    # Adverbs and phrases that hedge: "reportedly", "may", "is said to".
    hedge_words: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_predicates: frozenset[str]
    # Verbs whose passive with "to" hedges with an unnamed source: "is said to", "is thought to".
    hedge_passives: frozenset[str]
    # Predicates that reject a proposition: "reports … were untrue", "it was fake news".
    denial_predicates: frozenset[str]
    denial_phrases: tuple[str, ...]
    # A content that is nothing but a refusal answers what was put to the speaker: "No.", "No way".
    refusals: tuple[str, ...]
    # Acts the model takes for attributions: legal and procedural ("pleaded guilty", "was
    # charged"), publishing ("published the archives"), an interviewer's asking, and the first
    # person inside a quote already credited.
    procedural_verbs: frozenset[str]
    publishing_acts: frozenset[str]
    asking_verbs: frozenset[str]
    first_person: frozenset[str]
    # Words joining a title to its office: "Secretary *of* State", "Assistant Secretary *for* Security".
    office_words: frozenset[str]
    # Words that make a title another office: "*Vice* President", "*Assistant* Secretary".
    lesser_title_words: frozenset[str]
    # Staff who speak for the office they work for: "prosecutors working for the special counsel".
    staff_heads: frozenset[str]
    office_preps: frozenset[str]
    working_verbs: frozenset[str]
    reason_preps: frozenset[str]
    # "made it clear that …": a verb of making and the words that make its that-clause said.
    making_verbs: frozenset[str]
    made_known_words: frozenset[str]
    # Nouns for something advanced by someone: calling one "bogus" or "false" rejects it.
    claim_nouns: frozenset[str]
    # Not being aware of something, or never having heard of it, rejects it ("not aware of any
    # request"); not knowing, recalling or being sure is uncertainty ("I don't recall the meeting").
    awareness_predicates: frozenset[str]
    epistemic_predicates: frozenset[str]
    # Cues that answer something put to the speaker: a negation in an answer rejects it.
    answer_verbs: frozenset[str]
    # Threats: "there will be consequences", "will not allow".
    threat_nouns: frozenset[str]
    threat_governors: frozenset[str]
    threat_phrases: tuple[str, ...]
    # Heads of anonymous sources: "officials", "a source", "a person familiar with the matter".
    anonymous_heads: frozenset[str]
    # Heads of unnamed media: "the media", "reports", "the press".
    media_heads: frozenset[str]
    # Heads naming a document or event that "says" something: "a statement", "the meeting".
    document_heads: frozenset[str]
    # Records that information is read from, not speakers: "according to figures from …".
    record_heads: frozenset[str]
    # Heads of organizations: "ministry", "embassy", "administration".
    organization_heads: frozenset[str]
    # Role nouns that describe a person: "spokesman", "adviser"; multi-word roles; and the roles
    # of heads of state or government, who stand for their country (Putin → Russia).
    role_nouns: frozenset[str]
    role_phrases: frozenset[str]
    head_of_state_roles: frozenset[str]
    # Words stripped from the front of a source name: determiners, quantifiers, "unnamed".
    # Abbreviated and written-out titles to the role they give ("Sen." → senator), and role words
    # that name one role ("spokeswoman" → spokesperson, "congressman" → representative).
    title_roles: dict[str, str]
    role_synonyms: dict[str, str]
    # Words that tell a person's gender (honorifics, gendered nouns) and the pronouns that need one.
    gender_words: dict[str, Literal["male", "female"]]
    pronoun_gender: dict[str, Literal["male", "female"]]
    # Documents someone files or writes (the author speaks through them), their short forms, and
    # the verbs that make the subject a document's author ("the union filed a lawsuit").
    authored_documents: frozenset[str]
    # … of which these carry their author's own voice: "a statement from the ministry said" is the
    # ministry speaking, while "the union's lawsuit alleges" is a document the union filed.
    voice_documents: frozenset[str]
    document_synonyms: dict[str, str]
    authoring_verbs: frozenset[str]
    # Who published, leaked or obtained a document did not write it (unless it speaks for them).
    publishing_verbs: frozenset[str]
    # Heads that are never a speaker: times, events and topics ("Earlier Tuesday", "a wave of
    # reactions", "details of a memo"); an event's author speaks instead ("a tweet from Wu").
    time_heads: frozenset[str]
    event_heads: frozenset[str]
    topic_heads: frozenset[str]
    # "the agency", "the company": an organization named by what it is — the last organization that
    # spoke, a company preferably one whose name says so ("Bay Power Co.").
    generic_organizations: frozenset[str]
    company_suffixes: frozenset[str]
    name_strip: frozenset[str]
    # Titles stripped before matching a surname: "Mr", "President".
    titles: frozenset[str]
    # Words in an organisation name that mark a news outlet.
    outlet_words: frozenset[str]
    outlet_names: frozenset[str]
    # Place names and adjectives that stand for a country (metonymy), to its canonical name.
    countries: dict[str, str]
    # Canonical country name to the short form used before an anonymous head ("US officials").
    country_adjectives: dict[str, str]
    pronouns_singular: frozenset[str]
    pronouns_plural: frozenset[str]
    # Modes beyond speech: cue lemmas of believing ("believes", "is convinced"), of intending
    # ("wants", "plans", "calls on … to"), of evaluating ("endorsed", "blasted … for"), and the
    # verbs with which a record gives evidence ("the poll shows").
    belief_verbs: frozenset[str]
    intention_verbs: frozenset[str]
    evaluation_verbs: frozenset[str]
    evidence_verbs: frozenset[str]
    # Verbs that also take things as subjects ("the data show", "the documents reveal"): with these
    # the subject must be able to speak.
    thing_subject_verbs: frozenset[str]
    # Objects of "deny"/"reject" that make it a refusal, not a rejected proposition ("denied bail").
    refused_things: frozenset[str]
    # Things one acts "according to" that are not sources ("according to plan").
    not_sources: frozenset[str]
    # Verbs that label someone or something ("called it a hoax"), and light verbs that carry a cue
    # noun ("issued a warning").
    label_verbs: frozenset[str]
    light_verbs: frozenset[str]
    # Prepositions: the content of a warning ("warned of/against"), of a cue's object ("accused X
    # of"), and the medium spoken in ("said on television", "told in an interview").
    warn_preps: frozenset[str]
    object_preps: frozenset[str]
    medium_preps: frozenset[str]
    # Relative pronouns ("Flynn, who said"), clause marks that start a condition rather than the
    # content ("if", "because"), and pronouns that never speak ("it", "this", "what").
    relative_pronouns: frozenset[str]
    condition_marks: frozenset[str]
    non_speaker_pronouns: frozenset[str]
    # Subjects that stand for no speaker: "it is said", "there are reports", "this shows".
    empty_subjects: frozenset[str]
    # Prepositions that stay in a source's name ("people familiar with the matter", "officials at
    # the ministry"), unless they follow these forms of saying ("said in a statement").
    source_preps: frozenset[str]
    said_forms: frozenset[str]
    # Honorifics kept before a person's name ("Mr. Lee"), and name particles that are not a
    # middle name ("Ursula von der Leyen").
    honorifics: frozenset[str]
    name_particles: frozenset[str]
    # Function words and classes the rules test a token against: company nouns ("the company" →
    # preferably one whose name says so), pronouns that count like a noun ("one of the …"),
    # determiners, heads that stand for a country's government ("the Russian government"), forms of
    # saying a headline ends with ("Obama Says"), words an acronym skips ("Bank of America" → BOA).
    company_nouns: frozenset[str]
    partitive_pronouns: frozenset[str]
    definite_determiners: frozenset[str]
    articles: frozenset[str]
    government_heads: frozenset[str]
    saying_forms: frozenset[str]
    acronym_stop: frozenset[str]
    # A label's object that is a pronoun ("called it a hoax"), subjects that name no speaker of a
    # label ("there", "what"), focus adverbs before a source ("Even China"), hedge adverbs that
    # stand for unnamed media ("reportedly"), and capitalised labels that are not speakers in a
    # transcript ("UPDATE:", "WATCH:").
    label_pronouns: frozenset[str]
    non_subjects: frozenset[str]
    focus_adverbs: frozenset[str]
    report_hedges: frozenset[str]
    not_speaker_labels: frozenset[str]
    # Negation and uncertainty: "little/no evidence", "can't say", "not", "nobody", "no", "but".
    scant_determiners: frozenset[str]
    telling_verbs: frozenset[str]
    ability_modals: frozenset[str]
    negators: frozenset[str]
    negative_pronouns: frozenset[str]
    negative_determiners: frozenset[str]
    contrast_conjunctions: frozenset[str]
    # A call to act: a cue ending in "for"/"on" ("called for", "insisted on"), a content opening
    # with "to"/"for", an infinitive marker.
    intention_cue_preps: frozenset[str]
    intention_content_marks: frozenset[str]
    infinitive_marks: frozenset[str]
    # Claims (graph/resolve/claims.py): the Snowball stemmer's language, words that say nothing
    # about what is claimed (function words and the vocabulary of reporting itself), stems of
    # predicates and topics news states in many words → one concept, the concepts that say what
    # is claimed to happen (two mentions with different ones are different claims), and heads of
    # mentions that only point back at something said before ("the reports").
    stemmer: str
    claim_stop: frozenset[str]
    claim_concepts: dict[str, str]
    claim_predicates: frozenset[str]
    deictic_heads: frozenset[str]
    # A negation anywhere in a quotation (quote variants whose polarity flips).
    negation: re.Pattern[str]
    # Role facts (graph/resolve/actors.py): capitalised words that open a sentence rather than an
    # affiliation ("The", "In"), words that end a name a title introduced ("… Putin said"), words
    # that open a relative clause rather than an apposition, prepositions before an affiliation.
    sentence_openers: tuple[str, ...]
    name_trailers: frozenset[str]
    relative_words: tuple[str, ...]
    affiliation_preps: tuple[str, ...]
    # Time (extractors/reading/times.py): day names (Monday first), month names and their three-letter
    # forms (January first), parts of a day ("Sunday night"), prepositions before a time ("on
    # Sunday"), and relative expressions with their offset in days, weeks or months.
    weekdays: tuple[str, ...]
    months: tuple[str, ...]
    month_abbreviations: tuple[str, ...]
    day_parts: frozenset[str]
    time_preps: frozenset[str]
    day_offsets: dict[str, str]
    week_offsets: dict[str, str]
    month_offsets: dict[str, str]
    # Lines that are never article text (comment prompts, share buttons, newsletter pitches), and
    # markers after which the rest of a page is boilerplate (related links, comments).
    boilerplate_lines: re.Pattern[str]
    boilerplate_tail: re.Pattern[str]
    # The language's code, and a fingerprint of its data (set by the loader).
    lang: str = ""
    digest: str = ""


def _world() -> tuple[dict[str, str], dict[str, str]]:
    """Every country's name, demonym, capital and longer alternative names (``countryinfo``), so
    "Damascus said" is Syria and "Syrian officials" are typed by country, whatever the story."""
    from countryinfo import all_countries

    names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for country in all_countries():
        info = country.info()
        name = info.get("name")
        if not name:
            continue
        demonym = info.get("demonym") or ""
        capital: str | list[str] = info.get("capital") or []
        capitals = [c.replace(" D.C.", "") for c in ([capital] if isinstance(capital, str) else capital)]
        keys = [name, f"the {name}", demonym, f"{demonym}s" if demonym and not demonym.endswith("s") else "",
                *capitals, *(a for a in info.get("altSpellings") or () if len(a) > 3 and a.isascii())]
        for key in keys:
            if key and len(key) > 2:
                names.setdefault(key.lower(), name)
        adjectives[name] = demonym or name
    return names, adjectives


def _words(value: Any, name: str) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise LexiconError(f"{name}: expected a string of words or an array of strings")


def _convert(name: str, kind: Any, value: Any) -> Any:
    """A TOML value as the field's declared type."""
    origin = typing.get_origin(kind) or kind
    if origin is frozenset:
        return frozenset(_words(value, name))
    if origin is tuple:
        return tuple(_words(value, name))
    if origin is re.Pattern:
        if not isinstance(value, str):
            raise LexiconError(f"{name}: expected a regular expression")
        return re.compile(value)
    if origin is dict:
        if not isinstance(value, dict):
            raise LexiconError(f"{name}: expected a table")
        target = typing.get_args(kind)[1]
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(item, list):  # grouped: value = [words that map to it]
                out.update(dict.fromkeys(_words(item, f"{name}.{key}"), key))
            elif isinstance(item, str):
                out[key] = item
            else:
                raise LexiconError(f"{name}.{key}: expected a string or an array")
        if isinstance(target, type) and issubclass(target, enum.Enum):  # a stance: one the ontology knows
            known = {m.value for m in target}
            wrong = sorted({v for v in out.values() if v not in known})
            if wrong:
                raise LexiconError(f"{name}: {', '.join(wrong)} is no {target.__name__}; known: {', '.join(sorted(known))}")
            out = {k: target(v) for k, v in out.items()}
        return out
    if origin is str:
        if not isinstance(value, str):
            raise LexiconError(f"{name}: expected a string")
        return value
    raise LexiconError(f"{name}: unsupported type {kind!r}")


def load(text: bytes, lang: str) -> Lexicon:
    """A lexicon from the bytes of its TOML file."""
    import tomllib
    from importlib import metadata
    try:
        data = tomllib.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise LexiconError(f"{lang}.toml: {err}") from None
    hints = typing.get_type_hints(Lexicon)
    wanted = [f.name for f in fields(Lexicon) if f.name not in {"lang", "digest"}]
    missing = [n for n in wanted if n not in data]
    if missing:
        raise LexiconError(f"{lang}.toml: missing {', '.join(missing)}")
    values = {n: _convert(n, hints[n], data[n]) for n in wanted}
    digest = hashlib.sha256(text)
    if data.get("countryinfo"):
        # Every country's name, demonym, capital and longer names; the file's own tables win.
        world, demonyms = _world()
        values["countries"] = {**world, **values["countries"]}
        curated = values["country_adjectives"]
        values["country_adjectives"] = {**curated, **{n: d for n, d in demonyms.items() if n not in curated}}
        digest.update(f"countryinfo {metadata.version('countryinfo')}".encode())
    return Lexicon(**values, lang=lang, digest=digest.hexdigest()[:16])


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of language ``lang`` (``en.toml`` beside this module), loaded once."""
    path = resources.files(__name__) / f"{lang}.toml"
    if not path.is_file():
        raise LexiconError(f"no attribution lexicon for language {lang!r}; known: {sorted(languages())}")
    return load(path.read_bytes(), lang)


def languages() -> list[str]:
    """The languages that have a lexicon file."""
    return sorted(p.name[:-5] for p in resources.files(__name__).iterdir() if p.name.endswith(".toml"))


def default_lexicon() -> Lexicon:
    """English, the language claimgraph ships."""
    return lexicon("en")



def __getattr__(name: str) -> Lexicon:
    """``EN``, loaded on first use: importing the rules (or the command line) parses no file."""
    if name == "EN":
        return default_lexicon()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
