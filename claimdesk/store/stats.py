"""Counts for `claimdesk stats`: variants by state and by current verdict, verdicts by editor."""

from __future__ import annotations

from claimdesk.store import inbox
from claimdesk.store.connection import Core
from claimdesk.store.verdicts import LIVE


def by_state(core: Core) -> dict[str, int]:
    """Variants by state (new, held, decided) and in total."""
    counts = inbox.counts(core)
    return {"new": counts.new, "held": counts.held, "decided": counts.decided, "total": counts.total}


def by_verdict(core: Core) -> dict[str, int]:
    """Variants by their current verdict."""
    rows = core.read(
        "SELECT verdict, count(*) AS n FROM variants WHERE verdict IS NOT NULL GROUP BY verdict ORDER BY n DESC"
    )
    return {row["verdict"]: row["n"] for row in rows}


def conflicts(core: Core) -> int:
    """Variants whose editors' standing verdicts disagree."""
    row = core.read_one("SELECT count(*) FROM conflicts")
    return int(row[0]) if row else 0


def by_editor(core: Core) -> dict[str, dict[str, int]]:
    """Per editor: live verdicts on variants and on claims, and undos."""
    rows = core.read(
        f"SELECT editor, sum(claim IS NULL AND {LIVE}) AS variants, sum(claim IS NOT NULL AND {LIVE}) AS claims,"
        " sum(verdict = 'undo') AS undos"
        " FROM verdicts v GROUP BY editor ORDER BY editor"
    )
    return {row["editor"]: {name: row[name] for name in ("variants", "claims", "undos")} for row in rows}
