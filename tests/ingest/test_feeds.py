"""Feed parsing: the copy and the original named by each of the four formats."""

from __future__ import annotations

import json

import pytest

from claimdesk.ingest.feeds import FeedError, Side, parse_feed
from tests.ingest.httpserver import feed_body

PAIRS = [("http://copies.test/1", "http://paper.test/a"), ("http://copies.test/2", "http://paper.test/b")]


@pytest.mark.parametrize(
    ("kind", "name", "keys"),
    [
        ("jsonfeed", "JSON Feed", ["copy-0", "copy-1"]),
        ("rss", "RSS", ["copy-0", "copy-1"]),
        ("atom", "Atom", ["urn:copy:0", "urn:copy:1"]),
        ("jsonl", "JSON Lines", [copy for copy, _ in PAIRS]),
    ],
)
def test_each_format_names_copy_and_original(kind: str, name: str, keys: list[str]) -> None:
    body, _ = feed_body(kind, PAIRS)
    feed = parse_feed(body)
    assert (feed.format, feed.problems) == (name, ())
    assert [e.key for e in feed.entries] == keys
    assert [(e.variant.url, e.article.url) for e in feed.entries] == PAIRS
    assert all(e.variant.needs_fetch and e.article.needs_fetch for e in feed.entries)


def test_rss_related_link_and_atom_source_link_name_the_original() -> None:
    rss = (
        b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>'
        b'<item><link>http://copies.test/1</link><atom:link rel="related" href="http://paper.test/a"/></item>'
        b"</channel></rss>"
    )
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id>'
        b'<entry><id>urn:e</id><title>c</title><link href="http://copies.test/2"/>'
        b'<source><id>urn:s</id><title>Paper</title><link href="http://paper.test/b"/></source></entry></feed>'
    )
    [from_rss] = parse_feed(rss).entries
    [from_atom] = parse_feed(atom).entries
    assert (from_rss.key, from_rss.variant.url, from_rss.article.url) == (
        "http://copies.test/1",
        "http://copies.test/1",
        "http://paper.test/a",
    )
    assert (from_atom.variant.url, from_atom.article.url) == ("http://copies.test/2", "http://paper.test/b")


@pytest.mark.parametrize("kind", ["jsonfeed", "rss", "atom", "jsonl"])
def test_relative_links_resolve_against_the_feeds_own_url(kind: str) -> None:
    body, _ = feed_body(kind, [("/copies/1", "../paper/a"), ("https://copies.test/2", "//paper.test/b")])
    feed = parse_feed(body, base_url="https://feeds.test/watch/feed")
    assert [(e.variant.url, e.article.url) for e in feed.entries] == [
        ("https://feeds.test/copies/1", "https://feeds.test/paper/a"),
        ("https://copies.test/2", "https://paper.test/b"),
    ]


def test_json_lines_keep_inline_text_and_ingest_field_names() -> None:
    line = {
        "article": {"url": "http://paper.test/a", "text": "Original words.", "published": "2026-11-01"},
        "variant": {"url": "http://copies.test/1", "site": "copies", "found": "2026-11-02T10:00:00+01:00"},
    }
    [entry] = parse_feed(json.dumps(line).encode()).entries
    assert entry.article == Side("http://paper.test/a", text="Original words.", date="2026-11-01T00:00:00Z")
    assert entry.variant == Side("http://copies.test/1", site="copies", date="2026-11-02T09:00:00Z")
    assert not entry.article.needs_fetch and entry.variant.needs_fetch


def test_bad_entries_reported_and_skipped() -> None:
    lines = [
        '{"article": {"url": "http://paper.test/a"}, "variant": {"url": "http://copies.test/1"}}',
        "not json",
        '{"article": {}, "variant": {"url": "http://copies.test/2"}}',
        '{"article": {"url": 5}, "variant": {"url": "http://copies.test/3"}}',
        "[1, 2]",
    ]
    feed = parse_feed("\n".join(lines).encode())
    assert [e.variant.url for e in feed.entries] == ["http://copies.test/1"]
    assert [p.split(":")[0] for p in feed.problems] == ["line 2", "line 3", "line 4", "line 5"]
    assert "needs a url, a text or an html" in feed.problems[1]
    jsonfeed = {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "x", "url": "http://copies.test/1"}]}
    assert parse_feed(json.dumps(jsonfeed).encode()).problems == (
        "item 1: needs both url (the copy) and external_url (the original)",
    )


@pytest.mark.parametrize("body", [b"<html><body>Hello</body></html>", b"plain words", b""])
def test_not_a_feed(body: bytes) -> None:
    with pytest.raises(FeedError, match="not a JSON Feed, RSS, Atom or JSON Lines feed"):
        parse_feed(body)


HOSTILE_URLS = [
    ("http://a]b/", "not a valid URL (Invalid IPv6 URL)"),
    ("http://[::1", "not a valid URL (Invalid IPv6 URL)"),
    ("http://[zz]/", "not a valid URL ('zz' does not appear to be an IPv4 or IPv6 address)"),
    ("javascript:alert(1)", "refused: only http and https URLs are fetched, not javascript:"),
    ("data:text/html,<p>x</p>", "refused: only http and https URLs are fetched, not data:"),
    ("http:\\\\copies.test\\", "refused: the URL holds a space, a backslash or a control character"),
    ("http://copies.test/\x1b]0;PWNED\x07", "refused: the URL holds a space, a backslash or a control character"),
    ("http://copies%2etest/", "not a valid URL (the host 'copies%2etest' is not a host name)"),
]
FIELD = {
    "jsonfeed": ("item", "url"),
    "rss": ("entry", "link"),
    "atom": ("entry", "link"),
    "jsonl": ("line", "variant.url"),
}


@pytest.mark.parametrize("kind", ["jsonfeed", "rss", "atom", "jsonl"])
@pytest.mark.parametrize(("url", "reason"), HOSTILE_URLS)
def test_a_bad_url_is_its_entrys_one_problem_and_the_rest_is_read(kind: str, url: str, reason: str) -> None:
    good = [("http://copies.test/1", "http://paper.test/a"), ("http://copies.test/2", "http://paper.test/a")]
    listed = url.replace("&", "&amp;").replace("<", "&lt;") if kind in ("rss", "atom") else url
    body, _ = feed_body(kind, [good[0], (listed, "http://paper.test/a"), good[1]])
    for base in (None, "https://feeds.test/watch/feed"):
        feed = parse_feed(body, base_url=base)
        assert [e.variant.url for e in feed.entries] == [copy for copy, _ in good]
        unit, field = FIELD[kind]
        assert feed.problems == (f"{unit} 2: {field}: {reason}",)


def test_a_feed_nested_100000_deep_is_one_error_not_a_recursion_error() -> None:
    deep = b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(FeedError) as info:
        parse_feed(deep)
    assert str(info.value) == "not a feed: JSON nested too deeply to read"
    good = json.dumps({"article": {"url": "http://paper.test/a"}, "variant": {"url": "http://copies.test/1"}})
    lines = parse_feed(b"\n".join([good.encode(), b'{"article": ' * 100_000, good.replace("/1", "/2").encode()]))
    assert [e.variant.url for e in lines.entries] == ["http://copies.test/1", "http://copies.test/2"]
    assert lines.problems == ("line 2: JSON nested too deeply to read",)
    xml = b'<rss version="2.0"><channel><title>t</title>' + b"<x>" * 100_000 + b"</x>" * 100_000
    item = b'<item><link>http://copies.test/1</link><source url="http://paper.test/a">P</source></item>'
    assert [e.variant.url for e in parse_feed(xml + item + b"</channel></rss>").entries] == ["http://copies.test/1"]


# Each is a real moment, but outside years 1 to 9999 once in UTC (datetime cannot hold it).
OUT_OF_RANGE = ["0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"]


@pytest.mark.parametrize("date", OUT_OF_RANGE)
@pytest.mark.parametrize("kind", ["jsonfeed", "rss", "atom"])
def test_a_date_out_of_range_in_utc_is_dropped_and_the_entry_kept(kind: str, date: str) -> None:
    body, _ = feed_body(kind, PAIRS)
    text = body.decode()
    if kind == "jsonfeed":
        doc = json.loads(text)
        doc["items"][0]["date_published"] = date
        text = json.dumps(doc)
    elif kind == "rss":
        text = text.replace("<guid>copy-0</guid>", f"<guid>copy-0</guid><pubDate>{date}</pubDate>")
    else:
        text = text.replace("2026-11-20T10:00:00Z</updated><link", f"{date}</updated><link", 1)
    feed = parse_feed(text.encode())
    assert [(e.variant.url, e.variant.date) for e in feed.entries[:1]] == [(PAIRS[0][0], None)]
    assert feed.problems == ()


@pytest.mark.parametrize("date", OUT_OF_RANGE)
def test_a_json_lines_date_out_of_range_is_that_lines_error(date: str) -> None:
    """JSON Lines follow `claimdesk ingest`, where a bad date is the line's error, not silently dropped."""
    lines = [
        {"article": {"url": "http://paper.test/a"}, "variant": {"url": "http://copies.test/1", "found": date}},
        {"article": {"url": "http://paper.test/a"}, "variant": {"url": "http://copies.test/2", "found": "0500-01-01"}},
    ]
    feed = parse_feed("\n".join(json.dumps(line) for line in lines).encode())
    assert feed.problems == (f"line 1: {date!r} is not an ISO 8601 date in years 1 to 9999 (UTC)",)
    assert [(e.variant.url, e.variant.date) for e in feed.entries] == [("http://copies.test/2", "0500-01-01T00:00:00Z")]
