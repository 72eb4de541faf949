"""Regenerate the README's screenshots of the seeds' explorer (headless Debian chromium).

    python docs/screenshot.py

Builds the seeds, fed as JSON Lines with their publication days, into a temporary folder, opens
``explorer.html`` offline, and saves ``docs/explorer.png`` (the first screen, untouched: the most
contested claim with who asserts it on the left and who denies it on the right, its timeline
below), ``docs/explorer-timeline.png`` (the first report opened from the timeline, in context)
and ``docs/explorer-flip.png`` (Jake Sullivan's quote whose polarity flips between translations).
"""
from __future__ import annotations

import json
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
#: The seeds' publication days (the story broke on Sunday 13 March 2022).
DATES = {"000": "2022-03-14", "001": "2022-03-14", "002": "2022-03-15", "003": "2022-03-13", "004": "2022-03-16"}
SHOW_FLIP = """() => { const X = window.claimgraphExplorer;
  const d = JSON.parse(document.getElementById('cg-data').textContent);
  const e = d.edges.find(e => e.flip);
  X.network.selectEdges([e.id]); X.showEdge(e.id);
  X.network.focus(e.from, {scale: 1.1, animation: false}); }"""


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        out = Path(name) / "seeds"
        feed = Path(name) / "seeds.jsonl"
        with open(feed, "w", encoding="utf-8") as fh:
            for path in sorted((ROOT / "corpus" / "seeds").glob("*.txt")):
                fh.write(json.dumps({"id": path.name, "text": path.read_text(encoding="utf-8"),
                                     "published": DATES[path.name[:3]]}) + "\n")
        claimgraph.build([feed], out, validate=False)
        url = (out / "explorer.html").as_uri()
        for script, target in ((FIRST_SCREEN, "explorer.png"), (OPEN_FIRST_REPORT, "explorer-timeline.png"),
                               (SHOW_FLIP, "explorer-flip.png")):
            v = visit(url, screenshot=ROOT / "docs" / target, viewport=(1500, 900),
                      actions=lambda p, s=script: (p.evaluate(s), p.wait_for_timeout(200)))
            if v.console_errors or v.page_errors or v.requests:
                sys.exit(f"docs/screenshot.py: the page misbehaved: {v}")
            print(f"wrote docs/{target}")


if __name__ == "__main__":
    main()
