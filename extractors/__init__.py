"""claimgraph.extractors — article text to attribution records (spaCy; knows nothing of RDF).

    >>> from claimgraph.extractors import load_pipeline, read_inputs, extract
    >>> nlp = load_pipeline()
    >>> for article, records in extract(a for a in read_inputs(["corpus/seeds"]) if not isinstance(a, Exception)):
    ...     ...
"""
from __future__ import annotations

from .article import Article, IngestError
from .extract import extract
from .ingest import read_inputs
from .learned import ModelMissing
from .model import ModelNotFound, PipelineSpec, load_pipeline
from .records import Attribution, Source

__all__ = ["Article", "Attribution", "IngestError", "ModelMissing", "ModelNotFound", "PipelineSpec", "Source", "extract",
           "load_pipeline", "read_inputs"]
