"""The proxies the environment names (``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``).

httpx reads these only for the transports it builds itself; a client given ``transport=`` (ours,
which checks every address it connects to) ignores them. So they are read here, with the standard
library's reader, and turned into httpx mount patterns; :class:`~claimdesk.ingest.client.CarefulClient`
gives each proxy a guarded transport of its own, so the address policy still holds for the
connection to the proxy. ``NO_PROXY`` entries are hosts, domains (with their subdomains) or
addresses; CIDR ranges are not understood, so such hosts go through the proxy, still checked.
"""

from __future__ import annotations

import ipaddress
import urllib.request

import httpx

PROXY_SCHEMES = ("http", "https")


class ProxyUnsupported(ValueError):
    """A proxy variable the careful client cannot honour (a SOCKS proxy, a malformed URL)."""


def env_proxies() -> dict[str, str | None]:
    """httpx mount pattern -> proxy URL, or ``None`` for a host ``NO_PROXY`` sends direct.

    More specific patterns win in httpx, so ``http://`` (HTTP_PROXY) beats ``all://`` (ALL_PROXY)
    and ``all://host`` (NO_PROXY) beats both. ``NO_PROXY=*`` means no proxy at all.
    """
    found = urllib.request.getproxies()
    mounts: dict[str, str | None] = {}
    for scheme in ("all", *PROXY_SCHEMES):
        if found.get(scheme):
            mounts[f"{scheme}://"] = _proxy_url(scheme, found[scheme])
    for entry in found.get("no", "").split(","):
        host = entry.strip().lstrip(".")
        if host == "*":
            return {}
        if host:
            mounts[_direct_pattern(host)] = None
    return mounts


def _proxy_url(scheme: str, value: str) -> str:
    """The proxy URL (``host:port`` means ``http://host:port``), refused unless http or https."""
    url = value if "://" in value else f"http://{value}"
    variable = f"{scheme.upper()}_PROXY"
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        raise ProxyUnsupported(f"{variable} is not a valid proxy URL") from None  # it may hold a password
    if parsed.scheme not in PROXY_SCHEMES or not parsed.host:
        raise ProxyUnsupported(f"{variable}: only http:// and https:// proxies are supported")
    return url


def _direct_pattern(host: str) -> str:
    """The httpx pattern for one ``NO_PROXY`` entry: an address exactly, a name with its subdomains."""
    pattern = _pattern(host)
    try:
        httpx.URL(pattern)  # what httpx makes of a mount key; refused here, not as a traceback later
    except httpx.InvalidURL:
        raise ProxyUnsupported(f"NO_PROXY: {host!r} is not a host, domain or address") from None
    return pattern


def _pattern(host: str) -> str:
    if "://" in host:
        return host
    if host.startswith("["):  # [v6] or [v6]:port
        return f"all://{host}"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return f"all://*{host}"
    return f"all://[{address}]" if address.version == 6 else f"all://{address}"
