"""A deferring connection never checkpoints at commit; ``run`` does it from elsewhere, durably."""

from __future__ import annotations

from pathlib import Path

from claimdesk.store import Store, checkpoints
from tests.store.conftest import fill


def test_run_copies_a_deferring_store_s_commits_into_the_database(db_path: Path) -> None:
    with Store.open(db_path) as store:
        checkpoints.defer(store)
        [vid] = fill(store, 1)
        for n in range(40):
            store.record_verdict(vid, ("faithful", "distorted")[n % 2], "ana")
        frames, copied = checkpoints.run(db_path)
        assert frames > 0 and copied == frames
    with Store.open(db_path) as reopened:
        assert reopened.current_verdict(vid).verdict == "distorted"


def test_defer_turns_off_the_automatic_checkpoint_of_that_connection_only(db_path: Path) -> None:
    with Store.open(db_path) as store, Store.open(db_path) as other:
        checkpoints.defer(store)
        assert store.read("PRAGMA wal_autocheckpoint")[0][0] == 0
        assert other.read("PRAGMA wal_autocheckpoint")[0][0] > 0
