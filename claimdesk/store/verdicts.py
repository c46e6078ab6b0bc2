"""The verdict log: append-only events; the current verdict is derived from it.

A change of mind is a new event pointing (``replaces``) at the verdict it supersedes; an undo is
an ``undo`` event pointing at the verdict it retracts. A verdict is *live* unless it is an undo or
has been undone; the current verdict at a scope (the variant, or one claim) is the latest live one,
so undoing a change of mind brings the earlier verdict back. ``variants.verdict`` caches the
variant's current verdict for the inbox and is rewritten in the same transaction as the event,
and so is the ``conflicts`` table: the variants where the editors' standing verdicts (each editor's latest live
one) disagree.

A write can be made conditional on what the editor saw (``seen``: the current verdict's id when the
key was pressed) and on the lease (``respect_lease``), checked inside the write's transaction, so
another editor's verdict or lease taken a moment earlier is never silently overwritten.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC

from claimdesk.store.connection import Core
from claimdesk.store.entry import check_editor, check_note, check_uid
from claimdesk.store.errors import BadVerdict, LeaseHeld, NotFound, NothingToUndo, UidReused, VerdictChanged
from claimdesk.store.models import CLAIM_VERDICTS, UNDO, VARIANT_VERDICTS, HistoryEntry, Lease, Seen, Verdict

COLUMNS = "id, uid, variant_id, claim, verdict, editor, note, decided_at, replaces, batch"
LIVE = "v.verdict != 'undo' AND NOT EXISTS (SELECT 1 FROM verdicts u WHERE u.replaces = v.id AND u.verdict = 'undo')"

_CURRENT = f"""
SELECT {COLUMNS} FROM verdicts v
WHERE v.variant_id = :variant AND v.claim IS :claim AND {LIVE}
ORDER BY v.id DESC LIMIT 1
"""
# Per editor, the latest live verdict on the whole variant (SQLite takes the bare column from the max row).
STANDING = f"""
SELECT v.variant_id, v.editor, v.verdict, max(v.id) FROM verdicts v
WHERE v.claim IS NULL AND {LIVE} AND v.variant_id {{where}} GROUP BY v.variant_id, v.editor
"""
# Standing verdicts that disagree: the variants the ``conflicts`` table lists.
CONFLICTING = "SELECT variant_id FROM (" + STANDING + ") GROUP BY variant_id HAVING count(DISTINCT verdict) > 1"
_REFRESH = f"""
UPDATE variants SET (verdict, verdict_id) = (
    SELECT v.verdict, v.id FROM verdicts v
    WHERE v.variant_id = :variant AND v.claim IS NULL AND {LIVE}
    ORDER BY v.id DESC LIMIT 1
) WHERE id = :variant
"""
_FORGET_CONFLICT = "DELETE FROM conflicts WHERE variant_id = :variant"
_NOTE_CONFLICT = "INSERT INTO conflicts (variant_id) " + CONFLICTING.format(where="= :variant")
_INSERT = (
    "INSERT INTO verdicts (uid, variant_id, claim, verdict, editor, note, decided_at, replaces, batch)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS
)


def _verdict(row: sqlite3.Row | tuple | None) -> Verdict | None:
    return Verdict(**row) if row else None


def _by_uid(conn: sqlite3.Connection, uid: str) -> Verdict | None:
    return _verdict(conn.execute(f"SELECT {COLUMNS} FROM verdicts WHERE uid = ?", (uid,)).fetchone())


def _same_event(done: Verdict, variant_id: int, verdict: str, claim: int | None) -> Verdict:
    """The stored event of a retried write; UidReused if the uid was given to another verdict.

    A retry repeats its request, so a uid met with another variant, claim or verdict is a client
    that made two requests one uid, and answering with the first would report success for a
    verdict never recorded.
    """
    if (done.variant_id, done.verdict) != (variant_id, verdict) or (verdict != UNDO and done.claim != claim):
        scope = f"variant {done.variant_id}" + (f" claim {done.claim}" if done.claim is not None else "")
        raise UidReused(f"uid {done.uid} is already the verdict {done.verdict} on {scope}")
    return done


def _check_target(conn: sqlite3.Connection, variant_id: int, claim: int | None) -> None:
    if not conn.execute("SELECT 1 FROM variants WHERE id = ?", (variant_id,)).fetchone():
        raise NotFound(f"no variant {variant_id}")
    if (
        claim is not None
        and not conn.execute("SELECT 1 FROM claims WHERE variant_id = ? AND number = ?", (variant_id, claim)).fetchone()
    ):
        raise NotFound(f"variant {variant_id} has no claim {claim}")


def _once(
    core: Core, uid: str, request: tuple[int, str, int | None], work: Callable[[sqlite3.Connection], Verdict]
) -> Verdict:
    """Run ``work`` in a durable write unless an event with ``uid`` is stored (then return that).

    ``request`` is (variant, verdict, claim): a stored event that does not match it is UidReused.
    """

    def once(conn: sqlite3.Connection) -> Verdict:
        done = _by_uid(conn, uid)
        return _same_event(done, *request) if done else work(conn)

    return core.write(once, durable=True)


def append(
    conn: sqlite3.Connection,
    core: Core,
    uid: str,
    variant_id: int,
    claim: int | None,
    verdict: str,
    editor: str,
    note: str | None,
    replaces: int | None,
    batch: str | None = None,
) -> Verdict:
    """Insert one event; an event on the whole variant also refreshes the variant's cached verdict
    and its conflict mark."""
    params = (uid, variant_id, claim, verdict, editor, note, core.now(), replaces, batch)
    event = Verdict(**conn.execute(_INSERT, params).fetchone())
    if claim is None:
        _refresh(conn, variant_id)
    return event


def check_name(verdict: str, claim: int | None) -> None:
    """Refuse a verdict name that does not fit its scope, before touching the store."""
    allowed = VARIANT_VERDICTS if claim is None else CLAIM_VERDICTS
    if verdict not in allowed:
        scope = "a variant" if claim is None else "a claim"
        raise BadVerdict(f"unknown verdict {verdict!r} for {scope}; use one of: {', '.join(allowed)}")


def record(
    core: Core,
    variant_id: int,
    verdict: str,
    editor: str,
    *,
    claim: int | None = None,
    note: str | None = None,
    uid: str | None = None,
    seen: Seen | None = None,
    respect_lease: bool = False,
) -> Verdict:
    """Append a verdict (durably). Repeating a call with the same ``uid`` returns the first event.

    With ``seen``, refuses (VerdictChanged) if the variant's current verdict is no longer the one
    the editor saw; with ``respect_lease``, refuses (LeaseHeld) a variant another editor holds.
    """
    check_name(verdict, claim)
    editor, note = check_editor(editor), check_note(note)
    uid = check_uid(uid) or str(uuid.uuid4())

    def work(conn: sqlite3.Connection) -> Verdict:
        _check_target(conn, variant_id, claim)
        if respect_lease:
            _check_lease(core, conn, variant_id, editor)
        if seen is not None:
            _check_seen(conn, variant_id, seen)
        current = conn.execute(_CURRENT, {"variant": variant_id, "claim": claim}).fetchone()
        return append(conn, core, uid, variant_id, claim, verdict, editor, note, current and current["id"])

    return _once(core, uid, (variant_id, verdict, claim), work)


def _refresh(conn: sqlite3.Connection, variant_id: int) -> None:
    """Rewrite the variant's cached current verdict and conflict mark from the log."""
    for sql in (_REFRESH, _FORGET_CONFLICT, _NOTE_CONFLICT):
        conn.execute(sql, {"variant": variant_id})


def _check_lease(core: Core, conn: sqlite3.Connection, variant_id: int, editor: str) -> None:
    row = conn.execute(
        "SELECT variant_id, editor, taken_at, expires_at FROM leases WHERE variant_id = ? AND expires_at > ?",
        (variant_id, core.now()),
    ).fetchone()
    if row and row[1] != editor:
        raise LeaseHeld(Lease(*row))


def _check_seen(conn: sqlite3.Connection, variant_id: int, seen: Seen) -> None:
    row = conn.execute(_CURRENT, {"variant": variant_id, "claim": None}).fetchone()
    now = _verdict(row)
    if (now.id if now else None) == seen.verdict_id:
        return
    if now is None:
        raise VerdictChanged(f"the verdict on variant {variant_id} was undone meanwhile; nothing recorded")
    raise VerdictChanged(f"{now.editor} recorded {now.verdict} on variant {variant_id} meanwhile; nothing recorded")


def undo(core: Core, variant_id: int, editor: str, *, uid: str | None = None) -> Verdict:
    """Retract ``editor``'s latest live verdict on the variant (or any of its claims).

    When that verdict came from a family verdict (it has a ``batch``), every still-live row of the
    batch is retracted with it, one undo row per member each pointing at the row it replaces and
    carrying the batch id: the review's one undo key takes the whole batch back. Returns the undo
    event of this variant.
    """
    editor = check_editor(editor)
    uid = check_uid(uid) or str(uuid.uuid4())

    def work(conn: sqlite3.Connection) -> Verdict:
        _check_target(conn, variant_id, None)
        target = conn.execute(
            f"SELECT {COLUMNS} FROM verdicts v WHERE v.variant_id = ? AND v.editor = ? AND {LIVE}"
            " ORDER BY v.id DESC LIMIT 1",
            (variant_id, editor),
        ).fetchone()
        if not target:
            raise NothingToUndo(f"{editor} has no verdict to undo on variant {variant_id}")
        retracted = Verdict(**target)
        event = append(conn, core, uid, variant_id, retracted.claim, UNDO, editor, None, retracted.id, retracted.batch)
        if retracted.batch is not None:
            rest = conn.execute(
                f"SELECT {COLUMNS} FROM verdicts v WHERE v.batch = ? AND v.id != ? AND {LIVE} ORDER BY v.id",
                (retracted.batch, retracted.id),
            ).fetchall()
            for row in rest:
                member = Verdict(**row)
                append(conn, core, str(uuid.uuid4()), member.variant_id, member.claim, UNDO, editor, None, member.id,
                       member.batch)  # fmt: skip
        return event

    return _once(core, uid, (variant_id, UNDO, None), work)


def current(core: Core, variant_id: int, claim: int | None = None) -> Verdict | None:
    """The current verdict on the variant, or on one of its claims."""
    return _verdict(core.read_one(_CURRENT, {"variant": variant_id, "claim": claim}))


def event(core: Core, event_id: int) -> Verdict | None:
    """One event of the log by id."""
    return _verdict(core.read_one(f"SELECT {COLUMNS} FROM verdicts WHERE id = ?", (event_id,)))


def history(core: Core, variant_id: int) -> list[HistoryEntry]:
    """Every verdict on the whole variant, oldest first, each marked undone or not (undos left out)."""
    rows = core.read(
        f"SELECT {COLUMNS}, EXISTS (SELECT 1 FROM verdicts u WHERE u.replaces = v.id AND u.verdict = 'undo')"
        " FROM verdicts v WHERE v.variant_id = ? AND v.claim IS NULL AND v.verdict != 'undo' ORDER BY v.id",
        (variant_id,),
    )
    return [HistoryEntry(Verdict(*row[:-1]), bool(row[-1])) for row in rows]


def standing(entries: list[HistoryEntry]) -> dict[str, Verdict]:
    """Each editor's latest live verdict among ``entries``; they conflict when they name different verdicts."""
    latest: dict[str, Verdict] = {}
    for entry in entries:
        if not entry.undone:
            latest[entry.event.editor] = entry.event
    return latest


def claim_verdicts(core: Core, variant_id: int) -> dict[int, Verdict]:
    """Current verdict per claim number (claims without one are absent)."""
    rows = core.read(
        f"SELECT {COLUMNS} FROM verdicts v WHERE v.variant_id = ? AND v.claim IS NOT NULL AND {LIVE} ORDER BY v.id",
        (variant_id,),
    )
    return {row["claim"]: Verdict(**row) for row in rows}


def count_today(core: Core, editor: str) -> int:
    """Live verdicts ``editor`` recorded since midnight UTC: the editor's tally for the day."""
    midnight = core.clock().astimezone(UTC).strftime("%Y-%m-%dT00:00:00.000000Z")
    sql = f"SELECT count(*) AS n FROM verdicts v WHERE v.editor = ? AND v.decided_at >= ? AND {LIVE}"
    row = core.read_one(sql, (editor, midnight))
    return int(row["n"]) if row else 0


def conflicting(core: Core, ids: Sequence[int]) -> set[int]:
    """Of these variants, those whose editors' standing verdicts disagree (the ``conflicts`` table)."""
    if not ids:
        return set()
    marks = ", ".join("?" for _ in ids)
    rows = core.read(f"SELECT variant_id FROM conflicts WHERE variant_id IN ({marks})", list(ids))
    return {int(row["variant_id"]) for row in rows}


def latest(core: Core, editor: str) -> Verdict | None:
    """The editor's latest live verdict anywhere (what ``undo`` retracts after a restart)."""
    return _verdict(
        core.read_one(
            f"SELECT {COLUMNS} FROM verdicts v WHERE v.editor = ? AND {LIVE} ORDER BY v.id DESC LIMIT 1", (editor,)
        )
    )
