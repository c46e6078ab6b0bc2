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
from collections.abc import Callable, Sequence
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
    return Verdict(**row) if row else None


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


def _once(core: Core, uid: str, work: Callable[[sqlite3.Connection], Verdict]) -> Verdict:
    """Run ``work`` in a durable write unless an event with ``uid`` is stored (then return that)."""
    return core.write(lambda conn: _by_uid(conn, uid) or work(conn), durable=True)


def _append(
    conn: sqlite3.Connection,
    core: Core,
    uid: str,
    variant_id: int,
    claim: int | None,
    verdict: str,
    editor: str,
    note: str | None,
    replaces: int | None,
) -> Verdict:
    """Insert one event; an event on the whole variant also refreshes the variant's cached verdict."""
    params = (uid, variant_id, claim, verdict, editor, note, core.now(), replaces)
    event = Verdict(**conn.execute(_INSERT, params).fetchone())
    if claim is None:
        conn.execute(_REFRESH, {"variant": variant_id})
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
) -> Verdict:
    """Append a verdict (durably). Repeating a call with the same ``uid`` returns the first event."""
    check_name(verdict, claim)
    editor, note = check_editor(editor), check_note(note)
    uid = check_uid(uid) or str(uuid.uuid4())

    def work(conn: sqlite3.Connection) -> Verdict:
        _check_target(conn, variant_id, claim)
        current = conn.execute(_CURRENT, {"variant": variant_id, "claim": claim}).fetchone()
        return _append(conn, core, uid, variant_id, claim, verdict, editor, note, current and current["id"])

    return _once(core, uid, work)


def undo(core: Core, variant_id: int, editor: str, *, uid: str | None = None) -> Verdict:
    """Retract ``editor``'s latest live verdict on the variant (or any of its claims)."""
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
        return _append(conn, core, uid, variant_id, retracted.claim, UNDO, editor, None, retracted.id)

    return _once(core, uid, work)


def current(core: Core, variant_id: int, claim: int | None = None) -> Verdict | None:
    """The current verdict on the variant, or on one of its claims."""
    return _verdict(core.read_one(_CURRENT, {"variant": variant_id, "claim": claim}))


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
    """Of these variants, those whose editors' current verdicts disagree."""
    if not ids:
        return set()
    marks = ", ".join("?" for _ in ids)
    # Per (variant, editor) the latest live verdict; a variant conflicts if those differ.
    sql = f"""
    SELECT variant_id FROM (
        SELECT v.variant_id, v.verdict, max(v.id) FROM verdicts v
        WHERE v.variant_id IN ({marks}) AND v.claim IS NULL AND {LIVE}
        GROUP BY v.variant_id, v.editor
    ) GROUP BY variant_id HAVING count(DISTINCT verdict) > 1
    """
    return {int(row["variant_id"]) for row in core.read(sql, list(ids))}


def latest(core: Core, editor: str) -> Verdict | None:
    """The editor's latest live verdict anywhere (what ``undo`` retracts after a restart)."""
    return _verdict(
        core.read_one(
            f"SELECT {COLUMNS} FROM verdicts v WHERE v.editor = ? AND {LIVE} ORDER BY v.id DESC LIMIT 1", (editor,)
        )
    )
