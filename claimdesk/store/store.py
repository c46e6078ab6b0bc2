"""``Store``: the one object the app, intake and commands use to reach the SQLite file.

A thin facade over small modules (intake, inbox, detail, verdicts, leases, feeds), so callers
have one import and the modules keep one job each. Open one Store per thread.

Intake is imported on first use: it scores pairs with the claim engine, whose import the review
app (which only reads and records verdicts) should not pay at launch.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.store import article_groups, detail, families, family_verdicts, feeds, inbox, leases, spread, verdicts
from claimdesk.store.connection import Clock, Core, utc_now
from claimdesk.store.errors import MissingStore, StoreError, StoreUnavailable, space_note
from claimdesk.store.migrate import migrate
from claimdesk.store.models import (
    AddResult,
    Article,
    ArticleGroupKey,
    ArticleGroupPage,
    ArticleIn,
    FamilyBatch,
    FamilyInfo,
    FamilyRow,
    FeedState,
    HistoryEntry,
    InboxCounts,
    InboxPage,
    InboxQuery,
    InboxRow,
    Lease,
    PageKey,
    Spread,
    StoredClaim,
    VariantDetail,
    VariantIn,
    Verdict,
)

if TYPE_CHECKING:
    from claimdesk.claims import Report


def _forget_empty(path: str | Path, fresh: bool) -> None:
    """Remove a store file this open created if it is still empty (a full disk), with its WAL files.

    An empty file left behind would be taken for a store by the next run; a file with any bytes
    may be another process's store in the making and is left alone.
    """
    if not fresh:
        return
    with contextlib.suppress(OSError):
        if os.path.getsize(path) == 0:
            for end in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{path}{end}")


class Store(Core):
    """A claimdesk store file: open it with :meth:`open`, close it (or use ``with``) when done."""

    @classmethod
    def open(cls, path: str | Path, *, clock: Clock = utc_now, create: bool = True) -> Store:
        """Open (migrating if needed) the store at ``path``; a new file only if ``create``.

        Commands that only read or review pass ``create=False``: a mistyped path is then
        MissingStore, not a new empty store. A store we cannot write opens read-only
        (``store.read_only`` says why). Raises StoreUnavailable, with the reason in one line, if
        the file cannot be a store.
        """
        path = Path(path)
        if not create and not path.exists():
            raise MissingStore(
                f"no store at {path}: create one with `claimdesk ingest FILE --db {path}`, or try `claimdesk demo`"
            )
        fresh = not path.exists()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            store = cls(path, clock)
        except (OSError, sqlite3.Error) as exc:
            _forget_empty(path, fresh)
            cause = getattr(exc, "strerror", None) or exc
            raise StoreUnavailable(f"cannot open store {path}: {cause}{space_note(path)}") from None
        try:
            migrate(store)
        except sqlite3.DatabaseError as exc:
            store.close()
            _forget_empty(path, fresh)
            raise StoreUnavailable(f"cannot open store {path}: {exc}{space_note(path)}") from None
        except StoreError:
            store.close()
            raise
        return store

    # Intake -------------------------------------------------------------------------------

    def add_pair(self, article: ArticleIn, variant: VariantIn, report: Report | None = None) -> AddResult:
        """Add an article/variant pair exactly as `claimdesk ingest` does (scored unless ``report``)."""
        from claimdesk.store import intake

        return intake.add_pair(self, article, variant, report)

    def find_article_by_url(self, url: str) -> Article | None:
        """The latest article stored under ``url``, or None."""
        from claimdesk.store import intake

        return intake.find_article_by_url(self, url)

    # Inbox --------------------------------------------------------------------------------

    def inbox_page(
        self,
        query: InboxQuery = InboxQuery(),  # noqa: B008 - frozen, so a shared default is safe
        *,
        after: PageKey | None = None,
        before: PageKey | None = None,
        limit: int = 50,
    ) -> InboxPage:
        """A page of the inbox by key; pass ``page.next`` as ``after`` (or ``page.previous`` as ``before``)."""
        return inbox.page(self, query, after=after, before=before, limit=limit)

    def inbox_count(self, query: InboxQuery = InboxQuery()) -> int:  # noqa: B008
        """How many variants ``query`` lists."""
        return inbox.count(self, query)

    def inbox_rows(self, ids: Sequence[int]) -> list[InboxRow]:
        """Fresh inbox rows for these ids, in order (to redraw visible lines after a change)."""
        return inbox.rows(self, ids)

    def counts(self) -> InboxCounts:
        """Totals by state: total, new, decided, held."""
        return inbox.counts(self)

    # Review -------------------------------------------------------------------------------

    def variant(self, variant_id: int) -> VariantDetail:
        """One variant with its article, scores, current verdict and lease (NotFound if unknown)."""
        return detail.variant(self, variant_id)

    def claims(self, variant_id: int) -> list[StoredClaim]:
        """The variant's claims in order, numbered from 1, with current claim verdicts."""
        return detail.claims(self, variant_id)

    # Verdicts -----------------------------------------------------------------------------

    # Append a verdict, durably: the log's own function is the method (a Store is its Core).
    record_verdict = verdicts.record

    def undo(self, variant_id: int, editor: str, *, uid: str | None = None) -> Verdict:
        """Retract the editor's latest live verdict on the variant; returns the undo event.

        If that verdict came from a family verdict, the whole batch is taken back (one undo row per
        member, all carrying the batch id, as the returned event's ``batch`` says)."""
        return verdicts.undo(self, variant_id, editor, uid=uid)

    def current_verdict(self, variant_id: int, claim: int | None = None) -> Verdict | None:
        """The current verdict on the variant (or one claim), derived from the log."""
        return verdicts.current(self, variant_id, claim)

    def history(self, variant_id: int) -> list[HistoryEntry]:
        """The verdicts on the whole variant, oldest first, each marked undone or not."""
        return verdicts.history(self, variant_id)

    def verdict_event(self, event_id: int) -> Verdict | None:
        """One event of the log by id."""
        return verdicts.event(self, event_id)

    def verdicts_today(self, editor: str) -> int:
        """The editor's live verdicts since midnight UTC."""
        return verdicts.count_today(self, editor)

    # Families, batches, spread ----------------------------------------------------------------

    def article_groups_page(
        self, query: InboxQuery, after: ArticleGroupKey | None = None, limit: int = 50
    ) -> ArticleGroupPage:
        """A page of the grouped inbox: one row per article, riskiest copy first, then id; pass
        ``page.next`` as ``after`` for the next page. The query's filters apply (its sort does not)."""
        return article_groups.page(self, query, after, limit)

    def article_groups_key_before(self, query: InboxQuery, index: int, total: int) -> ArticleGroupKey | None:
        """The ``after`` key that reads the grouped listing from article ``index`` (of ``total``) on,
        in one query however far down it is."""
        return article_groups.key_before(self, query, index, total)

    def article_groups_count(self, query: InboxQuery = InboxQuery()) -> int:  # noqa: B008
        """How many articles the grouped inbox lists under ``query``."""
        return article_groups.count(self, query)

    def article(self, article_id: int) -> Article:
        """One article (NotFound if unknown)."""
        return detail.article(self, article_id)

    def article_families(self, article_id: int) -> list[FamilyRow]:
        """The article's families, riskiest first: members, undecided, sites, shared distortions."""
        return families.article_families(self, article_id)

    def family_of(self, variant_id: int) -> FamilyInfo:
        """The variant's family (a family of one under its own id until families are computed)."""
        return families.family_of(self, variant_id)

    def family_eligible(self, variant_id: int, editor: str) -> int:
        """How many members a family verdict by ``editor`` would record: undecided, not held by another."""
        return families.eligible(self, variant_id, editor)

    def record_family_verdict(self, variant_id: int, verdict: str, editor: str, note: str | None = None) -> FamilyBatch:
        """One verdict row per eligible member of the variant's family, sharing a batch id, in one
        durable transaction; held and decided members are skipped and counted. ``undo`` on any
        member takes the whole batch back."""
        return family_verdicts.record(self, variant_id, verdict, editor, note)

    def batch_size(self, batch: str) -> int:
        """How many verdict rows a batch recorded (to say "undone on N copies")."""
        return family_verdicts.size(self, batch)

    def spread(self, article_id: int) -> Spread:
        """Per article claim: copies keeping, rewording, altering, dropping it, and each altered value
        with its count and earliest copy (NotFound if the article is unknown)."""
        return spread.spread(self, article_id)

    # Leases -------------------------------------------------------------------------------

    def take_lease(self, variant_id: int, editor: str, seconds: int = leases.LEASE_SECONDS) -> Lease:
        """Hold the variant, or extend our hold; raises LeaseHeld when another editor has it."""
        return leases.take(self, variant_id, editor, seconds)

    def release_lease(self, variant_id: int, editor: str) -> bool:
        """Let go of the variant; True if we held it."""
        return leases.release(self, variant_id, editor)

    def lease(self, variant_id: int) -> Lease | None:
        """Who holds the variant right now, if anyone."""
        return leases.holder(self, variant_id)

    def expire_leases(self) -> int:
        """Delete lapsed leases; returns how many."""
        return leases.expire(self)

    # Feeds --------------------------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState | None:
        """The feed's remembered ETag/Last-Modified."""
        return feeds.state(self, url)

    def save_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> FeedState:
        """Remember the feed's validators after a poll."""
        return feeds.save_state(self, url, etag, last_modified)

    def unseen_entries(self, feed_url: str, entries: Iterable[str]) -> list[str]:
        """Of these entry ids, the ones not yet handled."""
        return feeds.unseen(self, feed_url, entries)

    def mark_entries_seen(self, feed_url: str, entries: Iterable[str]) -> None:
        """Record entries as handled."""
        feeds.mark_seen(self, feed_url, entries)
