"""URLs from untrusted input, checked once so that nothing later trips over them.

``urllib.parse`` raises ``ValueError`` for some malformed URLs only when a part is asked for
(``http://[::1`` at the split, ``http://[zz]/`` at the host, a port of 99999 at ``.port``), which
used to surface as a traceback far from the input. Intake lines, feeds and the fetch command check
through :func:`check_url`, so every one of them refuses the same URLs with the same words.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SCHEMES = ("http", "https")
MAX_URL_CHARS = 8192


class BadURL(ValueError):
    """A URL we will not store or fetch; the message names the problem."""


def check_url(url: str) -> str:
    """``url`` unchanged if it is an absolute http(s) URL with a host; BadURL otherwise."""
    if len(url) > MAX_URL_CHARS:
        raise BadURL(f"URL longer than {MAX_URL_CHARS} characters")
    if any(c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in url):
        raise BadURL("URL with a space or control character")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - asked for its ValueError (not a number, out of range)
    except ValueError as exc:
        raise BadURL(f"malformed URL ({exc})") from None
    if parts.scheme.lower() not in SCHEMES:
        raise BadURL(f"URL scheme must be {' or '.join(SCHEMES)}, not {parts.scheme or 'none'!r}")
    if not host:
        raise BadURL("URL without a host")
    return url
