"""Export queries: current verdicts, the full history, or claim verdicts, as a streamed cursor.

Spreadsheet safety is done in SQL: text cells starting with ``= + - @``, tab or CR get a leading
``'`` (so a title like ``=HYPERLINK(...)`` stays text), while numbers stay numbers. "Text" means
the value's type, not whether we think it can be hostile: uids come from clients, and a column
that looks safe today is filled from elsewhere tomorrow. Doing it in
the query keeps the Python side a bare ``csv.writer.writerows(cursor)``.

Every export is bounded by a key range taken when it starts (verdict ids for the history,
variant ids otherwise), so it can be cut into slices that separate processes read side by side
and that, joined in order, give exactly the rows of one export. For the history the upper bound
also fixes which undos count, so the log comes out as it stood at the start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from claimdesk.store.verdicts import LIVE, STANDING

Kind = Literal["current", "history", "claims"]

# (column, SQL expression, is text). Every column whose values are text is marked so (a test checks
# each list against the values a filled store gives), since any text can carry a formula.
_VARIANT = [
    ("variant_url", "var.url", True),
    ("site", "var.site", True),
    ("variant_title", "var.title", True),
    ("article_url", "a.url", True),
    ("article_title", "a.title", True),
]
_SCORES = [
    ("fidelity", "var.fidelity", False),
    ("coverage", "var.coverage", False),
    ("spin", "var.spin", False),
    ("risk", "var.risk", False),
    ("altered", "var.altered", False),
    ("dropped", "var.dropped", False),
    ("added", "var.added", False),
]
_EVENT = [
    ("verdict", "v.verdict", True),
    ("editor", "v.editor", True),
    ("decided_at", "v.decided_at", True),
    ("note", "v.note", True),
]
# For a variant whose editors disagree, the other editors' standing verdicts: "bob:distorted; cy:faithful".
# Only variants in the ``conflicts`` table pay for the subquery.
_CONFLICT = (
    "CASE WHEN var.id IN (SELECT variant_id FROM conflicts)"
    " THEN (SELECT group_concat(s.editor || ':' || s.verdict, '; ')"
    f" FROM ({STANDING.format(where='= var.id')} ORDER BY v.editor) s WHERE s.editor != v.editor) END"
)
# The variant's copy family (its own id until families are computed, see ``families``) and the
# family verdict a row came from.
_FAMILY = [
    ("family", "coalesce((SELECT f.family_id FROM variant_families f WHERE f.variant_id = var.id), var.id)", False),
    ("batch", "v.batch", True),
]
_COLUMNS: dict[Kind, list[tuple[str, str, bool]]] = {
    "current": [
        ("variant_id", "var.id", False),
        *_VARIANT,
        *_EVENT,
        *_SCORES,
        ("verdict_uid", "v.uid", True),
        ("conflict", _CONFLICT, True),
        *_FAMILY,
    ],
    "history": [
        ("event_id", "v.id", False),
        ("uid", "v.uid", True),
        ("variant_id", "v.variant_id", False),
        ("claim", "v.claim", False),
        *_EVENT,
        ("replaces", "v.replaces", False),
        (
            "undone",
            "EXISTS (SELECT 1 FROM verdicts u WHERE u.replaces = v.id AND u.verdict = 'undo' AND u.id <= :last)",
            False,
        ),
        *_VARIANT,
        *_SCORES,
        *_FAMILY,
    ],
    "claims": [
        ("variant_id", "v.variant_id", False),
        ("claim", "v.claim", False),
        ("status", "c.status", True),
        ("score", "c.score", False),
        ("reasons", "c.reasons", True),
        ("original_claim", "substr(a.text, c.original_start + 1, c.original_end - c.original_start)", True),
        ("variant_claim", "substr(var.text, c.variant_start + 1, c.variant_end - c.variant_start)", True),
        *_EVENT,
        *_VARIANT,
    ],
}
_FROM: dict[Kind, str] = {
    "current": "variants var JOIN verdicts v ON v.id = var.verdict_id JOIN articles a ON a.id = var.article_id",
    "history": "verdicts v JOIN variants var ON var.id = v.variant_id JOIN articles a ON a.id = var.article_id",
    "claims": (
        "(SELECT v.*, row_number() OVER (PARTITION BY v.variant_id, v.claim ORDER BY v.id DESC) AS latest"
        f" FROM verdicts v WHERE v.claim IS NOT NULL AND {LIVE} AND v.variant_id BETWEEN :first AND :last) v"
        " JOIN variants var ON var.id = v.variant_id JOIN articles a ON a.id = var.article_id"
        " LEFT JOIN claims c ON c.variant_id = v.variant_id AND c.number = v.claim"
    ),
}
_WHERE: dict[Kind, list[str]] = {
    "current": ["var.id BETWEEN :first AND :last"],
    "history": ["v.id BETWEEN :first AND :last"],
    "claims": ["v.latest = 1"],  # the key range is applied inside the window's subquery
}
_ORDER: dict[Kind, str] = {"current": "var.id", "history": "v.id", "claims": "v.variant_id, v.claim"}
# The smallest and largest key an export of that kind can meet, from an index or the rowid.
_BOUNDS: dict[Kind, str] = {
    "current": "SELECT min(id) AS first, max(id) AS last FROM variants",
    "history": "SELECT min(id) AS first, max(id) AS last FROM verdicts",
    "claims": "SELECT min(variant_id) AS first, max(variant_id) AS last FROM verdicts WHERE claim IS NOT NULL",
}


def text_columns(kind: Kind) -> tuple[str, ...]:
    """The columns of an export of ``kind`` that hold text, each guarded in a spreadsheet-safe export."""
    return tuple(name for name, _expr, text in _COLUMNS[kind] if text)


def _safe(expr: str) -> str:
    return (
        f"CASE WHEN substr({expr}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) THEN '''' || {expr} ELSE {expr} END"
    )


@dataclass(frozen=True, slots=True)
class KeyRange:
    """Keys ``first`` to ``last``, both included."""

    first: int
    last: int

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    def split(self, parts: int) -> list[KeyRange]:
        """At most ``parts`` adjoining ranges of near-equal size, in key order, covering this one."""
        parts = max(1, min(parts, self.size))
        step, extra = divmod(self.size, parts)
        ranges, first = [], self.first
        for i in range(parts):
            last = first + step - 1 + (i < extra)
            ranges.append(KeyRange(first, last))
            first = last + 1
        return ranges


@dataclass(frozen=True, slots=True)
class ExportQuery:
    """The SQL of an export (named parameters ``:first``, ``:last``, ``:since``) and its header row."""

    sql: str
    header: tuple[str, ...]
    since: str | None = None

    def params(self, keys: KeyRange) -> dict[str, object]:
        """The parameters that read the rows whose key is in ``keys``."""
        return {"first": keys.first, "last": keys.last, "since": self.since}


def export_query(kind: Kind, since: str | None = None, *, spreadsheet_safe: bool = True) -> ExportQuery:
    """The query for ``kind``; ``since`` (stored time format) keeps verdicts decided at or after it."""
    columns = _COLUMNS[kind]
    select = ", ".join(
        f"{_safe(expr) if text and spreadsheet_safe else expr} AS {name}" for name, expr, text in columns
    )
    where = list(_WHERE[kind])
    if since:
        where.append("v.decided_at >= :since")
    sql = f"SELECT {select} FROM {_FROM[kind]} WHERE {' AND '.join(where)} ORDER BY {_ORDER[kind]}"
    return ExportQuery(sql, tuple(name for name, _expr, _text in columns), since)


def key_range(conn: sqlite3.Connection, kind: Kind) -> KeyRange | None:
    """Every key an export of ``kind`` can meet right now; None when there is nothing to export."""
    bounds = conn.execute(_BOUNDS[kind]).fetchone()
    return None if bounds["first"] is None else KeyRange(int(bounds["first"]), int(bounds["last"]))


def stream(conn: sqlite3.Connection, query: ExportQuery, keys: KeyRange) -> Iterator[tuple]:
    """The rows in ``keys``, streamed from one cursor (one snapshot; memory stays flat)."""
    cursor = conn.execute(query.sql, query.params(keys))
    try:
        yield from cursor
    finally:
        cursor.close()
