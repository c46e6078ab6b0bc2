"""Leases: a short hold on a variant while an editor has it open, so two do not review it at once.

A lease is a row per variant with an expiry; an expired row counts as no lease and is replaced
by the next taker, so a crashed session never blocks a variant for longer than the lease time.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from claimdesk.store.connection import Core, iso
from claimdesk.store.entry import check_editor
from claimdesk.store.errors import LeaseHeld, NotFound
from claimdesk.store.models import Lease

# Long enough to read a variant; the app renews while the review screen stays open.
LEASE_SECONDS = 120
_COLUMNS = "variant_id, editor, taken_at, expires_at"


def holder(core: Core, variant_id: int) -> Lease | None:
    """The live lease on a variant, whoever holds it."""
    row = core.read_one(
        f"SELECT {_COLUMNS} FROM leases WHERE variant_id = ? AND expires_at > ?", (variant_id, core.now())
    )
    return Lease(**row) if row else None


def take(core: Core, variant_id: int, editor: str, seconds: int = LEASE_SECONDS) -> Lease:
    """Hold the variant for ``seconds``; renews our own lease; raises LeaseHeld if someone else has it."""
    check_editor(editor)

    def work(conn: sqlite3.Connection) -> Lease:
        moment = core.clock()
        now = iso(moment)
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM leases WHERE variant_id = ? AND expires_at > ?", (variant_id, now)
        ).fetchone()
        if row and row["editor"] != editor:
            raise LeaseHeld(Lease(**row))
        if not conn.execute("SELECT 1 FROM variants WHERE id = ?", (variant_id,)).fetchone():
            raise NotFound(f"no variant {variant_id}")
        taken = row["taken_at"] if row else now
        lease = Lease(variant_id, editor, taken, iso(moment + timedelta(seconds=seconds)))
        conn.execute(
            "INSERT INTO leases (variant_id, editor, taken_at, expires_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (variant_id) DO UPDATE SET editor = excluded.editor, taken_at = excluded.taken_at,"
            " expires_at = excluded.expires_at",
            (lease.variant_id, lease.editor, lease.taken_at, lease.expires_at),
        )
        return lease

    return core.write(work)


def release(core: Core, variant_id: int, editor: str) -> bool:
    """Drop our lease on the variant; True if there was one. Someone else's lease is left alone."""
    return core.write(
        lambda conn: (
            conn.execute("DELETE FROM leases WHERE variant_id = ? AND editor = ?", (variant_id, editor)).rowcount > 0
        )
    )


def expire(core: Core) -> int:
    """Delete expired leases (housekeeping: they are already ignored); returns how many."""
    now = core.now()
    return core.write(lambda conn: conn.execute("DELETE FROM leases WHERE expires_at <= ?", (now,)).rowcount)
