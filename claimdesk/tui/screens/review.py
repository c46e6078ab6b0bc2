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

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Footer, Header

from claimdesk.claims import FLAGGED
from claimdesk.safe_text import clean
from claimdesk.store import InboxQuery, InboxRow, LeaseHeld, PageKey, StoredClaim, StoreError, VariantDetail
from claimdesk.tui.components.aligned_view import AlignedView
from claimdesk.tui.components.claim_list import ClaimList
from claimdesk.tui.components.info_bar import InfoBar
from claimdesk.tui.components.styles import ALTERED_FACT, DIM
from claimdesk.tui.keymap import REVIEW_BINDINGS
from claimdesk.tui.screens.prompt import PromptScreen

if TYPE_CHECKING:
    from claimdesk.tui.app import ClaimdeskApp

RENEW_SECONDS = 30.0
_VERDICT_ACTIONS = {"verdict", "flag", "skip", "note"}


class ReviewScreen(PromptScreen[int | None]):
    """Article | variant for one variant; ``query`` is the inbox listing that next/previous walk.

    Dismissed with the id of the variant last shown, so the inbox can put its cursor there.
    """

    BINDINGS = REVIEW_BINDINGS
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
        yield Footer()

    def on_mount(self) -> None:
        if not self.open_variant(self.variant_id):
            self.dismiss(None)
            return
        self.set_interval(RENEW_SECONDS, self._renew)

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
            self._select(0)
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
        counts = detail.scores.counts
        text = Text(clean(detail.title or "(untitled)", keep_newlines=False), style="bold")
        text.append(f"  #{detail.id}  " + clean(detail.site or "", keep_newlines=False), DIM)
        text.append("\n")
        if self.held_by:
            text.append(f"READ-ONLY: held by {clean(self.held_by, keep_newlines=False)}", ALTERED_FACT)
        else:
            verdict = detail.verdict
            text.append("verdict: " + (self.app.verdict_label(verdict.verdict) if verdict else "none"), "bold")
            text.append(f" by {clean(verdict.editor, keep_newlines=False)}" if verdict else "")
        if self.note:
            text.append("  note: " + clean(self.note, keep_newlines=False), DIM)
        scores = detail.scores
        text.append(
            f" │ ! {counts.get('altered', 0)} altered  - {counts.get('dropped', 0)} dropped  "
            f"+ {counts.get('added', 0)} added │ risk {scores.risk:.2f}  fidelity {scores.fidelity:.2f}  "
            f"coverage {scores.coverage:.2f}  spin {scores.spin:.2f}"
        )
        self.query_one(InfoBar).show(text)

    def _select(self, index: int) -> None:
        self.selected = max(0, min(index, len(self.claims) - 1))
        self.query_one(AlignedView).selected = self.selected
        self.query_one(ClaimList).selected = self.selected

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
            self.app.store.take_lease(self.detail.id, self.app.editor)
            self.held_by = None
        except LeaseHeld as exc:
            self.held_by = exc.lease.editor
        except (StoreError, sqlite3.Error) as exc:
            self.app.fail("Renewing the lease", exc)
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

    def _key(self) -> PageKey:
        assert self.detail is not None
        row_key = self.detail.scores.risk if self.query_listing.sort == "risk" else self.detail.id
        return PageKey(row_key, self.detail.id)

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
                    return row
        return None

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
        self._advance()

    def action_skip(self) -> None:
        """Leave the variant undecided and show the next open one."""
        self._advance()

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
        self._select(self.selected)

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
        self.notify("Undid your last verdict.", markup=False)
        if event.variant_id != self.variant_id or self.detail is None:
            self.open_variant(event.variant_id)
        else:
            selected = self.selected
            self.open_variant(event.variant_id)
            self._select(selected)

    def action_help(self) -> None:
        from claimdesk.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_back(self) -> None:
        self.dismiss(self.variant_id)
