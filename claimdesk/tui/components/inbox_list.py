"""The inbox: a virtual list of every variant, drawn a line at a time from pages read by key.

Shaped like Toolong's log view: a ``ScrollView`` whose ``virtual_size`` is the row count, a
``render_line`` that draws one row from an LRU of pages, and worker threads that read missing
pages from SQLite (each with its own connection) and post them back. A million rows cost what
a hundred do: one count, and the pages on screen.

The cursor is anchored on a variant id, not a row index: when the listing changes (new variants,
another editor's verdict) the row count and the anchor's index are read again, and the cursor and
the scroll offset move with the anchored variant.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from claimdesk.store import InboxQuery, InboxRow, PageKey, Store, inbox, verdicts
from claimdesk.tui.components.inbox_row import header_text, row_text
from claimdesk.tui.components.line_view import LineView
from claimdesk.tui.components.styles import COMPONENT_CLASSES, CURSOR, DIM, PLAIN, palette
from claimdesk.tui.messages import ListingCounted, PageLoaded

PAGE_SIZE = 64
CACHE_PAGES = 48


def empty_hint(query: InboxQuery) -> list[Text]:
    """What an empty listing says: that nothing matches, and how to get the variants back."""
    if not (query.search or query.site or query.state or query.verdict):
        return [Text("  No variants in this store yet: claimdesk ingest pairs.jsonl adds some.", DIM)]
    return [
        Text("  No variant matches this listing.", Style(bold=True)),
        Text("  Press / and clear the box (or change it), then enter; f cycles the state filter.", DIM),
    ]


def _read_page(store: Store, query: InboxQuery, page: int, after: PageKey | None, before: PageKey | None) -> tuple:
    """Rows of page ``page``: by the key before it, the key after it, or (a jump) an OFFSET seek."""
    if before is not None:
        rows = store.inbox_page(query, before=before, limit=PAGE_SIZE).rows
    else:
        if after is None and page > 0:
            after = inbox.key_at(store, query, page * PAGE_SIZE - 1)
            if after is None:
                return ()
        rows = store.inbox_page(query, after=after, limit=PAGE_SIZE).rows
    return rows


class InboxList(LineView, can_focus=True):
    """Every variant of the listing, one line each, with a header line that does not scroll."""

    DEFAULT_CSS = """
    InboxList { height: 1fr; overflow-x: hidden; scrollbar-gutter: stable; }
    """

    COMPONENT_CLASSES = COMPONENT_CLASSES
    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(
        self,
        db_path: Path,
        query: InboxQuery,
        now: Callable[[], datetime],
        label: Callable[[str], str],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.db_path = db_path
        self.query = query
        self._now = now
        self._label = label
        self.total = 0
        self.generation = 0
        self.anchor: InboxRow | None = None
        self.newest_seen = 0
        self._pages: OrderedDict[int, tuple[InboxRow, ...]] = OrderedDict()
        self._conflicts: set[int] = set()
        self._loading: set[int] = set()
        self._palette = PLAIN
        self.counted = False  # the listing has been counted at least once (an empty one is then empty)

    # Reading ------------------------------------------------------------------------------

    def reload(self, query: InboxQuery | None = None) -> None:
        """Count the listing again (a new query, or the store changed) and redraw around the anchor.

        A new query (filter, sort, search) keeps the cursor on the same variant if it is still
        listed, else puts it at the top.
        """
        requery = query is not None and query != self.query
        if query is not None:
            self.query = query
        self.recount(self.query, self.anchor, self.generation, with_top=round(self.scroll_y) == 0, requery=requery)

    @work(thread=True, group="recount", exclusive=True)
    def recount(
        self, query: InboxQuery, anchor: InboxRow | None, generation: int, *, with_top: bool, requery: bool = False
    ) -> None:
        """Worker: row count, the anchor's new index, what arrived since last time, and (when the
        screen shows the top) the first page, so the redraw needs no second round trip."""
        with Store(self.db_path) as store:
            total = store.inbox_count(query)
            index = 0 if requery else None
            if anchor is not None and inbox.listed(store, query, anchor.id):
                index = inbox.position(store, query, anchor.key(query.sort))
            newest = inbox.newest_id(store)
            new_since = inbox.newer_than(store, query, self.newest_seen) if self.newest_seen else 0
            top = store.inbox_page(query, limit=PAGE_SIZE).rows if with_top else None
            conflicts = verdicts.conflicting(store, [r.id for r in top or ()])
        self.post_message(ListingCounted(generation, total, index, new_since, newest, top, frozenset(conflicts)))

    def on_listing_counted(self, message: ListingCounted) -> None:
        # Not stopped: the screen's status line wants the new listed total too.
        if message.generation != self.generation:
            return
        old_cursor = self.cursor
        self.generation += 1
        self._pages.clear()
        self._loading.clear()
        self.counted = True
        self._conflicts = set(message.conflicts)
        if message.top is not None:
            self._pages[0] = message.top
        self.total = message.total
        self.newest_seen = max(self.newest_seen, message.newest)
        at_top = round(self.scroll_y) == 0
        new_cursor = message.anchor_index if message.anchor_index is not None else old_cursor
        new_cursor = max(0, min(new_cursor, self.total - 1))
        self.virtual_size = Size(self.scrollable_content_region.width, self.total + 1)
        if not at_top:
            # Keep the anchored row where it was on screen.
            self.scroll_to(y=self.scroll_y + new_cursor - old_cursor, animate=False, immediate=True)
        self.set_reactive(InboxList.cursor, new_cursor)
        self._sync_anchor()
        self._ensure_visible()
        self.refresh()
        if message.new_since and not at_top:
            noun = "variant" if message.new_since == 1 else "variants"
            self.notify(f"{message.new_since} new {noun} above (press g to go to the top)", timeout=4, markup=False)

    def _request(self, page: int) -> None:
        """Start a worker for a missing page, reading from the neighbour whose key we know."""
        if page in self._loading or page in self._pages:
            return
        self._loading.add(page)
        after = before = None
        if page - 1 in self._pages:
            after = self._pages[page - 1][-1].key(self.query.sort)
        elif page + 1 in self._pages:
            before = self._pages[page + 1][0].key(self.query.sort)
        self.run_worker(
            partial(self._load, self.query, self.generation, page, after, before),
            thread=True,
            group="pages",
        )

    def _load(self, query: InboxQuery, generation: int, page: int, after: PageKey | None, before: PageKey | None):
        """Worker body: one page and which of its variants have conflicting verdicts."""
        with Store(self.db_path) as store:
            rows = _read_page(store, query, page, after, before)
            conflicts = verdicts.conflicting(store, [r.id for r in rows])
        self.post_message(PageLoaded(generation, page, rows, frozenset(conflicts)))

    def on_page_loaded(self, message: PageLoaded) -> None:
        message.stop()
        if message.generation != self.generation:
            return
        self._loading.discard(message.page)
        self._pages[message.page] = message.rows
        self._conflicts.update(message.conflicts)
        while len(self._pages) > CACHE_PAGES:
            self._pages.popitem(last=False)
        self._sync_anchor()
        self.refresh()

    # Cursor -------------------------------------------------------------------------------

    def row_at(self, index: int) -> InboxRow | None:
        """The row at ``index`` if its page is loaded (marks the page recently used)."""
        page, offset = divmod(index, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            return None
        self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else None

    @property
    def current(self) -> InboxRow | None:
        """The variant under the cursor, if loaded."""
        return self.row_at(self.cursor)

    def _sync_anchor(self) -> None:
        row = self.row_at(self.cursor)
        if row is not None:
            self.anchor = row

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, self.total - 1))

    def watch_cursor(self) -> None:
        self._sync_anchor()
        self._ensure_visible()
        self.refresh()

    def _ensure_visible(self) -> None:
        rows_on_screen = max(1, self.size.height - 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows_on_screen:
            self.scroll_to(y=self.cursor - rows_on_screen + 1, animate=False, immediate=True)

    def move_to(self, variant: InboxRow) -> None:
        """Anchor on ``variant`` and recount, so the cursor lands on it wherever it now sits."""
        self.anchor = variant
        self.reload()

    @property
    def page_height(self) -> int:
        """Rows in one screenful."""
        return max(1, self.size.height - 1)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total + 1)
        self._ensure_visible()

    # Drawing ------------------------------------------------------------------------------

    def render_lines(self, crop):
        self._palette = palette(self)  # once per frame: the theme may change between frames
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._strip(header_text(width).render(self.app.console), width)
        index = round(self.scroll_y) + y - 1
        if index >= self.total:
            if self.total == 0 and self.counted and y - 1 < len(hint := empty_hint(self.query)):
                return self._strip(hint[y - 1].render(self.app.console), width)
            return Strip.blank(width, self.base_style)
        row = self.row_at(index)
        if row is None:
            self._request(index // PAGE_SIZE)
            return self._strip([Segment("  …", DIM)], width)
        chosen = index == self.cursor
        conflicting, colours = row.id in self._conflicts, self._palette
        text = row_text(row, width, self._now(), self._label, conflicting=conflicting, cursor=chosen, palette=colours)
        strip = self._strip(text.render(self.app.console), width)
        return strip.apply_style(CURSOR) if chosen else strip

    def _strip(self, segments, width: int) -> Strip:
        return Strip(list(segments)).crop(0, width).adjust_cell_length(width).apply_style(self.base_style)
