"""Feeds of candidate copies, in four formats, to one list of entries: the copy and its original.

Formats (the README's "Live intake" section documents the exact fields):

- JSON Feed 1.x: ``items[].url`` is the copy, ``items[].external_url`` the original.
- RSS 2.0: ``<item><link>`` is the copy, ``<source url="...">`` (or an ``atom:link rel="related"``)
  the original.
- Atom: the entry's ``<link rel="alternate">`` (or a link without ``rel``) is the copy,
  ``<link rel="related">`` the original, else the entry's ``<source><link>``.
- JSON Lines in the ``claimdesk ingest`` format, one pair a line; ``text`` and ``html`` are
  optional here: a side without them is fetched from its ``url``.

Each entry has a key (the item/entry id, else the copy's URL) that the store remembers as seen.

A feed is hostile input to the last byte. Every URL is checked (:func:`checked_url`) and
resolved against the feed's own URL while its entry is read, so a bad one is that entry's
problem; JSON nested deeper than the decoder's limit is one problem, not a ``RecursionError``;
a date outside years 1 to 9999 once in UTC is treated as an unreadable one. Nothing here
raises anything but :class:`FeedError` for the feed as a whole.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from claimdesk.ingest.http_policy import BadURL, checked_url
from claimdesk.ingest.pairs import BadRecord, iso_date, stored_date, well_formed

JSON_FEED_PREFIX = "https://jsonfeed.org/version/"


class FeedError(ValueError):
    """The feed (or one entry of it) cannot be read; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a pair as the feed names it: a URL to fetch, or text (or HTML) given inline.

    ``date`` is the article's publication date, or when the copy was found (or published).
    """

    url: str | None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    date: str | None = None
    site: str | None = None

    @property
    def needs_fetch(self) -> bool:
        """True when the feed gives no content, only a URL."""
        return self.text is None and self.html is None


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """A candidate copy (``variant``) of an article (``article``), keyed for seen-tracking."""

    key: str
    article: Side
    variant: Side


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """The entries read, and one message per entry that could not be read (they are skipped)."""

    format: str
    entries: tuple[FeedEntry, ...]
    problems: tuple[str, ...] = ()


def parse_feed(body: bytes, base_url: str | None = None) -> ParsedFeed:
    """Detect the format from the content (servers mislabel feeds) and read the entries.

    ``base_url`` is where the feed was fetched from: relative links (Atom allows them, and
    hand-written feeds use them) are resolved against it, as a browser would.
    """
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"{", b"["):
        whole = _json_or_none(body)
        if isinstance(whole, dict) and str(whole.get("version", "")).startswith(JSON_FEED_PREFIX):
            return _json_feed(whole, base_url)
        return _json_lines(body, base_url)
    return _xml_feed(body, base_url)


def _url(value: object, base: str | None, field: str) -> str:
    """An entry's URL, checked and made absolute; :class:`FeedError` naming the field if it is bad."""
    try:
        return checked_url(value, base)
    except BadURL as exc:
        raise FeedError(f"{field}: {exc}") from None


class _UrlFields(NamedTuple):
    """How a format names an entry's two URLs in its problems: the fields, and the missing-URL one."""

    copy: str
    original: str
    missing: str


_JSON_FEED_URLS = _UrlFields("url", "external_url", "needs both url (the copy) and external_url (the original)")
_XML_FEED_URLS = _UrlFields(
    "link", "original link", "needs a link (the copy) and a related or source link (the original)"
)


def _pair_urls(copy: str | None, original: str | None, base: str | None, fields: _UrlFields) -> tuple[str, str]:
    """An entry's copy and original URLs, checked and made absolute: one rule for JSON Feed and
    RSS/Atom alike, a :class:`FeedError` worded with the format's own field names."""
    if not copy or not original:
        raise FeedError(fields.missing)
    return _url(copy, base, fields.copy), _url(original, base, fields.original)


def _load_json(data: bytes | str) -> Any:
    """``json.loads``, with nesting deeper than the decoder's limit (about 1,000) a FeedError."""
    try:
        return json.loads(data)
    except RecursionError:
        raise FeedError("JSON nested too deeply to read") from None


def _json_or_none(body: bytes) -> Any:
    """The whole body as one JSON value, or None if it is not one (JSON Lines are read line by line).

    Too deep a document is the feed's one problem: read as JSON Lines instead, a pretty-printed
    one would be a problem per line.
    """
    try:
        return json.loads(body)
    except RecursionError:
        raise FeedError("not a feed: JSON nested too deeply to read") from None
    except (ValueError, UnicodeDecodeError):
        return None


def _str(value: object) -> str | None:
    """A non-blank string field, well-formed (no lone surrogates), else None."""
    return well_formed(value) if isinstance(value, str) and value.strip() else None


def _date(value: object) -> str | None:
    """A feed's date as the store keeps dates (ISO 8601 UTC), or None: a date that cannot be read,
    or that falls outside years 1 to 9999 once in UTC, is dropped and the entry kept without it."""
    if isinstance(value, time.struct_time):  # feedparser's dates, already in UTC
        try:
            return stored_date(datetime(*value[:6], tzinfo=UTC))
        except (ValueError, OverflowError):
            return None
    try:
        return iso_date(value) if isinstance(value, str) and value.strip() else None
    except BadRecord:
        return None


def _json_feed(feed: dict[str, Any], base: str | None) -> ParsedFeed:
    items = feed.get("items")
    if not isinstance(items, list):
        raise FeedError("JSON Feed without an items list")
    entries, problems = [], []
    for n, item in enumerate(items, 1):
        copy = _str(item.get("url")) if isinstance(item, dict) else None
        original = _str(item.get("external_url")) if isinstance(item, dict) else None
        try:
            copy, original = _pair_urls(copy, original, base, _JSON_FEED_URLS)
        except FeedError as exc:
            problems.append(f"item {n}: {exc}")
            continue
        key = _str(item.get("id")) or copy
        variant = Side(copy, title=_str(item.get("title")), date=_date(item.get("date_published")))
        entries.append(FeedEntry(key, Side(original), variant))
    return ParsedFeed("JSON Feed", tuple(entries), tuple(problems))


def _json_side(value: object, name: str, base: str | None) -> Side:
    """A side of an ingest-format line; the field names are those of `claimdesk ingest`."""
    if not isinstance(value, dict):
        raise FeedError(f'"{name}" must be an object')
    date_field = "published" if name == "article" else "found"
    names = {"url": "url", "title": "title", "text": "text", "html": "html", "date": date_field}
    if name == "variant":
        names["site"] = "site"
    fields = {ours: value.get(theirs) for ours, theirs in names.items()}
    for ours, item in fields.items():
        if item is not None and not isinstance(item, str):
            raise FeedError(f'"{name}.{names[ours]}" must be a string')
        fields[ours] = item and well_formed(item)
    if fields["date"]:
        fields["date"] = iso_date(fields["date"])
    if _str(fields["url"]):
        fields["url"] = _url(fields["url"], base, f"{name}.url")
    side = Side(**fields)
    if side.needs_fetch and not _str(side.url):
        raise FeedError(f'"{name}" needs a url, a text or an html')
    return side


def _json_lines(body: bytes, base: str | None) -> ParsedFeed:
    try:
        lines = body.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise FeedError(f"JSON Lines feed is not UTF-8 ({exc.reason})") from None
    entries, problems = [], []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = _load_json(line)
            if not isinstance(record, dict):
                raise FeedError("a line must be a JSON object")
            article = _json_side(record.get("article"), "article", base)
            variant = _json_side(record.get("variant"), "variant", base)
        except ValueError as exc:  # FeedError, BadRecord (a bad date) and bad JSON alike
            problems.append(f"line {n}: {exc}")
            continue
        key = variant.url or "sha256:" + hashlib.sha256(line.strip().encode("utf-8")).hexdigest()
        entries.append(FeedEntry(key, article, variant))
    return ParsedFeed("JSON Lines", tuple(entries), tuple(problems))


def _xml_feed(body: bytes, base: str | None) -> ParsedFeed:
    import feedparser  # only watchers of RSS/Atom feeds pay for it

    try:
        parsed = feedparser.parse(body)
    except Exception as exc:  # a hostile document may break the parser in any way: one line, not a crash
        raise FeedError(f"could not read the feed ({type(exc).__name__}: {exc})") from None
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise FeedError(f"not a JSON Feed, RSS, Atom or JSON Lines feed ({reason})")
    kind = "Atom" if parsed.version.startswith("atom") else "RSS"
    entries, problems = [], []
    for n, entry in enumerate(parsed.entries, 1):
        copy = _str(entry.get("link"))
        original = _original(entry)
        try:
            copy, original = _pair_urls(copy, original, base, _XML_FEED_URLS)
        except FeedError as exc:
            problems.append(f"entry {n}: {exc}")
            continue
        date = _date(entry.get("published_parsed") or entry.get("updated_parsed"))
        variant = Side(copy, title=_str(entry.get("title")), date=date)
        entries.append(FeedEntry(_str(entry.get("id")) or copy, Side(original), variant))
    return ParsedFeed(kind, tuple(entries), tuple(problems))


def _original(entry: Any) -> str | None:
    """The original's URL: a ``rel="related"`` link, else the RSS ``<source url>`` or Atom ``<source><link>``."""
    for link in entry.get("links", []):
        href = _str(link.get("href"))
        if link.get("rel") == "related" and href:
            return href
    source = entry.get("source") or {}
    return _str(source.get("href")) or _str(source.get("link"))
