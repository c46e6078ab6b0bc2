"""Adding article/variant pairs: shared articles, no duplicate variants, claims stored with scores,
and the variant's copy family (see ``families``).

Scoring and the family sketch run before the write transaction, so the write lock is held for
inserts and the family's index lookups only.
"""

from __future__ import annotations

import hashlib
import sqlite3
from urllib.parse import urlsplit

from claimdesk.claims import ENGINE_VERSION, STATUSES, Report, score_pair
from claimdesk.store import claim_rows, families, family_sketch
from claimdesk.store.connection import Core
from claimdesk.store.models import AddResult, Article, ArticleIn, VariantIn


def content_hash(text: str) -> str:
    """The identity of a text: the same article text is the same article, whatever its URL."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def site_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``: the default site of a variant."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed URL (intake checks them, but the store takes any text)
        return None
    return host.removeprefix("www.") or None


def summary_values(report: Report) -> dict[str, object]:
    """The variant row's score columns for a report."""
    s = report.summary
    values: dict[str, object] = {"fidelity": s.fidelity, "coverage": s.coverage, "spin": s.spin, "risk": s.risk}
    values.update({status: int(s.counts.get(status, 0)) for status in STATUSES})
    values["engine"] = ENGINE_VERSION
    return values


_EXISTING = """
SELECT v.id AS variant_id, a.id AS article_id FROM variants v JOIN articles a ON a.id = v.article_id
WHERE a.content_hash = :article AND (v.content_hash = :variant OR (:url IS NOT NULL AND v.url = :url))
LIMIT 1
"""


def add_pair(core: Core, article: ArticleIn, variant: VariantIn, report: Report | None = None) -> AddResult:
    """Store a pair unless this article already has this variant (same text, or same URL)."""
    keys = {"article": content_hash(article.text), "variant": content_hash(variant.text), "url": variant.url}
    existing = core.read_one(_EXISTING, keys)
    if existing:
        return AddResult(False, existing["article_id"], existing["variant_id"])
    scored = report or score_pair(article.text, variant.text)
    sketch = family_sketch.sketch(variant.text)
    verbatim = family_sketch.is_verbatim(variant.text, article.text)

    def work(conn: sqlite3.Connection) -> AddResult:
        again = conn.execute(_EXISTING, keys).fetchone()
        if again:
            return AddResult(False, again["article_id"], again["variant_id"])
        now = core.now()
        conn.execute(
            "INSERT INTO articles (content_hash, url, title, published, created_at, text)"
            " VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT)) ON CONFLICT (content_hash) DO NOTHING",
            (keys["article"], article.url, article.title, article.published, now, as_utf8(article.text)),
        )
        article_id = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (keys["article"],)).fetchone()["id"]
        row = {
            "article_id": article_id,
            "content_hash": keys["variant"],
            "url": variant.url,
            "title": variant.title,
            "site": variant.site or site_of(variant.url),
            "found_at": variant.found,
            "created_at": now,
            **summary_values(scored),
            "text": as_utf8(variant.text),
        }
        columns = ", ".join(row)
        marks = ", ".join("CAST(:text AS TEXT)" if name == "text" else f":{name}" for name in row)
        variant_id = conn.execute(f"INSERT INTO variants ({columns}) VALUES ({marks})", row).lastrowid
        assert variant_id is not None
        claim_rows.insert(conn, variant_id, scored.claims)
        families.assign(conn, article_id, variant_id, sketch, verbatim=verbatim, shingles_of=stored_shingles(conn))
        return AddResult(True, article_id, variant_id)

    return core.write(work)


def stored_shingles(conn: sqlite3.Connection) -> families.ShinglesOf:
    """Shingles of a stored variant, read from its text (for checking a family candidate)."""

    def shingles_of(variant_id: int) -> frozenset[str]:
        row = conn.execute("SELECT text FROM variants WHERE id = ?", (variant_id,)).fetchone()
        return family_sketch.shingles(row[0]) if row else frozenset()

    return shingles_of


def as_utf8(text: str) -> str | bytes:
    """A text to bind, cast to TEXT in the statement. A non-ASCII str bound as it is keeps a cached
    UTF-8 copy of itself for as long as the str lives (4.6 MB for a long text, through the rest of
    the write and beyond), so it is bound as UTF-8 bytes that go with the statement; an
    ASCII str is its own UTF-8 and is bound as it is (ingest of a 9 MB line of real text: 201 ->
    196 MB peak)."""
    return text if text.isascii() else text.encode("utf-8")


def find_article_by_url(core: Core, url: str) -> Article | None:
    """The most recent article stored with this URL (intake asks before fetching it again)."""
    row = core.read_one(
        "SELECT id, url, title, text, published, created_at FROM articles WHERE url = ? ORDER BY id DESC LIMIT 1",
        (url,),
    )
    return Article(**dict(row)) if row else None
