"""Time and peak memory of `claimgraph build` as the corpus grows, and the cost of adding one
article to the store it leaves.

    python bench/scale.py [--sizes 1000,10000] [--workers 1] [--engine local]

For each size, a corpus of re-identified real articles (bench/corpus.py) is built from scratch in
a child process (``--no-validate --quiet``); the peak resident memory of the child and all its
processes is sampled every 0.1 s. Then one more article is built into the same store. Prints
articles/s, words/s, peak RSS, store size, the add-one time, and each figure's growth against
the smallest size.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import reidentified, sources, write  # bench/corpus.py

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes, the whole process tree) of ``cmd``."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"bench/scale.py: {' '.join(cmd)} failed:\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return seconds, peak


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (articles)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", default="local", choices=["local", "dask"])
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    texts = sources(ROOT / "corpus" / "seeds")
    claimgraph = str(Path(sys.executable).parent / "claimgraph")
    rows = []
    print(f"{'articles':>9}{'seconds':>9}{'art/s':>7}{'words/s':>9}{'peak RSS MB':>13}{'store MB':>10}{'add one s':>11}")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for n in sizes:
            corpus = write(tmp / f"corpus-{n}.jsonl", texts, n)
            words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
            out = tmp / f"out-{n}"
            seconds, peak = run([claimgraph, "build", str(corpus), "--out", str(out), "--no-validate", "--quiet",
                                 "--workers", str(args.workers), "--engine", args.engine])
            extra = tmp / f"extra-{n}.jsonl"
            row = next(reidentified(texts, 1, seed=n + 1))
            row["id"] = f"extra-{n}"
            extra.write_text(json.dumps(row) + "\n", encoding="utf-8")
            add, _ = run([claimgraph, "build", str(extra), "--out", str(out), "--no-validate", "--quiet"])
            store = folder_size(out / "store")
            rows.append((n, seconds, peak, store, add))
            print(f"{n:>9,}{seconds:>9.1f}{n / seconds:>7.2f}{words / seconds:>9,.0f}{peak / 2**20:>13,.0f}"
                  f"{store / 2**20:>10,.1f}{add:>11.1f}", flush=True)
    if len(rows) > 1:
        n0, s0, p0, st0, a0 = rows[0]
        for n, s, p, st, a in rows[1:]:
            print(f"{n0:,} → {n:,} articles (×{n / n0:g}): time ×{s / s0:.2f}, peak RSS ×{p / p0:.2f}, "
                  f"store ×{st / st0:.2f}, add-one ×{a / a0:.2f}")


if __name__ == "__main__":
    main()
