"""Is the explorer's first view readable? Measured in headless Chromium, as drawn.

    python bench/readability.py OUT [OUT …] [--sizes 1280x800,1920x1080,600x900]
    python bench/readability.py --build 1000 [--keep DIR]

For each store folder's ``explorer.html`` (``--build N``: first build N re-identified copies of the
seeds, one story retold, see bench/corpus.py), at each window size, for the story view the page
opens on and for the first view of "Full graph": the nodes drawn, how many keep their label,
boxes (label included) outside the canvas, overlapping pairs of boxes (the full graph: of labels),
the nodes taking part in them, and the smallest label in screen pixels. The issue's bar: no box
outside, no overlap, labels ≥ 11 px.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import LAYOUT, visit  # noqa: E402


def measure(out: Path, size: tuple[int, int], full: bool) -> dict:
    def act(page):  # type: ignore[no-untyped-def]
        if full:
            page.click("#b-full")
        page.wait_for_timeout(400)

    page = visit((out / "explorer.html").as_uri(), viewport=size, script=LAYOUT, actions=act, timeout_s=120)
    m = dict(page.values["script"])  # type: ignore[call-overload]
    m["errors"] = page.console_errors + page.page_errors
    return m


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outs", nargs="*", type=Path)
    ap.add_argument("--sizes", default="1280x800,1920x1080,600x900")
    ap.add_argument("--build", type=int, help="build this many re-identified seed copies first")
    ap.add_argument("--keep", type=Path, help="with --build: the folder to build into (kept)")
    args = ap.parse_args()
    outs = list(args.outs)
    if args.build:
        import claimgraph
        from corpus import sources, write  # bench/corpus.py

        where = args.keep or Path(tempfile.mkdtemp())
        feed = write(where / "retold.jsonl", sources(ROOT / "corpus" / "seeds"), args.build)
        claimgraph.build([feed], where / "out", workers=2)
        outs.append(where / "out")
    sizes = [tuple(int(x) for x in s.split("x")) for s in args.sizes.split(",")]
    print(f"{'page':<28} {'size':>10} {'view':<6} {'drawn':>5} {'labels':>6} {'outside':>7} {'overlaps':>8} "
          f"{'in pairs':>8} {'min px':>6}")
    for out in outs:
        for size in sizes:
            for full in (False, True):
                m = measure(out, size, full)
                pairs = m["labelOverlaps"] if full else m["overlaps"]
                involved = len({x for p in pairs for x in p})
                print(f"{str(out)[-28:]:<28} {size[0]:>5}x{size[1]:<4} {'full' if full else 'story':<6} {m['drawn']:>5} "
                      f"{m['labelled']:>6} {len(m['outside']) if not full else '-':>7} {len(pairs):>8} {involved:>8} "
                      f"{(m['minLabelPx'] or 0):>6.1f}" + (f"  errors: {m['errors'][:2]}" if m["errors"] else ""))


if __name__ == "__main__":
    main()
