"""Write docs/cli.md, the CLI reference, from the commands themselves (run after changing an
option; ``tests/test_docs.py`` fails while the file is out of date):

    .venv/bin/python docs/make_cli.py
"""
from __future__ import annotations

from pathlib import Path

import click

from claimgraph.cli import main

OUT = Path(__file__).with_name("cli.md")


def render() -> str:
    """The reference: every command's help, as ``claimgraph COMMAND --help`` prints it at 100 columns."""
    parts = ["# CLI reference\n",
             ("Every command's `--help`, generated from the commands by `docs/make_cli.py` (a test keeps it "
              "current). Back to the [README](../README.md).\n")]
    group = click.Context(main, info_name="claimgraph", terminal_width=100, max_content_width=100, **main.context_settings)
    parts.append(f"```text\n{main.get_help(group)}\n```\n")
    for name in sorted(main.list_commands(group)):
        command = main.get_command(group, name)
        assert command is not None
        ctx = click.Context(command, info_name=name, parent=group, terminal_width=100, max_content_width=100,
                            **command.context_settings)
        parts.append(f"## claimgraph {name}\n\n```text\n{command.get_help(ctx)}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT}")
