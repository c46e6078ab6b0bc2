"""The grouped inbox: one line per article, and under the expanded one, a line per family.

The same shape as :class:`~claimdesk.tui.components.inbox_list.InboxList`: a ``ScrollView``
whose ``virtual_size`` is the line count, ``render_line`` drawing one line from an LRU of pages
read by key in worker threads. Pages of articles are read by the key of the row before them;
the widget remembers the key at each page boundary it has passed (one key per 64 articles). The
next page reads forward from the known key before it; a jump further than that (End, a scrollbar
drag) asks the store for the key of its page in one seek (``article_groups_key_before``) rather
than reading every page in between.

One article is expanded at a time (opening another closes the first): its families, read by a
worker, are spliced in under it, so line ``i`` maps to an article or a family with one offset.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rich.segment import Segment
from rich.text import Text
from textual import work
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from claimdesk.store import ArticleGroupKey, ArticleGroupRow, FamilyRow, InboxQuery, Store
from claimdesk.tui.components.group_row import article_text, family_row_text, header_text
from claimdesk.tui.components.line_view import LineView
from claimdesk.tui.components.styles import COMPONENT_CLASSES, CURSOR, DIM, PLAIN, palette
from claimdesk.tui.messages import FamiliesLoaded, GroupPageLoaded, GroupsCounted

PAGE_SIZE = 64
CACHE_PAGES = 48


@dataclass(frozen=True)
class Expanded:
    """The open article: its index among the articles, its id, its families."""

    index: int
    article_id: int
    families: tuple[FamilyRow, ...]


# Read forward from a known key up to this many pages; further, seek the page's key in the store.
READ_AHEAD_PAGES = 2


def read_pages(
    store: Store, query: InboxQuery, start: int, after: ArticleGroupKey | None, page: int, articles: int
) -> tuple[tuple[ArticleGroupRow, ...], dict[int, ArticleGroupKey | None]]:
    """Page ``page`` of a listing of ``articles``: read forward from page ``start`` (whose key is
    ``after``) when it is near, else from the key the store seeks for it; returns its rows and the
    key of every page boundary passed on the way."""
    if page - start > READ_AHEAD_PAGES:
        after = store.article_groups_key_before(query, page * PAGE_SIZE, articles)
        if after is None:  # the listing shrank under the jump: the recount that follows redraws it
            return (), {}
        start = page
    rows = store.article_groups_page(query, after=after, limit=(page - start + 1) * PAGE_SIZE).rows
    keys: dict[int, ArticleGroupKey | None] = {page: after} if start == page else {}
    for p in range(start + 1, page + 2):
        end = (p - start) * PAGE_SIZE
        if end <= len(rows):
            keys[p] = rows[end - 1].key
    return tuple(rows[(page - start) * PAGE_SIZE :]), keys


class GroupList(LineView, can_focus=True):
    """Articles of the listing with their copy counts; the expanded one's families under it."""

    DEFAULT_CSS = """
    GroupList { height: 1fr; overflow-x: hidden; scrollbar-gutter: stable; }
    """

    COMPONENT_CLASSES = COMPONENT_CLASSES
    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, db_path: Path, query: InboxQuery, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db_path = db_path
        self.query = query
        self.articles = 0  # articles in the listing
        self.generation = 0
        self.expanded: Expanded | None = None
        self.counted = False
        self._pages: OrderedDict[int, tuple[ArticleGroupRow, ...]] = OrderedDict()
        self._keys: dict[int, ArticleGroupKey | None] = {0: None}  # page -> the key that reads it
        self._loading: set[int] = set()
        self._opening: int | None = None  # article id whose families are being read
        self._palette = PLAIN

    # The lines ----------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """Lines in the list: every article, and the expanded one's families."""
        return self.articles + (len(self.expanded.families) if self.expanded else 0)

    def locate(self, line: int) -> tuple[int, int | None]:
        """Line ``line`` as (article index, family index or None for the article's own line)."""
        open_ = self.expanded
        if open_ is None or line <= open_.index:
            return line, None
        if line <= open_.index + len(open_.families):
            return open_.index, line - open_.index - 1
        return line - len(open_.families), None

    def article_at(self, index: int) -> ArticleGroupRow | None:
        """The article at ``index`` if its page is loaded (marks the page recently used)."""
        page, offset = divmod(index, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            return None
        self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else None

    @property
    def current(self) -> ArticleGroupRow | FamilyRow | None:
        """The article or family under the cursor, if loaded."""
        index, family = self.locate(self.cursor)
        if family is not None and self.expanded is not None:
            return self.expanded.families[family]
        return self.article_at(index)

    @property
    def current_article(self) -> ArticleGroupRow | None:
        """The article of the line under the cursor (a family's own article)."""
        return self.article_at(self.locate(self.cursor)[0])

    # Reading ------------------------------------------------------------------------------

    def reload(self, query: InboxQuery | None = None) -> None:
        """Count the listing again (a new query closes the expanded article and goes to the top)."""
        if query is not None and query != self.query:
            self.query = query
            self.expanded = None
            self.set_reactive(GroupList.cursor, 0)
            self.scroll_to(y=0, animate=False, immediate=True)
        self.recount(self.query, self.generation, self.expanded, self._keys.get(self._page_of_open()))

    def _page_of_open(self) -> int:
        return self.expanded.index // PAGE_SIZE if self.expanded else -1

    @work(thread=True, group="group-recount", exclusive=True)
    def recount(
        self, query: InboxQuery, generation: int, expanded: Expanded | None, open_key: ArticleGroupKey | None
    ) -> None:
        """Worker: the article count, the first page, and the expanded article's families afresh
        (if it still sits where it was)."""
        with Store(self.db_path) as store:
            total = store.article_groups_count(query)
            top = tuple(store.article_groups_page(query, limit=PAGE_SIZE).rows)
            families = None
            page, offset = divmod(expanded.index, PAGE_SIZE) if expanded is not None else (0, 0)
            if expanded is not None and (page == 0 or open_key is not None):
                rows = top if page == 0 else store.article_groups_page(query, after=open_key, limit=PAGE_SIZE).rows
                if offset < len(rows) and rows[offset].article_id == expanded.article_id:
                    families = tuple(store.article_families(expanded.article_id))
        self.post_message(GroupsCounted(generation, total, top, families))

    def on_groups_counted(self, message: GroupsCounted) -> None:
        # Not stopped: the screen's status line wants the new total too.
        if message.generation != self.generation:
            return
        self.generation += 1
        self._pages.clear()
        self._loading.clear()
        self._keys = {0: None}
        self.counted = True
        self.articles = message.total
        if message.top is not None:
            self._store_page(0, message.top)
        if self.expanded is not None:
            if message.families is None:
                self._collapse_lines()
            else:
                self.expanded = Expanded(self.expanded.index, self.expanded.article_id, message.families)
        self._resize()
        self.set_reactive(GroupList.cursor, self.validate_cursor(self.cursor))
        self._ensure_visible()
        self.refresh()

    def _store_page(self, page: int, rows: tuple[ArticleGroupRow, ...]) -> None:
        self._pages[page] = rows
        if len(rows) == PAGE_SIZE:
            self._keys[page + 1] = rows[-1].key
        while len(self._pages) > CACHE_PAGES:
            self._pages.popitem(last=False)

    def _request(self, page: int) -> None:
        """Start a worker for a missing page, from the nearest page boundary whose key is known."""
        if page in self._loading or page in self._pages:
            return
        self._loading.add(page)
        start = max(p for p in self._keys if p <= page)
        self.run_worker(
            partial(self._load, self.query, self.generation, page, start, self._keys[start], self.articles),
            thread=True,
            group="group-pages",
        )

    def _load(
        self, query: InboxQuery, generation: int, page: int, start: int, after: ArticleGroupKey | None, articles: int
    ) -> None:
        with Store(self.db_path) as store:
            rows, keys = read_pages(store, query, start, after, page, articles)
        self.post_message(GroupPageLoaded(generation, page, rows, keys))

    def on_group_page_loaded(self, message: GroupPageLoaded) -> None:
        message.stop()
        if message.generation != self.generation:
            return
        self._loading.discard(message.page)
        self._keys.update(message.keys)
        self._store_page(message.page, message.rows)
        self.refresh()

    # Expanding ----------------------------------------------------------------------------

    def expand(self) -> None:
        """Open the article under the cursor (closing any other); its families come from a worker."""
        index, family = self.locate(self.cursor)
        article = self.article_at(index)
        if article is None or family is not None:
            return
        if self.expanded is not None and self.expanded.article_id == article.article_id:
            return
        self._opening = article.article_id
        self.read_families(self.generation, index, article.article_id)

    @work(thread=True, group="families", exclusive=True)
    def read_families(self, generation: int, index: int, article_id: int) -> None:
        """Worker: the families of one article."""
        with Store(self.db_path) as store:
            families = tuple(store.article_families(article_id))
        self.post_message(FamiliesLoaded(generation, index, article_id, families))

    def on_families_loaded(self, message: FamiliesLoaded) -> None:
        message.stop()
        if message.generation != self.generation or message.article_id != self._opening:
            return
        self._opening = None
        article = self.article_at(message.index)
        if article is None or article.article_id != message.article_id:
            return
        self._collapse_lines()
        self.expanded = Expanded(message.index, message.article_id, message.families)
        self.set_reactive(GroupList.cursor, message.index)
        self._resize()
        self._ensure_visible()
        self.refresh()

    def collapse(self) -> None:
        """Close the expanded article; the cursor goes to its line."""
        if self.expanded is None:
            return
        self._collapse_lines()
        self._resize()
        self._ensure_visible()
        self.refresh()

    def _collapse_lines(self) -> None:
        """Take the families out, keeping the cursor on the same article (or the open one's line)."""
        open_ = self.expanded
        if open_ is None:
            return
        index, family = self.locate(self.cursor)
        self.expanded = None
        self.set_reactive(GroupList.cursor, index if family is None else open_.index)

    def toggle(self) -> None:
        """Enter on an article: open it, or close it if open."""
        index, family = self.locate(self.cursor)
        if family is None and self.expanded is not None and self.expanded.index == index:
            self.collapse()
        else:
            self.expand()

    # Cursor -------------------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, self.total - 1))

    def watch_cursor(self) -> None:
        self._ensure_visible()
        self.refresh()

    def _ensure_visible(self) -> None:
        rows_on_screen = self.page_height
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows_on_screen:
            self.scroll_to(y=self.cursor - rows_on_screen + 1, animate=False, immediate=True)

    @property
    def page_height(self) -> int:
        """Lines in one screenful."""
        return max(1, self.size.height - 1)

    def _resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total + 1)

    def on_resize(self) -> None:
        self._resize()
        self._ensure_visible()

    # Drawing ------------------------------------------------------------------------------

    def render_lines(self, crop):
        self._palette = palette(self)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._strip(header_text(width).render(self.app.console), width)
        line = round(self.scroll_y) + y - 1
        if line >= self.total:
            if self.total == 0 and self.counted and y == 1:
                return self._strip(Text("  No article matches this listing.", DIM).render(self.app.console), width)
            return Strip.blank(width, self.base_style)
        index, family = self.locate(line)
        chosen = line == self.cursor
        if family is not None and self.expanded is not None:
            last = family == len(self.expanded.families) - 1
            row = self.expanded.families[family]
            text = family_row_text(row, width, last=last, cursor=chosen, palette=self._palette)
        else:
            article = self.article_at(index)
            if article is None:
                self._request(index // PAGE_SIZE)
                return self._strip([Segment("  …", DIM)], width)
            opened = self.expanded is not None and self.expanded.index == index
            text = article_text(article, width, expanded=opened, cursor=chosen, palette=self._palette)
        strip = self._strip(text.render(self.app.console), width)
        return strip.apply_style(CURSOR) if chosen else strip

    def _strip(self, segments, width: int) -> Strip:
        return Strip(list(segments)).crop(0, width).adjust_cell_length(width).apply_style(self.base_style)
