"""SPARQL updates run in a worker process of their own, with the query workers' limits: a time
limit (the process is killed at it, and the store's crash safety keeps it whole), a memory limit
(``RLIMIT_DATA``) and no network — so one bad update cannot hold the write lock for minutes, nor
take the server's memory with it."""
from __future__ import annotations

import multiprocessing as mp
from multiprocessing.connection import Connection
from pathlib import Path

from claimgraph.graph.query.refusals import QueryError, no_network
from claimgraph.graph.query.sparql import QueryOverMemory, QueryTimeout
from claimgraph.graph.store.database import GraphStore, StoreLocked


def run_update(out_dir: str | Path, update: str, *, timeout: float, max_memory: int | None,
               start: str = "spawn") -> None:
    """Apply ``update`` (already guarded) to the store in ``out_dir`` in a fresh process. Raises
    :class:`QueryTimeout` past ``timeout``, :class:`QueryOverMemory` when it needs more memory than
    ``max_memory``, :class:`StoreLocked` when another writer holds the store, :class:`QueryError`
    when the engine refuses it."""
    ctx = mp.get_context(start if start in mp.get_all_start_methods() else "spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_apply, args=(str(out_dir), update, max_memory, child), daemon=True)  # type: ignore[attr-defined]
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout + 30.0):  # a fresh interpreter takes a moment before the clock starts
            raise QueryTimeout(f"update stopped after {timeout:g} s (the limit)")
        status, message = parent.recv()
        if status == "started" and not parent.poll(timeout):
            raise QueryTimeout(f"update stopped after {timeout:g} s (the limit)")
        if status == "started":
            status, message = parent.recv()
        # The writer has closed the store; let its process end by itself before anyone reopens
        # the store: killed while the engine still tidies its files, a reader opening the store
        # at that moment could find a file gone (a 500 seen once in CI).
        proc.join(30.0)
    except EOFError:
        raise QueryOverMemory("update stopped: its worker died, most likely over the memory an update may use") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "locked":
        raise StoreLocked(message)
    if status == "error":
        raise QueryError(message)
    if status == "memory":
        raise QueryOverMemory(message)


def _apply(out_dir: str, update: str, max_memory: int | None, conn: Connection) -> None:
    no_network()
    if max_memory:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (max_memory, max_memory))
    try:
        with GraphStore(out_dir, write=True) as store:
            conn.send(("started", ""))
            store.ox.update(update)
        conn.send(("ok", ""))
    except StoreLocked as exc:
        conn.send(("locked", str(exc)))
    except MemoryError:
        conn.send(("memory", "update stopped: it needed more memory than an update may use"))
    except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
        conn.send(("error", " ".join(str(exc).split())[:300]))
