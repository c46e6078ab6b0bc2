"""Stores from elsewhere: newer, damaged or misnamed stores and reused verdict uids are one line each."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.cli.errors import Exit
from claimdesk.store import Store, StoreError
from claimdesk.store.migrate import MIGRATION_NAMES
from tests.store.conftest import fill


def claimdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimdesk", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    db = tmp_path / "desk.db"
    with Store.open(db) as store:
        fill(store, 4)
        store.record_verdict(1, "faithful", "ana", uid="first")
    return db


def test_a_store_with_a_newer_schema_is_read_but_not_written(desk: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(desk)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('claimdesk', '999_future', '')"
        )
    conn.close()
    before = desk.read_bytes()
    done = claimdesk("--db", str(desk), "verdict", "2", "faithful")
    assert done.returncode == Exit.STORE
    assert done.stderr == (
        f"claimdesk: store {desk} has schema 999_future, newer than this claimdesk writes"
        f" (it knows up to {MIGRATION_NAMES[-1]}); upgrade claimdesk to write to it\n"
    )
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"article": {"text": "New one."}, "variant": {"text": "New two."}}) + "\n")
    assert claimdesk("--db", str(desk), "ingest", str(pairs)).returncode == Exit.STORE
    stats = claimdesk("--db", str(desk), "stats", "--json")
    assert stats.returncode == 0 and json.loads(stats.stdout)["verdict"] == {"faithful": 1}
    with Store.open(desk) as store:
        assert store.counts().total == 4
    assert desk.read_bytes() == before


def test_an_empty_db_name_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "claimdesk", "--db", "", "stats"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CLAIMDESK_DB": str(tmp_path / "default.db")},
    )
    assert done.returncode == Exit.USAGE and "--db needs a file name" in done.stderr
    assert not (tmp_path / "default.db").exists()


def test_a_reused_uid_with_another_verdict_is_an_error(desk: Path) -> None:
    again = claimdesk("--db", str(desk), "verdict", "1", "faithful", "--uid", "first")
    assert again.returncode == 0  # a true retry still answers with the stored event
    other = claimdesk("--db", str(desk), "verdict", "2", "distorted", "--uid", "first")
    assert other.returncode == Exit.BAD_INPUT
    assert other.stderr == "claimdesk: uid first is already the verdict faithful on variant 1\n"
    undo = claimdesk("--db", str(desk), "verdict", "1", "undo", "--uid", "first")
    assert undo.returncode == Exit.BAD_INPUT
    with Store.open(desk) as store:
        assert store.conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 1
        with pytest.raises(StoreError, match="already the verdict faithful"):
            store.record_verdict(1, "confirmed", "ana", claim=1, uid="first")


@pytest.mark.parametrize(
    "command", [("stats",), ("export",), ("export", "--history", "--jobs", "2"), ("verdict", "2", "faithful")]
)
def test_a_damaged_store_is_one_line(desk: Path, command: tuple[str, ...]) -> None:
    conn = sqlite3.connect(desk)
    roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE name IN ('variants', 'verdicts')"))
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(desk, "r+b") as f:
        for root in roots.values():
            f.seek((root - 1) * page)
            f.write(b"\x0d" + b"\xa5" * (page - 1))
    done = claimdesk("--db", str(desk), *command)
    assert done.returncode == Exit.STORE, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "malformed" in done.stderr and str(desk) in done.stderr
