"""Shared fixtures: one loaded pipeline per session (loading spaCy costs ~1 s)."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.extractors import Article, load_pipeline
from claimgraph.extractors.extract import extract

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def attributions(nlp):
    """Extract the attributions of a text: ``attributions("He said X.")`` → list of records."""
    def run(text: str):
        [(_, records)] = list(extract([Article(id="t", text=text)], nlp))
        return records

    return run
