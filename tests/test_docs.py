"""The docs a newcomer walks stay true: a short README whose links resolve, and a CLI reference
that is what the commands print."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_cli_reference_is_what_the_commands_print():
    spec = importlib.util.spec_from_file_location("make_cli", ROOT / "docs" / "make_cli.py")
    assert spec is not None and spec.loader is not None
    make_cli = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_cli)
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == make_cli.render(), \
        "docs/cli.md is out of date: run .venv/bin/python docs/make_cli.py"


def test_the_readme_is_short_and_every_local_link_resolves():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 300
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        headings = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.+)$", text, re.M)}
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http://", "https://")):
                continue
            path, _, anchor = target.partition("#")
            where = (page.parent / path).resolve() if path else page
            assert where.exists(), f"{page.name}: link to missing {target}"
            if anchor and where.suffix == ".md":
                theirs = headings if where == page else {
                    re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
                    for h in re.findall(r"^#+ (.+)$", where.read_text(encoding="utf-8"), re.M)}
                assert anchor in theirs, f"{page.name}: no heading for #{anchor} in {where.name}"
