"""The extractors' shared types: what the passes find in a parsed doc (:class:`Found`, crossing
process boundaries as :class:`FoundData`), and the :class:`Attribution` record that flows out to
everything downstream."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from claimgraph.ontology.vocab import Mode, QuoteKind, SourceKind, Stance

from .fields import BY_KEY, FIELDS, REQUIRED, value_of

if TYPE_CHECKING:  # extract.py reads FoundData without spaCy: keep this module light
    import re

    from spacy.tokens import Span

#: Whether a hedge word wraps the attribution, whatever its stance (a hedged warning stays ``warns``).
Certainty = Literal["certain", "hedged"]


@dataclass(frozen=True, slots=True)
class Source:
    """Who an attribution is credited to.

    ``text`` is the mention as written nearest the cue ("he", "Liu"), ``None`` when implicit
    ("reportedly"); ``name`` is the resolved actor's canonical name within the article
    ("Liu Pengyu", "US officials"); ``start``/``end`` locate ``text`` (``-1`` when implicit).
    ``sieve`` says which resolution sieve named it (:mod:`.speakers.sources`); a document's ``author`` is who
    wrote or filed it ("the union's lawsuit" → the union).
    """

    text: str | None
    name: str
    kind: SourceKind
    start: int = -1
    end: int = -1
    sieve: str = ""
    author: str | None = None
    author_kind: SourceKind | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution occurrence: source – cue – content, with its evidence.

    Offsets are character offsets into :attr:`Article.text` (the text as read). ``parent`` is the
    ``id`` of the enclosing attribution for nested ones ("the FT reports, citing officials, …"),
    else ``None``. ``certainty`` is ``"hedged"`` when a hedge word is present even if the stance
    is something stronger (a hedged warning stays ``warns``).
    """

    id: str
    doc: str
    source: Source
    cue: str
    cue_start: int
    cue_end: int
    content: str
    content_start: int
    content_end: int
    type: QuoteKind
    stance: Stance
    certainty: Certainty
    sentence: str
    sentence_start: int
    sentence_end: int
    parent: str | None = None
    #: The ``id`` of the attribution that opens the utterance this one belongs to, when one
    #: utterance was kept as several claims (a quote split by its cue: "“A,” he said. “B.”", or
    #: one going on without a cue); ``None``: the attribution is its own utterance.
    act: str | None = None
    claim: str | None = None
    mode: Mode = Mode.STATEMENT
    #: The content's pieces as (start, end) offsets, in text order: one for most attributions, two
    #: or more for a quote split by its cue ("“X,” he said, “Y.”"); ``content_start``/``content_end``
    #: span them all. Empty means one piece, ``content`` itself.
    content_pieces: tuple[tuple[int, int], ...] = ()
    #: The content's main predicate is negated on the surface ("did not", "no X was"), whatever the
    #: stance: a negated statement nobody contradicts asserts; one that contradicts a claim another
    #: source asserts denies it.
    negated: bool = False
    #: When it was said, as the text tells it ("on Sunday") and resolved against the article's
    #: publication date: a day (2022-03-13), an ISO week (2022-W10) or a month; ``None``: unknown.
    statement_time: str | None = None
    statement_time_text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        """The content's pieces, at least one."""
        return self.content_pieces or ((self.content_start, self.content_end),)

    def to_json(self) -> dict[str, Any]:
        """The export row, in the order of :data:`~claimgraph.extractors.fields.FIELDS` (the fields
        of ``../shared/corpus/README.md`` first, evidence after), then :attr:`extra`."""
        row = {f.key: value_of(self, f) for f in FIELDS}
        row["content_pieces"] = [list(p) for p in self.pieces]
        row.update(self.extra)
        return row

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> Attribution:
        """A record from an export row; keys it does not know are kept in :attr:`extra`."""
        values: dict[str, Any] = {}
        for f in FIELDS:
            values[f.attr] = row[f.key] if f.default is REQUIRED else row.get(f.key, f.default)
        values["source.sieve"] = values["source.sieve"] or ""
        values["source.author_kind"] = row.get("source_author_kind")
        values["negated"] = bool(values["negated"])
        values["content_pieces"] = _pieces(row)
        source = Source(**{k.removeprefix("source."): v for k, v in values.items() if k.startswith("source.")})
        return cls(source=source, extra={k: v for k, v in row.items() if k not in BY_KEY and k != "source_author_kind"},
                   **{k: v for k, v in values.items() if not k.startswith("source.")})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _pieces(row: dict[str, Any]) -> tuple[tuple[int, int], ...]:
    """Pieces from a JSON row; one piece equal to the whole content is stored as none."""
    pieces = tuple((int(a), int(b)) for a, b in row.get("content_pieces") or ())
    return () if len(pieces) <= 1 else pieces


@dataclass(slots=True)
class PassNotes:
    """What a rule pass that finds an attribution leaves for the pass in :mod:`..rules` that
    finishes it; each note is read once there and cleared (None), and none flows out."""

    #: The cue token of the report a cited source shares its content with ("the FT reports, citing
    #: officials, …"; -1: a citation whose report has no cue), and where the citing phrase ends.
    citing_head: int | None = None
    phrase_end: int | None = None
    hedged_by: Found | None = None  # the hedge that wraps this attribution ("have reportedly said")
    goes_on: Found | None = None  # the quoted attribution a cueless quote goes on from
    turn: re.Match[str] | None = None  # the transcript speaker label this content follows ("WALLACE:")


@dataclass(slots=True)
class Found:
    """One attribution found in a doc, offsets into ``doc.text``; the source resolved later."""

    cue: str
    cue_lemma: str
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    mention: Span | None = None
    implicit: tuple[str, SourceKind] | None = None
    cue_hedged: bool = False
    continues_quote: bool = False  # no cue of its own: the previous quoted speaker goes on
    type: QuoteKind = QuoteKind.INDIRECT  # direct, indirect or mixed (the record's ``type``)
    source: Source | None = None
    stance: Stance = Stance.ASSERTS
    certainty: Certainty = "certain"
    parent: int | None = None
    act: int | None = None  # the index of the attribution that opens this one's utterance
    sentence_start: int = 0
    sentence_end: int = 0
    cue_i: int = -1  # token index of the cue word
    mode: Mode = Mode.STATEMENT
    negated: bool = False  # the content's main predicate is negated on the surface
    # The content's pieces ("“X,” he said, “Y.”" has two), in text order; empty: one piece.
    pieces: tuple[tuple[int, int], ...] = ()
    source_span: tuple[int, int] | None = None  # the whole source as written, when wider than ``mention``
    confidence: float = 1.0  # how sure the extractor is (the model's cue probability; rules: 1)
    notes: PassNotes = field(default_factory=PassNotes)  # what one rule pass leaves for a later one
    time_span: tuple[int, int] | None = None  # the date the cue hangs on: "said *on Sunday*"

    def spans(self) -> tuple[tuple[int, int], ...]:
        """The content's pieces, at least one."""
        return self.pieces or ((self.content_start, self.content_end),)

    def as_data(self) -> FoundData:
        """Plain values only (no spaCy objects), so docs can cross process boundaries with
        ``nlp.pipe(n_process=…)``, which serializes ``doc._`` with msgpack."""
        src = self.source
        return {
            "cue": self.cue, "cue_start": self.cue_start, "cue_end": self.cue_end,
            "content_start": self.content_start, "content_end": self.content_end, "type": self.type,
            "stance": self.stance, "certainty": self.certainty, "parent": self.parent, "act": self.act,
            "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
            "source": None if src is None else {
                "text": src.text, "name": src.name, "kind": src.kind, "start": src.start, "end": src.end,
                "sieve": src.sieve, "author": src.author, "author_kind": src.author_kind},
            "mode": self.mode, "negated": self.negated,
            "content_pieces": [[a, b] for a, b in self.pieces] or [[self.content_start, self.content_end]],
            "time": None if self.time_span is None else [*self.time_span],
        }


class SourceData(TypedDict):
    """:class:`Source` as plain values (offsets into the parsed text; -1 when implicit)."""

    text: str | None
    name: str
    kind: SourceKind
    start: int
    end: int
    sieve: str
    author: str | None
    author_kind: SourceKind | None


class FoundData(TypedDict):
    """:class:`Found` as plain values, the seam between the spaCy component and ``extract``: the
    record's fields under their JSON keys (the source's nested), offsets into the parsed text, and
    ``time``, the offsets of the statement's time expression."""

    cue: str
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    type: QuoteKind
    stance: Stance
    certainty: Certainty
    parent: int | None
    act: int | None
    sentence_start: int
    sentence_end: int
    source: SourceData | None
    mode: Mode
    negated: bool
    content_pieces: list[list[int]]
    time: list[int] | None  # offsets of the statement's time expression, when the cue has one
