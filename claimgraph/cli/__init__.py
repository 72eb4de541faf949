"""The ``claimgraph`` command line: thin over the library. The group and what the commands share
live in :mod:`.base`; the commands that write a store (and train or measure the extractor) in
:mod:`.write`, those that read one in :mod:`.read`."""
from __future__ import annotations

from claimgraph.cli import read, write  # noqa: F401  (importing them adds their commands to the group)
from claimgraph.cli.base import main

__all__ = ["main"]
