"""Training: how long `claimgraph train` takes on a corpus, how big the weights are, and whether
they are the ones the package ships (byte for byte: the shipped weights are this command's output).

    python bench/training.py [CORPUS] [--out DIR]

CORPUS defaults to ``../shared/corpus/polnear/train``. Prints the time, the size and, for each
weights file, "same as shipped" or "differs from shipped"; exits 1 when one differs.
"""
from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimgraph.extractors.learned.tagger import CUE_FILE, DEFAULT_MODEL_DIR, ROLE_FILE


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    ap.add_argument("corpus", nargs="?", default=str(shared / "corpus/polnear/train"))
    ap.add_argument("--out", help="keep the weights here (default: a temporary folder)")
    args = ap.parse_args()
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="claimgraph-train-"))
    claimgraph = str(Path(sys.executable).with_name("claimgraph"))
    t0 = time.perf_counter()
    subprocess.run([claimgraph, "train", args.corpus, "--out", str(out)], check=True)
    seconds = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    print(f"trained in {seconds / 60:.1f} min; weights {size / 1e6:.1f} MB in {out}")
    same = True
    for name in (CUE_FILE, ROLE_FILE):
        equal = filecmp.cmp(out / name, DEFAULT_MODEL_DIR / name, shallow=False)
        same &= equal
        print(f"  {name}: {'same as shipped' if equal else 'differs from shipped'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
