"""claimgraph.graph.resolve — one story across articles: the same actor (``actors``) and the same
claim (``claims``) joined into one node as each article is linked (``linker``), and what the
articles say together — contested claims, contradictions, quote variants, denials read from
negations — kept in the story graph (``story``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

_LAZY: dict[str, str] = {  # name → the module that defines it
    **dict.fromkeys(["Linker", "Resolution"], ".linker"),
    **dict.fromkeys(["ActorIndex", "Match", "RoleFact"], ".actors"),
    **dict.fromkeys(["ClaimClusters"], ".claims"),
    **dict.fromkeys([
        "all_claims", "claims_in", "forget_article", "prune_actors", "settled_denials", "update_story",
    ], ".story"),
}

if TYPE_CHECKING:
    from .actors import ActorIndex, Match, RoleFact
    from .claims import ClaimClusters
    from .linker import Linker, Resolution
    from .story import all_claims, claims_in, forget_article, prune_actors, settled_denials, update_story

__all__ = [  # the names _LAZY (and the imports above) offer, listed for the tools that read __all__
    "ActorIndex", "ClaimClusters", "Linker", "Match", "Resolution", "RoleFact", "all_claims", "claims_in",
    "forget_article", "prune_actors", "settled_denials", "update_story",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
