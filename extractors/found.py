"""What the rules and the model find in a parsed doc, before it becomes an :class:`Attribution`:
:class:`Found` while the passes work on it, :class:`FoundData` when it crosses a process boundary."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from claimgraph.ontology.vocab import Mode, QuoteKind, SourceKind, Stance

from .records import Source

if TYPE_CHECKING:  # extract.py reads FoundData without spaCy: keep this module light
    import re

    from spacy.tokens import Span

    from .stance import Certainty


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
    kind: QuoteKind = QuoteKind.INDIRECT
    source: Source | None = None
    stance: Stance = Stance.ASSERTS
    certainty: Certainty = "certain"
    parent: int | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    cue_i: int = -1  # token index of the cue word
    mode: Mode = Mode.STATEMENT
    negated: bool = False  # the content's main predicate is negated on the surface
    # The content's pieces ("“X,” he said, “Y.”" has two), in text order; empty: one piece.
    pieces: tuple[tuple[int, int], ...] = ()
    source_span: tuple[int, int] | None = None  # the whole source as written, when wider than ``mention``
    confidence: float = 1.0  # how sure the extractor is (the model's cue probability; rules: 1)
    # Notes between the passes, each read once and then cleared (None):
    # the cue token of the report a cited source shares its content with ("the FT reports, citing
    # officials, …"; -1: a citation whose report has no cue), and where the citing phrase ends;
    citing_head: int | None = None
    phrase_end: int | None = None
    hedged_by: Found | None = None  # the hedge that wraps this attribution ("have reportedly said")
    turn: re.Match[str] | None = None  # the transcript speaker label this content follows ("WALLACE:")
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
            "content_start": self.content_start, "content_end": self.content_end, "kind": self.kind,
            "stance": self.stance, "certainty": self.certainty, "parent": self.parent,
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
    kind: QuoteKind
    stance: Stance
    certainty: Certainty
    parent: int | None
    sentence_start: int
    sentence_end: int
    source: SourceData | None
    mode: Mode
    negated: bool
    content_pieces: list[list[int]]
    time: list[int] | None  # offsets of the statement's time expression, when the cue has one
