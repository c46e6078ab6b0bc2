"""Which URLs and which network addresses the careful client may reach.

Pages come from the open web, and a URL (or a redirect, or a DNS answer) can point anywhere,
including at services on the host itself or the newsroom's private network. The policy is
applied to every redirect hop and to the address actually connected to, not just the first URL.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

SCHEMES = frozenset({"http", "https"})

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


def scheme_problem(url: httpx.URL) -> str | None:
    """Why ``url`` may not be fetched at all (a scheme other than http/https, no host), or None."""
    if not url.scheme:
        return "refused: not an absolute http or https URL"
    if url.scheme not in SCHEMES:
        return f"refused: only http and https URLs are fetched, not {url.scheme}:"
    if not url.host:
        return "refused: the URL has no host"
    return None
