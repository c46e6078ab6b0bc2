"""CPU work of intake (parsing a feed, extracting a page, scoring a pair) off the event loop.

Not ``asyncio.to_thread``: at exit ``asyncio.run`` waits for the default executor's threads and
every job still queued for them, and the interpreter joins those threads again, so a stopped
watcher would sit out a big feed's parse or a hostile page's scoring that nobody wants any
more. A daemon thread per job is dropped when the process ends; the thread holds no store
connection (only the event loop's thread writes), so nothing stored is lost with it. Callers
bound how many run at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def in_thread(fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)`` in a daemon thread; cancelling the await abandons the job instead of waiting for it."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: Exception | None) -> None:
        if future.done():  # cancelled meanwhile
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            outcome: tuple[T | None, Exception | None] = (fn(*args), None)
        except Exception as exc:  # handed to the awaiting task, which decides what it means
            outcome = (None, exc)
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits for this any more
            loop.call_soon_threadsafe(settle, *outcome)

    threading.Thread(target=run, name=f"claimdesk {getattr(fn, '__name__', 'job')}", daemon=True).start()
    return await future
