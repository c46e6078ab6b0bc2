"""WAL checkpoints taken off a connection whose commits must not wait: the review app's.

SQLite runs its automatic checkpoint inside the COMMIT that takes the WAL past 1,000 pages. On a
big store that commit also copies about 8 MB of pages into the database file and fsyncs it, so
about one verdict in 60 kept the editor waiting 10-20 ms longer. The app turns that off on its
UI connection (:func:`defer`) and runs the same PASSIVE checkpoint from a worker thread on a
connection of its own (:func:`run`). Durability does not change: a verdict is durable in the WAL
when its commit returns (synchronous=FULL); a checkpoint only copies pages already durable there.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimdesk.store.connection import Core


def defer(core: Core) -> None:
    """Stop ``core``'s commits from checkpointing; whoever calls this must call :func:`run` regularly."""
    core.conn.execute("PRAGMA wal_autocheckpoint=0")


def run(path: str | Path) -> tuple[int, int]:
    """One PASSIVE checkpoint on a connection of its own: waits for no reader or writer.

    Returns the frames in the WAL and how many of them are now in the database file.
    """
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        _busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        conn.close()
    return frames, copied
