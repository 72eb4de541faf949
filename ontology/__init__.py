"""claimgraph.ontology — the project's vocabulary: the OWL ontology (``claimgraph.ttl``), SHACL
shapes (``shapes.ttl``), named SPARQL queries (``queries/*.rq``), and what is generated from the
.ttl: the closed rdflib namespace :class:`CG` and the enums :class:`Stance`, :class:`Mode`,
:class:`QuoteKind`, :class:`SourceKind` with their terms (:mod:`.vocab`)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .vocab import Mode, QuoteKind, SourceKind, Stance

if TYPE_CHECKING:
    from ._cg import CG

HERE: Final = Path(__file__).parent
#: The ontology namespace (prefix ``cg:``).
NAMESPACE: Final = "https://w3id.org/claimgraph/ontology#"
#: Default base under which resources (actors, claims, attributions, articles) are minted.
DEFAULT_BASE: Final = "https://w3id.org/claimgraph/id/"
ONTOLOGY_FILE: Final = HERE / "claimgraph.ttl"
SHAPES_FILE: Final = HERE / "shapes.ttl"
CONTEXT_FILE: Final = HERE / "context.jsonld"
QUERIES_DIR: Final = HERE / "queries"

PREFIXES: Final = {
    "cg": NAMESPACE,
    "cgid": DEFAULT_BASE,
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

NIF: Final = PREFIXES["nif"]
SCHEMA: Final = PREFIXES["schema"]
PROV: Final = PREFIXES["prov"]
XSD: Final = PREFIXES["xsd"]

__all__ = [
    "CG",
    "CONTEXT_FILE",
    "DEFAULT_BASE",
    "NAMESPACE",
    "NIF",
    "ONTOLOGY_FILE",
    "PREFIXES",
    "PROV",
    "QUERIES_DIR",
    "SCHEMA",
    "SHAPES_FILE",
    "XSD",
    "Mode",
    "QuoteKind",
    "SourceKind",
    "Stance",
]


def __getattr__(name: str) -> Any:
    """``CG`` is built with rdflib: imported on first use, so querying the store needs no rdflib."""
    if name == "CG":
        from ._cg import CG
        globals()["CG"] = CG
        return CG
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
