"""claimgraph — who asserts or denies what, and who reports it, as a knowledge graph from news.

>>> import claimgraph
>>> report = claimgraph.build(["corpus/seeds"], "out")        # writes out/attributions.jsonl
>>> records = list(claimgraph.read_attributions("out/attributions.jsonl"))

Names are imported on first use (PEP 562), so a command that only queries the store never
imports spaCy, rdflib or networkx."""
from __future__ import annotations

import os.path
from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

# In a checkout (where an editable install points) the card's top-level folders — extractors/,
# graph/, ontology/ — are this package's sub-packages, so the checkout is a second place to find
# them; in an installed wheel they sit inside this folder and the checkout is not there.
_checkout = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if os.path.isfile(os.path.join(_checkout, "pyproject.toml")) \
        and os.path.isfile(os.path.join(_checkout, "extractors", "__init__.py")):
    __path__.append(_checkout)

__version__ = "0.5.0"

_LAZY: dict[str, str] = {  # name → the module that defines it
    **dict.fromkeys([
        "Article", "Attribution", "IngestError", "Source", "extract", "load_pipeline", "read_inputs",
    ], "claimgraph.extractors"),
    **dict.fromkeys(["read_attributions", "write_attributions"], "claimgraph.graph"),
    **dict.fromkeys(["BuildReport", "build", "remove"], "claimgraph.pipeline"),
}

if TYPE_CHECKING:
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

__all__ = [  # the names _LAZY (and the imports above) offer, listed for the tools that read __all__
    "Article", "Attribution", "BuildReport", "IngestError", "Source", "__version__", "build", "extract",
    "load_pipeline", "read_attributions", "read_inputs", "remove", "write_attributions",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
