"""`watch`: feeds polled from a real server into a real store; seen entries, 304s, failures, stops."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import random
import sqlite3
import time
from collections.abc import Iterator

import pytest

from claimdesk.ingest.client import CarefulClient, ClientSettings
from claimdesk.ingest.http_retry import Backoff
from claimdesk.ingest.watch import Cycle, Watcher, watch
from claimdesk.store import Store
from tests.ingest.httpserver import ARTICLE, VARIANT, LoopbackServer, Reply, feed_body, serve_copies, serve_feed

FORMATS = ["jsonfeed", "rss", "atom", "jsonl"]


async def poll(settings: ClientSettings, store: Store, feed_url: str, log: list[str] | None = None) -> Cycle:
    lines = log if log is not None else []
    async with CarefulClient(settings) as client:
        cycle = Cycle(feed_url)
        await Watcher(store, client, feed_url, lines.append).cycle(cycle)
        return cycle


def page_hits(server: LoopbackServer) -> int:
    return sum(count for path, count in server.hits.items() if path != "/feed")


@pytest.mark.parametrize("kind", FORMATS)
async def test_feed_entries_fetched_and_stored_then_not_again(
    server: LoopbackServer, settings: ClientSettings, store: Store, kind: str
) -> None:
    feed_url = serve_feed(server, kind, serve_copies(server, 2))
    first = await poll(settings, store, feed_url)
    assert (first.error, first.entries, first.new, first.added, first.failed) == (None, 2, 2, 2, 0)
    assert store.counts().total == 2
    assert server.hits["/article"] == 1  # one article shared by both copies, fetched once
    hits = page_hits(server)
    second = await poll(settings, store, feed_url)
    assert (second.entries, second.new, second.added) == (2, 0, 0)
    assert page_hits(server) == hits  # nothing new fetched
    assert server.hits["/feed"] == 2
    assert store.counts().total == 2


async def test_relative_links_are_fetched_from_the_feeds_server(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    absolute = serve_copies(server, 2)
    relative = [(copy.removeprefix(server.url("")), "article") for copy, _original in absolute]
    assert relative[0] == ("/copy0", "article")
    cycle = await poll(settings, store, serve_feed(server, "atom", relative))
    assert (cycle.error, cycle.added, cycle.failed) == (None, 2, 0)
    assert sorted(store.variant(row.id).url for row in store.inbox_page().rows) == [copy for copy, _ in absolute]


async def test_json_lines_feed_with_inline_text_fetches_nothing(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    line = (
        '{"article": {"url": "http://paper.test/a", "title": "T", "text": %s},'
        ' "variant": {"url": "http://copies.test/1", "text": %s}}'
    )
    body = (line % (json.dumps(ARTICLE.text), json.dumps(VARIANT.text))).encode()
    server.route("/feed", Reply(200, {"Content-Type": "application/x-ndjson"}, body))
    cycle = await poll(settings, store, server.url("/feed"))
    assert (cycle.added, page_hits(server)) == (1, 0)
    [row] = store.inbox_page().rows
    assert store.variant(row.id).text == VARIANT.text


async def test_not_modified_answer_honoured(server: LoopbackServer, settings: ClientSettings, store: Store) -> None:
    feed_url = serve_feed(server, "rss", serve_copies(server, 1), etag='"v7"')
    await poll(settings, store, feed_url)
    assert store.feed_state(feed_url).etag == '"v7"'
    hits = page_hits(server)
    cycle = await poll(settings, store, feed_url)
    assert cycle.not_modified and cycle.line() == f"{feed_url}: not modified"
    assert server.request_headers["/feed"]["if-none-match"] == '"v7"'
    assert page_hits(server) == hits


async def test_failed_entry_retried_next_cycle_and_validators_kept_back(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    pairs = [*serve_copies(server, 1), (server.url("/later"), server.url("/article"))]
    feed_url = serve_feed(server, "jsonfeed", pairs, etag='"v1"')
    log: list[str] = []
    first = await poll(dataclasses.replace(settings, retries=0), store, feed_url, log)
    assert (first.added, first.failed, first.ok) == (1, 1, False)
    assert f"{feed_url}: {server.url('/later')}: HTTP 404 Not Found" in log
    assert store.feed_state(feed_url) is None  # a 304 next time would hide the failed entry
    server.page("/later", VARIANT.html())
    second = await poll(settings, store, feed_url)
    assert (second.new, second.added, second.failed, second.ok) == (1, 1, 0, True)
    assert store.feed_state(feed_url).etag == '"v1"'


async def test_feed_errors_back_off_and_are_logged(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    server.route("/feed", Reply(503))
    stop = asyncio.Event()
    log: list[str] = []

    def record(line: str) -> None:
        log.append(line)
        if len(log) == 3:
            stop.set()

    delays: list[float] = []

    class Recording(Backoff):
        def delay(self, attempt: int) -> float:
            delays.append(super().delay(attempt))
            return delays[-1]

    backoff = Recording(base=0.001, cap=1.0, rng=random.Random(1))
    fast = dataclasses.replace(settings, retries=0)
    async with CarefulClient(fast) as client:
        code = await watch(
            Watcher(store, client, server.url("/feed"), record), stop, interval=0.001, once=False, backoff=backoff
        )
    assert code == 1
    assert log == [f"{server.url('/feed')}: error: HTTP 503 Service Unavailable"] * 3
    assert len(delays) == 2  # one backoff between each pair of failed cycles


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    backoff = Backoff(base=1.0, cap=10.0, rng=random.Random(3))
    for attempt, ceiling in [(0, 1), (1, 2), (2, 4), (3, 8), (4, 10), (40, 10)]:
        samples = [backoff.delay(attempt) for _ in range(200)]
        assert all(0 <= s <= ceiling for s in samples)
        assert max(samples) > ceiling * 0.8 and len(set(samples)) > 100  # spread, not a fixed step


async def test_stop_mid_cycle_abandons_fetches_and_keeps_store_whole(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    """A stop while a copy is still downloading: the finished pair stays stored, the slow one is left."""
    pairs = [*serve_copies(server, 1), (server.url("/slow"), server.url("/article"))]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def trickle() -> Iterator[bytes]:
        yield b"<html><body><p>"
        # Stop once the other copy is committed (seen from another connection), this one half read.
        with contextlib.closing(sqlite3.connect(store.path)) as reader:
            for _ in range(1000):
                if reader.execute("SELECT count(*) FROM feed_entries").fetchone()[0]:
                    break
                time.sleep(0.01)
        loop.call_soon_threadsafe(stop.set)
        for _ in range(1000):
            yield b"word "
            time.sleep(0.01)

    server.route("/slow", lambda _h: Reply(200, {"Content-Type": "text/html"}, trickle()))
    feed_url = serve_feed(server, "atom", pairs)
    log: list[str] = []
    async with CarefulClient(settings) as client:
        code = await watch(Watcher(store, client, feed_url, log.append), stop, interval=60, once=False)
    assert code == 0
    assert log[-1].endswith("(stopped: the rest is left for the next run)")
    assert store.unseen_entries(feed_url, ["urn:copy:0", "urn:copy:1"]) == ["urn:copy:1"]
    assert store.feed_state(feed_url) is None
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("kind", FORMATS)
async def test_hostile_entries_are_one_line_each_and_the_good_ones_are_stored(
    server: LoopbackServer, settings: ClientSettings, store: Store, kind: str
) -> None:
    good = serve_copies(server, 2)
    server.route("/to-script", Reply(302, {"Location": "javascript:alert(1)"}))
    article = server.url("/article")
    hostile = [("http://a]b/", article), ("http://[::1", article), ("http://[zz]/", article)]
    redirected = (server.url("/to-script"), article)
    feed_url = serve_feed(server, kind, [good[0], *hostile, redirected, good[1]])
    log: list[str] = []
    cycle = await poll(dataclasses.replace(settings, retries=0), store, feed_url, log)
    assert (cycle.error, cycle.entries, cycle.added, cycle.failed, cycle.bad) == (None, 3, 2, 1, 3)
    unit = {"jsonfeed": "item", "jsonl": "line"}.get(kind, "entry")
    assert [line.split(": ")[1].split(" ")[0] for line in log] == [unit] * 3 + [server.url("/to-script")]
    assert log[-1].endswith(
        ": redirect to javascript:alert(1): refused: only http and https URLs are fetched, not javascript:"
    )
    assert sorted(store.variant(row.id).url for row in store.inbox_page().rows) == [copy for copy, _ in good]


async def test_a_feed_nested_too_deep_is_the_cycles_one_error(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    body = b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    server.route("/feed", Reply(200, {"Content-Type": "application/feed+json"}, body))
    cycle = await poll(settings, store, server.url("/feed"))
    assert cycle.line() == f"{server.url('/feed')}: error: not a feed: JSON nested too deeply to read"


async def test_a_stopped_poll_keeps_every_pair_already_fetched(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    """Hundreds of entries: pairs are stored as they finish, not after every page is downloaded."""
    pairs = serve_copies(server, 300)
    feed_url = serve_feed(server, "jsonl", pairs)
    stop = asyncio.Event()
    log: list[str] = []

    async def stopper() -> None:
        while store.counts().total < 5:
            await asyncio.sleep(0.01)
        stop.set()

    async with CarefulClient(settings) as client:
        watching = watch(Watcher(store, client, feed_url, log.append), stop, interval=60, once=False)
        code, _ = await asyncio.gather(watching, stopper())
    assert code == 0
    added = int(log[-1].split("added ")[1].split(",")[0])
    assert log[-1].endswith("(stopped: the rest is left for the next run)")
    assert 5 <= added < 300 and store.counts().total == added
    assert len(store.unseen_entries(feed_url, [copy for copy, _ in pairs])) == 300 - added
    assert page_hits(server) < 300 + 1  # the poll stopped before every page was fetched


async def test_a_feed_of_many_bad_entries_is_a_few_lines(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    good = serve_copies(server, 1)
    body, content_type = feed_body("jsonl", good)
    body += b"not json\n" * 1000
    server.route("/feed", Reply(200, {"Content-Type": content_type}, body))
    log: list[str] = []
    cycle = await poll(settings, store, server.url("/feed"), log)
    assert (cycle.added, cycle.bad) == (1, 1000)
    assert len(log) == 21 and log[-1] == f"{server.url('/feed')}: 980 more bad entries not shown"
    assert log[0] == f"{server.url('/feed')}: line 2: Expecting value: line 1 column 1 (char 0)"


async def test_lone_surrogates_in_a_json_feed_are_replaced_not_a_crash_of_the_store(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    """JSON may spell a lone surrogate; no UTF-8 store can hold one, so it becomes U+FFFD."""
    (copy0, article), (copy1, _) = serve_copies(server, 2)
    items = [
        {"id": "a\ud800", "url": copy0, "external_url": article, "title": "Copy \udfff"},
        {"id": "b", "url": copy1, "external_url": article},
    ]
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()
    server.route("/feed", Reply(200, {"Content-Type": "application/feed+json"}, body))
    cycle = await poll(settings, store, server.url("/feed"))
    assert (cycle.added, cycle.failed, cycle.bad) == (2, 0, 0)
    titles = sorted(store.variant(row.id).title or "" for row in store.inbox_page().rows)
    assert titles[0] == "Copy \ufffd"
    assert store.unseen_entries(server.url("/feed"), ["a\ufffd", "b"]) == []
