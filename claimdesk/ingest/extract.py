"""A fetched page to plain text: the right charset, then the title and main text of the HTML.

Copies live on pages full of menus, ads and comment threads; only the article body is worth
comparing, so HTML is reduced to its main text (trafilatura). Plain text is taken as it is.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from claimdesk.ingest.client import Page

# Browsers read pages labelled Latin-1 (or US-ASCII) as windows-1252, whose extra characters
# (curly quotes, dashes) such pages in practice contain; do the same (WHATWG Encoding standard).
_WHATWG = {"iso8859-1": "cp1252", "ascii": "cp1252"}  # Python's canonical names of those labels
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SNIFF = 4096


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a page says: its title (if any) and its main text."""

    title: str | None
    text: str


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None if the label is unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _WHATWG.get(name, name)


def charset_of(body: bytes, declared: str | None, html: bool) -> str:
    """The page's charset: a byte-order mark, the header, the page's ``<meta>``, UTF-8 if valid, else cp1252."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    found = _codec(declared)
    if not found and html:
        meta = _META.search(body[:_SNIFF])
        found = _codec(meta.group(1).decode("ascii")) if meta else None
    if found:
        return found
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode(page: Page) -> str:
    """The page body as text, read in its own charset (undecodable bytes replaced, never fatal)."""
    html = page.media_type != "text/plain"
    return page.content.decode(charset_of(page.content, page.charset, html), errors="replace")


def extract(page: Page) -> Extracted:
    """Title and main text of a page (plain text as it is); ``text`` is empty when there is none."""
    text = decode(page)
    return Extracted(None, text) if page.media_type == "text/plain" else main_text(page.url, text)


def main_text(url: str, html: str) -> Extracted:
    """Title and main text of an HTML document (menus, ads and comments left out)."""
    import trafilatura  # heavy (lxml and friends): only when a page is actually read

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        return Extracted(None, "")
    return Extracted(doc.title or None, (doc.text or "").strip())
