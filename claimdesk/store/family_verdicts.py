"""A verdict on a whole copy family: one ordinary verdict row per eligible member, sharing a batch id.

Each member gets its own row (so export stays one row per variant and every per-variant rule, the
cached verdict and the conflict mark, holds as for a single verdict); the batch id ties them
together so that one undo (:func:`claimdesk.store.verdicts.undo`) takes them all back. Members
another editor holds (a live lease) or that already have a verdict are skipped and counted, and
the whole batch is one durable transaction: what the count said is what was written, or nothing.
"""

from __future__ import annotations

import sqlite3
import uuid

from claimdesk.store import families, verdicts
from claimdesk.store.connection import Core
from claimdesk.store.entry import check_editor, check_note
from claimdesk.store.errors import NotFound
from claimdesk.store.models import FamilyBatch


def record(core: Core, variant_id: int, verdict: str, editor: str, note: str | None = None) -> FamilyBatch:
    """Record ``verdict`` on every eligible member of the variant's family (NotFound if unknown)."""
    verdicts.check_name(verdict, None)
    editor, note = check_editor(editor), check_note(note)
    batch = str(uuid.uuid4())

    def work(conn: sqlite3.Connection) -> FamilyBatch:
        row = conn.execute(
            f"SELECT {families.FAMILY} AS family, f.variant_id IS NOT NULL AS assigned FROM variants v"
            " LEFT JOIN variant_families f ON f.variant_id = v.id WHERE v.id = ?",
            (variant_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no variant {variant_id}")
        members = conn.execute(
            f"SELECT v.id, v.verdict IS NOT NULL AS decided, EXISTS (SELECT 1 FROM leases l WHERE l.variant_id = v.id"
            " AND l.expires_at > :now AND l.editor != :editor) AS held"
            f" FROM ({families.members_sql(bool(row['assigned']))}) m JOIN variants v ON v.id = m.id ORDER BY v.id",
            {"family": row["family"], "variant": variant_id, "now": core.now(), "editor": editor},
        ).fetchall()
        recorded = held = decided = 0
        for member in members:
            if member["held"]:
                held += 1
            elif member["decided"]:
                decided += 1
            else:
                verdicts.append(conn, core, str(uuid.uuid4()), member["id"], None, verdict, editor, note, None, batch)
                recorded += 1
        return FamilyBatch(batch, recorded, held, decided)

    return core.write(work, durable=True)


def size(core: Core, batch: str) -> int:
    """How many verdict rows (undos aside) the batch recorded."""
    row = core.read_one("SELECT count(*) FROM verdicts WHERE batch = ? AND verdict != 'undo'", (batch,))
    return int(row[0]) if row else 0
