"""Load test of the SPARQL endpoint on loopback: sustained concurrent queries, with figures.

    python bench/load.py [--store out] [--clients 16] [--seconds 30] [--workers 2]

Starts `claimgraph serve` on a free loopback port over a built store (the seeds' when --store is
not given; they are built first), then ``--clients`` threads send the named queries (with their
parameters), a malformed query and a refused SERVICE query in rotation for ``--seconds``.
Prints queries/s, p50/p90/p99/max latency of the good queries, the status codes counted (any
5xx or connection error is a failure), and the server's peak resident memory.
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAMS = {"text": "military", "actor": "Liu Pengyu", "name": "Liu Pengyu", "claim": "military"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, timeout: float = 60.0) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"}),
                                    timeout=timeout) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    except OSError:
        status = -1  # connection refused, reset or timed out
    return status, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="a build's output folder (default: the seeds, built here)")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=2, help="the server's query processes")
    args = ap.parse_args()
    claimgraph = str(Path(sys.executable).parent / "claimgraph")
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "seeds"
            subprocess.run([claimgraph, "build", str(ROOT / "corpus" / "seeds"), "--out", str(store), "--quiet"],
                           check=True)
        port = free_port()
        server = subprocess.Popen([claimgraph, "serve", "--store", str(store), "--port", str(port),
                                   "--workers", str(args.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            if get(f"{base}/queries", timeout=1)[0] == 200:
                break
            time.sleep(0.1)
        else:
            sys.exit("bench/load.py: the server did not start:\n" + (server.stderr.read().decode() if server.stderr else ""))
        with urllib.request.urlopen(f"{base}/queries") as resp:
            named = json.loads(resp.read())
        good = []
        for q in named.values():
            binds = "".join(f"&${p}={urllib.parse.quote(PARAMS.get(p, 'China'))}" for p in q.get("params", []))
            good.append(f"{base}/sparql?query={urllib.parse.quote(q['query'])}{binds}")
        bad = [f"{base}/sparql?query={urllib.parse.quote('SELECT * WHERE {')}",
               f"{base}/sparql?query={urllib.parse.quote('SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }')}"]
        urls = good + bad

        import psutil

        proc = psutil.Process(server.pid)
        peak = 0
        latencies: list[float] = []
        statuses: Counter[int] = Counter()
        lock = threading.Lock()
        stop = time.perf_counter() + args.seconds

        def client(k: int) -> None:
            i = k
            while time.perf_counter() < stop:
                url = urls[i % len(urls)]
                status, seconds = get(url)
                with lock:
                    statuses[status] += 1
                    if url in good and status == 200:
                        latencies.append(seconds)
                i += 1

        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            try:
                peak = max(peak, proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True)))
            except psutil.Error:
                pass
            time.sleep(0.2)
        wall = time.perf_counter() - start
        server.terminate()
        server.wait(timeout=30)

    total = sum(statuses.values())
    failures = sum(n for s, n in statuses.items() if s < 0 or s >= 500)
    q = sorted(latencies)
    pct = lambda p: q[min(len(q) - 1, int(p * len(q)))] * 1000  # noqa: E731
    print(f"{args.clients} clients, {args.seconds:g} s, server workers {args.workers}, {len(good)} named queries "
          f"+ 1 malformed + 1 SERVICE in rotation")
    print(f"requests {total}  ({total / wall:.1f}/s)   status codes: "
          + ", ".join(f"{s if s >= 0 else 'conn-error'}: {n}" for s, n in sorted(statuses.items())))
    if q:
        print(f"good-query latency ms: p50 {pct(0.50):.0f}  p90 {pct(0.90):.0f}  p99 {pct(0.99):.0f}  "
              f"max {q[-1] * 1000:.0f}  mean {statistics.mean(q) * 1000:.0f}")
    print(f"server peak RSS {peak / 2**20:.0f} MB   failures (5xx or connection errors): {failures}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
