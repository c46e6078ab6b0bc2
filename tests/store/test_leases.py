"""Leases: one editor at a time, renewals, release, expiry (on a hand-moved clock)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdesk.store import InboxQuery, LeaseHeld, NotFound, Store
from tests.store.conftest import Clock, fill


def test_a_held_variant_is_reported_as_held_by_its_editor(db_path: Path, clock: Clock) -> None:
    with Store.open(db_path, clock=clock) as store, Store.open(db_path, clock=clock) as other:
        [vid] = fill(store, 1)
        lease = store.take_lease(vid, "ana", seconds=60)
        with pytest.raises(LeaseHeld) as held:
            other.take_lease(vid, "bob")
        assert held.value.lease == lease
        assert other.lease(vid) == lease
        assert other.variant(vid).lease == lease
        row = other.inbox_rows([vid])[0]
        assert (row.state, row.holder) == ("held", "ana")
        assert other.counts().held == 1


def test_renew_keeps_the_lease_and_release_frees_it(db_path: Path, clock: Clock) -> None:
    with Store.open(db_path, clock=clock) as store:
        [vid] = fill(store, 1)
        first = store.take_lease(vid, "ana", seconds=60)
        clock.advance(50)
        renewed = store.take_lease(vid, "ana", seconds=60)
        assert renewed.taken_at == first.taken_at and renewed.expires_at > first.expires_at
        clock.advance(50)
        with pytest.raises(LeaseHeld):
            store.take_lease(vid, "bob")
        assert not store.release_lease(vid, "bob")
        assert store.release_lease(vid, "ana")
        assert store.take_lease(vid, "bob").editor == "bob"


def test_an_expired_lease_is_ignored_and_can_be_taken(db_path: Path, clock: Clock) -> None:
    with Store.open(db_path, clock=clock) as store:
        ids = fill(store, 2)
        store.take_lease(ids[0], "ana", seconds=30)
        store.take_lease(ids[1], "ana", seconds=300)
        clock.advance(31)
        assert store.lease(ids[0]) is None
        assert store.inbox_count(InboxQuery(state="held")) == 1
        assert store.take_lease(ids[0], "bob", seconds=600).editor == "bob"
        clock.advance(300)
        assert store.expire_leases() == 1
        assert store.lease(ids[1]) is None


def test_unknown_variant_cannot_be_leased(store: Store) -> None:
    with pytest.raises(NotFound):
        store.take_lease(42, "ana")
