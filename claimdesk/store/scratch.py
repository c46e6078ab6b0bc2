"""Scratch files an export leaves next to its output, named so a later run can tell they are stale.

Signals are handled (:mod:`claimdesk.store.export_slices` turns SIGTERM and SIGHUP into an
exception, so the usual clean-up runs), but SIGKILL or a power cut cannot be: their debris stays.
Every scratch name carries the owner's process id, ``.claimdesk-<pid>-...``; the next export
removes entries of a process that no longer runs, or older than a day whatever the pid says (a
pid may have been reused since, or belong to another host sharing the folder).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from pathlib import Path

PREFIX = ".claimdesk-"
STALE_SECONDS = 24 * 3600
_OWNER = re.compile(re.escape(PREFIX) + r"(\d+)-")


def prefix(job: str) -> str:
    """The start of this process's scratch names for ``job``."""
    return f"{PREFIX}{os.getpid()}-{job}."


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def is_stale(entry: os.DirEntry[str], now: float) -> bool:
    """True for another process's scratch entry whose process is gone, or for any older than a day."""
    owner = _OWNER.match(entry.name)
    if owner is None:
        return False
    pid = int(owner.group(1))
    try:
        age = now - entry.stat(follow_symlinks=False).st_mtime
    except FileNotFoundError:
        return False
    return age > STALE_SECONDS or (pid != os.getpid() and not _running(pid))


def sweep(folder: str | Path) -> int:
    """Remove stale scratch entries in ``folder``; returns how many. Never fails the export."""
    removed, now = 0, time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not is_stale(entry, now):
                continue
            with contextlib.suppress(FileNotFoundError):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
                removed += 1
    return removed
