"""Whether the catalog is as its last clean writer left it, so that opening it need not check it
whole (:class:`claimgraph.graph.store.catalog.Catalog`).

The whole check — SQLite's own, then the full-text index's (damage inside the index's pages
passes the first and would silently drop rows) — reads every page: 0.22 s of adding one article
to a 1,000-article store, growing with it. A writer that closes the catalog cleanly leaves a mark
beside it (``store.catalog.sealed``): the store generation and the file's size, modification and
change times, inode and write-ahead log size then. The next writer that finds the file so skips
the check; anything that touched the file since (a writer that died, damage written through
SQLite, a copy of the folder) changes the mark, and the whole check runs. ``claimgraph validate``
always runs it.
"""
from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

from claimgraph.graph.store.files import atomic_write

SEAL_SUFFIX = ".sealed"
#: A mark is a few numbers; anything longer (or not a plain file) is not one.
_MAX_MARK = 512


def _file_mark(path: Path) -> list[object]:
    """The file's size, modification and change times and inode, and its write-ahead log's size (a
    clean close leaves none: a change still in the log has not touched the file itself yet). A
    copied folder (``cp -a``, ``rsync -a``) keeps modification times, not inodes or change times:
    a copy is checked whole once."""
    st = path.stat()
    try:
        wal = Path(f"{path}-wal").stat().st_size
    except FileNotFoundError:
        wal = 0
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, wal]


def write_seal(path: Path, generation: str) -> None:
    """Mark the catalog at ``path`` as closed cleanly at store ``generation``; where the mark cannot
    be written, leave none (the next writer checks the catalog whole)."""
    seal = Path(f"{path}{SEAL_SUFFIX}")
    try:
        mark = json.dumps([generation, *_file_mark(path)])
        atomic_write(seal, lambda fh: fh.write(mark), text=True)  # a fresh file: never through a planted link
    except OSError:
        drop_seal(path)


def drop_seal(path: Path) -> None:
    """Remove the catalog's mark (a writer found it damaged, or could not write a new one)."""
    try:
        Path(f"{path}{SEAL_SUFFIX}").unlink(missing_ok=True)
    except OSError:
        pass


def sealed(path: Path, generation: str) -> bool:
    """Whether the catalog at ``path`` is untouched since a clean close at ``generation``."""
    seal = Path(f"{path}{SEAL_SUFFIX}")
    try:
        st = seal.lstat()  # a link, a pipe or a device is no mark, and is not read
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_MARK:
            return False
        mark = json.loads(seal.read_text(encoding="utf-8"))
        return bool(mark == [generation, *_file_mark(path)])
    except (OSError, ValueError, RecursionError):
        return False


def healthy(db: sqlite3.Connection, *, index: bool = True) -> bool:
    """Whether the catalog's tables and its full-text index are whole: SQLite's own check, then
    FTS5's (asked for as an INSERT, so ``index=False`` skips it where the file cannot be written)."""
    try:
        if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
            return False
        if index:
            db.execute("INSERT INTO phrase(phrase, rank) VALUES ('integrity-check', 0)")
    except sqlite3.DatabaseError:
        return False
    return True
