"""Notebooks call the public API only; each is executed here by a real kernel (nbclient), so it
cannot rot."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).parent.parent / "notebooks"
# What each notebook must show a reader.
EXPECT = {
    "extract.ipynb": ["5 articles", "denie"],
    "explore.ipynb": ["5 articles", "Liu Pengyu", "polarity flip: Jake Sullivan", "contradict"],
}


def _outputs(nb) -> tuple[str, set[str]]:  # type: ignore[no-untyped-def]
    text, kinds = [], set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                text.append(out["text"])
            for mime, value in out.get("data", {}).items():
                kinds.add(mime)
                if mime in ("text/plain", "text/html"):
                    text.append(value if isinstance(value, str) else "".join(value))
    return "".join(text), kinds


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_notebook_runs_and_shows_its_answers(name):
    path = NOTEBOOKS / name
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    text, kinds = _outputs(nb)
    for expected in EXPECT[name]:
        assert expected in text, expected
    if name == "explore.ipynb":
        assert "image/png" in kinds  # the charts and the picture
        assert 'srcdoc="' in text and "sandbox=" in text  # the explorer, inline


def test_every_notebook_is_tested():
    assert {p.name for p in NOTEBOOKS.glob("*.ipynb")} == set(EXPECT)
