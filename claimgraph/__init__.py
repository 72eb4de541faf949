"""claimgraph — who asserts or denies what, and who reports it, as a knowledge graph from news.

    >>> import claimgraph
    >>> report = claimgraph.build(["corpus/seeds"], "out")        # writes out/attributions.jsonl
    >>> records = list(claimgraph.read_attributions("out/attributions.jsonl"))
"""
from __future__ import annotations

__version__ = "0.4.0"

from claimgraph.extractors import (
    Article,
    Attribution,
    IngestError,
    Source,
    extract,
    load_pipeline,
    read_inputs,
)
from claimgraph.graph import read_attributions, write_attributions
from claimgraph.pipeline import BuildReport, build, remove

__all__ = [
    "Article", "Attribution", "BuildReport", "IngestError", "Source", "__version__", "build", "extract",
    "load_pipeline", "read_attributions", "read_inputs", "remove", "write_attributions",
]
