"""The extractors a build can use, by name: importable without spaCy (the command line's options)."""
from __future__ import annotations

from typing import Literal

ExtractorName = Literal["hybrid", "model", "rules"]
#: The rules with the trained model's additions (default), the model alone, the rules alone.
EXTRACTORS: tuple[ExtractorName, ...] = ("hybrid", "model", "rules")
