"""The verdict log: changes of mind, undo, idempotent retries, claim verdicts, the daily tally."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from claimdesk.store import BadVerdict, InboxQuery, LeaseHeld, NotFound, NothingToUndo, Seen, Store, VerdictChanged
from tests.store.conftest import Clock, fill


def test_latest_live_verdict_is_current_and_undo_brings_back_the_previous(store: Store) -> None:
    [vid] = fill(store, 1)
    first = store.record_verdict(vid, "faithful", "ana")
    change = store.record_verdict(vid, "distorted", "bob", note="figure changed")
    assert change.replaces == first.id
    assert store.current_verdict(vid) == change
    assert store.inbox_rows([vid])[0].verdict == "distorted"
    undo = store.undo(vid, "bob")
    assert (undo.verdict, undo.replaces, undo.editor) == ("undo", change.id, "bob")
    assert store.current_verdict(vid) == first
    assert store.inbox_rows([vid])[0].verdict == "faithful"
    store.undo(vid, "ana")
    assert store.current_verdict(vid) is None
    assert store.inbox_rows([vid])[0].state == "new"
    with pytest.raises(NothingToUndo):
        store.undo(vid, "ana")
    assert store.conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 4


def test_undo_takes_the_editors_latest_verdict_even_on_a_claim(store: Store) -> None:
    [vid] = fill(store, 1)
    store.record_verdict(vid, "faithful", "ana")
    claim = store.record_verdict(vid, "confirmed", "ana", claim=1, note="checked")
    assert store.claims(vid)[0].verdict == claim
    undo = store.undo(vid, "ana")
    assert undo.replaces == claim.id and undo.claim == 1
    assert store.claims(vid)[0].verdict is None
    assert store.current_verdict(vid) is not None


def test_same_uid_records_once(store: Store) -> None:
    [vid] = fill(store, 1)
    first = store.record_verdict(vid, "escalated", "ana", uid="fixed-uid")
    again = store.record_verdict(vid, "escalated", "ana", uid="fixed-uid")
    assert again == first
    undo = store.undo(vid, "ana", uid="undo-uid")
    assert store.undo(vid, "ana", uid="undo-uid") == undo
    assert store.conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("verdict", "claim", "error"),
    [
        ("bogus", None, BadVerdict),
        ("confirmed", None, BadVerdict),
        ("faithful", 1, BadVerdict),
        ("confirmed", 99, NotFound),
    ],
)
def test_bad_verdicts_are_refused(store: Store, verdict: str, claim: int | None, error: type[Exception]) -> None:
    [vid] = fill(store, 1)
    with pytest.raises(error):
        store.record_verdict(vid, verdict, "ana", claim=claim)
    with pytest.raises(NotFound):
        store.record_verdict(vid + 1000, "faithful", "ana")
    assert store.conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 0


def test_verdicts_today_counts_live_verdicts_since_midnight(db_path: Path, clock: Clock) -> None:
    with Store.open(db_path, clock=clock) as store:
        ids = fill(store, 3)
        store.record_verdict(ids[0], "faithful", "ana")
        clock.advance(timedelta(days=1).total_seconds())
        store.record_verdict(ids[1], "faithful", "ana")
        store.record_verdict(ids[2], "distorted", "ana")
        store.record_verdict(ids[2], "unrelated", "bob")
        store.undo(ids[2], "ana")
        assert store.verdicts_today("ana") == 1
        assert store.verdicts_today("bob") == 1


def test_a_verdict_conditional_on_what_the_editor_saw_is_refused_once_it_changed(store: Store) -> None:
    [vid] = fill(store, 1)
    shown = Seen(None)  # ana's screen: no verdict yet
    bob = store.record_verdict(vid, "distorted", "bob")
    with pytest.raises(VerdictChanged, match=f"bob recorded distorted on variant {vid} meanwhile"):
        store.record_verdict(vid, "faithful", "ana", seen=shown)
    assert store.current_verdict(vid) == bob
    ana = store.record_verdict(vid, "faithful", "ana", seen=Seen(bob.id))  # she saw bob's: goes through
    assert store.current_verdict(vid) == ana
    store.undo(vid, "ana")
    store.undo(vid, "bob")
    with pytest.raises(VerdictChanged, match="undone meanwhile"):
        store.record_verdict(vid, "escalated", "cy", seen=Seen(ana.id))


def test_a_verdict_respecting_leases_refuses_a_variant_another_editor_holds(store: Store) -> None:
    [vid] = fill(store, 1)
    store.take_lease(vid, "ana")
    with pytest.raises(LeaseHeld, match=f"variant {vid} is held by ana until"):
        store.record_verdict(vid, "faithful", "bob", respect_lease=True)
    assert store.current_verdict(vid) is None
    store.record_verdict(vid, "faithful", "ana", respect_lease=True)  # her own lease
    store.record_verdict(vid, "distorted", "bob")  # forced: the lease is not asked
    assert [e.event.editor for e in store.history(vid)] == ["ana", "bob"]


def test_conflicts_follow_the_editors_standing_verdicts(store: Store) -> None:
    first, second = fill(store, 2)

    def conflicting() -> list[int]:
        return [row[0] for row in store.read("SELECT variant_id FROM conflicts ORDER BY 1")]

    store.record_verdict(first, "faithful", "ana")
    store.record_verdict(first, "faithful", "bob")
    store.record_verdict(second, "faithful", "ana", claim=None)
    store.record_verdict(second, "confirmed", "bob", claim=1)  # a claim verdict is not a variant verdict
    assert conflicting() == []
    store.record_verdict(first, "distorted", "bob")
    assert conflicting() == [first]
    assert store.inbox_count(InboxQuery(conflict=True)) == 1
    store.undo(first, "bob")  # bob's standing verdict is faithful again
    assert conflicting() == []
    store.record_verdict(first, "distorted", "ana")  # ana changes her mind: she now disagrees with bob
    assert conflicting() == [first]


def test_history_lists_variant_verdicts_with_notes_and_undone_marks(store: Store) -> None:
    [vid] = fill(store, 1)
    store.record_verdict(vid, "faithful", "ana", note="looks fine")
    store.record_verdict(vid, "confirmed", "ana", claim=1)
    store.record_verdict(vid, "distorted", "bob", note="count changed")
    store.undo(vid, "bob")
    rows = [(e.event.editor, e.event.verdict, e.event.note, e.undone) for e in store.history(vid)]
    assert rows == [("ana", "faithful", "looks fine", False), ("bob", "distorted", "count changed", True)]
    assert store.inbox_rows([vid])[0].noted  # ana's current verdict carries her note
