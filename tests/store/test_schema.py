"""The store file: pragmas, migrations, append-only log, concurrent first open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.store import Store
from claimdesk.store.connection import PAGE_SIZE
from claimdesk.store.schema import MIGRATIONS
from tests.store.conftest import fill


def test_open_sets_wal_page_size_and_foreign_keys(store: Store) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_migrations_are_recorded_and_run_once(db_path: Path) -> None:
    Store.open(db_path).close()
    with Store.open(db_path) as store:
        names = [row[0] for row in store.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert names == [m.name for m in MIGRATIONS._migrations]
        assert not MIGRATIONS.pending(store.db)
        assert {"articles", "variants", "claims", "verdicts", "leases", "feeds", "feed_entries"} <= set(
            store.db.table_names()
        )


def test_verdicts_refuse_update_and_delete(store: Store) -> None:
    [variant_id] = fill(store, 1)
    store.record_verdict(variant_id, "faithful", "ana")
    for sql in ("UPDATE verdicts SET verdict = 'distorted'", "DELETE FROM verdicts"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.conn.execute(sql)
    assert store.conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 1


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO verdicts (uid, variant_id, verdict, editor, decided_at)"
            " VALUES ('u', 999, 'faithful', 'a', 'x')"
        )


def test_processes_opening_a_fresh_store_at_once_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    code = "import sys; from claimdesk.store import Store; Store.open(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stderr=subprocess.PIPE) for _ in range(4)]
    errors = [p.communicate()[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, errors
    with Store.open(path) as store:
        assert store.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
            MIGRATIONS._migrations
        )
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
