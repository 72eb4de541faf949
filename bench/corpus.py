"""A scale-test corpus made of real articles, never of invented text.

    python bench/corpus.py --articles 1000 -o corpus-1k.jsonl [--source corpus/seeds]

Each output article is one of the real input articles re-identified: a new id, a new outlet
("Outlet 17"), a new date, and its paragraphs after the first (the headline) shuffled, so the
extractor still reads real prose while documents differ. Written as JSON Lines, streaming, so any
size fits in memory. Deterministic for a given ``--seed``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sources(folder: Path) -> list[str]:
    """The real texts to draw from (.txt files)."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit(f"bench/corpus.py: no .txt articles in {folder}")
    return texts


def reidentified(texts: list[str], n: int, seed: int = 0, outlets: int = 50) -> Iterator[dict[str, str]]:
    """``n`` re-identified copies of ``texts``, round robin."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    for k in range(n):
        lines = [line for line in texts[k % len(texts)].split("\n") if line.strip()]
        head, body = lines[0], lines[1:]
        rng.shuffle(body)
        yield {
            "id": f"scale-{k:07d}",
            "title": head.strip(),
            "outlet": f"Outlet {rng.randrange(outlets)}",
            "published": (start + dt.timedelta(days=rng.randrange(2000))).isoformat(),
            "text": "\n\n".join([head, *body]),
        }


def write(path: Path, texts: list[str], n: int, seed: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in reidentified(texts, n, seed):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--source", type=Path, default=ROOT / "corpus" / "seeds")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    write(args.output, sources(args.source), args.articles, args.seed)
    print(f"wrote {args.articles:,} articles to {args.output}")


if __name__ == "__main__":
    main()
