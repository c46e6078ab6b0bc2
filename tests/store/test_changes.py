"""ChangeProbe: sees commits from other connections and other processes, from any thread."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from claimdesk.store import ChangeProbe, Store
from tests.store.conftest import fill

WORKER = str(Path(__file__).with_name("workers.py"))


def test_probe_sees_a_commit_once_and_nothing_without_one(db_path: Path, store: Store) -> None:
    fill(store, 2)
    with ChangeProbe(db_path) as probe:
        assert not probe.changed()
        store.record_verdict(1, "faithful", "ana")
        assert probe.changed()
        assert not probe.changed()


def test_probe_made_on_one_thread_works_from_worker_threads(db_path: Path, store: Store) -> None:
    fill(store, 2)
    with ChangeProbe(db_path) as probe, ThreadPoolExecutor(max_workers=2) as pool:
        assert pool.submit(probe.changed).result() is False
        store.record_verdict(2, "distorted", "ana")
        # Each poll on whichever thread is free, as the inbox's workers do.
        assert pool.submit(probe.changed).result() is True
        assert pool.submit(probe.changed).result() is False


def test_probe_sees_a_commit_from_another_process(db_path: Path, store: Store) -> None:
    fill(store, 3)
    with ChangeProbe(db_path) as probe:
        done = subprocess.run(
            [sys.executable, WORKER, "verdicts", str(db_path), "bo", "1"], capture_output=True, timeout=60
        )
        assert done.returncode == 0, done.stderr.decode()
        assert probe.changed()


def test_probe_leaves_no_read_transaction_open(db_path: Path, store: Store) -> None:
    # A reader that kept its snapshot would pin the WAL: a truncating checkpoint could not finish.
    fill(store, 2)
    with ChangeProbe(db_path) as probe:
        probe.changed()
        store.record_verdict(1, "faithful", "ana")
        busy, _log, _done = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0
        assert probe.changed()
