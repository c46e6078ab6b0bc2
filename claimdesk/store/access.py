"""Whether we may write a store file, and a connection that only reads one we may not.

A store in WAL mode is written through its ``-wal`` and ``-shm`` files beside it, so writing
needs the file *and* its folder (unless both side files already exist and are writable). A
store we cannot write still opens, for reading: browsing, search, stats and export work, and
every write is refused in one line (``ReadOnlyStore``) before it touches the file.

SQLite reads a WAL store read-only through its ``-shm`` file, which it would create beside the
store (and leave there) or, in a folder we cannot write, fail to. A store with no ``-wal`` file
is open in no writer's hands, so it is read ``immutable`` instead: straight from the file, with
no side file made. With a ``-wal`` there (someone is writing it), the ``-shm`` is used as it is,
and if SQLite cannot, the open fails with a line saying why.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from claimdesk.store.errors import StoreError


def read_only_reason(path: Path) -> str | None:
    """Why we cannot write the existing store at ``path`` ("file not writable", ...), None if we can."""
    if not path.exists():
        return None
    if not os.access(path, os.W_OK):
        return "file not writable"
    side = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    side_ok = all(p.exists() and os.access(p, os.W_OK) for p in side)
    if not os.access(path.parent, os.W_OK) and not side_ok:
        return "folder not writable"
    return None


def is_read_only_error(exc: BaseException) -> bool:
    """SQLite refusing a write because the file or its folder is read-only (a read-only mount, say)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.OperationalError) and code is not None and (code & 0xFF) == sqlite3.SQLITE_READONLY


def connect_read_only(path: Path, busy_timeout_ms: int, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection that can only read ``path``; StoreError if SQLite cannot read it that way."""
    uri = "file:" + quote(str(path.resolve()))
    options = {"uri": True, "isolation_level": None, "check_same_thread": check_same_thread}
    if not path.with_name(path.name + "-wal").exists():
        conn = sqlite3.connect(uri + "?mode=ro&immutable=1", **options)
    else:
        conn = sqlite3.connect(uri + "?mode=ro", timeout=busy_timeout_ms / 1000, **options)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlite3.OperationalError as exc:
            conn.close()
            raise StoreError(
                f"cannot read store {path}: it is being written and SQLite cannot share it read-only ({exc})"
            ) from None
    conn.row_factory = sqlite3.Row  # by column name, as every store connection
    conn.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    conn.execute("PRAGMA query_only=ON")
    return conn
