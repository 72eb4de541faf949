"""Regenerate the README's and the guide's screenshots of the explorer (headless Debian chromium).

    python docs/screenshot.py [--retold OUT]

Builds ``corpus/seeds`` as the README's quick start does (plain files, dated by their
``metadata.csv``) into a temporary folder, opens ``explorer.html`` offline, and saves
``docs/explorer.png`` (the first screen, untouched: the most contested claim with who asserts it on
the left and who denies it on the right, its timeline below), ``docs/explorer-timeline.png`` (the
first report opened from the timeline, in context), ``docs/explorer-flip.png`` (Jake Sullivan's
quote whose polarity flips between translations), ``docs/explorer-full.png`` (the first view of
"Full graph") and ``docs/explorer-narrow.png`` (a 600-pixel window: the panels stacked).
``--retold OUT``: also ``docs/explorer-1000.png``, the first screen of a built store OUT (a
1,000-article retelling: ``python bench/readability.py --build 1000 --keep DIR``).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import claimgraph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import visit  # noqa: E402

FIRST_SCREEN = "() => null"  # what a new user sees, untouched
OPEN_FIRST_REPORT = """() => { document.querySelector('#cg-timeline button.mention').click();
  const c = document.querySelector('#cg-details details.context'); if (c) c.open = true; }"""
SHOW_FLIP = """() => { const X = window.claimgraphExplorer;
  const d = JSON.parse(document.getElementById('cg-data').textContent);
  const e = d.edges.find(e => e.flip), k = d.story.findIndex(s => s.claim === e.to);
  if (k >= 0) X.showStory(k); else X.showFull();  // the flipped quote's claim, its sides around it
  X.network.selectEdges([e.id]); X.showEdge(e.id); }"""


SHOW_FULL = "() => document.getElementById('b-full').click()"
SHOTS = ((FIRST_SCREEN, "explorer.png", (1500, 900)), (OPEN_FIRST_REPORT, "explorer-timeline.png", (1500, 900)),
         (SHOW_FLIP, "explorer-flip.png", (1500, 900)), (SHOW_FULL, "explorer-full.png", (1500, 900)),
         (FIRST_SCREEN, "explorer-narrow.png", (600, 900)))


def shoot(url: str, script: str, target: str, size: tuple[int, int]) -> None:
    v = visit(url, screenshot=ROOT / "docs" / target, viewport=size,
              actions=lambda p: (p.evaluate(script), p.wait_for_timeout(400)))
    if v.console_errors or v.page_errors or v.requests:
        sys.exit(f"docs/screenshot.py: the page misbehaved: {v}")
    print(f"wrote docs/{target}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--retold", type=Path, help="a built 1,000-article store to shoot as docs/explorer-1000.png")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as name:
        out = Path(name) / "seeds"
        claimgraph.build([ROOT / "corpus" / "seeds"], out, validate=False)
        for script, target, size in SHOTS:
            shoot((out / "explorer.html").as_uri(), script, target, size)
    if args.retold:
        shoot((args.retold / "explorer.html").as_uri(), FIRST_SCREEN, "explorer-1000.png", (1280, 800))


if __name__ == "__main__":
    main()
