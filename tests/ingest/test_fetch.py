"""`fetch`: pages fetched from a real server, reduced to their main text, scored into a real store."""

from __future__ import annotations

import dataclasses

import pytest

from claimdesk.ingest.client import CarefulClient, ClientSettings, Page
from claimdesk.ingest.extract import charset_of, extract
from claimdesk.ingest.fetch import Fetcher, Outcome, fetch_pairs
from claimdesk.store import Store
from tests.ingest.httpserver import ARTICLE, VARIANT, LoopbackServer, Reply, html_page, serve_pair


async def run_fetch(settings: ClientSettings, store: Store, article: str, *variants: str) -> list[Outcome]:
    async with CarefulClient(settings) as client:
        return [o async for o in fetch_pairs(Fetcher(client, store), article, list(variants))]


async def test_page_pair_fetched_extracted_and_scored(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    article_url, copy_url = serve_pair(server)
    [outcome] = await run_fetch(settings, store, article_url, copy_url)
    assert outcome.error is None and outcome.result is not None and outcome.result.added
    variant = store.variant(outcome.result.variant_id)
    assert (variant.url, variant.title, variant.site) == (copy_url, VARIANT.title, "127.0.0.1")
    assert "3.1 million euros" in variant.text and "Subscribe" not in variant.text and "Sport" not in variant.text
    assert variant.article.url == article_url and variant.article.title == ARTICLE.title
    assert "2.4 million euros" in variant.article.text
    claims = store.claims(outcome.result.variant_id)
    assert claims, "the pair was scored and its claims stored"
    assert variant.scores.counts["altered"] >= 1  # 2.4 -> 3.1 million
    assert variant.scores.counts["dropped"] >= 1  # the museum sentence


async def test_refetch_reuses_article_and_skips_stored_copy(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    article_url, copy_url = serve_pair(server)
    [first] = await run_fetch(settings, store, article_url, copy_url)
    [second] = await run_fetch(settings, store, article_url, copy_url)
    assert first.result and second.result
    assert not second.result.added and second.result.variant_id == first.result.variant_id
    assert server.hits["/article"] == 1  # found in the store by URL, not fetched again


async def test_same_article_text_under_another_url_is_shared(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    article_url, copy_url = serve_pair(server)
    server.page("/mirror", ARTICLE.html())
    server.page("/copy2", html_page(VARIANT.title, VARIANT.text.replace("3.1", "2.9")))
    [first] = await run_fetch(settings, store, article_url, copy_url)
    [second] = await run_fetch(settings, store, server.url("/mirror"), server.url("/copy2"))
    assert first.result and second.result and second.result.added
    assert second.result.article_id == first.result.article_id


async def test_failures_named_and_other_urls_go_on(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    article_url, copy_url = serve_pair(server)
    server.route("/image", Reply(200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff"))
    server.page("/empty", "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>")
    missing, image, empty = server.url("/gone"), server.url("/image"), server.url("/empty")
    outcomes = await run_fetch(settings, store, article_url, missing, copy_url, image, empty)
    errors = sorted(o.error for o in outcomes if o.error)
    assert errors == sorted(
        [
            f"{missing}: HTTP 404 Not Found",
            f"{image}: refused: content type 'image/jpeg' is not one of application/xhtml+xml, text/html, text/plain",
            f"{empty}: no main text found on the page",
        ]
    )
    assert [o.url for o in outcomes if o.result and o.result.added] == [copy_url]


async def test_failed_article_reported_once_and_copies_not_stored(
    server: LoopbackServer, settings: ClientSettings, store: Store
) -> None:
    _, copy_url = serve_pair(server)
    server.route("/down", Reply(500))
    fast = dataclasses.replace(settings, retries=1)
    outcomes = await run_fetch(fast, store, server.url("/down"), copy_url)
    assert [o.error for o in outcomes] == [
        f"{server.url('/down')}: HTTP 500 Internal Server Error (after 2 attempts)",
        f"{copy_url}: not stored: its article could not be fetched",
    ]
    assert store.counts().total == 0


async def test_plain_text_accepted_as_is(server: LoopbackServer, settings: ClientSettings, store: Store) -> None:
    server.page("/a.txt", ARTICLE.text, "text/plain; charset=utf-8")
    server.page("/v.txt", VARIANT.text, "text/plain")
    [outcome] = await run_fetch(settings, store, server.url("/a.txt"), server.url("/v.txt"))
    assert outcome.result is not None
    detail = store.variant(outcome.result.variant_id)
    assert (detail.text, detail.article.text) == (VARIANT.text, ARTICLE.text)


LATIN1_TEXT = (
    "Le café de la rue Sévigné a rouvert ses portes jeudi après deux années de travaux. "
    "La propriétaire, Hélène Marchais, a déclaré que la façade d'origine avait été préservée. "
    "Près de 300 habitués étaient présents à l'inauguration, selon la mairie du quartier."
)


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [("text/html; charset=ISO-8859-1", False), ("text/html", True), ("text/html", False)],
    ids=["header", "meta", "undeclared"],
)
async def test_latin1_page_read_right(
    server: LoopbackServer, settings: ClientSettings, content_type: str, meta: bool
) -> None:
    body = html_page("Le café rouvre", LATIN1_TEXT, charset="iso-8859-1", meta=meta).encode("latin-1")
    server.page("/fr", body, content_type)
    async with CarefulClient(settings) as client:
        text = await Fetcher(client, None).page_text(server.url("/fr"))  # type: ignore[arg-type]
    assert "café de la rue Sévigné" in text.text and "Hélène" in text.text
    assert text.title == "Le café rouvre"


def test_charset_order() -> None:
    """A BOM beats the header, the header beats the page's meta, then UTF-8 if valid, else cp1252."""
    meta = b'<meta charset="iso-8859-1"><p>caf\xc3\xa9</p>'
    assert charset_of(b"\xef\xbb\xbf<p>x</p>", "latin-1", True) == "utf-8-sig"
    assert charset_of(meta, "utf-8", True) == "utf-8"
    assert charset_of(meta, None, True) == "cp1252"
    assert charset_of(b"<p>caf\xc3\xa9</p>", None, True) == "utf-8"
    assert charset_of(b"<p>caf\xe9</p>", "no-such-charset", True) == "cp1252"


def test_extract_reads_windows_1252_punctuation_in_latin1_pages() -> None:
    text = "He said \u201cyes\u201d and left the room early that evening without a word to anyone"
    html = html_page("Quotes", text, charset="iso-8859-1")
    page = Page("http://example.test/q", 200, _headers("text/html; charset=iso-8859-1"), html.encode("cp1252"))
    assert "\u201cyes\u201d" in extract(page).text


def _headers(content_type: str):
    import httpx

    return httpx.Headers({"Content-Type": content_type})
