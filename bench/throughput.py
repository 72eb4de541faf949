"""Throughput: bare spaCy ``nlp.pipe`` versus claimgraph's build on the same articles.

    python bench/throughput.py [--articles 100] [--batch-size 16] [--workers 1] [--repeat 3] [--validate sample|all|none]

The articles are re-identified copies of the real seeds (bench/corpus.py). Both runs use the same
pipeline, batch size and number of processes; the build adds everything else end to end: reading
the inputs, cleaning, attribution extraction, resolution across articles, RDF, the store, and the
JSONL, TriG and explorer exports. Prints articles/s, words/s and the ratio build/bare.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from claimgraph.extractors import load_pipeline
from claimgraph.extractors.reading.clean import clean
from claimgraph.pipeline import build
from corpus import reidentified, sources  # bench/corpus.py

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=1,
                    help="processes for both runs (bare: spaCy n_process; build: its --workers)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each, alternated; medians are reported")
    ap.add_argument("--validate", choices=["sample", "all", "none"], default="sample",
                    help="the build's SHACL checks (as `claimgraph build --validate`)")
    args = ap.parse_args()
    rows = list(reidentified(sources(ROOT / "corpus" / "seeds"), args.articles))
    words = sum(len(r["text"].split()) for r in rows)

    bares, fulls = [], []
    for _ in range(args.repeat):  # alternated, so that a slow spell of the machine hits both
        t0 = time.perf_counter()
        nlp = load_pipeline(attributions=False)
        for _ in nlp.pipe((clean(r["text"]).text for r in rows), batch_size=args.batch_size, n_process=args.workers):
            pass
        bares.append(time.perf_counter() - t0)

        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in.jsonl"
            src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
            t0 = time.perf_counter()
            report = build([src], Path(tmp) / "out", batch_size=args.batch_size, workers=args.workers,
                           validate=args.validate)
            fulls.append(time.perf_counter() - t0)
    bare, full = statistics.median(bares), statistics.median(fulls)

    n = len(rows)
    print(f"articles {n}, words {words:,}, workers {args.workers}, batch size {args.batch_size}, "
          f"validate {args.validate}, median of {args.repeat}")
    print(f"bare nlp.pipe      {n / bare:7.1f} articles/s  {words / bare:9,.0f} words/s  "
          f"({bare:.2f} s, model load included)")
    print(f"claimgraph build   {n / full:7.1f} articles/s  {words / full:9,.0f} words/s  ({full:.2f} s, "
          f"{report.attributions} attributions, model load included)")
    runs = ", ".join(f"{f / b:.2f}" for b, f in zip(bares, fulls, strict=True))
    print(f"ratio build/bare   {full / bare:.2f}   (each run: {runs})")


if __name__ == "__main__":
    main()
