"""Turn URLs (or feed sides) into stored, scored pairs, the same way `claimdesk ingest` does.

Fetching is concurrent and asynchronous; storing is not: every write goes through the one
``Store`` of this thread, one short transaction per pair, so a pair is either wholly stored
or not at all. Extracting and scoring run in threads (a few at a time), so a big page never
stalls the other downloads, their deadlines or a stop. An article already in the store under
its URL is not fetched again, and one article URL named by several entries is fetched once per run.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TypeVar

from claimdesk.claims import Report, score_pair
from claimdesk.ingest.client import PAGE_TYPES, CarefulClient
from claimdesk.ingest.detached import in_thread
from claimdesk.ingest.extract import extract
from claimdesk.ingest.feeds import Side
from claimdesk.ingest.http_errors import FetchError
from claimdesk.ingest.pairs import main_text
from claimdesk.store import AddResult, ArticleIn, Store, VariantIn

T = TypeVar("T")
# Extractions and scorings at once: they hold the GIL most of the time, so more only queue there.
CPU_JOBS = 4


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text of one side, with the title found for it."""

    text: str
    title: str | None


@dataclass(frozen=True, slots=True)
class Pair:
    """An article and a copy ready to store, with the engine's report on them."""

    article: ArticleIn
    variant: VariantIn
    report: Report


class Fetcher:
    """Fetches the texts of pairs through one careful client, remembering articles within a run."""

    def __init__(self, client: CarefulClient, store: Store) -> None:
        self.client = client
        self.store = store
        self._articles: dict[str, asyncio.Task[Text]] = {}
        self._cpu = asyncio.Semaphore(CPU_JOBS)

    async def _in_thread(self, fn: Callable[..., T], *args: object) -> T:
        async with self._cpu:
            return await in_thread(fn, *args)

    async def page_text(self, url: str) -> Text:
        """Fetch and extract one page; :class:`FetchError` if it fails or has no text."""
        page = await self.client.get(url, accept=PAGE_TYPES)
        try:
            extracted = await self._in_thread(extract, page)
        except Exception as exc:  # a hostile page may break the HTML parser in any way: report, go on
            raise FetchError(url, f"could not extract the text ({type(exc).__name__}: {exc})") from exc
        if not extracted.text.strip():
            raise FetchError(url, "no main text found on the page")
        return Text(extracted.text, extracted.title)

    async def article_text(self, url: str) -> Text:
        """The article at ``url``: from the store if it is there, else fetched (once per run)."""
        stored = self.store.find_article_by_url(url)
        if stored is not None:
            return Text(stored.text, stored.title)
        if url not in self._articles:
            self._articles[url] = asyncio.ensure_future(self.page_text(url))
        return await asyncio.shield(self._articles[url])

    async def side_text(self, side: Side, *, article: bool) -> Text:
        """A feed side's text: given inline (HTML reduced to its main text), else fetched."""
        if side.text is not None:
            return Text(side.text, side.title)
        if side.html is not None:
            text = await self._in_thread(main_text, side.html)  # as `claimdesk ingest` reduces HTML
            if not text:
                raise FetchError(side.url or "an entry", "no main text in the html given by the feed")
            return Text(text, side.title)
        assert side.url is not None  # feeds.py refuses a side with neither content nor URL
        fetched = await (self.article_text(side.url) if article else self.page_text(side.url))
        return Text(fetched.text, side.title or fetched.title)

    async def pair(self, article: Side, variant: Side) -> Pair:
        """Both sides fetched concurrently, then scored in a thread so the event loop keeps serving."""
        # return_exceptions: when both sides fail, the second failure is still collected here
        # instead of surfacing later as an unretrieved task exception on stderr.
        a, v = await asyncio.gather(
            self.side_text(article, article=True), self.side_text(variant, article=False), return_exceptions=True
        )
        for outcome in (a, v):
            if isinstance(outcome, BaseException):
                raise outcome
        report = await self._in_thread(score_pair, a.text, v.text)
        return Pair(
            ArticleIn(a.text, url=article.url, title=a.title, published=article.date),
            VariantIn(v.text, url=variant.url, title=v.title, site=variant.site, found=variant.date),
            report,
        )

    def store_pair(self, pair: Pair) -> AddResult:
        """Store a scored pair as `claimdesk ingest` does: one transaction, skipped if already there."""
        return self.store.add_pair(pair.article, pair.variant, pair.report)

    def close(self) -> None:
        """Cancel article fetches nobody waits for any more (after a stop)."""
        for task in self._articles.values():
            task.cancel()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one URL: stored (``result``), or why not (``error``, one line)."""

    url: str
    result: AddResult | None = None
    error: str | None = None


async def fetch_pairs(fetcher: Fetcher, article_url: str, variant_urls: list[str]) -> AsyncIterator[Outcome]:
    """Fetch an article and its copies concurrently; store each pair as soon as it is ready.

    A failed copy does not stop the others. A failed article is reported once, and its copies
    are reported as not stored (there is nothing to compare them with).
    """
    article = Side(article_url)
    tasks = {asyncio.ensure_future(fetcher.pair(article, Side(url))): url for url in dict.fromkeys(variant_urls)}
    try:
        try:
            await fetcher.article_text(article_url)
        except FetchError as exc:
            yield Outcome(article_url, error=str(exc))
            for task, url in tasks.items():
                task.cancel()
                yield Outcome(url, error=f"{url}: not stored: its article could not be fetched")
            return
        for done in asyncio.as_completed(tasks):
            try:
                pair = await done
            except FetchError as exc:
                yield Outcome(exc.url, error=str(exc))
                continue
            yield Outcome(pair.variant.url or "", result=fetcher.store_pair(pair))
    finally:
        for task in tasks:
            task.cancel()
        fetcher.close()
