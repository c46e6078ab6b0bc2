"""What the review screen asks of the store, as jobs the ``StoreWriter`` runs on its thread.

Each job does the reads and the writes of one step (open a variant and take its lease; record a
verdict; find the next variant; undo) on the writer's connection, and hands back frozen records
for the screen to paint. None of them touches a widget.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, replace

from claimdesk.store import (
    FamilyBatch,
    FamilyInfo,
    HistoryEntry,
    InboxQuery,
    InboxRow,
    Lease,
    LeaseHeld,
    NothingToUndo,
    PageKey,
    Seen,
    Store,
    StoredClaim,
    StoreError,
    VariantDetail,
    Verdict,
    verdicts,
)


@dataclass(frozen=True)
class Shown:
    """One variant as the review paints it.

    ``holder`` is another editor's live lease (the view is read-only); ``lease_error`` says why
    our own lease could not be taken (verdict keys are off then too); ``leased`` is True when we
    hold it.
    """

    detail: VariantDetail
    claims: list[StoredClaim]
    history: list[HistoryEntry]
    holder: Lease | None = None
    lease_error: str | None = None
    leased: bool = False
    family: FamilyInfo | None = None  # its copy family (members and sites)


def read(store: Store, variant_id: int, editor: str) -> Shown:
    """The variant, its claims, verdict history and family, and who else holds it; takes nothing."""
    detail = store.variant(variant_id)
    holder = detail.lease if detail.lease and detail.lease.editor != editor else None
    family = store.family_of(variant_id)
    return Shown(detail, store.claims(variant_id), store.history(variant_id), holder=holder, family=family)


def open_variant(store: Store, variant_id: int, editor: str, *, release: int | None = None) -> Shown:
    """Let go of ``release`` (the variant left), read ``variant_id`` and take its lease if it is free."""
    if release is not None and release != variant_id:
        release_lease(store, release, editor)
    shown = read(store, variant_id, editor)
    try:
        store.take_lease(variant_id, editor)
    except LeaseHeld as exc:
        return replace(shown, holder=exc.lease)
    except StoreError as exc:
        return replace(shown, lease_error=str(exc))
    return replace(shown, holder=None, leased=True)


def take_lease(store: Store, variant_id: int, editor: str) -> Lease | None:
    """Take or renew our lease; None means another editor holds it (they are named by ``read``)."""
    try:
        return store.take_lease(variant_id, editor)
    except LeaseHeld:
        return None


def release_lease(store: Store, variant_id: int, editor: str) -> None:
    """Let go of our lease; one that cannot be dropped simply lapses, so a failure is not reported."""
    with contextlib.suppress(StoreError, sqlite3.Error):
        store.release_lease(variant_id, editor)


def record(
    store: Store,
    variant_id: int,
    verdict: str,
    editor: str,
    *,
    claim: int | None,
    note: str | None,
    seen: Seen,
    uid: str,
) -> Verdict:
    """Record the verdict only if the variant still shows what the editor saw and nobody else holds it."""
    return store.record_verdict(
        variant_id,
        verdict,
        editor,
        claim=claim,
        note=note,
        uid=uid,
        seen=seen if claim is None else None,
        respect_lease=True,
    )


@dataclass(frozen=True)
class FamilyRecorded:
    """A family verdict: what the store did, and one member it recorded on (what ``undo`` is
    pointed at: undoing any member takes the whole batch back), None if it recorded none."""

    batch: FamilyBatch
    member: int | None


def record_family(store: Store, variant_id: int, verdict: str, editor: str, *, note: str | None) -> FamilyRecorded:
    """Record ``verdict`` on every undecided member of the variant's family no other editor holds."""
    batch = store.record_family_verdict(variant_id, verdict, editor, note=note)
    latest = verdicts.latest(store, editor) if batch.recorded else None
    return FamilyRecorded(batch, latest.variant_id if latest is not None and latest.batch == batch.batch else None)


def _key(store: Store, query: InboxQuery, variant_id: int) -> PageKey | None:
    rows = store.inbox_rows([variant_id])
    return rows[0].key(query.sort) if rows else None


def step(store: Store, query: InboxQuery, variant_id: int, editor: str, *, forward: bool) -> InboxRow | None:
    """The next (or previous) variant of the listing that no other editor holds (looks 100 ahead)."""
    key = _key(store, query, variant_id)
    for _ in range(5):
        if key is None:
            break
        if forward:
            page = store.inbox_page(query, after=key, limit=20)
            key, rows = page.next, page.rows
        else:
            page = store.inbox_page(query, before=key, limit=20)
            key, rows = page.previous, tuple(reversed(page.rows))
        for row in rows:
            if row.holder in (None, editor) and row.id != variant_id:
                return row
    return None


def next_open(store: Store, query: InboxQuery, variant_id: int) -> InboxRow | None:
    """The next undecided variant nobody holds, after this one in the listing, else from the top."""
    return next_open_wrapping(store, query, variant_id)[0]


def next_open_wrapping(store: Store, query: InboxQuery, variant_id: int) -> tuple[InboxRow | None, bool]:
    """:func:`next_open`, and whether it had to start again from the top of the listing."""
    undecided = replace(query, state="new", verdict=None)
    for after in (_key(store, query, variant_id), None):
        for row in store.inbox_page(undecided, after=after, limit=2).rows:
            if row.id != variant_id:
                return row, after is None
    return None, False


@dataclass(frozen=True)
class Undone:
    """An undo: the event written, the verdict it retracted (whose note comes back), and how
    many verdicts that took back (a family verdict's whole batch)."""

    event: Verdict
    retracted: Verdict
    count: int = 1


def undo(store: Store, target: int | None, editor: str) -> Undone | None:
    """Retract the editor's latest live verdict on ``target`` (None: their latest anywhere).

    None when there is nothing to undo; NothingToUndo when ``target`` has nothing left.
    """
    if target is None:
        latest = verdicts.latest(store, editor)
        if latest is None:
            return None
        target = latest.variant_id
    event = store.undo(target, editor)
    retracted = store.verdict_event(event.replaces) if event.replaces is not None else None
    if retracted is None:  # the log's CHECK makes every undo point at a verdict
        raise NothingToUndo(f"undo event {event.id} retracts nothing")
    count = store.batch_size(retracted.batch) if retracted.batch is not None else 1
    return Undone(event, retracted, count)
