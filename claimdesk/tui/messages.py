"""Messages between the inbox's worker threads and its widgets.

Workers never touch widgets: they post one of these (thread-safe) and the widget applies the
result on the UI thread, dropping it if the listing changed since (``generation``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from claimdesk.store.models import ArticleGroupKey, ArticleGroupRow, FamilyRow, InboxCounts, InboxRow


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


@dataclass
class GroupsCounted(Message):
    """The grouped listing counted again: how many articles, the first page when the screen shows
    the top, and the expanded article's families read afresh (None if none is expanded, or it is
    no longer at its place in the listing)."""

    generation: int
    total: int
    top: tuple[ArticleGroupRow, ...] | None
    families: tuple[FamilyRow, ...] | None


@dataclass
class GroupPageLoaded(Message):
    """Articles ``[page * size, page * size + len(rows))`` of the grouped listing, and the keys
    learned on the way there (``keys[p]`` reads page ``p``)."""

    generation: int
    page: int
    rows: tuple[ArticleGroupRow, ...]
    keys: dict[int, ArticleGroupKey | None]


@dataclass
class FamiliesLoaded(Message):
    """The families of the article at ``index`` of the grouped listing, to show under it."""

    generation: int
    index: int
    article_id: int
    families: tuple[FamilyRow, ...]
