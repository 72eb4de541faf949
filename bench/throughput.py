"""Throughput: bare spaCy ``nlp.pipe`` versus claimgraph's build on the same articles.

    python bench/throughput.py [--copies 20] [--batch-size 16]

Both runs use the same pipeline and batch size; the build adds cleaning, attribution extraction,
source resolution and the JSONL export. Prints articles/s, words/s and the ratio build/bare.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from claimgraph.extractors import Article, load_pipeline, read_inputs
from claimgraph.extractors.clean import clean

from claimgraph.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20, help="copies of the seed corpus to process")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--no-validate", action="store_true", help="build without per-article SHACL validation")
    args = ap.parse_args()
    seeds = [a for a in read_inputs([ROOT / "corpus" / "seeds"]) if isinstance(a, Article)]
    articles = [Article(id=f"{i}-{a.id}", text=a.text) for i in range(args.copies) for a in seeds]
    words = sum(len(a.text.split()) for a in articles)

    nlp = load_pipeline(attributions=False)
    list(nlp.pipe([seeds[0].text]))  # warm up
    t0 = time.perf_counter()
    for _ in nlp.pipe((clean(a.text).text for a in articles), batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for a in articles:
            (src / f"{a.id}").write_text(a.text, encoding="utf-8")
        t0 = time.perf_counter()
        report = build([src], Path(tmp) / "out", batch_size=args.batch_size, validate=not args.no_validate)
        full = time.perf_counter() - t0

    n = len(articles)
    print(f"articles {n}, words {words:,}")
    print(f"bare nlp.pipe      {n / bare:7.1f} articles/s  {words / bare:9,.0f} words/s  ({bare:.2f} s)")
    print(f"claimgraph build   {n / full:7.1f} articles/s  {words / full:9,.0f} words/s  ({full:.2f} s, "
          f"{report.attributions} attributions, model load included)")
    print(f"ratio build/bare   {full / bare:.2f}")


if __name__ == "__main__":
    main()
