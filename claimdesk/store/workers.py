"""Worker processes that die with the process that started them.

An export stops its workers when it ends or fails, but not if it is SIGKILLed: they
would run on, writing scratch files nobody will read. On Linux each worker asks the kernel to
SIGKILL it when its parent dies (``prctl(PR_SET_PDEATHSIG)``, through ctypes: no dependency, one
call, and the kernel does the watching, with no polling thread). Elsewhere the export's own
clean-up is what there is. Workers ignore SIGINT: a Ctrl-C reaches the whole process group, and
the parent, which catches it, stops them itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def start_worker(parent: int) -> None:
    """A worker's first step: die with ``parent``, leave SIGINT to it; exit if it is already gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
