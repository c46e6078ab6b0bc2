"""``ChangeProbe``: has anyone committed to the store since I last looked?

``PRAGMA data_version`` answers that for free, but per connection: it moves when *another*
connection commits. A poller therefore keeps one connection for its whole life, while its polls
run in short-lived worker threads, one after another. A ``Store`` cannot do that (its
connection belongs to the thread that opened it), so the probe has a connection of its own
that any thread may use, and never reads anything else through it.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from claimdesk.store import access
from claimdesk.store.connection import BUSY_TIMEOUT_MS, Closing


class ChangeProbe(Closing):
    """Tells whether another connection committed since the last call; safe from any thread."""

    def __init__(self, path: str | Path) -> None:
        # Opened on an existing store (made by Store.open): this connection never writes.
        if access.read_only_reason(Path(path)):
            self._conn = access.connect_read_only(Path(path), BUSY_TIMEOUT_MS, check_same_thread=False)
        else:
            self._conn = sqlite3.connect(
                str(path), check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
            )
        self._lock = threading.Lock()
        self._seen = self._version()

    def _version(self) -> int:
        # fetchall: the statement is done and no read transaction stays open.
        return int(self._conn.execute("PRAGMA data_version").fetchall()[0][0])

    def changed(self) -> bool:
        """True if anything was committed since the previous call (or since the probe was made)."""
        with self._lock:
            version = self._version()
            changed, self._seen = version != self._seen, version
            return changed

    def close(self) -> None:
        """Close the probe's connection."""
        with self._lock:
            self._conn.close()
