"""Queries only the review app needs: a row's position, a key at a position, conflicts, last verdict.

Built on the inbox module's filters so "what the inbox lists" has one definition. The position
queries count over the ``(risk, id)`` index; ``key_at`` is the one place an OFFSET is used, and
only for a jump (scrollbar drag, End) to a page whose start key is not known yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimdesk.store import verdicts
from claimdesk.store.connection import Core
from claimdesk.store.inbox import filter_clauses, ordering
from claimdesk.store.models import InboxQuery, PageKey, Verdict


def position(core: Core, query: InboxQuery, key: PageKey) -> int:
    """How many rows of the listing sort before ``key`` (its index, if the row is listed)."""
    params: dict[str, object] = {"now": core.now(), "value": key.value, "id": key.id}
    clauses = filter_clauses(core, query, params)
    expr, descending = ordering(query.sort)
    clauses.append(f"({expr}, v.id) {'>' if descending else '<'} (:value, :id)")
    row = core.read_one("SELECT count(*) FROM variants v WHERE " + " AND ".join(clauses), params)
    return int(row[0]) if row else 0


def undecided(core: Core, query: InboxQuery) -> int:
    """How many variants of the listing have no current verdict (held ones included)."""
    params: dict[str, object] = {"now": core.now()}
    clauses = [*filter_clauses(core, query, params), "v.verdict IS NULL"]
    row = core.read_one("SELECT count(*) FROM variants v WHERE " + " AND ".join(clauses), params)
    return int(row[0]) if row else 0


def listed(core: Core, query: InboxQuery, variant_id: int) -> bool:
    """Whether the listing still shows the variant (a verdict may have filtered it out)."""
    params: dict[str, object] = {"now": core.now(), "anchor": variant_id}
    clauses = [*filter_clauses(core, query, params), "v.id = :anchor"]
    return core.read_one("SELECT 1 FROM variants v WHERE " + " AND ".join(clauses), params) is not None


def key_at(core: Core, query: InboxQuery, index: int) -> PageKey | None:
    """The key of the row at ``index`` of the listing, or None past the end."""
    params: dict[str, object] = {"now": core.now(), "offset": max(0, index)}
    clauses = filter_clauses(core, query, params)
    expr, descending = ordering(query.sort)
    direction = "DESC" if descending else "ASC"
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    order = f"ORDER BY {expr} {direction}, v.id {direction}"
    sql = f"SELECT {expr}, v.id FROM variants v{where} {order} LIMIT 1 OFFSET :offset"
    row = core.read_one(sql, params)
    return PageKey(row[0], row[1]) if row else None


def newer_than(core: Core, query: InboxQuery, variant_id: int) -> int:
    """How many listed variants arrived after ``variant_id`` (ids grow with intake)."""
    params: dict[str, object] = {"now": core.now(), "newest": variant_id}
    clauses = [*filter_clauses(core, query, params), "v.id > :newest"]
    row = core.read_one("SELECT count(*) FROM variants v WHERE " + " AND ".join(clauses), params)
    return int(row[0]) if row else 0


def newest_id(core: Core) -> int:
    """The highest variant id so far (0 for an empty store)."""
    row = core.read_one("SELECT max(id) FROM variants")
    return int(row[0] or 0) if row else 0


def conflicting(core: Core, ids: Sequence[int]) -> set[int]:
    """Of these variants, those whose editors' standing verdicts disagree (the ``conflicts`` table)."""
    if not ids:
        return set()
    marks = ", ".join("?" for _ in ids)
    rows = core.read(f"SELECT variant_id FROM conflicts WHERE variant_id IN ({marks})", list(ids))
    return {int(row[0]) for row in rows}


def latest_verdict(core: Core, editor: str) -> Verdict | None:
    """The editor's latest live verdict anywhere (what ``undo`` retracts after a restart)."""
    row = core.read_one(
        f"SELECT {verdicts.COLUMNS} FROM verdicts v WHERE v.editor = ? AND {verdicts.LIVE} ORDER BY v.id DESC LIMIT 1",
        (editor,),
    )
    return Verdict(*row) if row else None
