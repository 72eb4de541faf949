"""How soon is an article POSTed to ``serve --ingest`` queryable? From the POST until the named
query ``who-asserts`` returns it, against a store of N articles (one story retold, bench/corpus.py).

    python bench/ingest.py --sizes 20,1000 [--runs 3] [--keep DIR]

For each size: a store is built (or reused from ``--keep DIR/size-N``), the server started in
this process with the pipeline loaded, then ``--runs`` new articles (real seed text under new
ids, a fresh sentence each so that the phrase asked is its own) are POSTed one at a time; the time
from the POST to the query's answer naming the article is measured. Prints the median and the
ratio to the smallest size. The issue's bar: ≤ 1.0 s at 1,000 articles, ≤ 1.25× the 20-article time.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import claimgraph
from claimgraph.graph import named_queries
from claimgraph.server import ClaimgraphServer
from corpus import sources, write  # bench/corpus.py

ROOT = Path(__file__).resolve().parent.parent


def store_of(size: int, keep: Path | None) -> Path:
    where = (keep or Path(tempfile.mkdtemp())) / f"size-{size}"
    if not (where / "out" / "store").is_dir():
        where.mkdir(parents=True, exist_ok=True)
        feed = write(where / "feed.jsonl", sources(ROOT / "corpus" / "seeds"), size)
        claimgraph.build([feed], where / "out", workers=2, validate="none")
    return where / "out"


def one(base: str, k: int, text: str) -> float:
    phrase = f"harbour number {k} reopened"
    body = json.dumps({"id": f"ingest-{time.time_ns()}", "text": f"{text}\n\nThe mayor said the {phrase} on Monday."})
    query = named_queries()["who-asserts"].text
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query, "$text": phrase})
    t0 = time.perf_counter()
    req = urllib.request.Request(f"{base}/articles", data=body.encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer bench"})
    with urllib.request.urlopen(req, timeout=300) as resp:
        resp.read()
    posted = time.perf_counter() - t0
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"}), timeout=60) as r:
        rows = json.loads(r.read())["results"]["bindings"]
    elapsed = time.perf_counter() - t0
    print(f"    post {posted:.3f} s, query {elapsed - posted:.3f} s", file=sys.stderr)
    if not rows:
        sys.exit(f"bench/ingest.py: the posted article is not returned by who-asserts ({phrase!r})")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20,1000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    text = sources(ROOT / "corpus" / "seeds")[2]
    medians = {}
    for size in (int(s) for s in args.sizes.split(",")):
        out = store_of(size, args.keep)
        server = ClaimgraphServer(out, port=0, workers=1, token="bench", ingest=True)
        server.ingest.quiet = 3600  # the files are not written during the measurement
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            one(base, 0, text)  # warm: the first query worker, the first build's imports
            times = [one(base, k, text) for k in range(1, args.runs + 1)]
        finally:
            server.shutdown()
            server.server_close()
        medians[size] = statistics.median(times)
        print(f"{size:>6} articles: POST → who-asserts returns it: median {medians[size]:.3f} s "
              f"(runs {', '.join(f'{t:.3f}' for t in times)})")
    smallest = min(medians)
    for size, m in medians.items():
        if size != smallest:
            print(f"ratio {size}/{smallest}: {m / medians[smallest]:.2f}")


if __name__ == "__main__":
    main()
