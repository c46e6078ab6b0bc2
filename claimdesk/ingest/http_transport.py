"""An httpx transport that checks the address it actually connects to.

Checking a URL's host before the request is not enough: DNS can answer differently a moment
later (rebinding), and a name can hide a private address. So the check lives in the network
backend httpcore calls to open every connection: the host is resolved once, every address is
checked against the :class:`AddressPolicy`, and the socket is opened to that checked address
(never re-resolved). The URL is unchanged, so the Host header, TLS SNI and certificate checks
still use the name. The peer address of the open socket is checked once more before use.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Iterable

import anyio
import httpcore
import httpx

from claimdesk.ingest.http_errors import AddressRefused
from claimdesk.ingest.http_policy import AddressPolicy, IPAddress


async def resolve_checked(host: str, port: int, policy: AddressPolicy) -> list[IPAddress]:
    """Every address ``host`` resolves to, after checking each; refused if any one is not allowed.

    Refusing the whole name when one answer is private stops a name that mixes a public and a
    private address from reaching the private one on a retry or a fallback.
    """
    try:
        infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror or exc}") from exc
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        refusal = policy.refusal(ip)
        if refusal:
            raise AddressRefused(host, refusal)
        if ip not in addresses:
            addresses.append(ip)
    return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's AnyIO backend, connecting only to addresses the policy allows."""

    def __init__(self, policy: AddressPolicy) -> None:
        self._policy = policy
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve, check, then connect to the first checked address that answers."""
        last: Exception | None = None
        for ip in await resolve_checked(host, port, self._policy):
            try:
                stream = await self._inner.connect_tcp(
                    str(ip), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            self._check_peer(host, stream)
            return stream
        raise last or httpcore.ConnectError(f"no address for {host}")

    def _check_peer(self, host: str, stream: httpcore.AsyncNetworkStream) -> None:
        """Refuse the open socket if its peer is not allowed (belt and braces over the pre-check)."""
        peer = stream.get_extra_info("server_addr")
        ip = ipaddress.ip_address(str(peer[0]).split("%", 1)[0]) if peer else None
        refusal = self._policy.refusal(ip) if ip else "refused: the connected address is unknown"
        if refusal:
            raise AddressRefused(host, refusal)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.AsyncNetworkStream:
        """Never: pages come over TCP only."""
        raise AddressRefused(path, "refused: Unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        """Delegate (httpcore uses it between connection retries)."""
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport (request/response mapping, pooling, TLS) over a :class:`GuardedBackend`.

    httpx does not expose httpcore's ``network_backend`` argument, so the pool is rebuilt with it;
    the pool's other settings mirror httpx's defaults. Given a ``proxy``, the pool is httpcore's
    proxy pool: the backend then checks the proxy's address (the client checks the target's).
    """

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        limits: httpx.Limits,
        verify: ssl.SSLContext | bool = True,
        proxy: httpx.Proxy | None = None,
    ) -> None:
        ssl_context = httpx.create_ssl_context(verify=verify, trust_env=False)
        super().__init__(limits=limits, verify=ssl_context, trust_env=False)
        pool = {
            "ssl_context": ssl_context,
            "max_connections": limits.max_connections,
            "max_keepalive_connections": limits.max_keepalive_connections,
            "keepalive_expiry": limits.keepalive_expiry,
            "network_backend": GuardedBackend(policy),
        }
        if proxy is None:
            self._pool = httpcore.AsyncConnectionPool(**pool)
            return
        self._pool = httpcore.AsyncHTTPProxy(
            proxy_url=httpcore.URL(
                scheme=proxy.url.raw_scheme, host=proxy.url.raw_host, port=proxy.url.port, target=proxy.url.raw_path
            ),
            proxy_auth=proxy.raw_auth,
            proxy_headers=proxy.headers.raw,
            proxy_ssl_context=proxy.ssl_context,
            **pool,
        )
