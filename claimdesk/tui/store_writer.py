"""``StoreWriter``: the app's store writes, one after another, on a thread of their own.

A write waits for SQLite's write lock, up to the busy timeout, while another process holds it; on
the event loop that wait froze the screen and queued the editor's keys behind it. Every write the
app makes (verdicts, undo, leases) and the reads that decide it therefore run here, in the order
they were asked for, on one thread with its own connection (the store's rule: one connection per
thread), and the screen awaits the result while it keeps painting and taking keys.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from claimdesk.store import Store, StoreError
from claimdesk.store.checkpoints import defer

T = TypeVar("T")


class StoreWriter:
    """Runs jobs ``job(store)`` in submission order on one thread; its ``Store`` is made there."""

    def __init__(self, path: str | Path, *, busy_timeout_ms: int) -> None:
        self.path = Path(path)
        self.busy_timeout_ms = busy_timeout_ms
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimdesk-store")
        self._store: Store | None = None  # touched on the writer thread only
        self._closed = False

    def _on_thread(self, job: Callable[[Store], T]) -> T:
        if self._store is None:
            self._store = Store(self.path, busy_timeout_ms=self.busy_timeout_ms)
            defer(self._store)  # the app's checkpoint worker copies the WAL, never a verdict's commit
        return job(self._store)

    def submit(self, job: Callable[[Store], T]) -> Future[T]:
        """Queue ``job``; the future holds its result or the exception it raised (StoreError once closed)."""
        if self._closed:
            refused: Future[T] = Future()
            refused.set_exception(StoreError("the app is closing: nothing more is written"))
            return refused
        return self._executor.submit(self._on_thread, job)

    async def run(self, job: Callable[[Store], T]) -> T:
        """Queue ``job`` and wait for it without blocking the event loop."""
        return await asyncio.wrap_future(self.submit(job))

    def close(self) -> None:
        """Close the connection after the jobs already queued (a lease release on the way out among them)."""

        def close_store() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        if self._closed:
            return
        self._closed = True
        self._executor.submit(close_store)
        # Waits for a write still in flight (at most the busy timeout): it either lands or fails.
        self._executor.shutdown(wait=True)
