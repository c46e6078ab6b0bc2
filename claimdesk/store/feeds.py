"""What feed polling remembers: HTTP validators per feed and the entries already seen.

Kept in the store so a restarted `watch` neither refetches unchanged feeds nor re-ingests
entries it has handled.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from claimdesk.store.connection import Core
from claimdesk.store.models import FeedState


def state(core: Core, url: str) -> FeedState | None:
    """The feed's last ETag/Last-Modified, or None if never polled."""
    row = core.read_one("SELECT url, etag, last_modified, checked_at FROM feeds WHERE url = ?", (url,))
    return FeedState(**row) if row else None


def save_state(core: Core, url: str, etag: str | None, last_modified: str | None) -> FeedState:
    """Remember the validators of the latest response (and when it came)."""
    checked = core.now()
    core.write(
        lambda conn: conn.execute(
            "INSERT INTO feeds (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?) ON CONFLICT (url) DO UPDATE"
            " SET etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at",
            (url, etag, last_modified, checked),
        )
    )
    return FeedState(url, etag, last_modified, checked)


def unseen(core: Core, feed_url: str, entries: Iterable[str]) -> list[str]:
    """The entries (ids or links) not yet marked seen for this feed, in the order given."""
    wanted = list(dict.fromkeys(entries))
    if not wanted:
        return []
    seen = {
        row["entry"]
        for row in core.read(
            "SELECT entry FROM feed_entries WHERE feed_url = ? AND entry IN (SELECT value FROM json_each(?))",
            (feed_url, json.dumps(wanted)),
        )
    }
    return [e for e in wanted if e not in seen]


def mark_seen(core: Core, feed_url: str, entries: Iterable[str]) -> None:
    """Record entries as handled, so the next poll skips them."""
    now = core.now()
    rows = [(feed_url, e, now) for e in dict.fromkeys(entries)]
    if rows:
        core.write(
            lambda conn: conn.executemany(
                "INSERT INTO feed_entries (feed_url, entry, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", rows
            )
        )
