"""Counts for `claimdesk stats`: variants by state and by current verdict, verdicts by editor, families."""

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


def families(core: Core) -> dict[str, int]:
    """Copy families: how many in all (a variant not yet assigned counts as a family of one), how
    many have two or more members, the largest, and the variants not yet assigned (a store from
    before families, until `claimdesk rescore --families`)."""
    assigned = core.read_one("SELECT count(*) AS n, count(DISTINCT family_id) AS families FROM variant_families")
    total = core.read_one("SELECT count(*) FROM variants")
    sizes = core.read_one(
        "SELECT count(*) AS shared, max(n) AS largest FROM"
        " (SELECT count(*) AS n FROM variant_families GROUP BY family_id HAVING count(*) > 1)"
    )
    assert assigned and total and sizes
    unassigned = int(total[0]) - int(assigned["n"])
    return {
        "families": int(assigned["families"]) + unassigned,
        "shared": int(sizes["shared"]),
        "largest": int(sizes["largest"] or (1 if total[0] else 0)),
        "unassigned": unassigned,
    }
