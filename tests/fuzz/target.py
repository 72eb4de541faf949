"""The fuzz target, without atheris: read bytes as a file, extract, check every promise.
Replayed on the saved regressions by tests/test_fuzz.py; driven by atheris in fuzz_extract.py."""
from __future__ import annotations

import tempfile
from pathlib import Path

from claimgraph.extractors import Article, load_pipeline
from claimgraph.extractors.extract import extract
from claimgraph.extractors.reading.ingest import read_file

SUFFIXES = (".txt", ".html", ".jsonl")
NLP = None
TMP = Path(tempfile.mkdtemp(prefix="claimgraph-fuzz-"))


def check(data: bytes) -> None:
    """Read ``data`` as a file and extract from what it holds; raise on any broken promise."""
    global NLP
    if NLP is None:
        NLP = load_pipeline()
    suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ".txt"
    path = TMP / f"input{suffix}"
    path.write_bytes(data[1:])
    articles = [a for a in read_file(path) if isinstance(a, Article)]
    for article, recs in extract(articles, NLP):
        if isinstance(recs, Exception):
            raise AssertionError(f"attribution rules failed: {recs}")
        for rec in recs:
            text = article.text
            assert 0 <= rec.content_start <= rec.content_end <= len(text), rec
            # one piece: the content is the text there; a split quote's pieces joined by a space
            assert all(rec.content_start <= a <= b <= rec.content_end for a, b in rec.pieces), rec
            assert " ".join(text[a:b] for a, b in rec.pieces) == rec.content, rec
            assert 0 <= rec.cue_start <= rec.cue_end <= len(text), rec
