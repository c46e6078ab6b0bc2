"""Which URLs and which network addresses the careful client may reach.

Pages come from the open web, and a URL (or a redirect, or a DNS answer) can point anywhere,
including at services on the host itself or the newsroom's private network. The policy is
applied to every redirect hop and to the address actually connected to, not just the first URL.

A URL from a feed entry or a ``Location`` header is hostile text too: :func:`checked_url` parses
and validates it before anything uses it, so a malformed one is a one-line refusal for that
entry or page, never an exception from ``urllib`` or httpx further on.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

SCHEMES = frozenset({"http", "https"})
MAX_URL_LENGTH = 8192  # far beyond any real page's URL; a feed cannot make us store megabytes of one
# Nothing a browser would silently drop or reinterpret: controls (C0, DEL, C1), whitespace inside,
# backslashes (``http:\\host\\`` is another host to a browser), bidi and zero-width marks.
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\\\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# A host name as httpx hands it over (lower case, IDNA-encoded): letters, digits, ``-`` and ``_``.
_HOST_NAME = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?")

# Ranges `ipaddress` does not flag on every Python version, named so that refusals say why.
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_ULA = ipaddress.ip_network("fc00::/7")


def address_problem(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a globally routable unicast address, or None if it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return "an IPv4-mapped IPv6 address"
        if ip in _NAT64 or ip.sixtofour is not None or ip.teredo is not None:
            return "an IPv6 address embedding an IPv4 one"
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip in _CGNAT, "a carrier-grade NAT address"),
        (ip.version == 6 and ip in _ULA, "a unique local address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a globally routable address"),
    )
    return next((why for bad, why in checks if bad), None)


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Allow globally routable addresses, plus ``allow`` networks; ``allow_private`` allows all.

    ``allow`` exists so a caller (or a test on loopback) can open exactly one internal service,
    e.g. ``AddressPolicy(allow=(ip_network("127.0.0.1/32"),))`` reaches 127.0.0.1 but not 127.0.0.2.
    """

    allow_private: bool = False
    allow: tuple[IPNetwork, ...] = ()

    def refusal(self, ip: IPAddress) -> str | None:
        """Why connecting to ``ip`` is refused, or None when it is allowed."""
        if self.allow_private or any(ip in net for net in self.allow if net.version == ip.version):
            return None
        problem = address_problem(ip)
        return f"refused: {ip} is {problem} (use --allow-private to fetch from it)" if problem else None


class BadURL(ValueError):
    """A URL that is not fetched (malformed, or refused by policy); ``str()`` is the reason."""


def checked_url(value: object, base: str | None = None) -> str:
    """``value`` as an absolute http(s) URL (resolved against ``base`` if relative), or :class:`BadURL`.

    Every way a URL can break a parser later is caught here: bad brackets or ports (``http://a]b/``,
    ``http://[::1``, ``http://[zz]/``), characters no host may hold, other schemes (``javascript:``,
    ``data:``, ``file:``), backslashes and controls. The URL is returned as resolved, not re-encoded,
    so the store keeps the feed's own spelling of it.
    """
    if not isinstance(value, str):
        raise BadURL("not a valid URL (not a string)")
    text = value.strip(" \t\r\n\f")
    import httpx  # here, not at the top: `claimdesk ingest` checks URLs but never fetches one

    if len(text) > MAX_URL_LENGTH:
        raise BadURL(f"refused: the URL is longer than {MAX_URL_LENGTH} characters")
    if _UNSAFE_CHARS.search(text):
        raise BadURL("refused: the URL holds a space, a backslash or a control character")
    try:
        url = urljoin(base, text) if base else text
        parts = urlsplit(url)
        host, _port = parts.hostname, parts.port  # both raise ValueError on a malformed authority
        parsed = httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        raise BadURL(f"not a valid URL ({exc})") from None
    if not parts.scheme:
        raise BadURL("refused: not an absolute http or https URL")
    if parts.scheme.lower() not in SCHEMES:
        raise BadURL(f"refused: only http and https URLs are fetched, not {parts.scheme.lower()}:")
    if not host:
        raise BadURL("refused: the URL has no host")
    if not (parts.netloc.rpartition("@")[2].startswith("[") or _HOST_NAME.fullmatch(parsed.raw_host.decode("ascii"))):
        raise BadURL(f"not a valid URL (the host {host!r} is not a host name)")
    return url
