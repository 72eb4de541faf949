"""The projection's values as tagged JSON, read back without running any code a file could name
(the saved projection, :mod:`.projection_file`, keeps its nodes', edges' and graph's attributes so).

The projection is a networkx multigraph whose attributes hold a few known kinds of value —
strings, numbers, tuples, sets, the vocabulary's enums and the view's frozen dataclasses. Each
non-JSON value is written as a one-key object naming its kind (``{"$set": […]}``,
``{"$Evidence": […]}``, ``{"$Stance": "denies"}``), and reading accepts exactly those kinds: a file
that names anything else is refused (:class:`ProjectionUnreadable`) and the caller rebuilds the
projection from the store. Pickle would run whatever a shared or downloaded output folder held.
"""
from __future__ import annotations

import dataclasses
import enum
import operator
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.view.evidence import ArticleInfo, Evidence, QuoteVariant
from claimgraph.ontology.vocab import Mode, QuoteKind, SourceKind, Stance

_RECORDS = {c.__name__: c for c in (ArticleInfo, QuoteVariant)}  # Evidence: rows (below)
_ENUMS: dict[str, type[enum.Enum]] = {c.__name__: c for c in (Mode, QuoteKind, SourceKind, Stance)}


class ProjectionUnreadable(ClaimgraphError, ValueError):
    """The file is not a projection this version wrote."""


#: An evidence record is written as a row, its fields in :class:`Evidence`'s order: the projection
#: holds one per attribution shown (15,000 at 1,000 articles), and a row is made by one
#: ``attrgetter`` call and written by the C encoder (tuples as arrays, the vocabulary's string
#: enums as their values), not walked value by value as a tagged object (1.65 s → 0.25 s to read
#: and write at that size). Reading gives the pairs back as tuples and the codes as the enums.
_FIELDS = [f.name for f in dataclasses.fields(Evidence)]
_ROW = operator.attrgetter(*_FIELDS)
_PAIR_AT = [i for i, name in enumerate(_FIELDS) if name in {"cue", "content", "context_at", "context_cue",
                                                               "context_content", "corrected_by"}]
_PAIRS_AT = [i for i, name in enumerate(_FIELDS) if name in {"pieces", "context_parts"}]
_ENUM_AT = [(i, kind) for i, name in enumerate(_FIELDS)
            for field_name, kind in (("stance", Stance), ("kind", QuoteKind), ("mode", Mode)) if name == field_name]


def _encode_evidence(ev: Evidence) -> Any:
    return {"$Evidence": _ROW(ev)}


def _decode_evidence(row: list[Any]) -> Evidence:
    if len(row) != len(_FIELDS):
        raise TypeError("an evidence row of another length")
    for i in _PAIR_AT:
        row[i] = tuple(row[i])
    for i in _PAIRS_AT:
        row[i] = tuple(map(tuple, row[i]))
    for i, kind in _ENUM_AT:
        row[i] = kind(row[i])
    return Evidence(*row)


def encode(value: Any) -> Any:
    """``value`` as JSON-ready data, each non-JSON value tagged with its kind."""
    if type(value) is Evidence:
        return _encode_evidence(value)
    if isinstance(value, enum.Enum):
        return {f"${type(value).__name__}": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if type(value).__name__ not in _RECORDS:
            raise TypeError(f"cannot save a {type(value).__name__} in a projection")
        return {f"${type(value).__name__}": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, (set, frozenset)):
        return {"$set": [encode(v) for v in sorted(value, key=repr)]}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"$dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot save a {type(value).__name__} in a projection")


def decode(value: Any) -> Any:
    """What :func:`encode` gave, back; ``TypeError`` for a kind it does not write."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (tag, inner), = value.items()
        if tag.startswith("$"):
            kind = tag[1:]
            if kind == "set":
                return {decode(v) for v in inner}
            if kind == "tuple":
                return tuple(decode(v) for v in inner)
            if kind == "dict":
                return {decode(k): decode(v) for k, v in inner}
            if kind == "Evidence" and isinstance(inner, list):
                return _decode_evidence(inner)
            if kind in _ENUMS:
                return _ENUMS[kind](inner)
            if kind in _RECORDS and isinstance(inner, dict):
                return _RECORDS[kind](**{k: decode(v) for k, v in inner.items()})
            raise TypeError(f"unknown kind {tag!r}")
    return {k: decode(v) for k, v in value.items()}
