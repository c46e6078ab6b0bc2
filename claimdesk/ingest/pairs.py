"""One intake record, `{"article": {...}, "variant": {...}}`, checked and reduced to plain text.

Every way in (JSONL files, stdin) validates through here, so a record is accepted or refused
for the same reasons whatever its source; a refusal is a ``BadRecord`` with a one-line reason.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from claimdesk.ingest.http_policy import BadURL, checked_url
from claimdesk.store import ArticleIn, VariantIn
from claimdesk.store.connection import parse_iso


class BadRecord(ValueError):
    """A record that cannot be ingested; the message says why in a few words."""


_FIELDS = {"article": ("url", "title", "published"), "variant": ("url", "title", "site", "found")}
_DATES = {"published", "found"}


def main_text(html: str) -> str:
    """The main text of an HTML page (boilerplate, menus and scripts removed)."""
    import trafilatura

    return (trafilatura.extract(html, include_comments=False, include_tables=False) or "").strip()


def iso_date(value: str) -> str:
    """An ISO 8601 date or time as stored: UTC, ``...Z``; a time without a zone is taken as UTC.

    A date that falls outside years 1 to 9999 once in UTC is refused like an unreadable one.
    """
    try:
        return stored_date(parse_iso(value))
    except ValueError:
        raise BadRecord(f"{value!r} is not an ISO 8601 date in years 1 to 9999 (UTC)") from None


def stored_date(moment: datetime) -> str:
    """An aware moment as the store keeps dates: UTC, seconds, ``Z``, always a four-digit year.

    (``strftime("%Y")`` writes year 500 as ``500`` on Linux, which would sort after ``2026``.)
    """
    return moment.astimezone(UTC).isoformat(timespec="seconds").removesuffix("+00:00") + "Z"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def well_formed(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, as a decoder replaces bad bytes.

    JSON may spell them (``"\\ud800"``) and ``json`` keeps them, but no UTF-8 text (SQLite's, a
    terminal's) can hold one: the first write of such a title would raise in the store.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


def _side(record: dict[str, Any], side: str) -> dict[str, str | None]:
    obj = record.get(side)
    if not isinstance(obj, dict):
        raise BadRecord(f'"{side}" must be an object')
    values: dict[str, str | None] = {}
    for name in _FIELDS[side]:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise BadRecord(f"{side}.{name} must be a string")
        value = value and well_formed(value)
        try:
            if value and name in _DATES:
                values[name] = iso_date(value)
            elif value and name == "url":
                values[name] = checked_url(value)  # stored, shown and compared: never a malformed one
            else:
                values[name] = value or None
        except (BadRecord, BadURL) as exc:
            raise BadRecord(f"{side}.{name}: {exc}") from None
    text, html = obj.get("text"), obj.get("html")
    if text is not None and not isinstance(text, str):
        raise BadRecord(f"{side}.text must be a string")
    if html is not None and not isinstance(html, str):
        raise BadRecord(f"{side}.html must be a string")
    if text is None and html is None:
        raise BadRecord(f'{side} needs "text" or "html"')
    values["text"] = well_formed(text if text is not None else main_text(html or ""))
    if not (values["text"] or "").strip():
        raise BadRecord(f"{side} has no text")
    return values


def parse_record(record: object) -> tuple[ArticleIn, VariantIn]:
    """A decoded JSON value to the store's inputs, or BadRecord."""
    if not isinstance(record, dict):
        raise BadRecord("not a JSON object")
    article = _side(record, "article")
    variant = _side(record, "variant")
    return (
        ArticleIn(
            text=str(article["text"]), url=article["url"], title=article["title"], published=article["published"]
        ),
        VariantIn(
            text=str(variant["text"]),
            url=variant["url"],
            title=variant["title"],
            site=variant["site"],
            found=variant["found"],
        ),
    )
