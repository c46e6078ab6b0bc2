"""Poll a feed of candidate copies and store the new ones, until stopped.

One cycle: a conditional GET of the feed (ETag / Last-Modified remembered in the store), the
entries not seen before fetched concurrently, each pair stored in its own transaction and then
marked seen. Errors back off exponentially with jitter. A stop (SIGINT/SIGTERM) abandons fetches
in flight but never a write: store writes are synchronous on this thread, so a signal handled
by the event loop can only land between two transactions.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from claimdesk.ingest.client import FEED_TYPES, CarefulClient
from claimdesk.ingest.detached import in_thread
from claimdesk.ingest.feeds import FeedEntry, FeedError, parse_feed
from claimdesk.ingest.fetch import Fetcher
from claimdesk.ingest.http_errors import FetchError
from claimdesk.ingest.http_retry import Backoff
from claimdesk.store import Store

Log = Callable[[str], None]

# Pairs fetched and scored at once: enough to keep the client's connections busy (20, at most 2 a host).
ENTRIES_IN_FLIGHT = 20
# A feed of a million bad lines is a few lines in the journal, not a million.
PROBLEMS_SHOWN = 20


@dataclass
class Cycle:
    """What one poll did (filled in as it goes, so a stopped cycle still reports its progress)."""

    feed: str
    format: str = ""
    not_modified: bool = False
    entries: int = 0
    new: int = 0
    added: int = 0
    skipped: int = 0
    failed: int = 0
    bad: int = 0
    stopped: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        """No error, no failed fetch and no unreadable entry."""
        return self.error is None and self.failed == 0 and self.bad == 0

    def line(self) -> str:
        """The one log line of the cycle."""
        if self.error:
            return f"{self.feed}: error: {self.error}"
        if self.not_modified:
            return f"{self.feed}: not modified"
        line = (
            f"{self.feed}: {self.format or 'feed'}, {self.entries} entries, {self.new} new:"
            f" added {self.added}, skipped {self.skipped}, failed {self.failed}, bad {self.bad}"
        )
        return line + (" (stopped: the rest is left for the next run)" if self.stopped else "")


class Watcher:
    """Polls one feed into one store through one careful client."""

    def __init__(self, store: Store, client: CarefulClient, feed_url: str, log: Log) -> None:
        self.store = store
        self.client = client
        self.feed_url = feed_url
        self.log = log

    def _conditional_headers(self) -> dict[str, str]:
        state = self.store.feed_state(self.feed_url)
        headers = {}
        if state and state.etag:
            headers["If-None-Match"] = state.etag
        if state and state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        return headers

    async def cycle(self, cycle: Cycle) -> None:
        """Poll once into ``cycle``; a network or feed problem ends up in ``cycle.error``, not raised."""
        try:
            page = await self.client.get(self.feed_url, accept=FEED_TYPES, headers=self._conditional_headers())
            if page.status == 304:
                cycle.not_modified = True
                return
            feed = await in_thread(parse_feed, page.content, page.url)  # seconds for a big Atom feed
        except FetchError as exc:
            cycle.error = exc.reason
            return
        except FeedError as exc:
            cycle.error = str(exc)
            return
        cycle.format, cycle.entries, cycle.bad = feed.format, len(feed.entries), len(feed.problems)
        for problem in feed.problems[:PROBLEMS_SHOWN]:
            self.log(f"{self.feed_url}: {problem}")
        if len(feed.problems) > PROBLEMS_SHOWN:
            self.log(f"{self.feed_url}: {len(feed.problems) - PROBLEMS_SHOWN} more bad entries not shown")
        by_key = {entry.key: entry for entry in feed.entries}
        new = [by_key[key] for key in self.store.unseen_entries(self.feed_url, by_key)]
        cycle.new = len(new)
        await self._store_entries(new, cycle)
        if cycle.failed == 0:
            # Only now: had the validators been saved earlier, a 304 would hide the entries left undone.
            self.store.save_feed_state(self.feed_url, page.headers.get("etag"), page.headers.get("last-modified"))

    async def _store_entries(self, entries: list[FeedEntry], cycle: Cycle) -> None:
        """Fetch entries a few at a time; store and mark each one seen as soon as it is ready.

        A few workers, not a task per entry: with thousands of entries started at once, every
        page would be downloaded before the first pair finished scoring (a stop would find none
        stored), and the worker threads' wake-ups would flood the event loop's self-pipe, which
        also carries its signals.
        """
        fetcher = Fetcher(self.client, self.store)
        todo = iter(entries)  # shared: each worker takes the next entry when it is free

        async def work() -> None:
            for entry in todo:
                await self._store_one(entry, fetcher, cycle)

        try:
            async with asyncio.TaskGroup() as workers:
                for _ in range(min(ENTRIES_IN_FLIGHT, len(entries))):
                    workers.create_task(work())
        finally:
            fetcher.close()

    async def _store_one(self, entry: FeedEntry, fetcher: Fetcher, cycle: Cycle) -> None:
        """Fetch and score one entry, then store it and mark it seen with no ``await`` between the two."""
        try:
            pair = await fetcher.pair(entry.article, entry.variant)
        except FetchError as exc:
            cycle.failed += 1
            self.log(f"{self.feed_url}: {exc}")
            return
        except Exception as exc:  # a page that breaks the extractor or the engine fails its entry, not the watcher
            cycle.failed += 1
            self.log(f"{self.feed_url}: {entry.variant.url or entry.key}: not stored ({type(exc).__name__}: {exc})")
            return
        result = fetcher.store_pair(pair)
        self.store.mark_entries_seen(self.feed_url, [entry.key])
        if result.added:
            cycle.added += 1
        else:
            cycle.skipped += 1


async def watch(
    watcher: Watcher, stop: asyncio.Event, *, interval: float, once: bool, backoff: Backoff | None = None
) -> int:
    """Poll until ``stop`` is set (or once); returns 0, or 1 when the last cycle had failures.

    A stop cancels the cycle in flight. Cancellation is delivered only at an ``await``, and no
    store write awaits anything, so every transaction is either committed or never begun.
    """
    backoff = backoff or Backoff(base=interval, cap=max(interval * 16, 3600.0))
    failures = 0
    stopping = asyncio.ensure_future(stop.wait())
    try:
        while True:
            cycle = Cycle(watcher.feed_url)
            poll = asyncio.ensure_future(watcher.cycle(cycle))
            await asyncio.wait({poll, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not poll.done():
                poll.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await poll
            if poll.cancelled():
                cycle.stopped = True
            else:
                poll.result()  # an unexpected error is a bug: let it surface
            watcher.log(cycle.line())
            failures = 0 if cycle.error is None else failures + 1
            if once or stop.is_set():
                return 0 if cycle.ok else 1
            delay = interval + (backoff.delay(failures - 1) if failures else 0.0)
            await asyncio.wait({stopping}, timeout=delay)
            if stop.is_set():
                return 0
    finally:
        stopping.cancel()
