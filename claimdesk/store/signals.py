"""SIGTERM and SIGHUP as exceptions, so a stopped export cleans up exactly as a failed one does.

Python's default for both is to die on the spot: no ``finally`` runs, so the temporary output
(``.part``), the workers' scratch folder and the workers themselves stayed behind. Raised as
:class:`Stopped` (a ``KeyboardInterrupt``, like SIGINT), they unwind through the same clean-up.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

CAUGHT = (signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """The process was asked to stop by ``signum``; its exit code is 128 + signum, as shells say."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def stop_signals_raise() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Stopped` (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise) for signum in CAUGHT}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
