"""The inbox screen: the virtual list, a status line, search, and a poll for other editors' work.

Two views of one listing: the flat list of variants (the default) and, toggled with ``v``, the
list grouped by article and family (:class:`GroupList`). Both are virtual lists; the hidden one
reads nothing, and the query (search, filters) is the same for both.

The poll is a timer re-armed when its worker finishes (Dolphie's pattern), so polls never
overlap however slow the store is; a poll whose ``ChangeProbe`` saw a commit recounts the
listing and the totals.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, Input
from textual.worker import Worker, WorkerState

from claimdesk.store import VARIANT_VERDICTS, ArticleGroupRow, ChangeProbe, FamilyRow, InboxQuery, Store
from claimdesk.store.models import SORTS
from claimdesk.tui.components.group_list import GroupList
from claimdesk.tui.components.inbox_list import InboxList
from claimdesk.tui.components.key_footer import KeyFooter
from claimdesk.tui.components.status_line import StatusLine
from claimdesk.tui.keymap import INBOX_BINDINGS, INBOX_FOOTER
from claimdesk.tui.messages import GroupsCounted, ListingCounted, StoreChanged

if TYPE_CHECKING:
    from claimdesk.tui.app import ClaimdeskApp

# A listing is recounted at least this often even without commits: leases lapse silently.
STALE_SECONDS = 15.0
_STATES = (None, "new", "held", "decided")


def parse_search(text: str, base: InboxQuery, label: Callable[[str], str] = str) -> InboxQuery:
    """``/`` input to a query: ``site:x`` (a prefix of the site), ``state:new``, ``verdict:distorted``
    (or the word the editor's config shows for it, as ``label`` gives it), ``is:conflict``,
    ``family:N`` (the members of copy family N); other words search the variant's and the
    article's titles and texts."""
    state = verdict = site = family = None
    conflict = False
    words: list[str] = []
    verdicts = {name: name for name in VARIANT_VERDICTS} | {label(name).lower(): name for name in VARIANT_VERDICTS}
    for word in text.split():
        name, _, value = word.partition(":")
        if word == "is:conflict":
            conflict = True
        elif name == "site" and value:
            site = value
        elif name == "family" and value.isdigit():
            family = int(value)
        elif name == "state" and value in _STATES:
            state = value
        elif name == "verdict" and value.lower() in verdicts:
            verdict = verdicts[value.lower()]
        else:
            words.append(word)
    search = " ".join(words) or None
    return replace(base, state=state, verdict=verdict, site=site, conflict=conflict, family=family, search=search)


def search_text(query: InboxQuery, label: Callable[[str], str] = str) -> str:
    """The ``/`` input that gives back ``query``'s filters and search (so enter keeps them)."""
    words = [f"{name}:{getattr(query, name)}" for name in ("state", "site") if getattr(query, name)]
    if query.verdict:
        words.insert(1 if query.state else 0, f"verdict:{label(query.verdict)}")
    if query.conflict:
        words.append("is:conflict")
    if query.family is not None:
        words.append(f"family:{query.family}")
    return " ".join([*words, query.search or ""]).strip()


class InboxScreen(Screen[None]):
    """Every variant, riskiest (or newest) first; enter opens one for review."""

    BINDINGS = INBOX_BINDINGS
    FOOTER = INBOX_FOOTER
    app: ClaimdeskApp

    def __init__(self) -> None:
        super().__init__()
        self._probe: ChangeProbe | None = None
        self._looked = False  # the poller has read totals once
        self._checked_at = 0.0
        self._asleep = False  # polling stopped under another screen, until this one resumes
        self.totals: StoreChanged | None = None  # the last totals the poller read (None before the first)
        # Set when a review ran out and came back by itself: the editor's next `q` was meant for
        # the review, so it only says how to quit.
        self.quit_guard = False
        self.grouped = False  # the listing grouped by article and family (``v``), else flat
        # Set while the flat list shows one family's members, opened from the grouped view: the
        # query to go back to when ``q`` or Esc returns there.
        self.family_from: InboxQuery | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield InboxList(self.app.db_path, InboxQuery(), self.app.now, self.app.verdict_label, id="inbox")
        groups = GroupList(self.app.db_path, InboxQuery(), id="groups")
        groups.display = False
        yield groups
        search = Input(placeholder="search words, or site:NAME state:new verdict:distorted is:conflict", id="search")
        search.cursor_blink = self.app.cursor_blink
        search.display = False
        yield search
        yield StatusLine(id="status")
        yield KeyFooter()

    @property
    def inbox(self) -> InboxList:
        """The flat list widget (its query is the listing's, in either view)."""
        return self.query_one(InboxList)

    @property
    def groups(self) -> GroupList:
        """The grouped list widget."""
        return self.query_one(GroupList)

    @property
    def listing(self) -> InboxList | GroupList:
        """The list on screen: the grouped one or the flat one."""
        return self.groups if self.grouped else self.inbox

    def on_mount(self) -> None:
        self._probe = ChangeProbe(self.app.db_path)
        self.inbox.focus()
        self.inbox.reload()
        # The first look (totals only) waits a moment: the listing is being counted for the first paint.
        self.set_timer(self.app.poll_seconds, self._poll)

    def on_unmount(self) -> None:
        if self._probe is not None:
            self._probe.close()

    # Polling ------------------------------------------------------------------------------

    def _poll(self) -> None:
        # ``is_active``, not ``is_current``: Textual counts the screen under the top one as current.
        if self.is_active:
            self.run_worker(self._check_store, thread=True, group="poll", exit_on_error=False)
        else:
            # Under the review screen: no queries competing with verdicts, and no timer either
            # (waking a screen that lies underneath repaints the one on top); catch up on return.
            self._checked_at = 0.0
            self._asleep = True

    def on_screen_resume(self) -> None:
        if self._asleep:
            self._asleep = False
            self._poll()

    def _check_store(self) -> None:
        """Worker: has anyone committed since the last look? If so, read fresh totals."""
        assert self._probe is not None
        committed = self._probe.changed()
        fresh = time.monotonic() - self._checked_at < STALE_SECONDS
        if self._looked and not committed and fresh:
            return
        # The first look only reads totals: the listing was counted at mount, unless a commit
        # landed since the probe was made.
        recount = committed or self._looked
        self._looked = True
        self._checked_at = time.monotonic()
        with Store(self.app.db_path) as store:
            counts, today = store.counts(), store.verdicts_today(self.app.editor)
        self.post_message(StoreChanged(counts, today, recount))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "poll" and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            self.set_timer(self.app.poll_seconds, self._poll)

    def on_store_changed(self, message: StoreChanged) -> None:
        self.totals = message
        if message.changed:
            self.listing.reload()
        self._show_status()

    def on_listing_counted(self, message: ListingCounted) -> None:
        # Bubbled up after the list applied it: the listed total may have changed.
        self._show_status()

    def on_groups_counted(self, message: GroupsCounted) -> None:
        self._show_status()

    def _show_status(self) -> None:
        if self.totals is not None:
            totals = self.totals
            status = self.query_one(StatusLine)
            if self.grouped:
                status.show(totals.counts, self.groups.articles, self.inbox.query, totals.done_today, grouped=True)
            else:
                status.show(totals.counts, self.inbox.total, self.inbox.query, totals.done_today)

    # Actions ------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.listing.cursor += 1

    def action_cursor_up(self) -> None:
        self.listing.cursor -= 1

    def action_page_down(self) -> None:
        self.listing.cursor += self.listing.page_height

    def action_page_up(self) -> None:
        self.listing.cursor -= self.listing.page_height

    def action_first(self) -> None:
        self.listing.cursor = 0

    def action_last(self) -> None:
        self.listing.cursor = self.listing.total - 1

    def action_open(self) -> None:
        """Enter: open the variant; grouped, open or close an article, or go to a family's members."""
        if not self.grouped:
            row = self.inbox.current
            if row is not None:
                self.open_review(row.id)
            return
        chosen = self.groups.current
        if isinstance(chosen, FamilyRow):
            self.open_family(chosen)
        elif isinstance(chosen, ArticleGroupRow):
            self.groups.toggle()

    # The grouped view ---------------------------------------------------------------------

    def action_toggle_grouped(self) -> None:
        """``v``: the listing grouped by article and family, or back to the flat list."""
        self.set_grouped(not self.grouped)

    def set_grouped(self, grouped: bool, query: InboxQuery | None = None) -> None:
        """Show the grouped view (``True``) or the flat list; the one shown is counted afresh (for
        ``query``, if given: the flat list then starts at its top)."""
        if grouped == self.grouped:
            return
        self.grouped = grouped
        self.groups.display, self.inbox.display = grouped, not grouped
        if grouped:
            self.groups.reload(query or self.inbox.query)
        else:
            self.inbox.reload(query)
        self.listing.focus()
        self.refresh_bindings()
        self._show_status()

    def action_expand(self) -> None:
        self.groups.expand()

    def action_collapse(self) -> None:
        self.groups.collapse()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Expand and collapse are keys of the grouped view only."""
        if action in ("expand", "collapse"):
            return self.grouped
        return True

    def open_family(self, family: FamilyRow) -> None:
        """Enter on a family: the flat list of its members (``family:N`` on the status line), so the
        editor sees every copy, its site and state before judging; enter on one reviews it, and
        the review's next and previous walk the family. ``q`` or Esc goes back to the grouped view."""
        self.family_from = self.inbox.query
        self.set_grouped(False, replace(self.inbox.query, family=family.family_id))

    def _leave_family(self) -> bool:
        """Back to the grouped view a family's members were opened from (False: none was)."""
        if self.family_from is None or self.inbox.query.family is None:
            self.family_from = None
            return False
        query, self.family_from = self.family_from, None
        self.inbox.query = query
        if self.grouped:  # ``v`` was pressed on the members: the grouped view of the family
            self.groups.reload(query)
        else:  # the grouped view as it was left, its article still open
            self.set_grouped(True)
        self._show_status()
        return True

    def action_spread(self) -> None:
        """``S``: the spread of the article under the cursor (grouped), or of the variant's article."""
        article_id: int | None = None
        if self.grouped:
            article = self.groups.current_article
            article_id = article.article_id if article else None
        elif self.inbox.current is not None:
            article_id = self.app.store.variant(self.inbox.current.id).article.id
        if article_id is not None:
            from claimdesk.tui.screens.spread import SpreadScreen

            self.app.push_screen(SpreadScreen(article_id))

    def open_review(self, variant_id: int) -> None:
        """Review ``variant_id`` within the current listing (also the palette's "go to")."""
        from claimdesk.tui.screens.review import ReviewScreen

        review = ReviewScreen(variant_id, self.inbox.query)
        self.app.push_screen(review, lambda shown: self._back_from_review(shown, ran_out=review.ran_out))

    def _back_from_review(self, variant_id: int | None, *, ran_out: bool = False) -> None:
        """Put the cursor on the variant the editor reviewed last."""
        rows = self.app.store.inbox_rows([variant_id]) if variant_id is not None else []
        if rows:
            self.inbox.move_to(rows[0])
        if self.grouped:
            self.groups.reload()  # verdicts changed the counts of the article under the cursor
        self.quit_guard = ran_out

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = search_text(self.inbox.query, self.app.verdict_label)
        search.display = True
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close_search()
        query = parse_search(event.value, replace(self.inbox.query, search=None), self.app.verdict_label)
        self.show_listing(query)

    def _close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = False
        self.listing.focus()

    def action_cancel(self) -> None:
        """Esc: close the search box (the listing stays as it was) or Textual's key panel; nothing else."""
        if self.query_one("#search", Input).display:
            self._close_search()
        elif not self._leave_family():
            self.app.action_hide_keys_panel()

    def show_listing(self, query: InboxQuery) -> None:
        """List ``query`` (the cursor stays on the same variant if it is listed). Grouped, only the
        grouped list reads it now; the flat one counts it when it is shown again."""
        if self.grouped:
            self.inbox.query = query
            self.groups.reload(query)
        else:
            self.inbox.reload(query)
        self._show_status()

    def action_sort(self) -> None:
        if self.grouped:
            self.notify("Grouped, articles are listed riskiest copy first; v goes back to the sortable list.")
            return
        query = self.inbox.query
        self.show_listing(replace(query, sort=SORTS[(SORTS.index(query.sort) + 1) % len(SORTS)]))  # type: ignore[arg-type]

    def action_filter_state(self) -> None:
        query = self.inbox.query
        state = _STATES[(_STATES.index(query.state) + 1) % len(_STATES)]
        self.show_listing(replace(query, state=state))

    def go_to_variant(self, variant_id: int) -> None:
        """The palette's "go to variant #N": open it for review, within this listing."""
        if not self.app.store.inbox_rows([variant_id]):
            self.notify(f"There is no variant #{variant_id}.", markup=False)
            return
        self.open_review(variant_id)

    def export_listing(self) -> None:
        """The palette's export: this listing as CSV, in the current directory, by a worker."""
        path = Path.cwd() / f"claimdesk-listing-{self.app.now():%Y%m%d-%H%M%S}.csv"
        self.notify(f"Exporting the listing to {path}…", markup=False)
        self.run_worker(partial(self._export, self.inbox.query, path), thread=True, group="export")

    def _export(self, query: InboxQuery, path: Path) -> None:
        from claimdesk.store.listing_export import write_listing

        try:
            with Store(self.app.db_path) as store:
                rows = write_listing(store, query, path)
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"Export failed: {exc}", severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"Exported {rows:,} variants to {path}", markup=False)

    def action_undo(self) -> None:
        self.app.undo_last(lambda variant_id: variant_id is not None and self.listing.reload())

    def action_help(self) -> None:
        from claimdesk.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("inbox"))

    def action_back(self) -> None:
        if self._leave_family():
            return
        if self.quit_guard:
            self.quit_guard = False
            self.notify("Back in the inbox: the review ran out. Press q again to quit.", markup=False)
            return
        self.app.exit()
