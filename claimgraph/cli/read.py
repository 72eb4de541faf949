"""Commands that read a store: query, validate, export, view, timeline, stats, serve."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from claimgraph.cli.base import STORE_OPTION, main, one_of, open_store, require_utf8, store_or_endpoint
from claimgraph.graph.store.export import FORMATS
from claimgraph.graph.view.palette import BUILD_MAX_NODES, DEFAULT_MAX_NODES

NETWORK_FORMATS = ("gexf", "graphml")  # graph/view/network_files.FORMATS, without importing networkx here
EXPORT_FORMATS = (*FORMATS, *NETWORK_FORMATS, "csv")


@main.command()
@click.argument("query", required=False)
@store_or_endpoint
@click.option("--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a .rq file.")
@click.option("--name", "name", help="Run a named query from ontology/queries (see --list).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to VALUE (repeatable).")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle", "ntriples"]))
@click.option("--timeout", default=30.0, show_default=True, help="Seconds before the query is stopped.")
@click.option("--limit", "cap", default=10_000, show_default=True, help="Most rows returned.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
def query(query: str | None, store_dir: str | None, endpoint: str | None, endpoint_token: str | None, query_file,
          name: str | None, params: tuple[str, ...], fmt: str, timeout: float, cap: int, list_queries: bool) -> None:
    """Run a SPARQL query on a store: QUERY text, --file q.rq or --name NAME.

    Values go in through bindings (--param text=military), never by
    editing the query. SERVICE and updates are refused.

    Example: claimgraph query --store out --name who-denies --param text=military
    """
    from claimgraph.graph.query.pool import QueryPool
    from claimgraph.graph.query.sparql import (
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
        require_utf8(value, what)
    one_of(store_dir, endpoint)
    bindings = dict(parse_bindings(params))
    if endpoint is not None:  # the same query, answered by the server the store was pushed to
        from claimgraph.graph.query.remote import execute_remote

        body, _, truncated = execute_remote(endpoint, text, bindings, fmt=fmt, cap=cap, token=endpoint_token,
                                            timeout=timeout)
    else:
        assert store_dir is not None
        open_store(store_dir).close()
        with QueryPool(f"{store_dir}/store", workers=1, timeout=timeout, cap=cap, start="fork") as pool:
            body, _, truncated = pool.run(text, bindings, fmt=fmt)
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

    store = open_store(store_dir)
    results = list(ShapeValidator().check_store(store.ox))
    store.close()
    failures = sum(not r.conforms for r in results)
    for r in (r for r in results if not r.conforms):
        click.echo(f"{r.graph}: does not conform\n{r.report}")
    click.echo(f"claimgraph: {len(results) - failures} of {len(results)} article graphs conform")
    click.echo(f"claimgraph: catalog: {(catalog := health(Path(store_dir)))}")
    sys.exit(1 if failures or catalog.startswith(("damaged", "unreadable")) else 0)


@main.command(name="export")
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="trig", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--max-nodes", default=BUILD_MAX_NODES, show_default=True, type=click.IntRange(0, None),
              help="gexf/graphml: most nodes, the most connected first, as the build's explorer page (0: all).")
def export_cmd(store_dir: str, fmt: str, output: str, max_nodes: int) -> None:
    """Export a store: TriG or N-Quads (named graphs), Turtle or JSON-LD (merged); the network of
    who asserts or denies what as GEXF (Gephi) or GraphML (Cytoscape), the explorer's nodes and
    edges; or every attribution as a CSV row with its article and evidence (spreadsheets).

    Example: claimgraph export --store out --format gexf -o story.gexf
    """
    with open_store(store_dir) as store:
        if fmt in NETWORK_FORMATS:
            from claimgraph.graph.view.network import project
            from claimgraph.graph.view.network_files import write_network

            G = project(store.ox)
            write_network(G, fmt, output, max_nodes=max_nodes)
            what = f" ({min(len(G), max_nodes or len(G))} of {len(G)} nodes)"
        elif fmt == "csv":
            from dataclasses import asdict

            from claimgraph.graph.store.readback import read_records
            from claimgraph.graph.store.spreadsheet import write_csv
            from claimgraph.graph.view.network import article_infos, claim_labels

            articles = {doc: asdict(info) for doc, info in article_infos(store.ox).items()}
            rows = write_csv(read_records(store.ox), articles, output, claim_labels(store.ox))
            what = f" ({rows} attributions)"
        else:
            from claimgraph.graph.store.export import export

            export(store.ox, fmt, output)
            what = ""
    click.echo(f"claimgraph: wrote {output}{what}")


@main.command()
@store_or_endpoint
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
def view(store_dir: str | None, endpoint: str | None, endpoint_token: str | None, output: str | None,
         claim: str | None, actor: str | None, radius: int, max_nodes: int, png: str | None, svg: str | None,
         title: str | None) -> None:
    """Write the interactive explorer page (offline, self-contained HTML) for a store.

    Who asserts, denies or warns about which claim, which outlets relay whom, who contradicts
    whom; click an edge for the sentences it was read from. --claim/--actor narrow it to the
    neighbourhood of what matches (several options narrow to the union).

    Example: claimgraph view --store out --claim "military aid" -o aid.html --png aid.png
    """
    from claimgraph.graph.view.explorer import write_explorer
    from claimgraph.graph.view.network import ACTOR_KINDS, find, neighbourhood, project

    one_of(store_dir, endpoint)
    if endpoint is not None:  # the graphs fetched from the server the store was pushed to
        from claimgraph.graph.query.remote import fetch_store

        if output is None:
            raise click.UsageError("with --endpoint, say where the page goes: -o PAGE.html")
        G = project(fetch_store(endpoint, token=endpoint_token))
    else:
        assert store_dir is not None
        with open_store(store_dir) as store:
            G = project(store.ox)
    where = store_dir or endpoint
    centres: list[str] = []
    notes = []
    for text, kinds, what in ((claim, ("claim",), "claim"), (actor, ACTOR_KINDS, "actor")):
        if text is None:
            continue
        hits = find(G, text, kinds=kinds)
        if not hits:
            raise click.ClickException(f"no {what} in {where} matches {text!r}")
        centres += hits
        notes.append(f"{what} “{text}” ({len(hits)} match{'es' if len(hits) > 1 else ''})")
    if centres:
        G = neighbourhood(G, centres, radius)
    target = output or f"{store_dir}/explorer.html"
    page_title = title or f"claimgraph — {Path(store_dir).name if store_dir else endpoint}"
    write_explorer(G, target, max_nodes=max_nodes, title=page_title, focus=claim,
                   note="focus: " + ", ".join(notes) if notes else None)
    click.echo(f"claimgraph: wrote {target} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
    for path in filter(None, (png, svg)):
        from claimgraph.graph.view.figure import draw

        draw(G, path, title=page_title, focus=claim)
        click.echo(f"claimgraph: wrote {path}")


@main.command()
@STORE_OPTION
@click.argument("endpoint")
@click.option("--endpoint-token", "endpoint_token", envvar="CLAIMGRAPH_ENDPOINT_TOKEN", metavar="SECRET",
              help="Sent as 'Authorization: Bearer SECRET'.")
def push(store_dir: str, endpoint: str, endpoint_token: str | None) -> None:
    """Send the store's named graphs to a server-grade triple store (SPARQL 1.1 Graph Store
    Protocol: Oxigraph server's /store, Fuseki's /DATASET/data, QLever, Virtuoso), only those
    that changed since the last push to it; graphs gone from the store are deleted there.

    Example: claimgraph push --store out http://127.0.0.1:7878/store
    """
    from claimgraph.graph.store.push import push as run_push

    with open_store(store_dir) as store:
        done = run_push(store.ox, store_dir, endpoint, token=endpoint_token)
    click.echo(f"claimgraph: sent {len(done.sent)} graph(s) ({done.triples:,} triples), {done.unchanged} unchanged, "
               f"{len(done.deleted)} deleted, to {endpoint}")


@main.command()
@store_or_endpoint
@click.option("--claim", "text", required=True, help="A phrase from the claim's wording (case-insensitive).")
def timeline(store_dir: str | None, endpoint: str | None, endpoint_token: str | None, text: str) -> None:
    """Who said it first, and how it spread: every mention of the claims a phrase belongs to, earliest
    first, with the source, stance, role (first report, relay, denial) and who cited whom.

    Example: claimgraph timeline --store out --claim "military aid"
    """
    from claimgraph.graph.query.timeline import format_timeline
    from claimgraph.graph.query.timeline import timeline as claim_timeline

    require_utf8(text, "--claim")
    one_of(store_dir, endpoint)
    if endpoint is not None:
        from claimgraph.graph.query.timeline import remote_timeline

        mentions = remote_timeline(endpoint, text, token=endpoint_token)
    else:
        assert store_dir is not None
        with open_store(store_dir) as store:
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

    with open_store(store_dir) as store:
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
@click.option("--ingest", is_flag=True, help="Take articles at POST /articles (JSON or JSON Lines, with the token), "
              "stored as build stores them, the pipeline kept loaded; the export files follow on a quiet spell.")
@click.option("--model", default=None, help="With --ingest: the spaCy pipeline (as build's --model).")
def serve(store_dir: str, host: str, port: int, allow_update: bool, token: str | None, timeout: float, cap: int,
          workers: int, max_memory: int, ingest: bool, model: str | None) -> None:
    """Serve the SPARQL 1.1 Protocol at /sparql and the explorer at / (Ctrl-C stops).

    With --ingest, articles arrive at POST /articles: {"id", "text", "title", "published", "outlet",
    "url"} as JSON (one, or an array) or JSON Lines; the answer (200) comes when they are queryable.

    Example: claimgraph serve --store out --port 8000  (or --ingest --token SECRET)
    """
    import signal

    from claimgraph.server import ClaimgraphServer

    try:
        server = ClaimgraphServer(store_dir, host, port, allow_update=allow_update, timeout=timeout, cap=cap,
                                  max_memory=max_memory * 2**20, workers=workers, token=token, ingest=ingest,
                                  model=model)
    except OSError as exc:  # the address is taken, or not this machine's
        raise click.ClickException(str(exc)) from None

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stops like Ctrl-C: the pool closed, nothing printed
    if host not in {"127.0.0.1", "localhost", "::1"}:
        click.echo(f"claimgraph: warning: listening on {host}, reachable beyond this machine", err=True)
    where = f"http://{host}:{server.server_address[1]}"
    click.echo(f"claimgraph: serving {store_dir}: explorer at {where}/, SPARQL at {where}/sparql "
               f"({'read-write with a token' if allow_update else 'read-only'}, timeout {timeout:g} s)"
               + (f"; articles in at {where}/articles" if ingest else ""))
    if server.token_generated:
        what = "updates" if allow_update else "articles"
        click.echo(f"claimgraph: {what} need the header 'Authorization: Bearer {server.token}' "
                   "(generated for this run; --token or CLAIMGRAPH_TOKEN sets your own)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
