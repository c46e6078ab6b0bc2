"""The store file: pragmas, migrations (and the cheap check at open), append-only log, concurrent first open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from claimdesk.store import Store
from claimdesk.store.connection import PAGE_SIZE, Core
from claimdesk.store.migrate import MIGRATION_NAMES, MIGRATION_SET, pending
from claimdesk.store.schema import MIGRATIONS
from tests.store.conftest import article_text, fill, variant_text


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
        db = sqlite_utils.Database(store.conn)
        assert not MIGRATIONS.pending(db)
        assert {"articles", "variants", "claims", "verdicts", "leases", "feeds", "feed_entries"} <= set(
            db.table_names()
        )


def test_the_check_at_open_knows_every_migration_of_the_schema() -> None:
    assert MIGRATIONS.name == MIGRATION_SET
    assert [m.name for m in MIGRATIONS._migrations] == list(MIGRATION_NAMES)


def test_pending_is_everything_for_a_new_file_and_nothing_once_open(db_path: Path) -> None:
    new = Core(db_path)
    assert pending(new) == list(MIGRATION_NAMES)
    new.close()
    Store.open(db_path).close()
    with Store(db_path) as store:
        assert pending(store) == []


def fill_old(store: Core, count: int) -> list[int]:
    """Rows as claimdesk's first schema stored them (today's intake writes tables it did not have):
    two variants per article, by plain INSERTs into the 001 tables."""
    ids = []
    for n in range(count):
        text = article_text(n // 2)
        store.conn.execute(
            "INSERT INTO articles (content_hash, title, created_at, text) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (content_hash) DO NOTHING",
            (f"a{n // 2}", f"Harbour {n // 2}", "2026-03-01T00:00:00.000000Z", text),
        )
        article_id = store.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (f"a{n // 2}",)).fetchone()[0]
        ids.append(
            store.conn.execute(
                "INSERT INTO variants (article_id, content_hash, site, created_at, fidelity, coverage, spin, risk,"
                " kept, reworded, altered, dropped, added, engine, text) VALUES (?, ?, 'copy.example',"
                " '2026-03-01T00:00:00.000000Z', 0.9, 1, 0.3, 0.4, 1, 2, 1, 0, 0, 'old', ?)",
                (article_id, f"v{n}", variant_text(n)),
            ).lastrowid
        )
    return ids


def test_opening_a_store_of_an_older_schema_migrates_it_and_keeps_its_rows(db_path: Path) -> None:
    older = Core(db_path)
    MIGRATIONS.apply(sqlite_utils.Database(older.conn), stop_before="002_feeds")
    older.close()
    with Store(db_path) as store:  # no migration: the file stays at 001_core
        assert pending(store) == ["002_feeds", "003_sorts_and_article_search", "004_conflicts", "005_families"]
        ids = fill_old(store, 3)
    with Store.open(db_path) as store:
        assert pending(store) == []
        assert store.inbox_count() == len(ids)
        # Articles stored before the article search existed are indexed by the migration.
        matched = store.read("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Harbour' ORDER BY rowid")
        assert len(matched) == 2
        store.save_feed_state("https://news.example/feed", "etag-1", None)
        state = store.feed_state("https://news.example/feed")
        assert state is not None and state.etag == "etag-1"
        # Variants stored before families are each a family of one until `rescore --families`.
        assert [store.family_of(i).family_id for i in ids] == ids
        assert [store.family_of(i).members for i in ids] == [1, 1, 1]


def test_the_conflicts_migration_marks_variants_whose_editors_disagree_already(db_path: Path) -> None:
    older = Core(db_path)
    MIGRATIONS.apply(sqlite_utils.Database(older.conn), stop_before="004_conflicts")
    older.close()
    with Store(db_path) as store:  # at 003: verdicts written as that schema's code wrote them
        first, second, third = fill_old(store, 3)
        log = [(first, "ana", "faithful"), (first, "bob", "distorted"), (second, "ana", "faithful")]
        log += [(second, "bob", "faithful"), (third, "ana", "faithful"), (third, "bob", "distorted")]
        for n, (variant, editor, verdict) in enumerate(log):
            store.conn.execute(
                "INSERT INTO verdicts (uid, variant_id, verdict, editor, decided_at) VALUES (?, ?, ?, ?, ?)",
                (f"u{n}", variant, verdict, editor, "2026-03-01T00:00:00.000000Z"),
            )
        store.conn.execute(
            "INSERT INTO verdicts (uid, variant_id, verdict, editor, decided_at, replaces)"
            " VALUES ('u9', ?, 'undo', 'bob', '2026-03-01T00:00:01.000000Z', 6)",
            (third,),
        )
    with Store.open(db_path) as store:
        assert [row[0] for row in store.read("SELECT variant_id FROM conflicts")] == [first]


def test_opening_a_current_store_takes_no_write_lock(db_path: Path) -> None:
    Store.open(db_path).close()
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process mid-write
    try:
        with Store.open(db_path) as store:
            assert store.inbox_count() == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_sqlite_utils_is_imported_only_to_migrate(db_path: Path) -> None:
    code = (
        "import sys\nfrom claimdesk.store import Store\n"
        "Store.open(sys.argv[1]).close()\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    first, again = (
        subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, timeout=60)
        for _ in range(2)
    )
    assert (first.returncode, again.returncode) == (0, 0), first.stderr + again.stderr
    assert (first.stdout.strip(), again.stdout.strip()) == ("True", "False")


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
