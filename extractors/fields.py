"""The attribution's fields, once: every place that writes or reads a record field by field — the
JSON export and its reader, the RDF writer and reader, the catalog's rows, the offsets shifted
and mapped onto the raw text — is driven by :data:`FIELDS`, so a new field is one row here (and a
property in ``claimgraph.ttl`` when it goes to RDF).

A row names the field by its JSON key; ``attr`` is where it lives on :class:`Attribution`
(``"source.start"``: on its :class:`Source`). ``rdf`` says how the graph states it:

- ``"literal"``: ``attribution <predicate> "value"^^datatype``, written and read back by the table;
- ``"term"``: the value is one of a vocabulary (``terms``: value → IRI, or the lexical form of a
  boolean);
- ``"custom"``: the writer and reader state it by hand (an IRI to another node, a node per piece,
  a stance the story settles);
- ``None``: not stated on the attribution node.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from claimgraph.ontology import NAMESPACE, NIF
from claimgraph.ontology.vocab import MODE_TERM, QUOTE_KIND_TERM

Datatype = Literal["string", "integer", "boolean", "iri"]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an attribution and where each representation keeps it."""

    key: str  # the JSON key
    attr: str  # the attribute path on Attribution ("cue", "source.start")
    default: Any = None  # what a JSON row without the key reads as (``REQUIRED``: it must be there)
    rdf: Literal["literal", "term", "custom"] | None = None
    predicate: str | None = None  # full IRI
    datatype: Datatype = "string"
    terms: Mapping[Any, str] = field(default_factory=dict)  # value → IRI (rdf="term")
    #: When the graph states it: always, when it is not None ("given"), when it is neither None nor
    #: empty ("nonempty"); ``gate``: when that other field is stated (a source's offsets with its text).
    stated: Literal["always", "given", "nonempty"] = "always"
    gate: str | None = None
    offset: bool = False  # a character offset into the article text (shifted, mapped to raw)
    catalog: str | None = None  # the catalog's mention column that keeps it


REQUIRED: Final = object()


def _cg(term: str) -> str:
    return NAMESPACE + term


#: In export order: the fields of ``../shared/corpus/README.md`` first, evidence after.
FIELDS: Final[tuple[Field, ...]] = (
    Field("id", "id", REQUIRED, "literal", _cg("recordId")),
    Field("doc", "doc", REQUIRED),  # the article's documentId
    Field("source_text", "source.text", REQUIRED, "literal", _cg("sourceText"), stated="given"),
    Field("source", "source.name", REQUIRED, "custom", _cg("source"), catalog="source"),  # the actor's IRI
    Field("source_kind", "source.kind", REQUIRED, "custom"),  # the actor's class
    Field("source_sieve", "source.sieve", "", "literal", _cg("sourceSieve"), stated="nonempty"),
    Field("source_author", "source.author", None, "custom"),  # in the actors graph
    Field("cue", "cue", REQUIRED, "literal", _cg("cue")),
    Field("content", "content", REQUIRED, "literal", NIF + "anchorOf", catalog="content"),
    Field("content_start", "content_start", REQUIRED, "literal", NIF + "beginIndex", "integer", offset=True,
          catalog="begin"),
    Field("content_end", "content_end", REQUIRED, "literal", NIF + "endIndex", "integer", offset=True),
    Field("type", "type", REQUIRED, "term", _cg("kind"), "iri", terms=QUOTE_KIND_TERM, catalog="kind"),
    Field("stance", "stance", REQUIRED, "custom", _cg("stance"), catalog="stance"),  # settled in the story
    Field("parent", "parent", None, "custom", _cg("nestedIn"), catalog="nested_in"),
    Field("act", "act", None, "custom", _cg("act")),  # the attribution that opens the utterance
    Field("claim", "claim", None, "custom", _cg("claim")),
    Field("mode", "mode", "statement", "term", _cg("mode"), "iri", terms=MODE_TERM),
    Field("content_pieces", "content_pieces", (), "custom", _cg("contentPiece"), offset=True),
    Field("negated", "negated", False, "literal", _cg("negated"), "boolean", catalog="negated"),
    Field("statement_time", "statement_time", None, "literal", _cg("statementTime"), stated="nonempty",
          catalog="said"),
    Field("statement_time_text", "statement_time_text", None, "literal", _cg("statementTimeText"),
          stated="nonempty"),
    Field("certainty", "certainty", "certain", "term", _cg("hedged"), "boolean",
          terms={"hedged": "true", "certain": "false"}),
    Field("cue_start", "cue_start", -1, "literal", _cg("cueBegin"), "integer", offset=True),
    Field("cue_end", "cue_end", -1, "literal", _cg("cueEnd"), "integer", offset=True),
    Field("source_start", "source.start", -1, "literal", _cg("sourceBegin"), "integer", gate="source_text", offset=True),
    Field("source_end", "source.end", -1, "literal", _cg("sourceEnd"), "integer", gate="source_text", offset=True),
    Field("sentence", "sentence", "", "literal", _cg("sentence"), catalog="sentence"),
    Field("sentence_start", "sentence_start", -1, "literal", _cg("sentenceBegin"), "integer", offset=True),
    Field("sentence_end", "sentence_end", -1, "literal", _cg("sentenceEnd"), "integer", offset=True),
)
BY_KEY: Final = {f.key: f for f in FIELDS}
#: The fields the graph states as literals or vocabulary terms (the writer and the reader loop over these).
STATED: Final = tuple(f for f in FIELDS if f.rdf in ("literal", "term"))
#: The fields whose values are offsets into the text (``content_pieces`` holds (start, end) pairs).
OFFSETS: Final = tuple(f for f in FIELDS if f.offset)


def value_of(record: object, f: Field) -> Any:
    """The field's value on a record (an :class:`Attribution`)."""
    obj = record
    for part in f.attr.split("."):
        obj = getattr(obj, part)
    return obj


def states(record: object, f: Field) -> bool:
    """Whether the graph states the field for this record (optional ones only with a value)."""
    rule = BY_KEY[f.gate] if f.gate else f
    if rule.stated == "always":
        return True
    v = value_of(record, rule)
    return v is not None and (rule.stated == "given" or v != "")


def lexical(record: object, f: Field) -> str:
    """The field's value as the graph writes it (offsets of an implicit source: 0)."""
    v = value_of(record, f)
    if f.rdf == "term":
        return f.terms[v]
    if f.datatype == "boolean":
        return "true" if v else "false"
    if f.datatype == "integer":
        return str(max(int(v), 0))
    return str(v)


def parsed(f: Field, text: str) -> Any:
    """The field's value from its lexical form in the graph (the inverse of :func:`lexical`)."""
    if f.rdf == "term":
        return next(v for v, t in f.terms.items() if t == text)
    if f.datatype == "boolean":
        return text == "true"
    if f.datatype == "integer":
        return int(text)
    return text


def shifted(data: dict[str, Any], delta: int) -> dict[str, Any]:
    """A copy of record-shaped ``data`` (fields under their JSON keys, the source's as a nested
    dict) with every offset the table marks moved by ``delta`` (an implicit source's -1 stays)."""
    out = dict(data)
    for f in OFFSETS:
        owner, _, name = f.attr.rpartition(".")
        if owner:  # "source.start": in the nested source
            src = out.get(owner)
            if src is not None and src[name] >= 0:
                out[owner] = {**src, name: src[name] + delta}
        elif f.key == "content_pieces":
            out[f.key] = [[a + delta, b + delta] for a, b in out[f.key]]
        else:
            out[f.key] += delta
    return out
