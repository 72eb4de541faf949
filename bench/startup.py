"""Start-up: how long `claimgraph query` and `claimgraph serve` take to answer on a given store.

    python bench/startup.py OUT_DIR [--runs 3]

``query``: the whole command, ``claimgraph query --store OUT_DIR --name most-cited-sources``
(interpreter start, imports, opening the store, one ranked query). ``serve``: from starting
``claimgraph serve`` to its first answer to ``ASK {}`` over HTTP (the query workers open the
store). Medians of ``--runs``; the store is whatever OUT_DIR holds (a build's output folder, or one
that ``bench/store.py --keep`` kept).
"""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def time_query(claimgraph: str, out: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([claimgraph, "query", "--store", out, "--name", "most-cited-sources", "--format", "csv"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def time_serve(claimgraph: str, out: str) -> float:
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([claimgraph, "serve", "--store", out, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql?query=ASK%20%7B%7D"
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    r.read()
                return time.perf_counter() - t0
            except OSError:
                if proc.poll() is not None:
                    sys.exit("bench/startup.py: the server exited")
                time.sleep(0.02)
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    claimgraph = str(Path(sys.executable).parent / "claimgraph")
    out = str(args.out)
    q = [time_query(claimgraph, out) for _ in range(args.runs)]
    s = [time_serve(claimgraph, out) for _ in range(args.runs)]
    print(f"{out}: query {statistics.median(q):.2f} s, serve to first answer {statistics.median(s):.2f} s "
          f"(medians of {args.runs})")


if __name__ == "__main__":
    main()
