"""Queries in worker processes: each worker holds the store open read-only and cannot reach the
network; a query past its timeout (waiting for a worker included) is stopped by killing its
worker, which is then replaced, and one past its memory limit is stopped the same way."""
from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from claimgraph.graph.query.refusals import QueryError, no_network
from claimgraph.graph.query.sparql import MAX_MEMORY, QueryOverMemory, QueryTimeout, execute, guard
from claimgraph.graph.store.database import bump_generation, generation


def _worker(store_path: str, conn: Connection, max_memory: int | None = None) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it closes the pool
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))  # stopped with the server: quietly
    try:
        _serve_queries(store_path, conn, max_memory)
    except (EOFError, BrokenPipeError, ConnectionResetError, KeyboardInterrupt):
        return  # the server went away


def _serve_queries(store_path: str, conn: Connection, max_memory: int | None) -> None:
    no_network()  # SERVICE finds no network in a worker, whatever the guards let through
    if max_memory:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (max_memory, max_memory))
    store = _open(store_path)
    seen = generation(store_path)
    conn.send("ready")  # the query clock starts only once the worker can answer
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        now = generation(store_path)
        if now != seen:  # a build or an update changed the store: read the new state
            store, seen = _open(store_path), now
        query, bindings, fmt, cap = job
        try:
            conn.send(("ok", *execute(store, query, bindings, fmt=fmt, cap=cap, index=Path(store_path).parent)))
        except QueryError as exc:
            conn.send(("error", str(exc)))
        except MemoryError:
            conn.send(("memory", "query stopped: it needed more memory than a query may use"))
        except Exception as exc:  # the store failed: report it, keep serving
            conn.send(("failed", f"{exc.__class__.__name__}: {exc}"))


def _open(store_path: str, tries: int = 5) -> ox.Store:
    """The store, read-only. A writer that has just closed it may still be removing files its
    last compaction replaced: an open that finds one gone is tried again, a moment later."""
    for k in range(tries):
        try:
            return ox.Store.read_only(store_path)
        except RuntimeError:
            if k == tries - 1:
                raise
            time.sleep(0.2 * (k + 1))
    raise AssertionError("unreachable")


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext, store_path: str, max_memory: int | None = None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(store_path, child, max_memory), daemon=True)  # type: ignore[attr-defined]
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, limit: float = 120.0) -> None:
        if not self.ready:
            try:
                started = self.conn.poll(limit) and self.conn.recv() == "ready"
            except (EOFError, OSError):
                started = False
            if not started:
                raise RuntimeError("a query worker did not start (is the memory limit too low for the store?)")
            self.ready = True

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(1)
        self.conn.close()


class QueryPool:
    """Runs queries in worker processes that each hold the store open read-only; a query past its
    timeout is stopped by killing its worker, which is then replaced."""

    def __init__(self, store_path: str | Path, *, workers: int = 2, timeout: float = 10.0, cap: int = 10_000,
                 allow_update: bool = False, max_memory: int | None = MAX_MEMORY, start: str = "spawn") -> None:
        """``start``: how workers start — "spawn" (a fresh interpreter: safe beside the server's
        threads) or "fork" (fast: the command line, single-threaded, runs one query)."""
        self.store_path = str(store_path)
        self.timeout, self.cap, self.allow_update, self.max_memory = timeout, cap, allow_update, max_memory
        self._ctx = mp.get_context(start if start in mp.get_all_start_methods() else "spawn")
        self._idle: list[_Worker] = [self._new() for _ in range(workers)]
        self._cond = threading.Condition()
        self._size = workers

    def run(self, query: str, bindings: dict[str, str] | None = None, *, fmt: str = "json") -> tuple[bytes, str, bool]:
        guard(query, allow_update=self.allow_update)
        deadline = time.monotonic() + self.timeout  # waiting for a worker counts: no query starves
        with self._cond:
            while not self._idle:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise QueryTimeout(f"no query worker was free within {self.timeout:g} s (the limit): "
                                       "the endpoint is busy, try again")
                self._cond.wait(left)
            worker = self._idle.pop()
        try:
            worker.wait_ready()
            worker.conn.send((query, bindings or {}, fmt, self.cap))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                worker.kill()
                worker = self._new()
                raise QueryTimeout(f"query stopped after {self.timeout:g} s (the limit)")
            status, *payload = worker.conn.recv()
        except RuntimeError:  # the worker never started: a fresh one may (the store may be back)
            worker.kill()
            worker = self._new()
            raise
        except (EOFError, BrokenPipeError, ConnectionResetError):
            worker.kill()  # the store engine aborts when an allocation fails
            worker = self._new()
            raise QueryOverMemory("query stopped: its worker died, most likely over the memory a query may use") from None
        finally:
            with self._cond:
                self._idle.append(worker)
                self._cond.notify()
        if status == "error":
            raise QueryError(payload[0])
        if status == "memory":
            raise QueryOverMemory(payload[0])
        if status == "failed":
            raise RuntimeError(payload[0])
        body, media, truncated = payload
        return body, media, truncated

    def _new(self) -> _Worker:
        return _Worker(self._ctx, self.store_path, self.max_memory)

    def refresh(self) -> None:
        """The store changed under us: workers reopen it before their next query."""
        bump_generation(self.store_path)

    def close(self) -> None:
        with self._cond:
            for w in self._idle:
                try:
                    w.conn.send(None)
                except (BrokenPipeError, OSError):
                    pass
                w.proc.join(2)
                if w.proc.is_alive():
                    w.kill()
            self._idle.clear()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
