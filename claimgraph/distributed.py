"""Extraction as a distributed map over article partitions, on Dask.

Parsing is where a build spends its time, and each article parses on its own, so it is what runs on
the cluster: the driver reads the inputs, sends partitions of articles to the workers (each keeps
one loaded spaCy pipeline), and takes back their attribution records **in input order**. What
needs the whole corpus — resolving actors and claims against the store, writing named graphs,
the story graph and the exports — stays a second, global stage on the driver, the same code as a
local build, which is why a distributed build gives the same graph as a local one.

Memory stays bounded: at most ``window`` partitions are in flight, and records are handed to the
global stage as soon as their partition and every earlier one are back.

Dask (``pip install 'claimgraph[dask]'``) is imported only when this engine is used.
"""
from __future__ import annotations

import functools
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from claimgraph.extractors import Article, Attribution, extract, load_pipeline

if TYPE_CHECKING:
    from spacy.language import Language


class EngineUnavailable(RuntimeError):
    """The distributed engine cannot run here (Dask is not installed)."""


@functools.lru_cache(maxsize=2)
def _pipeline(model: str | None) -> Language:
    """One loaded pipeline per worker process (the first partition pays for the load)."""
    return load_pipeline(model)


def extract_partition(articles: list[Article], model: str | None, batch_size: int) -> list[tuple[Article, list[Attribution]]]:
    """The map step: one partition of articles to their records (runs on a worker)."""
    return list(extract(articles, _pipeline(model), batch_size=batch_size))


def _client(scheduler: str | None, workers: int) -> Any:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineUnavailable("the dask engine needs Dask: pip install 'claimgraph[dask]'") from exc
    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)


def extract_distributed(articles: Iterable[Article], *, model: str | None = None, batch_size: int = 16,
                        workers: int = 2, scheduler: str | None = None, partition_size: int = 32,
                        window: int | None = None) -> Iterator[tuple[Article, list[Attribution]]]:
    """Yield each article with its records, in input order, parsed on a Dask cluster.

    ``scheduler``: the address of a running cluster (``tcp://host:8786``); without it a local
    cluster of ``workers`` processes is started and stopped here. ``partition_size`` articles go
    to a worker at a time; ``window`` partitions (default twice the workers) are in flight.
    """
    client = _client(scheduler, workers)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        limit = window or 2 * n_workers
        it = iter(articles)
        pending: deque[Any] = deque()

        def submit() -> bool:
            part = list(islice(it, partition_size))
            if not part:
                return False
            pending.append(client.submit(extract_partition, part, model, batch_size, pure=False))
            return True

        while len(pending) < limit and submit():
            pass
        while pending:
            done = pending.popleft().result()
            submit()
            yield from done
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None and not scheduler:
            cluster.close()
