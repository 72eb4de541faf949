"""How fast the command line answers: commands that never parse text against a bare import.

    python bench/cli.py [--runs 5]

Builds the seeds once into a temporary store, then times (wall clock, whole processes, medians)
``python -c "import pyoxigraph, click"``, ``claimgraph --help``, ``claimgraph query --name
who-denies --param text=military`` and ``claimgraph stats``, and prints each against the bare import.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAIMGRAPH = [sys.executable, "-c", "from claimgraph.cli import main; main()"]


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        subprocess.run([*CLAIMGRAPH, "build", str(ROOT / "corpus" / "seeds"), "--out", str(out), "--quiet"], check=True)
        bare = timed([sys.executable, "-c", "import pyoxigraph, click"], args.runs)
        print(f"bare import           {bare:6.3f} s")
        for label, extra in (("--help", ["--help"]),
                             ("query who-denies", ["query", "--store", str(out), "--name", "who-denies",
                                                   "--param", "text=military"]),
                             ("stats", ["stats", "--store", str(out)])):
            t = timed([*CLAIMGRAPH, *extra], args.runs)
            print(f"claimgraph {label:18} {t:6.3f} s  ({t / bare:4.1f}× the bare import)")


if __name__ == "__main__":
    main()
