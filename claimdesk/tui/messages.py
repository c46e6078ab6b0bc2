"""Messages between the inbox's worker threads and its widgets.

Workers never touch widgets: they post one of these (thread-safe) and the widget applies the
result on the UI thread, dropping it if the listing changed since (``generation``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from claimdesk.store.models import InboxCounts, InboxRow


@dataclass
class PageLoaded(Message):
    """Rows ``[page * size, page * size + len(rows))`` of the listing read by a worker."""

    generation: int
    page: int
    rows: tuple[InboxRow, ...]
    conflicts: frozenset[int]


@dataclass
class ListingCounted(Message):
    """A fresh row count, where the anchored variant now sits (None if unlisted), what is new,
    and the first page when the screen shows the top of the listing."""

    generation: int
    total: int
    anchor_index: int | None
    new_since: int
    newest: int
    top: tuple[InboxRow, ...] | None
    conflicts: frozenset[int]


@dataclass
class StoreChanged(Message):
    """Totals for the status line and the editor's day; ``changed`` asks for a recount of the
    listing (False for the first look, unless something was committed since the inbox opened)."""

    counts: InboxCounts
    done_today: int
    changed: bool


@dataclass
class ProgressCounted(Message):
    """A review worker counted its listing: how many are undecided, of how many listed."""

    undecided: int
    listed: int
