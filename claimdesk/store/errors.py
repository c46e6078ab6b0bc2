"""Errors the store raises for conditions a caller can act on (not bugs)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimdesk.store.models import Lease


class StoreError(Exception):
    """Base class: a request the store refused; the message is one line fit for an editor."""


class StoreUnavailable(StoreError):
    """The file cannot be opened or made a store (not SQLite, no permission, no such folder, disk full)."""


class NotFound(StoreError):
    """No such variant, claim or verdict."""


class BadVerdict(StoreError):
    """A verdict name that does not apply (unknown, or a claim verdict on a variant)."""


class UidReused(StoreError):
    """A verdict uid already stored for another variant, claim or verdict."""


class BadEntry(StoreError):
    """An editor name, note or uid that cannot be stored (unprintable, too long, or not a uid)."""


class NothingToUndo(StoreError):
    """The editor has no live verdict on that variant."""


class LeaseHeld(StoreError):
    """Another editor holds the variant; ``lease`` says who and until when."""

    def __init__(self, lease: Lease) -> None:
        super().__init__(f"variant {lease.variant_id} is held by {lease.editor} until {lease.expires_at}")
        self.lease = lease


class StoreBusy(StoreUnavailable):
    """Another process held the write lock past the busy timeout: nothing was written."""


class ReadOnlyStore(StoreUnavailable):
    """The store file (or its folder) cannot be written by us: it opens for reading only."""


class VerdictChanged(StoreError):
    """The variant's current verdict is no longer the one the editor was shown: nothing recorded."""


class MissingStore(StoreUnavailable):
    """No store file at the path a reading command was given (it is not created for nothing)."""


def space_note(path: str | Path) -> str:
    """`` (no space left on device)`` when the file system of ``path`` is full, else ``""``.

    SQLite reports a full disk while it opens its ``-shm`` or grows its WAL as a bare "disk I/O
    error"; this says which fault it was.
    """
    try:
        fs = os.statvfs(Path(path).absolute().parent)
    except OSError:
        return ""
    return " (no space left on device)" if fs.f_bavail == 0 or fs.f_favail == 0 else ""
