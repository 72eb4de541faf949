"""claimgraph.extractors — article text to attribution records (spaCy; knows nothing of RDF).

>>> from claimgraph.extractors import load_pipeline, read_inputs, extract
>>> nlp = load_pipeline()
>>> for article, records in extract(a for a in read_inputs(["corpus/seeds"]) if not isinstance(a, Exception)):
...     ...

Names are imported on first use (PEP 562), so a command that only queries the store never
imports spaCy, rdflib or networkx."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

# A name that is also its module's name is imported now: importing the module would otherwise
# shadow the lazy name with the module.
from .extract import extract

_LAZY: dict[str, str] = {  # name → the module that defines it
    **dict.fromkeys(["Article", "IngestError"], ".reading.article"),
    **dict.fromkeys(["read_inputs"], ".reading.ingest"),
    **dict.fromkeys(["ModelMissing"], ".learned.tagger"),
    **dict.fromkeys(["ModelNotFound", "PipelineSpec", "load_pipeline"], ".nlp"),
    **dict.fromkeys(["Attribution", "Source"], ".records"),
}

if TYPE_CHECKING:
    from .extract import extract
    from .learned.tagger import ModelMissing
    from .nlp import ModelNotFound, PipelineSpec, load_pipeline
    from .reading.article import Article, IngestError
    from .reading.ingest import read_inputs
    from .records import Attribution, Source

__all__ = [  # the names _LAZY (and the imports above) offer, listed for the tools that read __all__
    "Article", "Attribution", "IngestError", "ModelMissing", "ModelNotFound", "PipelineSpec", "Source",
    "extract", "load_pipeline", "read_inputs",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
