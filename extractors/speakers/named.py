"""What a source sieve made of a mention (:mod:`.sources` makes them, :mod:`.pronouns` reads them
back through its antecedents)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..lexicon import SourceKind

#: The name given to a source no sieve can name: better unknown than a wrong name.
UNKNOWN = "unknown source"


class Sieve(StrEnum):
    """Which sieve named a source: a record's ``source_sieve`` (``cg:sourceSieve``), shown with the
    evidence ("named by the pronoun sieve") so every speaker can be explained."""

    IMPLICIT = "implicit"  # no mention: "reportedly"
    GROUP = "group"  # "Biden and Xi said"
    SPEAKER_TURN = "speaker-turn"  # a transcript's label: "WALLACE: …"
    PRONOUN = "pronoun"
    NON_ACTOR = "non-actor"  # a time, event or topic never speaks: its author does
    COUNTRY = "country"
    NAME = "name"
    ACRONYM = "acronym"
    OUTLET = "outlet"
    DOCUMENT = "document"
    ROLE = "role"  # "the president"
    OFFICE = "office"  # staff speak for their office
    ANONYMOUS = "anonymous"  # "US officials"
    ORGANIZATION = "organization"
    FALLBACK = "fallback"  # the mention as written
    HEADLINE = "headline"  # a headline's bare surname, named by the body


@dataclass(frozen=True, slots=True)
class Named:
    """What a sieve made of a mention."""

    name: str
    kind: SourceKind
    sieve: Sieve
    author: tuple[str, SourceKind] | None = None
