"""One inbox listing (its filters, search and sort) written to CSV, as the editor sees it listed.

The verdict exports (:mod:`claimdesk.store.export`) are one row per decision; this is one row per
listed variant, decided or not, for "send me the copies you are looking at". Pages are read by
key like the inbox does, the file is written under a temporary name and renamed (a failed export
leaves no half file), and text cells that could start a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from claimdesk.store import inbox
from claimdesk.store.connection import Core
from claimdesk.store.models import InboxQuery, InboxRow, PageKey

COLUMNS = ("variant_id", "state", "risk", "altered", "dropped", "added", "site", "title", "found_at", "verdict")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str | None) -> str:
    value = value or ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _line(row: InboxRow) -> tuple[object, ...]:
    return (
        row.id,
        row.state,
        row.risk,
        row.altered,
        row.dropped,
        row.added,
        _text(row.site),
        _text(row.title),
        _text(row.found_at or row.created_at),
        _text(row.verdict),
    )


def write_listing(core: Core, query: InboxQuery, path: Path) -> int:
    """Write every variant ``query`` lists to ``path`` in listing order; returns the row count."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    written = 0
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(COLUMNS)
            after: PageKey | None = None
            while True:
                page = inbox.page(core, query, after=after, limit=1000)
                writer.writerows(_line(row) for row in page.rows)
                written += len(page.rows)
                if page.next is None:
                    break
                after = page.next
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written
