"""The careful HTTP client: every page the desk fetches from the open web goes through here.

Web pages are hostile input and a URL can point anywhere, so every request is held to the same
rules: http/https only (on every redirect hop, followed here, at most 5), connect and read
timeouts plus an overall deadline per page (a server dripping a byte at a time is cut off), a
body cap counted after decompression, an allowed content type, the address policy checked on
the address actually connected to (:mod:`claimdesk.ingest.http_transport`), an identifying
User-Agent, no proxy from the environment unless asked (then through the same checks), and a
limit of parallel requests per host.
Failures are :class:`FetchError` naming the URL and the reason; transient ones are retried with
backoff first.
"""

from __future__ import annotations

import asyncio
import collections
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import Message
from types import TracebackType

import httpcore
import httpx

from claimdesk import __version__
from claimdesk.ingest.http_body import ACCEPT_ENCODING, read_capped
from claimdesk.ingest.http_errors import AddressRefused, FetchError
from claimdesk.ingest.http_policy import AddressPolicy, BadURL, checked_url
from claimdesk.ingest.http_proxy import env_proxies
from claimdesk.ingest.http_retry import Backoff
from claimdesk.ingest.http_transport import GuardedTransport, resolve_checked

PROJECT_URL = "https://github.com/claimdesk/claimdesk"
USER_AGENT = f"claimdesk/{__version__} (+{PROJECT_URL})"

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/feed+json",
        "application/json",
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "application/x-ndjson",
        "application/jsonl",
        "application/x-jsonlines",
        "text/plain",
    }
)
_PORTS = {"http": 80, "https": 443}
_TIMEOUTS: dict[type[Exception], str] = {
    httpx.ConnectTimeout: "timed out connecting",
    httpx.ReadTimeout: "timed out waiting for data",
    httpx.WriteTimeout: "timed out sending the request",
    httpx.PoolTimeout: "timed out waiting for a free connection",
}
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class ClientSettings:
    """Limits for every request; the defaults suit news pages (a few hundred KB of HTML)."""

    policy: AddressPolicy = field(default_factory=AddressPolicy)
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    per_host: int = 2
    max_connections: int = 20
    retries: int = 2
    backoff: Backoff = field(default_factory=Backoff)
    use_env_proxy: bool = False
    user_agent: str = USER_AGENT
    verify: ssl.SSLContext | bool = True  # a context for a private CA; False is never a good idea


@dataclass(frozen=True)
class Page:
    """A fetched response: final URL after redirects, status, headers and the decoded body bytes.

    ``status`` is 304 (and ``content`` empty) when a conditional request found nothing new.
    """

    url: str
    status: int
    headers: httpx.Headers
    content: bytes

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lower case (``text/html``)."""
        return media_type(self.headers)

    @property
    def charset(self) -> str | None:
        """The charset the server declared in Content-Type, if any."""
        msg = Message()
        msg["content-type"] = self.headers.get("content-type", "")
        return msg.get_param("charset")  # type: ignore[return-value]


def media_type(headers: httpx.Headers) -> str:
    """The bare media type of ``headers``' Content-Type, lower case, or ``""``."""
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


class CarefulClient:
    """One shared ``httpx.AsyncClient`` held to :class:`ClientSettings`; use as ``async with``."""

    def __init__(self, settings: ClientSettings | None = None) -> None:
        self.settings = settings or ClientSettings()
        s = self.settings
        limits = httpx.Limits(max_connections=s.max_connections, max_keepalive_connections=s.max_connections // 2)

        def guarded(proxy: str | None = None) -> GuardedTransport:
            return GuardedTransport(s.policy, limits=limits, verify=s.verify, proxy=proxy and httpx.Proxy(proxy))

        # httpx ignores the environment's proxies when given a transport, so they are mounted here,
        # each over a guarded transport; None sends a NO_PROXY host through the direct one.
        proxies = env_proxies() if s.use_env_proxy else {}
        self._http = httpx.AsyncClient(
            transport=guarded(),
            mounts={pattern: proxy and guarded(proxy) for pattern, proxy in proxies.items()},
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout, pool=s.deadline),
            follow_redirects=False,
            trust_env=False,  # proxies are mounted above; and no .netrc passwords for web pages
            headers={"User-Agent": s.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            event_hooks={"response": [_check_redirect]},
        )
        self._hosts: collections.defaultdict[str, asyncio.Semaphore] = collections.defaultdict(
            lambda: asyncio.Semaphore(s.per_host)
        )
        # Never more pages in flight than connections, so none waits on the pool (and its timeout).
        self._slots = asyncio.Semaphore(s.max_connections)

    async def __aenter__(self) -> CarefulClient:
        await self._http.__aenter__()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._http.__aexit__(exc_type, exc, tb)

    async def get(self, url: str, *, accept: frozenset[str], headers: Mapping[str, str] | None = None) -> Page:
        """GET ``url`` under every rule; retry transient failures with backoff, then raise :class:`FetchError`."""
        try:
            host = httpx.URL(checked_url(url)).host
        except BadURL as exc:
            raise FetchError(url, str(exc)) from None
        # Waiting for a turn does not count against the page's deadline. The host's turn comes
        # first: a page holding an overall slot is never stuck behind its own host.
        async with self._hosts[host], self._slots:
            return await self._get_retrying(url, accept, headers or {})

    async def _get_retrying(self, url: str, accept: frozenset[str], headers: Mapping[str, str]) -> Page:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            try:
                return await self._get_once(url, accept, headers)
            except FetchError as exc:
                if not exc.retryable:
                    raise
                if attempt + 1 == attempts:
                    suffix = f" (after {attempts} attempts)" if attempts > 1 else ""
                    raise FetchError(url, exc.reason + suffix, retryable=True) from exc
            await asyncio.sleep(self.settings.backoff.delay(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _get_once(self, url: str, accept: frozenset[str], headers: Mapping[str, str]) -> Page:
        """One try: the redirect chain and the body, all within the page deadline."""
        try:
            async with asyncio.timeout(self.settings.deadline):
                return await self._follow(url, accept, headers)
        except TimeoutError:
            raise FetchError(url, f"too slow: no complete answer within {self.settings.deadline:g} s") from None

    async def _follow(self, url: str, accept: frozenset[str], headers: Mapping[str, str]) -> Page:
        """Follow redirects by hand so that every hop is checked like the first URL."""
        current = httpx.URL(url)  # checked by get(); every redirect target is checked in _handle()
        for hop in range(self.settings.max_redirects + 1):
            try:
                page_or_next = await self._request(url, current, accept, headers)
            except AddressRefused as exc:
                raise AddressRefused(url, _hop_reason(hop, current, exc.reason)) from None
            if isinstance(page_or_next, Page):
                return page_or_next
            current = page_or_next
        raise FetchError(url, f"refused: more than {self.settings.max_redirects} redirects")

    async def _request(
        self, url: str, current: httpx.URL, accept: frozenset[str], headers: Mapping[str, str]
    ) -> Page | httpx.URL:
        """One hop: a Page, or the URL a redirect points to."""
        if self.settings.use_env_proxy:
            # Through a proxy the socket goes to the proxy, so the target's DNS answer is checked here.
            try:
                await resolve_checked(current.host, current.port or _PORTS[current.scheme], self.settings.policy)
            except httpcore.ConnectError as exc:
                raise FetchError(url, f"connection failed: {exc}", retryable=True) from None
        try:
            async with self._http.stream("GET", current, headers=dict(headers)) as response:
                return await self._handle(url, response, accept)
        except BadURL as exc:  # from _check_redirect: a Location that is not a fetchable URL
            raise FetchError(url, str(exc)) from None
        except httpx.TimeoutException as exc:
            raise FetchError(url, _TIMEOUTS.get(type(exc), "timed out"), retryable=True) from None
        except httpx.TransportError as exc:
            raise FetchError(url, f"connection failed: {exc or type(exc).__name__}", retryable=True) from None

    async def _handle(self, url: str, response: httpx.Response, accept: frozenset[str]) -> Page | httpx.URL:
        status = response.status_code
        if status in REDIRECTS:
            if "location" not in response.headers:
                raise FetchError(url, f"HTTP {status} redirect without a Location")
            return _redirect_target(response)
        if status == 304:
            return Page(str(response.url), status, response.headers, b"")
        if status >= 400 or status < 200:
            phrase = f"HTTP {status} {response.reason_phrase}".rstrip()
            raise FetchError(url, phrase, retryable=status in RETRY_STATUSES)
        kind = media_type(response.headers)
        if kind not in accept:
            raise FetchError(url, f"refused: content type {kind or 'missing'!r} is not {_list(accept)}")
        content = await read_capped(url, response, self.settings.max_bytes)
        return Page(str(response.url), status, response.headers, content)


def _redirect_target(response: httpx.Response) -> httpx.URL:
    """Where a redirect points, checked as a feed entry's URL is; :class:`BadURL` if refused."""
    location = response.headers["location"]
    try:
        return httpx.URL(checked_url(location, base=str(response.url)))
    except BadURL as exc:
        raise BadURL(f"redirect to {location}: {exc}") from None


async def _check_redirect(response: httpx.Response) -> None:
    """Refuse a bad Location before httpx reads it.

    httpx builds the next request of a redirect even when it does not follow it, and raises its
    own ``InvalidURL`` (or a protocol error) on a ``javascript:`` or malformed target; this hook
    runs first, so such a redirect is a policy refusal instead.
    """
    if response.status_code in REDIRECTS and "location" in response.headers:
        _redirect_target(response)


def _hop_reason(hop: int, current: httpx.URL, reason: str) -> str:
    """The reason, saying which redirect target it was about when it was not the first URL."""
    return reason if hop == 0 else f"redirect to {current}: {reason}"


def _list(types: frozenset[str]) -> str:
    return "one of " + ", ".join(sorted(types))
