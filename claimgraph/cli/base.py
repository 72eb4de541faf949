"""What every command shares: the ``claimgraph`` group, the store and extractor options, and the
helpers that turn library errors into one line."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from claimgraph import __version__
from claimgraph.errors import ClaimgraphError
from claimgraph.extractors.choices import EXTRACTORS

if TYPE_CHECKING:
    from claimgraph.extractors import PipelineSpec
    from claimgraph.graph import GraphStore

# Each command imports what it needs when it runs: `query`, `stats`, `export`, `validate`, `serve`
# and --help never load spaCy (a test checks it), so they answer at once.

STORE_OPTION = click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False),
                            help="A build's output folder (holding store/).")
#: For the commands that answer from a local store or a remote endpoint it was pushed to.
STORE_OR_ENDPOINT = (
    click.option("--store", "store_dir", type=click.Path(file_okay=False),
                 help="A build's output folder (holding store/)."),
    click.option("--endpoint", help="A remote SPARQL 1.1 query endpoint holding a pushed store (claimgraph push), "
                 "e.g. http://127.0.0.1:7878/query, instead of --store."),
    click.option("--endpoint-token", "endpoint_token", envvar="CLAIMGRAPH_ENDPOINT_TOKEN", metavar="SECRET",
                 help="With --endpoint: sent as 'Authorization: Bearer SECRET'."),
)


def store_or_endpoint(f: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--store`` / ``--endpoint`` / ``--endpoint-token`` options."""
    for option in reversed(STORE_OR_ENDPOINT):
        f = option(f)
    return f


def one_of(store_dir: str | None, endpoint: str | None) -> None:
    if (store_dir is None) == (endpoint is None):
        raise click.UsageError("give --store OUT or --endpoint URL (one of them)")


def open_store(store_dir: str, write: bool = False) -> GraphStore:
    from claimgraph.graph.store.database import GraphStore

    return GraphStore(store_dir, write=write)


EXTRACTOR_OPTION = click.option(
    "--extractor", type=click.Choice(EXTRACTORS), default="hybrid", show_default=True,
    help="What finds attributions: the rules with the trained model's additions (hybrid), the model alone, "
         "or the rules alone.")
WEIGHTS_OPTION = click.option("--weights", type=click.Path(exists=True, file_okay=False),
                              help="A folder of trained attribution weights (claimgraph train); default: the packaged ones.")


def pipeline_spec(model: str | None, extractor: str, weights: str | None) -> PipelineSpec:
    from claimgraph.extractors.nlp import PipelineSpec

    return PipelineSpec(model, extractor, weights)  # type: ignore[arg-type]


class _Commands(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        """claimgraph's own errors and the OS's (a read-only or full folder): one line, no traceback."""
        try:
            return super().invoke(ctx)
        except ClaimgraphError as exc:
            click.echo(f"Error: {exc}", err=True)  # as click prints its own errors
            ctx.exit(exc.exit_code)
        except OSError as exc:
            raise click.ClickException(f"{exc.filename or 'claimgraph'}: {exc.strerror or exc}") from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
def main() -> None:
    """Who asserts or denies what, and who reports it: attribution graphs from news articles."""


def require_utf8(value: str, what: str) -> None:
    """One line, not a traceback, when the terminal passed bytes that are not UTF-8 (surrogate-escaped)."""
    if any("\udc80" <= c <= "\udcff" for c in value):
        raise click.ClickException(f"{what} is not valid UTF-8 text")
