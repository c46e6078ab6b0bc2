"""Errors the store raises for conditions a caller can act on (not bugs)."""

from __future__ import annotations

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


class BadEntry(StoreError):
    """An editor name, note or uid that cannot be stored (unprintable, too long, or not a uid)."""


class NothingToUndo(StoreError):
    """The editor has no live verdict on that variant."""


class LeaseHeld(StoreError):
    """Another editor holds the variant; ``lease`` says who and until when."""

    def __init__(self, lease: Lease) -> None:
        super().__init__(f"variant {lease.variant_id} is held by {lease.editor} until {lease.expires_at}")
        self.lease = lease
