"""Which claims rest only on anonymous sources? The story graph keeps the verdict per claim, so the
listing reads it instead of every attribution in the store; a named source joining the claim in a
later article takes it back."""
from __future__ import annotations

from claimgraph import build

from .test_denials import feed
from .test_sparql import rows

UNNAMED = "US officials said Russia had asked China for military drones and armoured vehicles.\n"
RELAYED = ("The Financial Times reported, citing US officials, that Russia had asked China for military "
           "drones and armoured vehicles.\n")
NAMED = "Jake Sullivan said Russia had asked China for military drones and armoured vehicles.\n"


def sources(out):
    return [r["sources"] for r in rows(out, "anonymous-only-claims")]


def test_a_claim_only_officials_make_is_anonymous_only_until_a_named_source_says_it(tmp_path):
    out = tmp_path / "out"
    build([feed(tmp_path, "a", UNNAMED)], out)
    assert sources(out) == ["US officials"]
    build([feed(tmp_path, "b", RELAYED)], out)  # a named outlet relaying the unnamed officials
    assert sources(out) == ["US officials"]
    build([feed(tmp_path, "c", NAMED)], out)
    assert sources(out) == []
