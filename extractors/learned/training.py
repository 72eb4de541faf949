"""Train the attribution model (:mod:`.tagger`) from a corpus in the shared gold format.

A corpus is a folder with ``articles/<doc>.txt`` and ``gold.jsonl`` (PolNeAR's layout in
``shared/corpus/polnear/train``: one attribution per line with ``cue_pieces``,
``source_pieces`` and ``content_pieces`` as character offsets). Training is deterministic: the
parse is spaCy's and CRFsuite's L-BFGS has
no randomness, so the same corpus and pipeline give the same weights.
"""
from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycrfsuite
from spacy.language import Language
from spacy.tokens import Doc

from ..reading.clean import CleanText, clean
from .features import DocView, cue_features, role_features, window
from .tagger import CUE_FILE, ROLE_FILE, cue_head

#: CRFsuite settings: elastic-net regularisation keeps the weights small and general.
CUE_PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
ROLE_PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


@dataclass(frozen=True, slots=True)
class TrainReport:
    """What a training run read and wrote."""

    articles: int
    attributions: int
    cue_sequences: int
    role_sequences: int
    seconds: float
    size_bytes: int
    out: Path


def read_gold(corpus: Path) -> dict[str, list[dict[str, Any]]]:
    """Gold rows of ``corpus/gold.jsonl`` by document file name."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with open(corpus / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                by_doc[row["doc"]].append(row)
    return by_doc


def parse_corpus(corpus: Path, nlp: Language, *, limit: int | None = None) -> Iterator[tuple[Doc, list[dict[str, Any]]]]:
    """(parsed article, its gold rows) for each article of ``corpus`` that has gold, in name order.
    The article is cleaned as extraction cleans it (:func:`~..reading.clean.clean`), so the
    taggers learn from the text they will read; the gold spans are moved onto it."""
    gold = read_gold(corpus)
    names = sorted(gold)[:limit] if limit else sorted(gold)
    cleaned = [clean((corpus / "articles" / name).read_text(encoding="utf-8")) for name in names]
    for doc, name, text in zip(nlp.pipe((c.text for c in cleaned), batch_size=16), names, cleaned, strict=True):
        yield doc, [on_clean(row, text) for row in gold[name]]


def parse_texts(examples: Iterable[tuple[str, list[dict[str, Any]]]], nlp: Language
                ) -> Iterator[tuple[Doc, list[dict[str, Any]]]]:
    """(parsed article, its gold rows) for articles given as (raw text, rows with piece offsets into
    it), cleaned as :func:`parse_corpus` cleans them: a reviewer's corrected articles."""
    examples = list(examples)
    cleaned = [clean(text) for text, _ in examples]
    for doc, (_, rows), text in zip(nlp.pipe((c.text for c in cleaned), batch_size=16), examples, cleaned, strict=True):
        yield doc, [on_clean(row, text) for row in rows]


def on_clean(row: dict[str, Any], text: CleanText) -> dict[str, Any]:
    """A gold row whose span pieces point into the cleaned text instead of the raw one."""
    out = dict(row)
    for key in ("content_pieces", "source_pieces", "cue_pieces"):
        out[key] = [[text.to_clean(a), text.to_clean(b)] for a, b in row.get(key) or []]
    return out


def _token_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


Sequence = tuple[list[list[str]], list[str]]


def sequences(doc: Doc, rows: list[dict[str, Any]]) -> tuple[list[Sequence], list[Sequence]]:
    """Cue-tagger sequences (one per sentence) and role-tagger sequences (one per gold cue) of
    one article.

    Role sequences are drawn for gold cues only: sampled false cues with empty labels made the
    role tagger miss the content of true ones (dev content F1 0.711 against 0.718).
    """
    v = DocView.of(doc)
    cue_labels = ["O"] * len(doc)
    role_seqs = []
    for row in rows:
        pieces = row.get("cue_pieces") or []
        cue = _token_span(doc, pieces[0][0], pieces[-1][1]) if pieces else None
        if cue is None:
            continue
        for k, i in enumerate(range(*cue)):
            if cue_labels[i] == "O":
                cue_labels[i] = "B-CUE" if k == 0 else "I-CUE"
        head = cue_head(v, *cue)
        start, end = window(v, head)
        labels = ["O"] * (end - start)
        for kind, key in (("SRC", "source_pieces"), ("CNT", "content_pieces")):
            for a, b in row.get(key) or []:
                span = _token_span(doc, a, b)
                if span is None:
                    continue
                for k, i in enumerate(range(max(span[0], start), min(span[1], end))):
                    if labels[i - start] == "O" and not cue[0] <= i < cue[1]:
                        labels[i - start] = ("B-" if k == 0 or i == start else "I-") + kind
        role_seqs.append((role_features(v, cue, head, start, end), labels))
    cue_seqs = [(cue_features(v, a, b), cue_labels[a:b]) for a, b in v.sents]
    return cue_seqs, role_seqs


def train(corpus: Path | str, out: Path | str, nlp: Language, *, limit: int | None = None,
          max_iterations: int | None = None, docs: Iterable[tuple[Doc, list[dict[str, Any]]]] | None = None,
          progress: Callable[[str], None] | None = None) -> TrainReport:
    """Train both taggers on ``corpus`` and write them to ``out``.

    ``limit`` takes the first N articles (a quick run, as in CI); ``docs`` gives already parsed
    articles with their gold rows instead of parsing ``corpus`` again.
    """
    t0 = time.perf_counter()
    corpus, out = Path(corpus), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda _msg: None)
    cue_trainer = pycrfsuite.Trainer(verbose=False)
    role_trainer = pycrfsuite.Trainer(verbose=False)
    n_articles = n_attr = n_cue = n_role = 0
    for doc, rows in docs if docs is not None else parse_corpus(corpus, nlp, limit=limit):
        cue_seqs, role_seqs = sequences(doc, rows)
        for x, y in cue_seqs:
            cue_trainer.append(x, y)
        for x, y in role_seqs:
            role_trainer.append(x, y)
        n_articles += 1
        n_attr += len(rows)
        n_cue += len(cue_seqs)
        n_role += len(role_seqs)
        if n_articles % 100 == 0:
            say(f"read {n_articles} articles")
    for trainer, params, name in ((cue_trainer, CUE_PARAMS, CUE_FILE), (role_trainer, ROLE_PARAMS, ROLE_FILE)):
        settings = dict(params)
        if max_iterations is not None:
            settings["max_iterations"] = max_iterations
        trainer.set_params(settings)
        say(f"training {name} ({settings['max_iterations']} iterations at most)")
        trainer.train(str(out / name))
    (out / "meta.json").write_text(json.dumps({
        "corpus": corpus.name, "articles": n_articles, "attributions": n_attr,
        "cue_params": CUE_PARAMS, "role_params": ROLE_PARAMS, "max_iterations": max_iterations,
        "spacy_pipeline": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
    }, indent=2) + "\n")
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    return TrainReport(n_articles, n_attr, n_cue, n_role, time.perf_counter() - t0, size, out)
