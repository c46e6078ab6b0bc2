"""The inbox screen: the virtual list, a status line, search, and a poll for other editors' work.

The poll is a timer re-armed when its worker finishes (Dolphie's pattern), so polls never
overlap however slow the store is; a poll whose ``ChangeProbe`` saw a commit recounts the
listing and the totals.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Input
from textual.worker import Worker, WorkerState

from claimdesk.store import VARIANT_VERDICTS, ChangeProbe, InboxQuery, Store
from claimdesk.tui.components.inbox_list import InboxList
from claimdesk.tui.components.status_line import StatusLine
from claimdesk.tui.keymap import INBOX_BINDINGS
from claimdesk.tui.messages import ListingCounted, StoreChanged

if TYPE_CHECKING:
    from claimdesk.tui.app import ClaimdeskApp

# A listing is recounted at least this often even without commits: leases lapse silently.
STALE_SECONDS = 15.0
_STATES = (None, "new", "held", "decided")


def parse_search(text: str, base: InboxQuery) -> InboxQuery:
    """``/`` input to a query: ``site:x``, ``state:new``, ``verdict:distorted``, ``is:conflict``; other
    words search texts."""
    state = verdict = site = None
    conflict = False
    words: list[str] = []
    for word in text.split():
        name, _, value = word.partition(":")
        if word == "is:conflict":
            conflict = True
        elif name == "site" and value:
            site = value
        elif name == "state" and value in _STATES:
            state = value
        elif name == "verdict" and value in VARIANT_VERDICTS:
            verdict = value
        else:
            words.append(word)
    return replace(base, state=state, verdict=verdict, site=site, conflict=conflict, search=" ".join(words) or None)


def search_text(query: InboxQuery) -> str:
    """The ``/`` input that gives back ``query``'s filters and search (so enter keeps them)."""
    words = [f"{name}:{getattr(query, name)}" for name in ("state", "verdict", "site") if getattr(query, name)]
    if query.conflict:
        words.append("is:conflict")
    return " ".join([*words, query.search or ""]).strip()


class InboxScreen(Screen[None]):
    """Every variant, riskiest (or newest) first; enter opens one for review."""

    BINDINGS = INBOX_BINDINGS
    app: ClaimdeskApp

    def __init__(self) -> None:
        super().__init__()
        self._probe: ChangeProbe | None = None
        self._looked = False  # the poller has read totals once
        self._checked_at = 0.0
        self._asleep = False  # polling stopped under another screen, until this one resumes
        self.totals: StoreChanged | None = None  # the last totals the poller read (None before the first)

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield InboxList(self.app.db_path, InboxQuery(), self.app.now, self.app.verdict_label, id="inbox")
        search = Input(placeholder="search words, or site:NAME state:new verdict:distorted is:conflict", id="search")
        search.cursor_blink = self.app.cursor_blink
        search.display = False
        yield search
        yield StatusLine(id="status")
        yield Footer()

    @property
    def inbox(self) -> InboxList:
        """The list widget."""
        return self.query_one(InboxList)

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
            self.inbox.reload()
        self._show_status()

    def on_listing_counted(self, message: ListingCounted) -> None:
        # Bubbled up after the list applied it: the listed total may have changed.
        self._show_status()

    def _show_status(self) -> None:
        if self.totals is not None:
            totals = self.totals
            self.query_one(StatusLine).show(totals.counts, self.inbox.total, self.inbox.query, totals.done_today)

    # Actions ------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.inbox.cursor += 1

    def action_cursor_up(self) -> None:
        self.inbox.cursor -= 1

    def action_page_down(self) -> None:
        self.inbox.cursor += self.inbox.page_height

    def action_page_up(self) -> None:
        self.inbox.cursor -= self.inbox.page_height

    def action_first(self) -> None:
        self.inbox.cursor = 0

    def action_last(self) -> None:
        self.inbox.cursor = self.inbox.total - 1

    def action_open(self) -> None:
        from claimdesk.tui.screens.review import ReviewScreen

        row = self.inbox.current
        if row is not None:
            self.app.push_screen(ReviewScreen(row.id, self.inbox.query), self._back_from_review)

    def _back_from_review(self, variant_id: int | None) -> None:
        """Put the cursor on the variant the editor reviewed last."""
        rows = self.app.store.inbox_rows([variant_id]) if variant_id is not None else []
        if rows:
            self.inbox.move_to(rows[0])

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = search_text(self.inbox.query)
        search.display = True
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.input.display = False
        self.inbox.focus()
        self.inbox.reload(parse_search(event.value, replace(self.inbox.query, search=None)))
        self._show_status()

    def action_sort(self) -> None:
        query = self.inbox.query
        self.inbox.reload(replace(query, sort="time" if query.sort == "risk" else "risk"))
        self._show_status()

    def action_filter_state(self) -> None:
        query = self.inbox.query
        state = _STATES[(_STATES.index(query.state) + 1) % len(_STATES)]
        self.inbox.reload(replace(query, state=state))
        self._show_status()

    def action_undo(self) -> None:
        self.app.undo_last(lambda variant_id: variant_id is not None and self.inbox.reload())

    def action_help(self) -> None:
        from claimdesk.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_back(self) -> None:
        self.app.exit()
