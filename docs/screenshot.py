"""Regenerate the README's screenshots of the seeds' explorer (headless Debian chromium).

    python docs/screenshot.py

Builds the seeds into a temporary folder, opens ``explorer.html`` offline, and saves
``docs/explorer.png`` (the contested claim selected, its evidence in the side panel) and
``docs/explorer-flip.png`` (Jake Sullivan's quote whose polarity flips between translations).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import claimgraph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import visit  # noqa: E402

SELECT_CONTESTED = """() => { const X = window.claimgraphExplorer;
  const d = JSON.parse(document.getElementById('cg-data').textContent);
  const i = d.nodes.findIndex(n => n.contested);
  X.network.selectNodes([i]); X.showNode(i); X.network.focus(i, {scale: 1.0, animation: false}); }"""
SHOW_FLIP = """() => { const X = window.claimgraphExplorer;
  const d = JSON.parse(document.getElementById('cg-data').textContent);
  const e = d.edges.find(e => e.flip);
  X.network.selectEdges([e.id]); X.showEdge(e.id);
  X.network.focus(e.from, {scale: 1.1, animation: false}); }"""


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        out = Path(name) / "seeds"
        claimgraph.build([ROOT / "corpus" / "seeds"], out, validate=False)
        url = (out / "explorer.html").as_uri()
        for script, target in ((SELECT_CONTESTED, "explorer.png"), (SHOW_FLIP, "explorer-flip.png")):
            v = visit(url, screenshot=ROOT / "docs" / target, viewport=(1500, 900),
                      actions=lambda p, s=script: (p.evaluate(s), p.wait_for_timeout(200)))
            if v.console_errors or v.page_errors or v.requests:
                sys.exit(f"docs/screenshot.py: the page misbehaved: {v}")
            print(f"wrote docs/{target}")


if __name__ == "__main__":
    main()
