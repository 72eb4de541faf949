"""Time and peak memory of `claimgraph build` as the corpus grows, and the cost of adding one
article to the store it leaves.

    python bench/scale.py [--sizes 20,1000,10000] [--workers 1[,2]] [--engine local|dask]

For each size and each number of workers, a corpus of re-identified real articles
(bench/corpus.py) is built from scratch in a child process (`claimgraph build --quiet`, default
settings); the peak resident memory of the child and all its processes is sampled every 0.1 s.
Then three more articles are added to each store, one build each, as a user adding one
article would (model load included), with the next ids in the corpus' sequence (a desk's dated or
numbered ids); ``--early`` adds three more whose ids sort before every stored one, which replays
the store in id order (claimgraph/replay.py). Prints articles/s, words/s, peak RSS, store size, the median
add-one time, the speed-up of each worker count over the first, and how each figure grows
against the smallest size: the add-one times at every size side by side, with their ratio to the
smallest store's (the target: at most 1.25 from 20 to 1,000 articles).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
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
    ap.add_argument("--sizes", default="20,1000,10000", help="comma-separated corpus sizes (articles)")
    ap.add_argument("--workers", default="1", help="comma-separated worker counts, e.g. 1,2")
    ap.add_argument("--engine", default="local", choices=["local", "dask"])
    ap.add_argument("--early", action="store_true",
                    help="also add three articles whose ids sort before the stored ones (each replays the store)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    workers = [int(w) for w in args.workers.split(",")]
    texts = sources(ROOT / "corpus" / "seeds")
    claimgraph = str(Path(sys.executable).parent / "claimgraph")
    rows = []
    print(f"{'articles':>9}{'workers':>8}{'seconds':>9}{'art/s':>7}{'words/s':>9}{'speed-up':>9}"
          f"{'peak RSS MB':>13}{'store MB':>10}{'add one s':>11}", flush=True)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for n in sizes:
            corpus = write(tmp / f"corpus-{n}.jsonl", texts, n)
            words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
            first = None
            for w in workers:
                out = tmp / f"out-{n}-{w}"
                seconds, peak = run([claimgraph, "build", str(corpus), "--out", str(out), "--quiet",
                                     "--workers", str(w), "--engine", args.engine])
                first = first or seconds
                last = w == workers[-1]
                adds = [add_one(claimgraph, texts, out, tmp, f"{n}-{k}", f"scale-{n + k:07d}") for k in range(3)] \
                    if last else []
                add = statistics.median(adds) if adds else float("nan")
                early = [add_one(claimgraph, texts, out, tmp, f"{n}-e{k}", f"extra-{n}-{k}") for k in range(3)] \
                    if last and args.early else []
                if early:
                    print(f"{'':>9}add one whose id sorts before the stored ones (a replay in id order): "
                          f"median {statistics.median(early):.1f} s", flush=True)
                store = folder_size(out / "store")
                if last:
                    rows.append((n, seconds, peak, store, add))
                print(f"{n:>9,}{w:>8}{seconds:>9.1f}{n / seconds:>7.2f}{words / seconds:>9,.0f}{first / seconds:>8.2f}×"
                      f"{peak / 2**20:>13,.0f}{store / 2**20:>10,.1f}{add:>11.1f}", flush=True)
                if not last:
                    shutil.rmtree(out)
    if len(rows) > 1:
        n0, s0, p0, st0, a0 = rows[0]
        for n, s, p, st, a in rows[1:]:
            print(f"{n0:,} → {n:,} articles (×{n / n0:g}): time ×{s / s0:.2f}, peak RSS ×{p / p0:.2f}, "
                  f"store ×{st / st0:.2f}, add-one ×{a / a0:.2f}")
        print("add one article (median of 3 whole commands): "
              + " · ".join(f"{n:,} articles {a:.2f} s (×{a / a0:.2f})" for n, _, _, _, a in rows))


def add_one(claimgraph: str, texts: list, out: Path, tmp: Path, tag: str, doc_id: str) -> float:
    """Seconds to build one new (re-identified) article, named ``doc_id``, into the store in ``out``."""
    extra = tmp / f"extra-{tag}.jsonl"
    row = next(reidentified(texts, 1, seed=zlib.crc32(tag.encode())))
    row["id"] = doc_id
    extra.write_text(json.dumps(row) + "\n", encoding="utf-8")
    seconds, _ = run([claimgraph, "build", str(extra), "--out", str(out), "--quiet"])
    return seconds


if __name__ == "__main__":
    main()
