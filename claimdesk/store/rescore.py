"""Re-scoring stored variants after an engine change, one short transaction per variant.

Only the scores and claims change; the verdict log is left as it is (claim verdicts keep the
claim numbers they were given).
"""

from __future__ import annotations

import sqlite3

from claimdesk.claims import ENGINE_VERSION, score_pair
from claimdesk.store import claim_rows
from claimdesk.store.connection import Core
from claimdesk.store.intake import summary_values


def stale(core: Core, *, everything: bool = False) -> list[int]:
    """Ids of variants scored by another engine version (or all of them)."""
    sql = "SELECT id FROM variants" + ("" if everything else " WHERE engine != ?") + " ORDER BY id"
    return [row["id"] for row in core.read(sql, () if everything else (ENGINE_VERSION,))]


def rescore(core: Core, variant_id: int) -> None:
    """Score the variant again with the current engine and replace its scores and claims."""
    row = core.read_one(
        "SELECT a.text AS original, v.text AS variant FROM variants v JOIN articles a ON a.id = v.article_id"
        " WHERE v.id = ?",
        (variant_id,),
    )
    if row is None:
        return
    report = score_pair(row["original"], row["variant"])
    values = summary_values(report)

    def work(conn: sqlite3.Connection) -> None:
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        conn.execute(f"UPDATE variants SET {assignments} WHERE id = :id", {**values, "id": variant_id})
        conn.execute("DELETE FROM claims WHERE variant_id = ?", (variant_id,))
        claim_rows.insert(conn, variant_id, report.claims)

    core.write(work)
