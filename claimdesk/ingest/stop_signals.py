"""SIGINT and SIGTERM stop a long-running intake (``watch``) from inside its event loop, under any load.

``loop.add_signal_handler`` alone can lose a signal. The loop learns of it from a byte that
CPython's C-level handler writes into the loop's self-pipe, and that pipe also gets a byte for
every ``call_soon_threadsafe`` (each result of a worker thread). A busy loop lets a few hundred
pile up, the pipe is full, the signal's byte is dropped ("Exception ignored when trying to write
to the signal wakeup fd: BlockingIOError") and the watcher keeps running.

So the Python-level handler, which the interpreter runs on the main thread whatever became of
that byte, hands the stop to the loop itself (``call_soon_threadsafe``: a full pipe is already a
reason for the loop to wake). The wakeup fd then only wakes the loop, and a full one is no news,
so it is told not to warn about it (as the ``signal.set_wakeup_fd`` documentation advises).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """Set ``stop`` in the running loop on SIGINT or SIGTERM while the block runs; main thread only."""
    loop = asyncio.get_running_loop()

    def handler(_signum: int, _frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(stop.set)

    try:
        for sig in SIGNALS:
            loop.add_signal_handler(sig, stop.set)
            signal.signal(sig, handler)
        signal.set_wakeup_fd(signal.set_wakeup_fd(-1), warn_on_full_buffer=False)
        yield
    finally:
        for sig in SIGNALS:
            loop.remove_signal_handler(sig)
