"""The learned attribution model: two CRFs over the parse, trained on PolNeAR (see :mod:`.training`).

The cue tagger marks cue words in each sentence; for each cue, the role tagger marks its source
and the pieces of its content in a window around it (:mod:`.features`). Both are linear-chain
CRFs (CRFsuite, Okazaki 2007): small (a few MB), fast in C, trained in minutes on two cores,
with no GPU and no deep-learning framework.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from claimgraph.errors import ClaimgraphError

from .features import DocView, cue_features, role_features, window

#: The trained weights that ship with the package.
DEFAULT_MODEL_DIR = Path(str(resources.files("claimgraph.extractors.learned") / "weights"))
CUE_FILE = "cue.crfsuite"
ROLE_FILE = "role.crfsuite"


class ModelMissing(ClaimgraphError, RuntimeError):
    """The model directory lacks the trained weights; the message names the training command."""


@dataclass(frozen=True, slots=True)
class Tagged:
    """One attribution as the model tags it, in token indices of its doc.

    ``source`` is ``None`` when no source is written ("reportedly"); ``content`` holds the pieces
    of the content in text order ("“X,” he said, “Y.”" has two).
    """

    cue: tuple[int, int]
    cue_head: int
    source: tuple[int, int] | None
    content: tuple[tuple[int, int], ...]
    confidence: float = 1.0  # the cue tagger's marginal probability that these words are a cue


def spans(labels: list[str], kind: str, offset: int = 0) -> list[tuple[int, int]]:
    """Token spans (start, end) of the ``B-kind``/``I-kind`` runs of a BIO label sequence."""
    out: list[tuple[int, int]] = []
    start = -1
    for i, lab in enumerate([*labels, "O"]):
        inside = lab.endswith("-" + kind)
        if start >= 0 and (not inside or lab.startswith("B-")):
            out.append((start + offset, i + offset))
            start = -1
        if inside and start < 0:
            start = i
    return out


def cue_head(v: DocView, start: int, end: int) -> int:
    """The syntactic head of a cue span: the token whose head lies outside it (a verb first)."""
    heads = [i for i in range(start, end) if not start <= v.head[i] < end or v.head[i] == i]
    verbs = [i for i in heads if v.pos[i] in {"VERB", "AUX"}]
    return (verbs or heads or [start])[0]


class AttributionModel:
    """The two trained taggers; :meth:`tag` turns a parsed doc into :class:`Tagged` attributions."""

    def __init__(self, directory: Path | str | None = None, *, cue_threshold: float | None = 0.3) -> None:
        path = Path(directory) if directory is not None else DEFAULT_MODEL_DIR
        cue, role = path / CUE_FILE, path / ROLE_FILE
        if not cue.is_file() or not role.is_file():
            raise ModelMissing(f"no trained attribution model in {path} (needs {CUE_FILE} and {ROLE_FILE}); "
                               "train one with: claimgraph train CORPUS --out DIR")
        self.path = path
        self.cue_threshold = cue_threshold
        self._cue = pycrfsuite.Tagger()
        self._cue.open(str(cue))
        self._role = pycrfsuite.Tagger()
        self._role.open(str(role))

    def cues(self, v: DocView) -> list[tuple[tuple[int, int], float]]:
        """Cue spans (token indices) of every sentence.

        A token is a cue word when the tagger's marginal probability of a cue label reaches
        :attr:`cue_threshold` (below the Viterbi path's 0.5, for recall: the role tagger then
        finds no content for most false cues).
        """
        out: list[tuple[tuple[int, int], float]] = []
        tagger = self._cue
        for start, end in v.sents:
            labels = tagger.tag(cue_features(v, start, end))
            begin = [tagger.marginal("B-CUE", k) for k in range(end - start)]
            inside = [tagger.marginal("I-CUE", k) for k in range(end - start)]
            sure = [b + i for b, i in zip(begin, inside, strict=True)]
            if self.cue_threshold is not None:
                for k in range(end - start):
                    if labels[k] == "O" and sure[k] >= self.cue_threshold:
                        labels[k] = "B-CUE" if begin[k] >= inside[k] or k == 0 or labels[k - 1] == "O" else "I-CUE"
            out.extend(((a, b), max(sure[a - start:b - start])) for a, b in spans(labels, "CUE", start))
        return out

    def roles(self, v: DocView, cue: tuple[int, int], confidence: float = 1.0) -> Tagged | None:
        """Source and content of one cue; ``None`` when the tagger finds no content."""
        head = cue_head(v, *cue)
        start, end = window(v, head)
        labels = self._role.tag(role_features(v, cue, head, start, end))
        content = spans(labels, "CNT", start)
        if not content:
            return None
        sources = spans(labels, "SRC", start)
        # The source nearest the cue when the tagger marks two.
        source = min(sources, key=lambda s: min(abs(s[0] - cue[0]), abs(s[1] - cue[1]))) if sources else None
        return Tagged(cue, head, source, tuple(content), confidence)

    def tag(self, doc: Doc, v: DocView | None = None, *, min_confidence: float = 0.0,
            skip: Callable[[tuple[int, int]], bool] | None = None) -> list[Tagged]:
        """Every attribution the model finds in ``doc`` (read through ``v`` when given), in cue
        order; cues less likely than ``min_confidence``, or that ``skip`` says someone else has
        found, are not looked at further (the role tagger is the model's main cost)."""
        v = v or DocView.of(doc)
        out = []
        for cue, confidence in self.cues(v):
            if confidence < min_confidence or skip is not None and skip(cue):
                continue
            found = self.roles(v, cue, confidence)
            if found is not None:
                out.append(found)
        return out
