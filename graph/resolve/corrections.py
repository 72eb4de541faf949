"""A reviewer's corrections, applied to an article's resolved records before its graph is made.

No extractor is right every time, and a fact-checker cannot publish a wrong edge. A correction is
data beside the machine's reading: it names its target by what the target says in the text (the
article, the content's wording and place, the source as written, the cue), not by an id that a
rebuild may change, so it holds after the article is extracted again with new rules, new weights
or an edited text, and a target that is gone is reported, never silently dropped.

What a correction can do:

* ``set`` on one attribution: its ``source`` (a name; the actor's kind from the store, or
  ``source_kind``), its ``stance``, its ``claim`` (the claim it belongs to);
* ``reject`` one attribution: not an attribution (a legal act, an interviewer's question);
* ``merge_actors``: the later names are the first actor ("Daily Herald" → "Herald"), in every
  article, those built later included;
* ``split_claim``: the listed attributions leave their claim for one of their own.

This module is pure: :func:`parse` reads and checks the reviewer's lines against what the store
knows (:class:`Known`), :func:`apply` turns one article's records into the corrected view. Storing
them (the corrections graph, PROV-O) is :mod:`claimgraph.graph.store.corrections`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from claimgraph.errors import ClaimgraphError
from claimgraph.extractors import Attribution
from claimgraph.ontology.vocab import SourceKind, Stance

Action = Literal["set", "reject", "merge_actors", "split_claim"]
#: What a ``set`` may change, and the top-level keys a line may have.
SETTABLE = ("source", "source_kind", "stance", "claim")
KEYS = frozenset({"attribution", "set", "reject", "merge_actors", "split_claim", "attributions", "by", "note", "at"})
#: How alike two wordings must be (share of words) for a changed sentence to still be the target.
SAME_WORDING = 0.8


class CorrectionError(ClaimgraphError, ValueError):
    """A correction that cannot be taken: the message names it (file and line) and why."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """An attribution as the text shows it: what survives a rebuild when its id does not."""

    doc: str
    content: str
    content_start: int
    source_text: str | None
    cue: str
    occurrence: int = 0  # which of the article's attributions with this wording, in text order

    @classmethod
    def of(cls, rec: Attribution, records: Iterable[Attribution] = ()) -> Anchor:
        twins = sorted(r.content_start for r in records if r.doc == rec.doc and _norm(r.content) == _norm(rec.content))
        return cls(rec.doc, rec.content, rec.content_start, rec.source.text, rec.cue,
                   twins.index(rec.content_start) if rec.content_start in twins else 0)

    def as_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "content": self.content, "content_start": self.content_start,
                "source_text": self.source_text, "cue": self.cue, "occurrence": self.occurrence}

    def describe(self) -> str:
        words = " ".join(self.content.split())
        return f"{self.doc}: “{words[:60]}{'…' if len(words) > 60 else ''}”"


@dataclass(frozen=True, slots=True)
class Correction:
    """One reviewer decision, as stored."""

    id: str
    action: Action
    by: str | None = None
    note: str | None = None
    at: str = ""  # when it was made (ISO 8601, UTC)
    target: str | None = None  # the attribution id the reviewer named (set, reject)
    anchor: Anchor | None = None  # the target as the text shows it
    source: str | None = None  # set: the actor's name …
    source_kind: SourceKind | None = None  # … and kind
    stance: Stance | None = None
    claim: str | None = None  # set: the claim key it moves to; split_claim: the claim split
    names: tuple[str, ...] = ()  # merge_actors: the first is kept
    members: tuple[Anchor, ...] = ()  # split_claim: the attributions that leave

    @property
    def docs(self) -> set[str]:
        """The articles it targets (none for a merge: it holds everywhere)."""
        return ({self.anchor.doc} if self.anchor else set()) | {a.doc for a in self.members}

    @property
    def new_claim(self) -> str:
        """A split's new claim key: one per correction, the same on every rebuild."""
        return f"split-{self.id}"

    def as_json(self) -> dict[str, Any]:
        """The correction as one JSON object (what the store keeps and reads back)."""
        row: dict[str, Any] = {"id": self.id, "action": self.action, "by": self.by, "note": self.note, "at": self.at}
        if self.target is not None:
            row["attribution"] = self.target
        if self.anchor is not None:
            row["anchor"] = self.anchor.as_json()
        for key in ("source", "source_kind", "stance", "claim"):
            if getattr(self, key) is not None:
                row[key] = str(getattr(self, key))
        if self.names:
            row["names"] = list(self.names)
        if self.members:
            row["members"] = [a.as_json() for a in self.members]
        return row

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> Correction:
        anchor = row.get("anchor")
        return cls(id=row["id"], action=row["action"], by=row.get("by"), note=row.get("note"), at=row.get("at", ""),
                   target=row.get("attribution"), anchor=Anchor(**anchor) if anchor else None,
                   source=row.get("source"),
                   source_kind=SourceKind(row["source_kind"]) if row.get("source_kind") else None,
                   stance=Stance(row["stance"]) if row.get("stance") else None, claim=row.get("claim"),
                   names=tuple(row.get("names", ())), members=tuple(Anchor(**a) for a in row.get("members", ())))


@dataclass(slots=True)
class Known:
    """What the store holds, for checking corrections: its records by id, its actors by name
    (→ kind) and its claims by key."""

    records: dict[str, Attribution]
    actors: dict[str, SourceKind]
    claims: set[str]
    taken: dict[str, Correction] = field(default_factory=dict)  # the corrections already stored, by id

    def actor(self, name: str) -> tuple[str, SourceKind] | None:
        """The stored actor of that name, whatever its case and spacing."""
        if name in self.actors:
            return name, self.actors[name]
        key = _norm(name)
        return next(((n, k) for n, k in self.actors.items() if _norm(n) == key), None)


def parse(lines: Iterable[str], known: Known, *, where: str = "corrections", now: str | None = None) -> list[Correction]:
    """The corrections of a JSON Lines file, checked against ``known``: every line that cannot be
    taken (malformed, an unknown key, field or target) is a :class:`CorrectionError` naming it,
    raised together so that nothing is applied half-way."""
    stamp = now or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    out: list[Correction] = []
    errors: list[str] = []
    for n, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            row = json.loads(text)
            if not isinstance(row, dict):
                raise CorrectionError(f"expected a JSON object, got {type(row).__name__}")
            _plain(row)
            out.append(_one(row, known, stamp))
        except json.JSONDecodeError as exc:
            errors.append(f"{where}:{n}: malformed JSON ({exc.msg} at column {exc.colno})")
        except CorrectionError as exc:
            errors.append(f"{where}:{n}: {exc}")
        except (RecursionError, ValueError) as exc:  # nested past the parser's depth, a 5,000-digit integer
            errors.append(f"{where}:{n}: not a correction ({exc.__class__.__name__})")
    if errors:
        raise CorrectionError("\n".join(errors))
    return out


def _plain(value: object, depth: int = 0) -> None:
    """Refuse what no correction holds: nesting past a few levels, strings that are not Unicode."""
    if depth > 4:
        raise CorrectionError("nested too deep for a correction")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise CorrectionError("a string that is not valid Unicode (a lone surrogate)") from None
    elif isinstance(value, dict):
        for k, v in value.items():
            _plain(k, depth + 1)
            _plain(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _plain(v, depth + 1)


def _one(row: dict[str, Any], known: Known, stamp: str) -> Correction:
    digest = hashlib.sha256(json.dumps({k: v for k, v in row.items() if k != "at"}, sort_keys=True,
                                       ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    if digest in known.taken:  # the same line again (a file given twice): taken already, its target may be gone
        return known.taken[digest]
    unknown = sorted(set(row) - KEYS)
    if unknown:
        raise CorrectionError(f"unknown key {unknown[0]!r} (a correction has: {', '.join(sorted(KEYS))})")
    by, note = row.get("by"), row.get("note")
    for key, value in (("by", by), ("note", note), ("at", row.get("at"))):
        if value is not None and not isinstance(value, str):
            raise CorrectionError(f"{key!r} must be a string")
    if row.get("at") is not None:
        try:
            dt.datetime.fromisoformat(row["at"].replace("Z", "+00:00"))
        except ValueError:
            raise CorrectionError(f"'at' is not an ISO 8601 time: {row['at'][:40]!r}") from None
    actions = [a for a in ("set", "reject", "merge_actors", "split_claim") if a in row]
    if len(actions) != 1:
        raise CorrectionError("give exactly one of 'set', 'reject', 'merge_actors', 'split_claim'")
    action: Action = actions[0]
    made: dict[str, Any] = {"action": action, "by": by, "note": note, "at": row.get("at") or stamp}
    if action in ("set", "reject"):
        rec = _record(row.get("attribution"), known)
        made.update(target=rec.id, anchor=Anchor.of(rec, known.records.values()))
        if action == "reject":
            if row["reject"] is not True:
                raise CorrectionError("'reject' must be true")
        else:
            made.update(_settings(row["set"], rec, known))
    elif action == "merge_actors":
        names = row["merge_actors"]
        if not isinstance(names, list) or len(names) < 2 or not all(isinstance(x, str) for x in names):
            raise CorrectionError("'merge_actors' takes a list of two or more actor names")
        found = []
        for name in names:
            hit = known.actor(name)
            if hit is None:
                raise CorrectionError(f"no actor called {name!r} in the store")
            found.append(hit[0])
        made["names"] = tuple(dict.fromkeys(found))
        if len(made["names"]) < 2:
            raise CorrectionError("'merge_actors' names one actor only: give two or more different ones")
        made["source_kind"] = known.actors[made["names"][0]]  # the merged actor is the kept one, of its kind
    else:
        claim = _claim_key(row["split_claim"], known)
        ids = row.get("attributions")
        if not isinstance(ids, list) or not ids:
            raise CorrectionError("'split_claim' needs 'attributions': the ids that leave the claim")
        members = [_record(i, known) for i in ids]
        strays = [r.id for r in members if r.claim != claim]
        if strays:
            raise CorrectionError(f"attribution {strays[0]!r} is not in claim {row['split_claim']!r}")
        made.update(claim=claim, members=tuple(Anchor.of(r, known.records.values()) for r in members))
    return Correction(id=digest, **made)


def _record(rid: object, known: Known) -> Attribution:
    if not isinstance(rid, str) or not rid:
        raise CorrectionError("'attribution' must name an attribution id (the 'id' of attributions.jsonl)")
    rec = known.records.get(rid)
    if rec is None:
        raise CorrectionError(f"no attribution {rid!r} in the store")
    return rec


def _settings(values: object, rec: Attribution, known: Known) -> dict[str, Any]:
    if not isinstance(values, dict) or not values:
        raise CorrectionError(f"'set' takes an object with one or more of: {', '.join(SETTABLE)}")
    bad = sorted(set(values) - set(SETTABLE))
    if bad:
        raise CorrectionError(f"cannot set {bad[0]!r} (a correction sets: {', '.join(SETTABLE)})")
    out: dict[str, Any] = {}
    if "source" in values:
        name = values["source"]
        if not isinstance(name, str) or not name.strip():
            raise CorrectionError("'source' must be a name")
        hit = known.actor(name)
        kind = values.get("source_kind")
        if kind is not None and (not isinstance(kind, str) or kind not in set(SourceKind)):
            raise CorrectionError(f"unknown source_kind {kind!r} (one of: {', '.join(SourceKind)})")
        out["source"] = hit[0] if hit else " ".join(name.split())
        out["source_kind"] = SourceKind(kind) if kind else (hit[1] if hit else rec.source.kind)
    elif "source_kind" in values:
        raise CorrectionError("'source_kind' goes with 'source'")
    if "stance" in values:
        if not isinstance(values["stance"], str) or values["stance"] not in set(Stance):
            raise CorrectionError(f"unknown stance {values['stance']!r} (one of: {', '.join(Stance)})")
        out["stance"] = Stance(values["stance"])
    if "claim" in values:
        target = values["claim"]
        other = known.records.get(target) if isinstance(target, str) else None
        out["claim"] = other.claim if other is not None and other.claim else _claim_key(target, known)
    return out


def _claim_key(value: object, known: Known) -> str:
    """A claim named by its IRI or key (``claim-…``)."""
    key = value.rstrip("/").rpartition("/")[2] if isinstance(value, str) else ""
    if key not in known.claims:
        raise CorrectionError(f"no claim or attribution {value!r} in the store")
    return key


# ---- applying ---------------------------------------------------------------------------------

@dataclass(slots=True)
class Applied:
    """One article's records after its corrections: the corrected view, which corrections changed
    which record, the machine's version of each changed or rejected record, and the corrections
    whose target is gone."""

    records: list[Attribution]
    by_record: dict[str, list[str]] = field(default_factory=dict)  # record id → correction ids
    machine: dict[str, Attribution] = field(default_factory=dict)  # record id → as the extractor gave it
    rejected: dict[str, str] = field(default_factory=dict)  # record id → the correction that rejected it
    targets: dict[str, str] = field(default_factory=dict)  # correction id → the record id it holds on now
    missing: list[Correction] = field(default_factory=list)


def find(anchor: Anchor, records: list[Attribution]) -> Attribution | None:
    """The record an anchor names: the same wording nearest its old place, else (an edited
    sentence) the most alike wording by the same source and cue, if alike enough."""
    same = sorted((r for r in records if r.doc == anchor.doc and _norm(r.content) == _norm(anchor.content)),
                  key=lambda r: r.content_start)
    if len(same) > anchor.occurrence:  # the same wording, the same one of its repeats (text moved around it)
        return same[anchor.occurrence]
    if same:
        return min(same, key=lambda r: (r.source.text != anchor.source_text, abs(r.content_start - anchor.content_start)))
    words = set(_words(anchor.content))
    best, score = None, 0.0
    for r in records:
        if r.doc != anchor.doc or _norm(r.cue) != _norm(anchor.cue):
            continue
        other = set(_words(r.content))
        share = len(words & other) / max(len(words | other), 1)
        if share > score:
            best, score = r, share
    return best if score >= SAME_WORDING else None


def apply(records: list[Attribution], corrections: Iterable[Correction]) -> Applied:
    """``records`` (one article's, resolved) with ``corrections`` applied in order: the ones aimed
    at this article and the merges, which hold everywhere."""
    current = {r.id: r for r in records}
    original = dict(current)
    out = Applied(records=[])
    doc = records[0].doc if records else None
    for c in corrections:
        if c.action == "merge_actors":
            keep, *others = c.names
            merged = {_norm(n) for n in others}
            kind = c.source_kind or next((r.source.kind for r in current.values() if r.source.name == keep), None)
            for rid, r in current.items():
                if _norm(r.source.name) in merged:
                    _change(out, rid, original[rid], c.id)
                    current[rid] = replace(r, source=replace(r.source, name=keep, kind=kind or r.source.kind))
            continue
        if doc is None or doc not in c.docs:
            continue
        if c.action == "split_claim":
            hits = [find(a, list(current.values())) for a in c.members if a.doc == doc]
            if not all(hits):
                out.missing.append(c)
            for r in filter(None, hits):
                _change(out, r.id, original[r.id], c.id)
                current[r.id] = replace(current[r.id], claim=c.new_claim)
            continue
        assert c.anchor is not None
        hit = find(c.anchor, list(current.values()))
        if hit is None:
            out.missing.append(c)
            continue
        out.targets[c.id] = hit.id
        _change(out, hit.id, original[hit.id], c.id)
        if c.action == "reject":
            out.rejected[hit.id] = c.id
            del current[hit.id]
            continue
        rec = current[hit.id]
        if c.source is not None:
            rec = replace(rec, source=replace(rec.source, name=c.source, kind=c.source_kind or rec.source.kind))
        if c.stance is not None:  # the reviewer's stance is final: the story does not settle it again
            rec = replace(rec, stance=c.stance, negated=False)
        if c.claim is not None:
            rec = replace(rec, claim=c.claim)
        current[hit.id] = rec
    gone = set(out.rejected)  # a record that lost its parent or act to a rejection stands alone
    kept = [current[r.id] for r in records if r.id in current]
    out.records = [replace(r, parent=None if r.parent in gone else r.parent, act=None if r.act in gone else r.act)
                   for r in kept]
    return out


def _change(out: Applied, rid: str, rec: Attribution, cid: str) -> None:
    out.machine.setdefault(rid, rec)
    ids = out.by_record.setdefault(rid, [])
    if cid not in ids:
        ids.append(cid)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())
