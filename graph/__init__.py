"""claimgraph.graph — attribution records to the knowledge graph and its exports."""
from __future__ import annotations

from .jsonl import read_attributions, write_attributions

__all__ = ["read_attributions", "write_attributions"]
