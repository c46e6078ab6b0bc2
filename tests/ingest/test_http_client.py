"""The careful client against a real server on 127.0.0.1: redirects, errors, retries, deadlines, caps."""

from __future__ import annotations

import dataclasses
import gzip
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator

import pytest

from claimdesk.ingest.client import FEED_TYPES, PAGE_TYPES, CarefulClient, ClientSettings
from claimdesk.ingest.http_errors import FetchError
from tests.ingest.httpserver import LoopbackServer, Reply

HTML = "text/html; charset=utf-8"


async def get(settings: ClientSettings, url: str, **kwargs: object):
    async with CarefulClient(settings) as client:
        return await client.get(url, accept=PAGE_TYPES, **kwargs)  # type: ignore[arg-type]


async def failure(settings: ClientSettings, url: str) -> str:
    with pytest.raises(FetchError) as info:
        await get(settings, url)
    assert str(info.value).startswith(url + ": ")
    return info.value.reason


async def test_page_fetched_with_identifying_user_agent(server: LoopbackServer, settings: ClientSettings) -> None:
    server.page("/a", "<p>hello</p>")
    page = await get(settings, server.url("/a"))
    assert (page.status, page.content, page.media_type, page.charset) == (200, b"<p>hello</p>", "text/html", "utf-8")
    assert server.request_headers["/a"]["user-agent"].startswith("claimdesk/")
    assert "+http" in server.request_headers["/a"]["user-agent"]


async def test_environment_proxy_ignored_unless_asked(
    server: LoopbackServer, settings: ClientSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    server.page("/a", "<p>direct</p>")
    assert (await get(settings, server.url("/a"))).content == b"<p>direct</p>"


async def test_redirect_chain_followed(server: LoopbackServer, settings: ClientSettings) -> None:
    server.route("/r1", Reply(301, {"Location": "/r2"}))
    server.route("/r2", Reply(302, {"Location": server.url("/r3")}))
    server.route("/r3", Reply(307, {"Location": "final"}))
    server.page("/final", "<p>end</p>")
    page = await get(settings, server.url("/r1"))
    assert page.url == server.url("/final")
    assert page.content == b"<p>end</p>"


async def test_redirect_chain_too_long(server: LoopbackServer, settings: ClientSettings) -> None:
    for n in range(7):
        server.route(f"/r{n}", Reply(302, {"Location": f"/r{n + 1}"}))
    server.page("/r7", "<p>too far</p>")
    assert "more than 5 redirects" in await failure(settings, server.url("/r0"))
    assert server.hits["/r6"] == 0  # the sixth redirect is not followed
    # Five redirects are fine.
    assert (await get(settings, server.url("/r2"))).content == b"<p>too far</p>"


async def test_redirect_to_file_url_refused(server: LoopbackServer, settings: ClientSettings) -> None:
    server.route("/r", Reply(302, {"Location": "file:///etc/passwd"}))
    reason = await failure(settings, server.url("/r"))
    assert reason.startswith("redirect to file:")
    assert "only http and https" in reason


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("javascript:alert(1)", "refused: only http and https URLs are fetched, not javascript:"),
        ("data:text/html,<p>x</p>", "refused: only http and https URLs are fetched, not data:"),
        ("http:\\\\evil.test\\", "refused: the URL holds a space, a backslash or a control character"),
        ("http://a]b/", "not a valid URL (Invalid IPv6 URL)"),
        ("http://[::1", "not a valid URL (Invalid IPv6 URL)"),
        ("//[zz]/x", "not a valid URL ('zz' does not appear to be an IPv4 or IPv6 address)"),
    ],
)
async def test_redirect_to_another_scheme_or_a_malformed_url_is_a_refusal(
    server: LoopbackServer, settings: ClientSettings, location: str, reason: str
) -> None:
    """httpx raises on such a Location even when not following it; here it is one final refusal."""
    server.route("/r", Reply(302, {"Location": location}))
    assert await failure(settings, server.url("/r")) == f"redirect to {location}: {reason}"
    assert server.hits["/r"] == 1  # final: not retried


async def test_other_schemes_refused_up_front(settings: ClientSettings) -> None:
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"):
        assert "only http and https" in await failure(settings, url)


async def test_relative_or_malformed_urls_refused(settings: ClientSettings) -> None:
    assert await failure(settings, "copies.test/page") == "refused: not an absolute http or https URL"
    for url in ("http://[::1", "http://a]b/", "http://[zz]/", "http://a b/"):
        assert (await failure(settings, url)).startswith(("not a valid URL", "refused: the URL holds a space"))


async def test_404_reported_at_once(server: LoopbackServer, settings: ClientSettings) -> None:
    assert await failure(settings, server.url("/missing")) == "HTTP 404 Not Found"
    assert server.hits["/missing"] == 1


async def test_500_retried_with_backoff_then_reported(server: LoopbackServer, settings: ClientSettings) -> None:
    server.route("/boom", Reply(500, {"Content-Type": "text/plain"}, b"oops"))
    reason = await failure(settings, server.url("/boom"))
    assert reason == "HTTP 500 Internal Server Error (after 3 attempts)"
    assert server.hits["/boom"] == 3


async def test_transient_500_recovers(server: LoopbackServer, settings: ClientSettings) -> None:
    answers = iter([Reply(503), Reply(200, {"Content-Type": HTML}, b"<p>back</p>")])
    server.route("/flaky", lambda _headers: next(answers))
    assert (await get(settings, server.url("/flaky"))).content == b"<p>back</p>"
    assert server.hits["/flaky"] == 2


async def test_not_modified_honoured(server: LoopbackServer, settings: ClientSettings) -> None:
    def conditional(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"v1"':
            return Reply(304, {"ETag": '"v1"'})
        return Reply(200, {"Content-Type": HTML, "ETag": '"v1"'}, b"<p>feed</p>")

    server.route("/c", conditional)
    first = await get(settings, server.url("/c"))
    second = await get(settings, server.url("/c"), headers={"If-None-Match": first.headers["etag"]})
    assert (first.status, second.status, second.content) == (200, 304, b"")


def drip() -> Iterator[bytes]:
    yield b"<html><body>"
    for _ in range(2000):
        time.sleep(0.02)
        yield b"x"


async def test_slow_drip_cut_off_by_deadline(server: LoopbackServer, settings: ClientSettings) -> None:
    server.route("/drip", lambda _headers: Reply(200, {"Content-Type": HTML}, drip()))
    short = dataclasses.replace(settings, deadline=0.3, read_timeout=5.0, retries=0)
    reason = await failure(short, server.url("/drip"))
    assert reason == "too slow: no complete answer within 0.3 s"


async def failure_and_peak_memory(settings: ClientSettings, url: str) -> tuple[str, int]:
    """The fetch's failure reason and the peak memory traced while it ran."""
    tracemalloc.start()
    try:
        reason = await failure(settings, url)
        return reason, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def fifty_megabytes() -> Iterator[bytes]:
    chunk = b"a" * 65536
    for _ in range(50 * 16):
        yield chunk


async def test_50mb_body_stopped_at_cap_with_flat_memory(server: LoopbackServer, settings: ClientSettings) -> None:
    server.route("/big", lambda _headers: Reply(200, {"Content-Type": HTML}, fifty_megabytes()))
    reason, peak = await failure_and_peak_memory(settings, server.url("/big"))
    assert reason == "refused: body larger than 1,048,576 bytes"
    assert peak < 6 * settings.max_bytes
    assert server.sent["/big"] < 25 * 1024 * 1024  # the server was cut off, not drained


async def test_declared_large_body_refused_before_reading(server: LoopbackServer, settings: ClientSettings) -> None:
    headers = {"Content-Type": HTML, "Content-Length": str(50 * 1024 * 1024)}
    server.route("/declared", lambda _headers: Reply(200, headers, fifty_megabytes()))
    assert "larger than" in await failure(settings, server.url("/declared"))


def gzip_bomb(gigabytes: int = 1) -> Iterator[bytes]:
    """A gzip stream inflating to ``gigabytes`` GiB of zeros, about 1 MB per GiB on the wire."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    yield compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)  # same bytes for every MiB now
    for _ in range(1024 * gigabytes - 1):
        yield block


async def test_gzip_bomb_stopped_at_cap_with_flat_memory(server: LoopbackServer, settings: ClientSettings) -> None:
    headers = {"Content-Type": HTML, "Content-Encoding": "gzip"}
    server.route("/bomb", lambda _headers: Reply(200, headers, gzip_bomb()))
    reason, peak = await failure_and_peak_memory(settings, server.url("/bomb"))
    assert reason == "refused: body larger than 1,048,576 bytes"
    assert peak < 6 * settings.max_bytes


async def test_gzip_body_decoded(server: LoopbackServer, settings: ClientSettings) -> None:
    body = gzip.compress(b"<p>" + b"squeezed " * 1000 + b"</p>")
    server.route("/gz", Reply(200, {"Content-Type": HTML, "Content-Encoding": "gzip"}, body))
    page = await get(settings, server.url("/gz"))
    assert page.content == b"<p>" + b"squeezed " * 1000 + b"</p>"
    assert "gzip" in server.request_headers["/gz"]["accept-encoding"]


async def test_unknown_encoding_refused(server: LoopbackServer, settings: ClientSettings) -> None:
    server.route("/br", Reply(200, {"Content-Type": HTML, "Content-Encoding": "br"}, b"\x00\x01"))
    assert "unsupported content encoding 'br'" in await failure(settings, server.url("/br"))


@pytest.mark.parametrize("content_type", ["image/png", "application/octet-stream", "application/pdf", ""])
async def test_non_html_non_text_body_refused(
    server: LoopbackServer, settings: ClientSettings, content_type: str
) -> None:
    server.route("/blob", Reply(200, {"Content-Type": content_type} if content_type else {}, b"\x89PNG\r\n"))
    reason = await failure(settings, server.url("/blob"))
    assert reason.startswith(f"refused: content type {content_type or 'missing'!r} is not one of ")


async def test_feed_types_accepted_for_feeds(server: LoopbackServer, settings: ClientSettings) -> None:
    server.page("/feed", b"<rss/>", "application/rss+xml")
    async with CarefulClient(settings) as client:
        assert (await client.get(server.url("/feed"), accept=FEED_TYPES)).content == b"<rss/>"


async def test_per_host_limit(server: LoopbackServer, settings: ClientSettings) -> None:
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def slow(_headers: dict[str, str]) -> Reply:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1
        return Reply(200, {"Content-Type": HTML}, b"<p>ok</p>")

    for n in range(6):
        server.route(f"/s{n}", slow)
    import asyncio

    async with CarefulClient(dataclasses.replace(settings, per_host=2)) as client:
        pages = await asyncio.gather(*(client.get(server.url(f"/s{n}"), accept=PAGE_TYPES) for n in range(6)))
    assert len(pages) == 6
    assert 1 <= state["max"] <= 2
