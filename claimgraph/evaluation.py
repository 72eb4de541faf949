"""How good are the attributions? Score records against a gold file in the shared format.

The measures and their key names are those of the shared scorer (``shared/eval/score.py``), so the
project can measure itself anywhere: a predicted attribution matches a gold one in the same
document when their contents share enough words (token F1 ≥ 0.5, one-to-one, best overlap first);
content precision / recall / F1 count the matches, exact-span and begin-match F1 the stricter
span agreements (CofeNet's measures, Wang et al. 2022), and over the matched pairs the source,
cue, type, stance and mode are checked. A gold item marked ``"optional": true`` is neither
required nor held against a prediction that finds it. ``mode_accuracy`` counts only gold items
that carry a ``mode`` (neither PolNeAR nor the seeds' gold do).
"""
from __future__ import annotations

import json
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.pipeline import build

MATCH_AT = 0.5
# Bare role or document nouns name no one: "officials", "the statement" alone earn no source credit.
GENERIC = frozenset({
    "official", "officials", "source", "sources", "spokesman", "spokesperson", "spokeswoman",
    "people", "person", "report", "reports", "media", "outlets", "government", "ministry",
    "lawsuit", "suit", "complaint", "statement", "article", "filing", "memo", "story", "piece", "letter",
})
_STOP = frozenset({"of", "the", "and", "for", "in", "on", "to", "a", "an"})
_HONORIFICS = frozenset({"the", "mr", "mrs", "ms", "dr", "president", "prof"})
# a count does not change who is meant: "four congressional officials" are "congressional officials"
_COUNTS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "some",
                     "many", "few", "dozen", "dozens"})
_ORG_TAILS = frozenset({"news", "inc", "corp", "co", "ltd", "llc", "group", "media"})  # "BuzzFeed" is "BuzzFeed News"
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
_DOCUMENTS = frozenset({"lawsuit", "suit", "complaint", "statement", "article", "filing", "memo", "story", "piece",
                        "letter", "report", "indictment", "motion", "brief"})
_WORD = re.compile(r"[a-z0-9]+")

Row = dict[str, Any]
Pair = tuple[Row, Row, float]


def words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def token_f1(a: str, b: str) -> float:
    """SQuAD's token F1 between two texts."""
    wa, wb = words(a), words(b)
    common = sum((Counter(wa) & Counter(wb)).values())
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def _name_key(name: str | None) -> list[str]:
    text = (name or "").lower()
    text = re.sub(r"\bu\.?\s?s\.?(?=\W|$)", "us", text).replace("united states", "us")
    # honorifics, middle initials ("Anthony D. Weiner" is "Anthony Weiner") and counts do not tell names apart
    key = [w for w in words(text) if w not in _HONORIFICS and not (len(w) == 1 and w.isalpha())]
    while key and (key[0] in _COUNTS or key[0].isdigit()):
        key = key[1:]
    return key or words(text)  # a span of nothing but such words ("the president") as written


def _gold_names(name: str | None) -> list[str]:
    """A gold source with a parenthesis names alternatives: "Special Counsel's Office (Robert Mueller)"."""
    text = name or ""
    return [re.sub(r"\([^)]*\)", " ", text), *re.findall(r"\(([^)]*)\)", text)]


def _initials(run: list[str]) -> str:
    return "".join(w[0] for w in run if w not in _STOP)


def _collapse_acronyms(a: list[str], b: list[str]) -> list[str]:
    """``b`` with each run of words whose initials spell a word of ``a`` written as that word:
    ["democratic", "national", "committee", "lawsuit"] → ["dnc", "lawsuit"] when ``a`` holds "dnc"."""
    acronyms = {w for w in a if len(w) >= 2 and w not in GENERIC}
    out, i = [], 0
    while i < len(b):
        for j in range(len(b), i + 1, -1):  # the longest run first
            if b[i] not in _STOP and len([w for w in b[i:j] if w not in _STOP]) >= 2 and _initials(b[i:j]) in acronyms:
                out.append(_initials(b[i:j]))
                i = j
                break
        else:
            out.append(b[i])
            i += 1
    return out


def _alike(p: list[str], g: list[str]) -> bool:
    if not p or not g:
        return False
    if p == g:
        return True
    short, long_ = (p, g) if len(p) <= len(g) else (g, p)
    if _GENERATIONS & (set(long_) - set(short)):
        return False  # "Donald Trump" is not "Donald Trump Jr."
    if len(short) == 1 and short[0] not in GENERIC and long_[-1] == short[0]:
        return True  # "Sullivan" ~ "Jake Sullivan"
    if len(short) == 1 and long_[0] == short[0] and set(long_[1:]) <= _ORG_TAILS:
        return True  # "BuzzFeed" ~ "BuzzFeed News"
    if len(short) >= 2 and long_[: len(short)] == short:
        return True  # "Chinese embassy" ~ "Chinese embassy in the US"
    if len([w for w in short if w not in _STOP]) >= 3 and short[0] == long_[0] and set(short) <= set(long_):
        return True  # "people familiar with the testimony" ~ "people familiar with how the testimony was written"
    return len(short) == 1 and len(short[0]) >= 2 and len(long_) >= 2 and short[0] == _initials(long_)  # "DNC"


def _author(name: str | None) -> list[str] | None:
    """Who wrote a document source: "the DNC's lawsuit" and "DNC lawsuit" → ["dnc"]; None if it names no document."""
    text = (name or "").strip()
    w = words(text)
    if not w or w[-1] not in _DOCUMENTS:
        return None
    m = re.match(r"(.*?)['’]s\b", text)
    key = _name_key(m.group(1)) if m else _name_key(" ".join(w[:-1]))
    return key if any(x not in _STOP for x in key) else None


def _same_name(p: list[str], g: list[str]) -> bool:
    return _alike(p, g) or _alike(_collapse_acronyms(g, p), g) or _alike(p, _collapse_acronyms(p, g))


def _same_entity(pred: str | None, gold: str | None) -> bool:
    """Names for one source; a document and its author are the same source ("the DNC's lawsuit" ~ "the DNC")."""
    p, g = _name_key(pred), _name_key(gold)
    if _same_name(p, g):
        return True
    pa, ga = _author(pred), _author(gold)
    return any(a and b and _same_name(a, b) for a, b in ((pa, ga), (pa, g), (p, ga)) if a is not None and b is not None)


def same_source(pred: Row, gold: Row) -> bool:
    """The prediction names the gold actor, by its resolved name or as written."""
    return any(_same_entity(pred.get(key), g) for g in _gold_names(gold.get("source")) for key in ("source", "source_text"))


def _same_cue(pred: Row, gold: Row) -> bool:
    return bool(set(words(pred.get("cue"))) & set(words(gold.get("cue"))))


def _span_words(text: str) -> list[str]:
    """Content words for span comparison: a leading complementizer "that" is a convention, not content."""
    w = words(text)
    return w[1:] if w[:1] == ["that"] and len(w) > 1 else w


def _exact(a: str, b: str) -> bool:
    return bool(_span_words(a)) and _span_words(a) == _span_words(b)


def _begins_alike(a: str, b: str) -> bool:
    wa, wb = _span_words(a), _span_words(b)
    return bool(wa and wb and wa[0] == wb[0])


def doc_key(doc: str) -> str:
    name = Path(str(doc)).name
    return name[:-4] if name.endswith(".txt") else name


def load_rows(path: str | Path) -> dict[str, list[Row]]:
    """Rows of a JSON Lines file by document; a bad line raises ``ValueError`` naming it."""
    by_doc: dict[str, list[Row]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON: {exc.msg}") from None
            if not isinstance(row, dict) or "doc" not in row or "content" not in row:
                raise ValueError(f"{path}:{n}: needs 'doc' and 'content'")
            by_doc[doc_key(row["doc"])].append(row)
    return by_doc


def match(preds: list[Row], golds: list[Row]) -> list[Pair]:
    """One-to-one pairs of one document, best content overlap first, overlap ≥ :data:`MATCH_AT`."""
    scored = sorted(((token_f1(p["content"], g["content"]), i, j) for i, p in enumerate(preds)
                     for j, g in enumerate(golds)), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score < MATCH_AT:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((preds[i], golds[j], score))
    return pairs


def _bcubed(pairs: list[Pair]) -> tuple[float, float, float]:
    items = [(p.get("claim"), g.get("claim")) for p, g, _ in pairs if p.get("claim") is not None and g.get("claim")]
    if not items:
        return 0.0, 0.0, 0.0
    prec = rec = 0.0
    for pc, gc in items:
        both = sum(1 for x in items if x[0] == pc and x[1] == gc)
        prec += both / sum(1 for x in items if x[0] == pc)
        rec += both / sum(1 for x in items if x[1] == gc)
    prec, rec = prec / len(items), rec / len(items)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def _ratio(hit: float, total: int) -> float:
    return hit / total if total else 0.0


def _f1(hit: int, n_pred: int, n_gold: int) -> float:
    p, r = _ratio(hit, n_pred), _ratio(hit, n_gold)
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """The figures (``scores``, the shared scorer's keys plus ``mode_accuracy``) and, for
    ``--verbose``, one line per miss, spurious find and wrong label."""

    scores: dict[str, float | int]
    misses: list[str] = field(default_factory=list)


def score(gold: dict[str, list[Row]], pred: dict[str, list[Row]]) -> Evaluation:
    """Score predicted rows against gold rows (both by document); documents outside the gold are ignored."""
    pairs: list[Pair] = []
    notes: list[str] = []
    n_gold = sum(1 for v in gold.values() for g in v if not g.get("optional"))
    n_pred = sum(len(pred.get(d, [])) for d in gold)
    for doc, golds in sorted(gold.items()):
        doc_pairs = match(pred.get(doc, []), golds)
        pairs += doc_pairs
        hit = {id(g) for _, g, _ in doc_pairs}
        notes += [f"MISSED  {doc}: {g.get('source')!r} {g.get('cue')!r} {g['content'][:90]!r}"
                  for g in golds if id(g) not in hit and not g.get("optional")]
        hit_p = {id(p) for p, _, _ in doc_pairs}
        notes += [f"SPURIOUS {doc}: {p.get('source')!r} {p.get('cue')!r} {p['content'][:90]!r}"
                  for p in pred.get(doc, []) if id(p) not in hit_p]
        for p, g, _ in doc_pairs:
            if g.get("optional"):
                continue
            if not same_source(p, g):
                notes.append(f"SOURCE  {doc}: got {p.get('source')!r} want {g.get('source')!r} :: {g['content'][:60]!r}")
            if p.get("stance") != g.get("stance"):
                notes.append(f"STANCE  {doc}: got {p.get('stance')!r} want {g.get('stance')!r} :: {g['content'][:60]!r}")
            if g.get("mode") and p.get("mode") != g.get("mode"):
                notes.append(f"MODE    {doc}: got {p.get('mode')!r} want {g.get('mode')!r} :: {g['content'][:60]!r}")
    n_pred -= sum(1 for _, g, _ in pairs if g.get("optional"))
    optional_denials = sum(1 for p, g, _ in pairs if g.get("optional") and p.get("stance") == "denies")
    pairs = [pair for pair in pairs if not pair[1].get("optional")]
    m = len(pairs)
    precision, recall = _ratio(m, n_pred), _ratio(m, n_gold)
    denials_gold = sum(1 for v in gold.values() for g in v if g.get("stance") == "denies" and not g.get("optional"))
    denials_pred = sum(1 for d in gold for p in pred.get(d, []) if p.get("stance") == "denies") - optional_denials
    denials_hit = sum(1 for p, g, _ in pairs if p.get("stance") == g.get("stance") == "denies")
    nested = [p for p, g, _ in pairs if g.get("parent")]
    with_mode = [(p, g) for p, g, _ in pairs if g.get("mode")]
    b3p, b3r, b3f = _bcubed(pairs)
    scores: dict[str, float | int] = {
        "gold": n_gold,
        "predicted": n_pred,
        "matched": m,
        "content_precision": precision,
        "content_recall": recall,
        "content_f1": 2 * precision * recall / (precision + recall) if m else 0.0,
        "content_overlap": _ratio(sum(s for _, _, s in pairs), m),
        "content_exact_f1": _f1(sum(_exact(p["content"], g["content"]) for p, g, _ in pairs), n_pred, n_gold),
        "content_begin_f1": _f1(sum(_begins_alike(p["content"], g["content"]) for p, g, _ in pairs), n_pred, n_gold),
        "source_accuracy": _ratio(sum(same_source(p, g) for p, g, _ in pairs), m),
        "cue_accuracy": _ratio(sum(_same_cue(p, g) for p, g, _ in pairs), m),
        "type_accuracy": _ratio(sum(p.get("type") == g.get("type") for p, g, _ in pairs), m),
        "stance_accuracy": _ratio(sum(p.get("stance") == g.get("stance") for p, g, _ in pairs), m),
        "mode_accuracy": _ratio(sum(p.get("mode") == g.get("mode") for p, g in with_mode), len(with_mode)),
        "denial_precision": _ratio(denials_hit, denials_pred),
        "denial_recall": _ratio(denials_hit, denials_gold),
        "nested_found": _ratio(sum(1 for p in nested if p.get("parent")), len(nested)),
        "claim_bcubed_precision": b3p,
        "claim_bcubed_recall": b3r,
        "claim_bcubed_f1": b3f,
    }
    return Evaluation({k: v if isinstance(v, int) else round(v, 3) for k, v in scores.items()}, notes)


def evaluate(gold: str | Path, inputs: Iterable[str | Path], **build_options: Any) -> Evaluation:
    """Build ``inputs`` in a temporary folder (:func:`claimgraph.pipeline.build`, SHACL off; the
    options go to it) and score the records against the ``gold`` file."""
    gold_rows = load_rows(gold)
    with tempfile.TemporaryDirectory(prefix="claimgraph-eval-") as tmp:
        build(list(inputs), tmp, validate="none", **build_options)
        pred = load_rows(Path(tmp) / "attributions.jsonl")
    return score(gold_rows, pred)
