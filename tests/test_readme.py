"""The README's two set-up commands are the ones CI and newcomers run."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def readme_commands() -> list[str]:
    quick = ROOT.joinpath("README.md").read_text().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quick, flags=re.S)


def test_readme_has_exactly_two_setup_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert "claimgraph build corpus/seeds" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = ROOT.joinpath(".ci", "run").read_text()
    assert readme_commands()[1] in ci.splitlines()


def test_main_job_reads_the_seed_copies_shipped_in_the_repo():
    assert sorted(p.name for p in (ROOT / "corpus" / "seeds").iterdir()) == \
        sorted(p.name for p in (ROOT / "tests" / "fixtures" / "seeds").iterdir())
