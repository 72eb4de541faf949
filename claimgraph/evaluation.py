"""How good are the attributions? Score records against a gold file in the shared format.

The figures are the shared scorer's own (:mod:`claimgraph.scorer`, a verbatim copy of
``shared/eval/score.py`` that a test keeps equal to it): matching, names, spans, denials, nesting
and claim clusters are computed there, never again here. This module adds what the product
measures beyond it — ``mode_accuracy`` over the gold items that carry a ``mode`` (neither PolNeAR
nor the seeds' gold do) — a reader that names a bad gold line, and the build the scoring runs on.
"""
from __future__ import annotations

import contextlib
import io
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph import scorer
from claimgraph.pipeline import build

Row = dict[str, Any]


@dataclass
class Evaluation:
    """The figures (``scores``, the shared scorer's keys plus ``mode_accuracy``) and, for
    ``--verbose``, one line per miss, spurious find and wrong label."""

    scores: dict[str, float | int]
    misses: list[str] = field(default_factory=list)


def load_rows(path: str | Path) -> dict[str, list[Row]]:
    """Rows of a JSON Lines file by document, read by the scorer's own reader; a bad line raises
    ``ValueError`` naming it (the scorer exits the process instead)."""
    try:
        return scorer.load(str(path))
    except SystemExit as exc:  # "gold.jsonl:2: not JSON: …"
        raise ValueError(str(exc.code)) from None
    except TypeError:  # a line that is JSON but no object
        raise ValueError(f"{path}: every line must be a JSON object with 'doc' and 'content'") from None


def score(gold: dict[str, list[Row]], pred: dict[str, list[Row]], *, acts: bool = False) -> Evaluation:
    """Score predicted rows against gold rows (both by document) as the shared scorer does, its
    ``--verbose`` lines kept; ``acts``: records sharing an ``act`` are one utterance (its ``--acts``)."""
    if acts:
        pred = scorer.merge_acts(pred)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        figures = scorer.score(gold, pred, verbose=True)
    notes = printed.getvalue().splitlines()
    with_mode = []
    for doc, golds in sorted(gold.items()):
        for p, g, _ in scorer.match(pred.get(doc, []), golds):
            if g.get("mode") and not g.get("optional"):
                with_mode.append((p, g))
                if p.get("mode") != g["mode"]:
                    notes.append(f"MODE    {doc}: got {p.get('mode')!r} want {g['mode']!r} :: {g['content'][:60]!r}")
    modes = round(scorer.ratio(sum(p.get("mode") == g["mode"] for p, g in with_mode), len(with_mode)), 3)
    keys = list(figures)
    at = keys.index("stance_accuracy") + 1
    scores = {k: figures[k] for k in keys[:at]} | {"mode_accuracy": modes} | {k: figures[k] for k in keys[at:]}
    return Evaluation(scores, notes)


def evaluate(gold: str | Path, inputs: Iterable[str | Path], *, acts: bool = False, **build_options: Any) -> Evaluation:
    """Build ``inputs`` in a temporary folder (:func:`claimgraph.pipeline.build`, SHACL off; the
    options go to it) and score the records against the ``gold`` file."""
    gold_rows = load_rows(gold)
    with tempfile.TemporaryDirectory(prefix="claimgraph-eval-") as tmp:
        build(list(inputs), tmp, validate="none", **build_options)
        pred = load_rows(Path(tmp) / "attributions.jsonl")
    return score(gold_rows, pred, acts=acts)
