"""What a source sieve made of a mention (:mod:`.sources` makes them, :mod:`.pronouns` reads them
back through its antecedents)."""
from __future__ import annotations

from dataclasses import dataclass

from ..lexicon import SourceKind

#: The name given to a source no sieve can name: better unknown than a wrong name.
UNKNOWN = "unknown source"


@dataclass(frozen=True, slots=True)
class Named:
    """What a sieve made of a mention."""

    name: str
    kind: SourceKind
    sieve: str
    author: tuple[str, SourceKind] | None = None
