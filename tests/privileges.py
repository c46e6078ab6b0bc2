"""Running a subprocess that ``chmod`` binds even when the tests run as root.

Root passes permission checks by its capabilities, not its uid: with the capability bounding
set emptied before ``exec`` (what ``setpriv --bounding-set=-all`` does), root meets the mode
bits as any owner does, so a ``chmod``-ed store file or folder is really read-only to the child.
As an ordinary user the drop is refused and changes nothing; ``chmod`` works as it always does.
"""

from __future__ import annotations

import ctypes

_PR_CAPBSET_DROP = 24


def without_capabilities() -> None:
    """``preexec_fn``: drop every capability from the bounding set (a no-op unless root)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in range(64):
        libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0)
