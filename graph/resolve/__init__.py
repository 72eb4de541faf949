"""claimgraph.graph.resolve — one story across articles: the same actor (``actors``) and the same
claim (``claims``) joined into one node as each article is linked (``linker``), and what the
articles say together — contested claims, contradictions, quote variants, denials read from
negations — kept in the story graph (``story``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_names

_LAZY: dict[str, tuple[str, str]] = {
    'Linker': ('.linker', 'Linker'),
    'Resolution': ('.linker', 'Resolution'),
    'ActorIndex': ('.actors', 'ActorIndex'),
    'Match': ('.actors', 'Match'),
    'RoleFact': ('.actors', 'RoleFact'),
    'ClaimClusters': ('.claims', 'ClaimClusters'),
    'all_claims': ('.story', 'all_claims'),
    'claims_in': ('.story', 'claims_in'),
    'forget_article': ('.story', 'forget_article'),
    'prune_actors': ('.story', 'prune_actors'),
    'settled_denials': ('.story', 'settled_denials'),
    'update_story': ('.story', 'update_story'),
}

if TYPE_CHECKING:
    from .actors import ActorIndex, Match, RoleFact
    from .claims import ClaimClusters
    from .linker import Linker, Resolution
    from .story import all_claims, claims_in, forget_article, prune_actors, settled_denials, update_story

__all__ = [
    "ActorIndex",
    "ClaimClusters",
    "Linker",
    "Match",
    "Resolution",
    "RoleFact",
    "all_claims",
    "claims_in",
    "forget_article",
    "prune_actors",
    "settled_denials",
    "update_story",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
