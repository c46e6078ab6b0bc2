"""The verdict log: append-only events; the current verdict is derived from it.

A change of mind is a new event pointing (``replaces``) at the verdict it supersedes; an undo is
an ``undo`` event pointing at the verdict it retracts. A verdict is *live* unless it is an undo or
has been undone; the current verdict at a scope (the variant, or one claim) is the latest live one,
so undoing a change of mind brings the earlier verdict back. ``variants.verdict`` caches the
variant's current verdict for the inbox and is rewritten in the same transaction as the event.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC

from claimdesk.store.connection import Core
from claimdesk.store.entry import check_editor, check_note, check_uid
from claimdesk.store.errors import BadVerdict, NotFound, NothingToUndo
from claimdesk.store.models import CLAIM_VERDICTS, UNDO, VARIANT_VERDICTS, Verdict

COLUMNS = "id, uid, variant_id, claim, verdict, editor, note, decided_at, replaces"
LIVE = "v.verdict != 'undo' AND NOT EXISTS (SELECT 1 FROM verdicts u WHERE u.replaces = v.id AND u.verdict = 'undo')"

_CURRENT = f"""
SELECT {COLUMNS} FROM verdicts v
WHERE v.variant_id = :variant AND v.claim IS :claim AND {LIVE}
ORDER BY v.id DESC LIMIT 1
"""
_REFRESH = f"""
UPDATE variants SET (verdict, verdict_id) = (
    SELECT v.verdict, v.id FROM verdicts v
    WHERE v.variant_id = :variant AND v.claim IS NULL AND {LIVE}
    ORDER BY v.id DESC LIMIT 1
) WHERE id = :variant
"""
_INSERT = (
    "INSERT INTO verdicts (uid, variant_id, claim, verdict, editor, note, decided_at, replaces)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS
)


def _verdict(row: sqlite3.Row | tuple | None) -> Verdict | None:
    return Verdict(*row) if row else None


def _by_uid(conn: sqlite3.Connection, uid: str) -> Verdict | None:
    return _verdict(conn.execute(f"SELECT {COLUMNS} FROM verdicts WHERE uid = ?", (uid,)).fetchone())


def _check_target(conn: sqlite3.Connection, variant_id: int, claim: int | None) -> None:
    if not conn.execute("SELECT 1 FROM variants WHERE id = ?", (variant_id,)).fetchone():
        raise NotFound(f"no variant {variant_id}")
    if (
        claim is not None
        and not conn.execute("SELECT 1 FROM claims WHERE variant_id = ? AND number = ?", (variant_id, claim)).fetchone()
    ):
        raise NotFound(f"variant {variant_id} has no claim {claim}")


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
) -> Verdict:
    """Append a verdict (durably). Repeating a call with the same ``uid`` returns the first event."""
    check_name(verdict, claim)
    editor, note = check_editor(editor), check_note(note)
    uid = check_uid(uid) or str(uuid.uuid4())

    def work(conn: sqlite3.Connection) -> Verdict:
        done = _by_uid(conn, uid)
        if done:
            return done
        _check_target(conn, variant_id, claim)
        current = conn.execute(_CURRENT, {"variant": variant_id, "claim": claim}).fetchone()
        params = (uid, variant_id, claim, verdict, editor, note, core.now(), current and current[0])
        event = Verdict(*conn.execute(_INSERT, params).fetchone())
        if claim is None:
            conn.execute(_REFRESH, {"variant": variant_id})
        return event

    return core.write(work, durable=True)


def undo(core: Core, variant_id: int, editor: str, *, uid: str | None = None) -> Verdict:
    """Retract ``editor``'s latest live verdict on the variant (or any of its claims)."""
    editor = check_editor(editor)
    uid = check_uid(uid) or str(uuid.uuid4())

    def work(conn: sqlite3.Connection) -> Verdict:
        done = _by_uid(conn, uid)
        if done:
            return done
        _check_target(conn, variant_id, None)
        target = conn.execute(
            f"SELECT {COLUMNS} FROM verdicts v WHERE v.variant_id = ? AND v.editor = ? AND {LIVE}"
            " ORDER BY v.id DESC LIMIT 1",
            (variant_id, editor),
        ).fetchone()
        if not target:
            raise NothingToUndo(f"{editor} has no verdict to undo on variant {variant_id}")
        retracted = Verdict(*target)
        params = (uid, variant_id, retracted.claim, UNDO, editor, None, core.now(), retracted.id)
        event = Verdict(*conn.execute(_INSERT, params).fetchone())
        if retracted.claim is None:
            conn.execute(_REFRESH, {"variant": variant_id})
        return event

    return core.write(work, durable=True)


def current(core: Core, variant_id: int, claim: int | None = None) -> Verdict | None:
    """The current verdict on the variant, or on one of its claims."""
    return _verdict(core.read_one(_CURRENT, {"variant": variant_id, "claim": claim}))


def claim_verdicts(core: Core, variant_id: int) -> dict[int, Verdict]:
    """Current verdict per claim number (claims without one are absent)."""
    rows = core.read(
        f"SELECT {COLUMNS} FROM verdicts v WHERE v.variant_id = ? AND v.claim IS NOT NULL AND {LIVE} ORDER BY v.id",
        (variant_id,),
    )
    return {row["claim"]: Verdict(*row) for row in rows}


def count_today(core: Core, editor: str) -> int:
    """Live verdicts ``editor`` recorded since midnight UTC: the editor's tally for the day."""
    midnight = core.clock().astimezone(UTC).strftime("%Y-%m-%dT00:00:00.000000Z")
    sql = f"SELECT count(*) FROM verdicts v WHERE v.editor = ? AND v.decided_at >= ? AND {LIVE}"
    row = core.read_one(sql, (editor, midnight))
    return int(row[0]) if row else 0
