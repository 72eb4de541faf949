"""claimgraph.ontology — the project's vocabulary: IRIs under which claimgraph publishes."""
from __future__ import annotations

from typing import Final

#: The ontology namespace (prefix ``cg:``).
NAMESPACE: Final = "https://w3id.org/claimgraph/ontology#"
#: Default base under which resources (actors, claims, attributions) are minted.
DEFAULT_BASE: Final = "https://w3id.org/claimgraph/id/"

__all__ = ["DEFAULT_BASE", "NAMESPACE"]
