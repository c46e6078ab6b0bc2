"""A verdict on a whole family: one row per eligible member sharing a batch, held and decided
members skipped, and one undo taking the whole batch back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdesk.store import ArticleIn, NothingToUndo, Store, VariantIn
from tests.store.conftest import Clock
from tests.store.family_texts import ARTICLE, SPINNER_A, SPINNER_B, repost, spin

SITES = ("copy.example", "spin.example", "mirror.example", "feed.example", "clip.example", "echo.example")


def verdict_of(store: Store, variant_id: int) -> str | None:
    current = store.current_verdict(variant_id)
    return current.verdict if current else None


@pytest.fixture
def family(db_path: Path, clock: Clock) -> Iterator[tuple[Store, list[int], int]]:
    """Six reposts of one spun text (one family) and a second spin (a family of its own)."""
    store = Store.open(db_path, clock=clock)
    article = ArticleIn(text=ARTICLE)
    spun = spin(ARTICLE, SPINNER_A)
    ids = [store.add_pair(article, VariantIn(text=repost(spun, s), url=f"https://{s}/t")).variant_id for s in SITES]
    other = store.add_pair(article, VariantIn(text=spin(ARTICLE, SPINNER_B), url="https://else.example/t")).variant_id
    assert {store.family_of(i).family_id for i in ids} == {ids[0]} != {store.family_of(other).family_id}
    yield store, ids, other
    store.close()


def test_a_family_verdict_records_one_row_per_eligible_member(family: tuple[Store, list[int], int]) -> None:
    store, ids, other = family
    store.take_lease(ids[1], "bob")  # bob has it open
    store.record_verdict(ids[2], "faithful", "bob")  # already decided
    store.take_lease(ids[3], "ana")  # ana's own lease does not stop her
    assert store.family_eligible(ids[0], "ana") == 4
    assert store.family_eligible(ids[0], "bob") == 4  # bob's lease is his own; ana holds ids[3]
    done = store.record_family_verdict(ids[0], "distorted", "ana", note="the network's copy")
    assert (done.recorded, done.skipped_held, done.skipped_decided) == (4, 1, 1)
    rows = store.read("SELECT variant_id, verdict, editor, note, batch FROM verdicts WHERE batch IS NOT NULL")
    assert [row["variant_id"] for row in rows] == [ids[0], ids[3], ids[4], ids[5]]
    assert {(row["verdict"], row["editor"], row["note"], row["batch"]) for row in rows} == {
        ("distorted", "ana", "the network's copy", done.batch)
    }
    assert [verdict_of(store, i) for i in ids] == ["distorted", None, "faithful", *["distorted"] * 3]
    assert store.current_verdict(other) is None  # another family is untouched
    assert store.family_eligible(ids[0], "ana") == 0
    assert store.batch_size(done.batch) == 4


def test_one_undo_on_any_member_takes_the_whole_batch_back(family: tuple[Store, list[int], int]) -> None:
    store, ids, _other = family
    store.record_verdict(ids[2], "faithful", "bob")
    done = store.record_family_verdict(ids[0], "distorted", "ana")
    rows = store.read("SELECT id, variant_id FROM verdicts WHERE batch = ?", (done.batch,))
    batch_rows = {row["variant_id"]: row["id"] for row in rows}
    undo = store.undo(ids[4], "ana")
    assert undo.batch == done.batch and undo.replaces == batch_rows[ids[4]]
    undos = store.read("SELECT variant_id, replaces FROM verdicts WHERE verdict = 'undo' ORDER BY variant_id")
    assert {(row["variant_id"], row["replaces"]) for row in undos} == set(batch_rows.items())
    assert [verdict_of(store, i) for i in ids] == [None, None, "faithful", None, None, None]  # bob's stays
    assert store.counts().decided == 1
    with pytest.raises(NothingToUndo):
        store.undo(ids[0], "ana")  # the batch is gone: nothing of ana's is left on it


def test_another_editors_undo_leaves_the_batch(family: tuple[Store, list[int], int]) -> None:
    store, ids, _other = family
    store.record_family_verdict(ids[0], "faithful", "ana")
    with pytest.raises(NothingToUndo):
        store.undo(ids[1], "bob")
    assert all(verdict_of(store, i) == "faithful" for i in ids)


def test_an_undo_after_a_change_of_mind_on_one_member_retracts_only_that(family: tuple[Store, list[int], int]) -> None:
    store, ids, _other = family
    store.record_family_verdict(ids[0], "faithful", "ana")
    store.record_verdict(ids[1], "distorted", "ana")  # ana changes her mind on one copy
    store.undo(ids[1], "ana")  # takes back the change of mind, not the batch
    assert all(verdict_of(store, i) == "faithful" for i in ids)


def test_a_lapsed_lease_holds_nothing(family: tuple[Store, list[int], int], clock: Clock) -> None:
    store, ids, _other = family
    store.take_lease(ids[1], "bob", seconds=60)
    assert store.family_eligible(ids[0], "ana") == 5
    clock.advance(61)
    assert store.family_eligible(ids[0], "ana") == 6


def test_a_family_verdict_is_one_transaction(family: tuple[Store, list[int], int]) -> None:
    """A member that cannot take its row (a store trigger refusing it) leaves no row of the batch."""
    store, ids, _other = family
    store.conn.execute(
        f"CREATE TRIGGER refuse_one BEFORE INSERT ON verdicts WHEN new.variant_id = {ids[4]}"
        " BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(Exception, match="refused"):
        store.record_family_verdict(ids[0], "distorted", "ana")
    assert store.read("SELECT count(*) FROM verdicts")[0][0] == 0
    assert all(store.current_verdict(i) is None for i in ids)


def test_a_family_of_one_is_the_variant_alone(family: tuple[Store, list[int], int]) -> None:
    store, _ids, other = family
    done = store.record_family_verdict(other, "unrelated", "ana")
    assert (done.recorded, done.skipped_held, done.skipped_decided) == (1, 0, 0)
