"""Export queries: current verdicts, the full history, or claim verdicts, as a streamed cursor.

Spreadsheet safety is done in SQL: text cells starting with ``= + - @``, tab or CR get a leading
``'`` (so a title like ``=HYPERLINK(...)`` stays text), while numbers stay numbers. Doing it in
the query keeps the Python side a bare ``csv.writer.writerows(cursor)``, which is what lets
exporting a million rows run close to ``sqlite3 -csv`` speed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from claimdesk.store.connection import Core
from claimdesk.store.verdicts import LIVE

Kind = Literal["current", "history", "claims"]

# (column, SQL expression, is text). Text columns are the ones that can carry a formula.
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
    ("decided_at", "v.decided_at", False),
    ("note", "v.note", True),
]
_COLUMNS: dict[Kind, list[tuple[str, str, bool]]] = {
    "current": [("variant_id", "var.id", False), *_VARIANT, *_EVENT, *_SCORES, ("verdict_uid", "v.uid", False)],
    "history": [
        ("event_id", "v.id", False),
        ("uid", "v.uid", False),
        ("variant_id", "v.variant_id", False),
        ("claim", "v.claim", False),
        *_EVENT,
        ("replaces", "v.replaces", False),
        ("undone", "EXISTS (SELECT 1 FROM verdicts u WHERE u.replaces = v.id AND u.verdict = 'undo')", False),
        *_VARIANT,
        *_SCORES,
    ],
    "claims": [
        ("variant_id", "v.variant_id", False),
        ("claim", "v.claim", False),
        ("status", "c.status", False),
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
        f" FROM verdicts v WHERE v.claim IS NOT NULL AND {LIVE}) v"
        " JOIN variants var ON var.id = v.variant_id JOIN articles a ON a.id = var.article_id"
        " LEFT JOIN claims c ON c.variant_id = v.variant_id AND c.number = v.claim"
    ),
}
_WHERE: dict[Kind, list[str]] = {"current": [], "history": [], "claims": ["v.latest = 1"]}
_ORDER: dict[Kind, str] = {"current": "var.id", "history": "v.id", "claims": "v.variant_id, v.claim"}


def _safe(expr: str) -> str:
    return (
        f"CASE WHEN substr({expr}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) THEN '''' || {expr} ELSE {expr} END"
    )


@dataclass(frozen=True, slots=True)
class ExportQuery:
    """The SQL of an export, its parameters and its header row."""

    sql: str
    params: tuple[str, ...]
    header: tuple[str, ...]


def export_query(kind: Kind, since: str | None = None, *, spreadsheet_safe: bool = True) -> ExportQuery:
    """The query for ``kind``; ``since`` (stored time format) keeps verdicts decided at or after it."""
    columns = _COLUMNS[kind]
    select = ", ".join(
        f"{_safe(expr) if text and spreadsheet_safe else expr} AS {name}" for name, expr, text in columns
    )
    where = list(_WHERE[kind])
    params: tuple[str, ...] = ()
    if since:
        where.append("v.decided_at >= ?")
        params = (since,)
    sql = f"SELECT {select} FROM {_FROM[kind]}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {_ORDER[kind]}"
    return ExportQuery(sql, params, tuple(name for name, _expr, _text in columns))


def stream(core: Core, query: ExportQuery) -> Iterator[tuple]:
    """The rows, streamed from one cursor (one consistent snapshot; memory stays flat)."""
    cursor: sqlite3.Cursor = core.conn.execute(query.sql, query.params)
    try:
        yield from cursor
    finally:
        cursor.close()
