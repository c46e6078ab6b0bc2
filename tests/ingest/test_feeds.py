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
