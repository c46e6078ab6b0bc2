"""The review screen: one variant against its article, claim by claim, and one-key verdicts.

Opening a variant takes its lease (renewed on a timer, released on leaving); a variant another
editor holds opens read-only with their name shown. A verdict is written, durably, before the
screen moves on; if the write fails the editor is told and the screen stays where it is.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.widgets import Header

from claimdesk.claims import FLAGGED
from claimdesk.store import (
    InboxQuery,
    InboxRow,
    LeaseHeld,
    PageKey,
    Store,
    StoredClaim,
    StoreError,
    VariantDetail,
    app_queries,
)
from claimdesk.tui.components.aligned_view import AlignedView
from claimdesk.tui.components.claim_list import ClaimList
from claimdesk.tui.components.info_bar import InfoBar
from claimdesk.tui.components.key_footer import KeyFooter
from claimdesk.tui.components.review_context import context_line, scores_line, title_line
from claimdesk.tui.components.review_status import ReviewStatus
from claimdesk.tui.keymap import REVIEW_BINDINGS, REVIEW_FOOTER
from claimdesk.tui.messages import ProgressCounted
from claimdesk.tui.safe import clean
from claimdesk.tui.screens.prompt import PromptScreen

if TYPE_CHECKING:
    from claimdesk.tui.app import ClaimdeskApp

RENEW_SECONDS = 30.0
RECOUNT_AFTER = 1.0  # seconds after the last verdict before the listing's progress is counted again
_VERDICT_ACTIONS = {"verdict", "flag", "skip", "note"}


def opening_claim(claims: list[StoredClaim], mismatch: bool) -> int:
    """Where a variant opens: its first flagged claim (the first with text of the variant's own
    when the page is likely not a copy, so its text shows on the first screen), else claim 1."""
    for i, stored in enumerate(claims):
        if stored.claim.status in FLAGGED and not (mismatch and stored.claim.variant is None):
            return i
    return 0


class ReviewScreen(PromptScreen[int | None]):
    """Article | variant for one variant; ``query`` is the inbox listing that next/previous walk.

    Dismissed with the id of the variant last shown, so the inbox can put its cursor there.
    """

    BINDINGS = REVIEW_BINDINGS
    FOOTER = REVIEW_FOOTER
    app: ClaimdeskApp

    def __init__(self, variant_id: int, query: InboxQuery) -> None:
        super().__init__()
        self.query_listing = query
        self.variant_id = variant_id
        self.detail: VariantDetail | None = None
        self.claims: list[StoredClaim] = []
        self.held_by: str | None = None  # another editor's name when read-only
        self.note: str | None = None  # attached to the next verdict recorded here
        self.selected = 0
        self.ran_out = False  # dismissed because nothing was left to review in the listing
        self.undecided: int | None = None  # of the listing, for the progress line
        self.listed: int | None = None
        self._name_verdict_keys()

    def _name_verdict_keys(self) -> None:
        """Footer descriptions use the editor's verdict words (``[verdicts]`` in the config)."""
        describe = self.app.config.describe
        for key, bindings in self._bindings.key_to_bindings.items():
            self._bindings.key_to_bindings[key] = [replace(b, description=describe(b)) for b in bindings]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield InfoBar(id="info")
        yield AlignedView(id="aligned")
        yield ClaimList(id="claims")
        yield ReviewStatus(id="feedback")
        yield KeyFooter()

    def on_mount(self) -> None:
        if not self.open_variant(self.variant_id):
            self.dismiss(None)
            return
        self.set_interval(RENEW_SECONDS, self._renew)
        self.count_progress()

    def on_unmount(self) -> None:
        self._release()

    # Opening ------------------------------------------------------------------------------

    def open_variant(self, variant_id: int) -> bool:
        """Show ``variant_id``, taking its lease (read-only if another editor holds it)."""
        store = self.app.store
        try:
            detail = store.variant(variant_id)
            claims = store.claims(variant_id)
        except (StoreError, sqlite3.Error) as exc:
            self.app.fail("Opening the variant", exc)
            return False
        if self.detail is not None and self.detail.id != variant_id:
            self._release()
        self.detail, self.claims, self.variant_id = detail, claims, variant_id
        self.note, self.selected = None, 0
        was_held_by = self.held_by
        try:
            store.take_lease(variant_id, self.app.editor)
            self.held_by = None
        except LeaseHeld as exc:
            self.held_by = exc.lease.editor
        except (StoreError, sqlite3.Error) as exc:
            self.held_by = "?"
            self.app.fail("Taking the lease", exc)
        with self.app.batch_update():
            engine_claims = [c.claim for c in claims]
            self.query_one(AlignedView).show(detail.article.text, detail.text, engine_claims)
            self._show_claims()
            self._show_info()
            self._open_at(opening_claim(claims, detail.mismatch))
            if self.held_by != was_held_by:
                # Verdict keys come and go with the lease; the footer rebuilds, so only when needed.
                self.refresh_bindings()
        return True

    def _show_claims(self) -> None:
        flags = {i: c.verdict.verdict for i, c in enumerate(self.claims) if c.verdict}
        self.query_one(ClaimList).show([c.claim for c in self.claims], flags)

    def _show_info(self) -> None:
        detail = self.detail
        if detail is None:
            return
        text = title_line(detail, self.held_by, self.note, self.app.verdict_label)
        text.append("\n")
        text.append_text(context_line(detail))
        text.append("\n")
        text.append_text(scores_line(detail))
        self.query_one(InfoBar).show(text)

    def _select(self, index: int) -> None:
        self.selected = max(0, min(index, len(self.claims) - 1))
        self.query_one(AlignedView).selected = self.selected
        self.query_one(ClaimList).selected = self.selected

    def _open_at(self, index: int) -> None:
        """Select claim ``index`` with its rows at the top of the panes (where a variant opens)."""
        self._select(index)
        self.query_one(AlignedView).open_at(self.selected)

    def say(self, message: str) -> None:
        """Tell the editor what the last key did, on the feedback line (no toast, no layout)."""
        self.query_one(ReviewStatus).say(message)

    def _describe_variant(self, detail: VariantDetail | None = None) -> str:
        """``#12 “Harbour berths…”``: how feedback names a variant."""
        detail = detail or self.detail
        if detail is None:
            return ""
        title = clean(detail.title or "untitled", keep_newlines=False).strip()
        return f"#{detail.id} “{title[:40] + '…' if len(title) > 40 else title}”"

    # Progress -----------------------------------------------------------------------------

    @work(thread=True, group="progress", exclusive=True, exit_on_error=False)
    def count_progress(self) -> None:
        """Worker: how many variants of the listing are undecided, of how many listed."""
        with Store(self.app.db_path) as store:
            undecided = app_queries.undecided(store, self.query_listing)
            listed = store.inbox_count(self.query_listing)
        self.post_message(ProgressCounted(undecided, listed))

    def on_progress_counted(self, message: ProgressCounted) -> None:
        self.undecided, self.listed = message.undecided, message.listed
        self.query_one(ReviewStatus).show_progress(self.undecided, self.listed)

    def _decided_one(self, was_undecided: bool) -> None:
        """After a verdict: one fewer undecided at once, the exact figure once the editor pauses."""
        if was_undecided and self.undecided:
            self.undecided -= 1
            self.query_one(ReviewStatus).show_progress(self.undecided, self.listed)
        if self._recount_timer is not None:
            self._recount_timer.stop()
        self._recount_timer = self.set_timer(RECOUNT_AFTER, self.count_progress)

    _recount_timer = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Verdict keys are off (and out of the footer) when another editor holds the variant."""
        return not (action in _VERDICT_ACTIONS and self.held_by)

    # Leases -------------------------------------------------------------------------------

    def _renew(self) -> None:
        """Keep our hold; a read-only view tries to take the variant once its holder has left."""
        if self.detail is None:
            return
        was_held_by = self.held_by
        try:
            self.app.store.renew_lease(self.detail.id, self.app.editor)
            self.held_by = None
        except LeaseHeld as exc:
            self.held_by = exc.lease.editor
        except (StoreError, sqlite3.Error) as exc:
            self.app.fail("Renewing the lease", exc)
        self.count_progress()  # other editors' verdicts since
        if self.held_by != was_held_by:
            self._show_info()
            self.refresh_bindings()

    def _release(self) -> None:
        if self.detail is None or self.held_by:
            return
        try:
            self.app.store.release_lease(self.detail.id, self.app.editor)
        except (StoreError, sqlite3.Error) as exc:
            self.app.fail("Releasing the lease", exc)

    # Moving -------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self._select(self.selected + 1)

    def action_cursor_up(self) -> None:
        self._select(self.selected - 1)

    def action_first_claim(self) -> None:
        self._select(0)

    def action_last_claim(self) -> None:
        self._select(len(self.claims) - 1)

    def action_page_down(self) -> None:
        self._select(self.query_one(AlignedView).claim_a_page_away(1))

    def action_page_up(self) -> None:
        self._select(self.query_one(AlignedView).claim_a_page_away(-1))

    def _flag_after(self, index: int, step: int) -> int | None:
        """The next flagged claim from ``index`` in direction ``step`` (no wrap), or None."""
        i = index + step
        while 0 <= i < len(self.claims):
            if self.claims[i].claim.status in FLAGGED:
                return i
            i += step
        return None

    def action_next_flag(self) -> None:
        found = self._flag_after(self.selected, 1)
        if found is None:
            self.say("No flagged claim after this one.")
        else:
            self._select(found)

    def action_previous_flag(self) -> None:
        found = self._flag_after(self.selected, -1)
        if found is None:
            self.say("No flagged claim before this one.")
        else:
            self._select(found)

    def go_to_variant(self, variant_id: int) -> None:
        """The palette's "go to variant #N"."""
        self.open_variant(variant_id)

    def action_cancel(self) -> None:
        """Esc on the review itself: nothing is open to cancel, and it never records or leaves."""

    def _key(self) -> PageKey:
        assert self.detail is not None
        return self.detail.key(self.query_listing.sort)

    def _free(self, row: InboxRow) -> bool:
        return row.holder is None or row.holder == self.app.editor

    def _step(self, *, forward: bool) -> InboxRow | None:
        """The next (or previous) variant of the listing that no other editor holds (looks 100 ahead)."""
        key: PageKey | None = self._key()
        for _ in range(5):
            if key is None:
                break
            if forward:
                page = self.app.store.inbox_page(self.query_listing, after=key, limit=20)
                key, rows = page.next, page.rows
            else:
                page = self.app.store.inbox_page(self.query_listing, before=key, limit=20)
                key, rows = page.previous, tuple(reversed(page.rows))
            for row in rows:
                if self._free(row) and row.id != self.variant_id:
                    return row
        return None

    def _next_open(self) -> InboxRow | None:
        """The next undecided variant nobody holds, after this one in the listing, else from the top."""
        undecided = replace(self.query_listing, state="new", verdict=None)
        store = self.app.store
        for after in (self._key(), None):
            for row in store.inbox_page(undecided, after=after, limit=2).rows:
                if row.id != self.variant_id:
                    self.wrapped = after is None
                    return row
        return None

    wrapped = False  # whether the last _next_open went round to the top of the listing

    def action_next_variant(self) -> None:
        self._go_or_stay(self._step(forward=True), "No further variant free to review.")

    def action_previous_variant(self) -> None:
        self._go_or_stay(self._step(forward=False), "No earlier variant free to review.")

    def _go_or_stay(self, row: InboxRow | None, none_left: str) -> None:
        if row is None:
            self.notify(none_left, markup=False)
        else:
            self.open_variant(row.id)

    def _advance(self) -> None:
        row = self._next_open()
        if row is None:
            self.notify("Nothing left to review in this listing.", markup=False)
            self.ran_out = True
            self.dismiss(self.variant_id)
        else:
            self.open_variant(row.id)

    # Verdicts -----------------------------------------------------------------------------

    def action_verdict(self, verdict: str) -> None:
        """Record ``verdict`` on the variant, durably, then show the next open variant."""
        if self.detail is None:
            return
        try:
            self.app.store.record_verdict(
                self.detail.id, verdict, self.app.editor, note=self.note, uid=str(uuid.uuid4())
            )
        except (StoreError, sqlite3.Error) as exc:
            self.app.fail("Recording the verdict", exc)
            return
        self.app.history.append(self.detail.id)
        self._recorded(verdict)
        self._advance()

    def _recorded(self, verdict: str) -> None:
        """Confirm a stored verdict by the variant's id and title (two copies may share a title)."""
        assert self.detail is not None
        self.say(f"✓ {self.app.verdict_label(verdict)}: {self._describe_variant()} recorded")
        self._decided_one(self.detail.verdict is None)

    def action_skip(self) -> None:
        """Leave the variant undecided and show the next open one (saying so when that wraps)."""
        skipped = self._describe_variant()
        self._advance()
        if self.is_current or self.is_active:
            wrap = " (back at the top of the listing)" if self.wrapped else ""
            self.say(f"Skipped {skipped}{wrap}")

    def action_flag(self, verdict: str) -> None:
        """Confirm or dismiss the selected claim's flag (a claim-level verdict)."""
        if self.detail is None or not self.claims:
            return
        stored = self.claims[self.selected]
        if stored.claim.status not in FLAGGED:
            self.notify("This claim is not flagged: nothing to confirm or dismiss.", markup=False)
            return
        try:
            self.app.store.record_verdict(
                self.detail.id, verdict, self.app.editor, claim=stored.number, note=self.note, uid=str(uuid.uuid4())
            )
            self.claims = self.app.store.claims(self.detail.id)
        except (StoreError, sqlite3.Error) as exc:
            self.app.fail("Recording the claim verdict", exc)
            return
        self.app.history.append(self.detail.id)
        self._show_claims()
        self.say(f"Claim {stored.number} {self.app.verdict_label(verdict)}")
        following = self._flag_after(self.selected, 1)
        self._select(self.selected if following is None else following)

    def action_note(self) -> None:
        from claimdesk.tui.screens.note import NoteScreen

        def keep(note: str | None) -> None:
            if note is not None:
                self.note = note or None
                self._show_info()

        self.app.push_screen(NoteScreen(self.note or ""), keep)

    def action_undo(self) -> None:
        """Retract the latest verdict; if it was on another variant, go back to that one."""
        event = self.app.undo_last()
        if event is None:
            return
        self.say("Undid your last verdict.")
        self.count_progress()
        if event.variant_id != self.variant_id or self.detail is None:
            self.open_variant(event.variant_id)
        else:
            selected = self.selected
            self.open_variant(event.variant_id)
            self._select(selected)

    def action_help(self) -> None:
        from claimdesk.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("review"))

    def action_back(self) -> None:
        self.dismiss(self.variant_id)

    # Acting on the copy -------------------------------------------------------------------

    def action_copy_url(self) -> None:
        """Copy the variant's URL with OSC 52, which reaches the editor's own clipboard over SSH."""
        url = clean(self.detail.url or "", keep_newlines=False).strip() if self.detail else ""
        if not url:
            self.say("This variant has no URL.")
            return
        self.app.copy_to_clipboard(url)
        self.say(f"Copied {url}")

    def action_open_url(self) -> None:
        """Open the variant's URL in a browser, if this machine has a graphical one."""
        from claimdesk.tui.browser import open_in_browser

        url = clean(self.detail.url or "", keep_newlines=False).strip() if self.detail else ""
        if not url:
            self.say("This variant has no URL.")
            return
        self.run_worker(lambda: self.app.call_from_thread(self.say, open_in_browser(url)), thread=True)
