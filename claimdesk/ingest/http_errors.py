"""The one error a fetch reports: which URL failed and why, in words an editor can act on."""

from __future__ import annotations


class FetchError(Exception):
    """A page could not be fetched or was refused; ``str()`` is one line naming the URL and the reason.

    ``retryable`` marks failures worth another try (a 5xx answer, a dropped connection); a refusal
    by policy (private address, wrong scheme, too large, wrong type) is final.
    """

    def __init__(self, url: str, reason: str, *, retryable: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retryable = retryable


class AddressRefused(FetchError):
    """The host resolved to an address the policy does not allow (loopback, private, ...)."""
