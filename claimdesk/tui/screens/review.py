"""The review screen: one variant against its article, claim by claim, and one-key verdicts.

A verdict key applies to the variant on screen or to nothing. Every store write (verdicts, undo,
leases) runs on the app's ``StoreWriter`` thread, bound to the variant (and claim) shown when the
key was pressed; while one is pending, and until the next variant is painted, verdict keys are
dropped with a notice instead of landing on a variant the editor never saw. Moving between claims,
scrolling and ``q`` keep working meanwhile; ``saving…`` shows on the feedback line once a write
takes longer than ``SAVING_AFTER``, and a write that fails says so on the banner line with
nothing advanced.

Opening a variant takes its lease (renewed on a timer, released on leaving, or after ``idle_seconds``
without a key); a variant another editor holds opens read-only with their name shown. A poll
keeps the verdict history, the conflict banner and the lease up to date while others work.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Header
from textual.worker import Worker, WorkerState

from claimdesk.claims import FLAGGED
from claimdesk.safe_text import clean
from claimdesk.store import (
    ChangeProbe,
    InboxQuery,
    InboxRow,
    LeaseHeld,
    Seen,
    Store,
    StoredClaim,
    StoreError,
    VariantDetail,
    VerdictChanged,
    inbox,
    verdicts,
)
from claimdesk.tui import review_jobs
from claimdesk.tui.components.aligned_view import AlignedView
from claimdesk.tui.components.claim_list import ClaimList
from claimdesk.tui.components.family_line import FamilyLine
from claimdesk.tui.components.info_bar import InfoBar
from claimdesk.tui.components.key_footer import KeyFooter
from claimdesk.tui.components.review_banner import ReviewBanner
from claimdesk.tui.components.review_context import context_line, scores_line, title_line
from claimdesk.tui.components.review_status import ReviewStatus
from claimdesk.tui.components.styles import ALERT
from claimdesk.tui.components.verdict_history import VerdictHistory
from claimdesk.tui.keymap import REVIEW_BINDINGS, REVIEW_FOOTER
from claimdesk.tui.messages import ProgressCounted
from claimdesk.tui.review_jobs import FamilyRecorded, Shown
from claimdesk.tui.screens.prompt import PromptScreen

if TYPE_CHECKING:
    from claimdesk.tui.app import ClaimdeskApp

SAVING_AFTER = 0.15  # seconds a write may take before the feedback line says ``saving…``
# Keys that record on this variant: off while someone else holds it or the store is read-only.
_VERDICT_ACTIONS = {"verdict", "family_verdict", "flag", "skip", "note"}


RECOUNT_AFTER = 1.0  # seconds after the last verdict before the listing's progress is counted again


def _short(exc: BaseException) -> str:
    return clean(str(exc), keep_newlines=False)


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
        self.shown: Shown | None = None
        self.detail: VariantDetail | None = None
        self.claims: list[StoredClaim] = []
        self.held_by: str | None = None  # why verdict keys are off: another editor's name, or a reason
        self.selected = 0
        self.busy: str | None = None  # what the pending store job is doing ("saving", "opening")
        self.painted = False  # the shown variant has reached the terminal
        self.error: str | None = None  # the last write that failed, until the next one
        self.lapsed = False  # our lease was let go after a spell without keys
        self.last_key = time.monotonic()
        self._ticket: object | None = None  # the pending job; a stale one's result is not applied
        self._saving_shown = False
        self._gone = False
        self._probe: ChangeProbe | None = None
        self._force_read = False  # the next poll reads even without a commit (leases lapse silently)
        self.ran_out = False  # dismissed because nothing was left to review in the listing
        self.wrapped = False  # the last "next open variant" went round to the top of the listing
        self.undecided: int | None = None  # of the listing, for the progress line
        self.listed: int | None = None
        self._recount_timer: Timer | None = None
        self._name_verdict_keys()

    def _name_verdict_keys(self) -> None:
        """Footer descriptions use the editor's verdict words (``[verdicts]`` in the config)."""
        describe = self.app.config.describe
        for key, bindings in self._bindings.key_to_bindings.items():
            self._bindings.key_to_bindings[key] = [replace(b, description=describe(b)) for b in bindings]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield InfoBar(id="info")
        yield FamilyLine(id="family")
        yield ReviewBanner(id="banner")
        yield VerdictHistory(id="history")
        yield AlignedView(id="aligned")
        yield ClaimList(id="claims")
        yield ReviewStatus(id="feedback")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._probe = ChangeProbe(self.app.db_path)
        self._run("opening", "Opening the variant", partial(self._open_job, self.variant_id, None), self._paint)
        self.set_interval(self.app.renew_seconds, self._renew)
        self.set_timer(self.app.poll_seconds, self._poll)
        self.count_progress()

    def on_unmount(self) -> None:
        self._gone = True
        if self._probe is not None:
            self._probe.close()
        self._release()

    # Store jobs ---------------------------------------------------------------------------

    def _open_job(self, variant_id: int, release: int | None, store: Store) -> Shown:
        if self.app.read_only:
            return replace(review_jobs.read(store, variant_id, self.app.editor), lease_error="read-only store")
        return review_jobs.open_variant(store, variant_id, self.app.editor, release=release)

    def _run(self, doing: str, what: str, job: Callable[[Store], Any], done: Callable[[Any], None]) -> None:
        """Run ``job`` on the writer thread; ``done(result)`` on the UI thread unless it failed.

        ``what`` names the step in the one-line error ("Recording the verdict failed: ...").
        """
        ticket = self._ticket = object()
        self.busy, self.error, self._saving_shown = doing, None, False
        self.set_timer(SAVING_AFTER, partial(self._show_saving, ticket))
        self.app.run_worker(self._await(ticket, what, job, done), group="review-write", exit_on_error=False)

    async def _await(self, ticket: object, what: str, job: Callable[[Store], Any], done: Callable[[Any], None]) -> None:
        try:
            result = await self.app.writer.run(job)
        except (StoreError, sqlite3.Error) as exc:
            if not self._gone and ticket is self._ticket:
                self._failed(what, exc)
            return
        done(result)  # runs even after the screen left: history and notes are the app's
        if not self._gone and ticket is self._ticket:
            self.busy = None
            self._clear_saving()
            self._show_banner()

    def _failed(self, what: str, exc: BaseException) -> None:
        self.busy = None
        self._clear_saving()
        where = f"; still on #{self.detail.id}" if self.detail else ""
        self.error = f"{what} failed: {_short(exc)}{where}."
        self._show_banner()
        if isinstance(exc, VerdictChanged | LeaseHeld) and self.detail is not None:
            self._refresh_shown()

    def _show_saving(self, ticket: object) -> None:
        if ticket is self._ticket and self.busy and not self._gone:
            self._saving_shown = True
            self.say(f"{self.busy}…")

    def _clear_saving(self) -> None:
        """Take ``saving…`` off the feedback line unless the job's own message replaced it."""
        status = self.query_one(ReviewStatus)
        if self._saving_shown and (status.message.endswith("…") or status.message.startswith("Key ignored")):
            status.say("")
        self._saving_shown = False

    def _ready(self, action: str) -> bool:
        """Whether a key bound to the variant on screen may act now; says why not if it may not."""
        if self.busy or not self.painted or self.detail is None:
            doing = self.busy or "drawing the variant"
            self.say(f"Key ignored: still {doing}…")
            return False
        return True

    # Painting -----------------------------------------------------------------------------

    def _paint(self, shown: Shown) -> None:
        """Show ``shown``: the whole screen for another variant, the verdict parts for the same one."""
        if self._gone:
            if shown.leased:  # the editor left while it was being opened
                self.app.writer.submit(
                    partial(review_jobs.release_lease, variant_id=shown.detail.id, editor=self.app.editor)
                )
            return
        new = self.detail is None or self.detail.id != shown.detail.id
        was_held_by = self.held_by
        self.shown, self.detail, self.claims = shown, shown.detail, shown.claims
        self.variant_id = shown.detail.id
        if shown.leased:
            self.lapsed = False
        self.held_by = None if shown.leased else self._read_only_reason()
        with self.app.batch_update():
            if new:
                self.painted = False
                engine_claims = [c.claim for c in shown.claims]
                self.query_one(AlignedView).show(shown.detail.article.text, shown.detail.text, engine_claims)
                self._open_at(opening_claim(shown.claims, shown.detail.mismatch))
                self.call_after_refresh(self._mark_painted, shown.detail.id)
            self._show_claims()
            self._select(self.selected)
            self._show_info()
            self._show_family()
            self._show_history()
            self._show_banner()
            if self.held_by != was_held_by:
                # Verdict keys come and go with the lease; the footer rebuilds, so only when needed.
                self.refresh_bindings()

    def _mark_painted(self, variant_id: int) -> None:
        if self.detail is not None and self.detail.id == variant_id:
            self.painted = True
            self._said_skip()

    def _show_claims(self) -> None:
        flags = {i: c.verdict.verdict for i, c in enumerate(self.claims) if c.verdict}
        self.query_one(ClaimList).show([c.claim for c in self.claims], flags)

    def _show_info(self) -> None:
        detail = self.detail
        if detail is None:
            return
        read_only = self._read_only_reason() if self.held_by else None
        text = title_line(detail, read_only, self.app.notes.get(detail.id), self.app.verdict_label)
        text.append("\n")
        text.append_text(context_line(detail))
        text.append("\n")
        text.append_text(scores_line(detail))
        self.query_one(InfoBar).show(text)

    def _show_family(self) -> None:
        family = self.shown.family if self.shown is not None else None
        if family is None:
            self.query_one(FamilyLine).show(None)
            return
        keys = [] if self.held_by else [f"{self._key_of('family-faithful')}/{self._key_of('family-distorted')} all"]
        keys.append(f"{self._key_of('spread')} spread")
        self.query_one(FamilyLine).show(family.members, family.sites, keys)

    def _key_of(self, binding_id: str) -> str:
        """The first key the editor's config gives a binding (for hints in the text)."""
        default = next(b.key for b in REVIEW_BINDINGS if b.id == binding_id)
        return self.app.get_key_display(
            Binding(self.app.config.keys.get(binding_id, default).split(",")[0].strip(), "")
        )

    def _read_only_reason(self) -> str:
        """Why the variant on screen is not ours to record on (shown in place of its verdict)."""
        shown = self.shown
        if self.app.read_only:
            return "read-only store"
        if shown is not None and shown.holder is not None:
            until = shown.holder.expires_at[11:16]
            return f"held by {clean(shown.holder.editor, keep_newlines=False)} (lease until {until} UTC)"
        if self.lapsed:
            return "lease released (no key for a while)"
        if shown is not None and shown.lease_error:
            return f"no lease: {clean(shown.lease_error, keep_newlines=False)}"
        return "the lease ran out: t takes the variant"

    def _show_history(self) -> None:
        if self.shown is None:
            return
        current = self.shown.detail.verdict
        self.query_one(VerdictHistory).show(self.shown.history, self.app.verdict_label, current.id if current else None)

    def _conflict(self) -> str | None:
        """``ana faithful ≠ bob distorted`` when the editors' standing verdicts disagree."""
        if self.shown is None:
            return None
        standing = verdicts.standing(self.shown.history)
        if len({v.verdict for v in standing.values()}) < 2:
            return None
        label = self.app.verdict_label
        return " ≠ ".join(f"{clean(e, keep_newlines=False)} {label(v.verdict)}" for e, v in sorted(standing.items()))

    def _show_banner(self) -> None:
        if self._gone or not self.is_mounted:
            return
        text = Text()

        def part(words: str, style: object = "") -> None:
            if text.plain:
                text.append(" │ ")
            text.append(words, style)  # type: ignore[arg-type]

        if self.error:
            part(self.error, ALERT)
        if self.app.read_only:
            part(f"READ-ONLY STORE ({self.app.read_only}): browse, search, export; verdict keys off", "bold")
        elif self.lapsed:
            part("Lease released after a spell without keys: any key takes it back", "bold")
        elif self.shown is not None and self.shown.holder is not None:
            # Also on the title line, which a long title pushes off an 80-column screen.
            part(f"READ-ONLY: {self._read_only_reason()}: verdict keys off", "bold")
        elif self._free_to_take():
            part("The holder's lease ran out: t takes the variant", "bold")
        note = self.app.notes.get(self.detail.id) if self.detail is not None else None
        if note:
            part("note for the next verdict: " + clean(note, keep_newlines=False))
        conflict = self._conflict()
        if conflict:
            part(f"CONFLICT: {conflict}", ALERT)
        self.query_one(ReviewBanner).say(text)

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
        """``#12 “Harbour berths…”``: how feedback names a variant (two copies may share a title)."""
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
            undecided = inbox.undecided(store, self.query_listing)
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Verdict keys are off (and out of the footer) when the variant cannot be written here."""
        if action == "take_lease":
            return self._free_to_take()
        return not (action in _VERDICT_ACTIONS and (self.held_by or self.app.read_only))

    # Watching the store -------------------------------------------------------------------

    def _poll(self) -> None:
        if self.is_active and self.detail is not None:
            force, self._force_read = self._force_read, False
            job = partial(self._check_store, self.detail.id, force)
            self.run_worker(job, thread=True, group="review-poll", exit_on_error=False)
        else:
            self.set_timer(self.app.poll_seconds, self._poll)

    def _check_store(self, variant_id: int, force: bool) -> Shown | None:
        """Worker: if anyone committed (or ``force``), read the variant's verdicts and lease again."""
        assert self._probe is not None
        if not self._probe.changed() and not force:
            return None
        with Store(self.app.db_path) as store:
            return review_jobs.read(store, variant_id, self.app.editor)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group not in ("review-poll", "review-read"):
            return
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.worker.group == "review-poll":
            self.set_timer(self.app.poll_seconds, self._poll)
        fresh = event.worker.result if event.state == WorkerState.SUCCESS else None
        shown = self.shown
        if fresh is None or self.busy or shown is None or fresh.detail.id != shown.detail.id:
            return
        # A plain read does not know our own lease: we still hold it unless another editor does now.
        self._paint(replace(fresh, leased=shown.leased and fresh.holder is None, lease_error=shown.lease_error))

    def _refresh_shown(self) -> None:
        """Read the variant again now (after a refused write: show what changed)."""
        if self.detail is not None:
            job = partial(self._check_store, self.detail.id, True)
            self.run_worker(job, thread=True, group="review-read", exit_on_error=False)

    # Leases -------------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Every key counts as activity; after a lapse the first one takes the lease back."""
        self.last_key = time.monotonic()
        if self.lapsed and not self.busy and self.detail is not None:
            variant_id = self.detail.id
            self._run("taking the lease", "Taking the lease", partial(self._open_job, variant_id, None), self._paint)

    def _renew(self) -> None:
        """Keep our hold while the editor works; let it go after ``idle_seconds`` without a key."""
        if self.detail is None or self.busy or self.shown is None or self.app.read_only:
            return
        if not self.shown.leased:
            self._force_read = True  # someone else's lease may have run out: look again
            return
        variant_id, editor = self.detail.id, self.app.editor
        if time.monotonic() - self.last_key > self.app.idle_seconds:
            self.lapsed = True
            self._paint(replace(self.shown, leased=False))
            self.app.writer.submit(partial(review_jobs.release_lease, variant_id=variant_id, editor=editor))
            self.notify("No key for a while: the lease is released. Any key takes it back.", markup=False)
            return

        def renewed(lease: object) -> None:
            if lease is None and not self._gone:  # it lapsed and another editor took it
                self._refresh_shown()

        # A renewal that fails is not reported: the next one tries again, and the lease lasts 120 s.
        self.app.run_on_writer(partial(review_jobs.take_lease, variant_id=variant_id, editor=editor), renewed)

    def _free_to_take(self) -> bool:
        """A read-only view whose holder's lease ran out: ``t`` takes the variant."""
        shown = self.shown
        return bool(shown and not shown.leased and not self.app.read_only and shown.holder is None and not self.lapsed)

    def action_take_lease(self) -> None:
        """Take over a variant whose holder's lease expired."""
        if not self._ready("take_lease") or self.detail is None:
            return
        self._run("taking the lease", "Taking the lease", partial(self._open_job, self.detail.id, None), self._paint)

    def _release(self) -> None:
        if self.detail is None or self.shown is None or not self.shown.leased:
            return
        self.app.writer.submit(partial(review_jobs.release_lease, variant_id=self.detail.id, editor=self.app.editor))

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
            self._open_at(found)  # the flag's rows at the top, the claims after it below

    def action_previous_flag(self) -> None:
        found = self._flag_after(self.selected, -1)
        if found is None:
            self.say("No flagged claim before this one.")
        else:
            self._open_at(found)

    def action_cancel(self) -> None:
        """Esc on the review closes Textual's key panel if it is open; it never records or leaves."""
        self.app.action_hide_keys_panel()

    def go_to_variant(self, variant_id: int) -> None:
        """The palette's "go to variant #N"."""
        if not self._ready("next_variant"):
            return

        def pick(store: Store, _current: int) -> InboxRow | None:
            rows = store.inbox_rows([variant_id])
            return rows[0] if rows else None

        self._go(pick, f"There is no variant #{variant_id}.", leave_if_none=False)

    def _go(
        self,
        pick: Callable[[Store, int], Any],
        none_left: str,
        *,
        leave_if_none: bool,
        before: Callable[[Store], Any] | None = None,
        after: Callable[[Any], None] | None = None,
        doing: str = "opening",
        what: str = "Opening the next variant",
    ) -> None:
        """Open the variant ``pick`` finds after the one shown (on the writer thread).

        ``before`` (a verdict) runs first in the same job, so the next variant opens without a
        second trip through the event loop; if it fails, nothing else runs. ``after`` gets its
        result on the UI thread even when opening the next variant then fails.
        """
        assert self.detail is not None
        current = self.detail.id

        def job(store: Store) -> tuple[Any, Shown | BaseException | None]:
            first = before(store) if before is not None else None
            if self._gone:  # the editor left while the verdict waited: take no lease for them
                return first, None
            try:
                row = pick(store, current)
                return first, None if row is None else self._open_job(row.id, current, store)
            except (StoreError, sqlite3.Error) as exc:
                return first, exc

        def done(result: tuple[Any, Shown | BaseException | None]) -> None:
            first, shown = result
            if after is not None:
                after(first)
            if self._gone:
                if isinstance(shown, Shown):
                    self._paint(shown)  # releases the lease it took
                return
            if isinstance(shown, BaseException):
                self._failed("Opening the next variant", shown)
            elif shown is not None:
                self._paint(shown)
            else:
                self.notify(none_left, markup=False)
                if leave_if_none:
                    self.ran_out = True
                    self.dismiss(current)

        self._run(doing, what, job, done)

    def action_next_variant(self) -> None:
        if self._ready("next_variant"):
            self._go(self._stepper(forward=True), "No further variant free to review.", leave_if_none=False)

    def action_previous_variant(self) -> None:
        if self._ready("previous_variant"):
            self._go(self._stepper(forward=False), "No earlier variant free to review.", leave_if_none=False)

    def _stepper(self, *, forward: bool) -> Callable[[Store, int], Any]:
        query, editor = self.query_listing, self.app.editor
        return lambda store, current: review_jobs.step(store, query, current, editor, forward=forward)

    def _advance(self, **write: Any) -> None:
        """Show the next open variant; ``write`` (``before``, ``after``, ...) records a verdict first."""
        query = self.query_listing

        def pick(store: Store, current: int) -> InboxRow | None:
            row, self.wrapped = review_jobs.next_open_wrapping(store, query, current)
            return row

        self._go(pick, "Nothing left to review in this listing.", leave_if_none=True, **write)

    # Verdicts -----------------------------------------------------------------------------

    def action_verdict(self, verdict: str) -> None:
        """Record ``verdict`` on the variant on screen, then show the next open variant.

        Replacing another editor's different current verdict asks first.
        """
        if not self._ready("verdict") or self.shown is None:
            return
        shown = self.shown
        current = shown.detail.verdict
        if current is not None and current.editor != self.app.editor and current.verdict != verdict:
            from claimdesk.tui.screens.confirm import ConfirmScreen

            label = self.app.verdict_label
            question = (
                f"{clean(current.editor, keep_newlines=False)}'s current verdict on #{shown.detail.id} is "
                f"{label(current.verdict)}. Replace it with {label(verdict)}?"
            )
            self.app.push_screen(ConfirmScreen(question), lambda yes: yes and self._record(verdict, shown))
            return
        self._record(verdict, shown)

    def _answer_applies(self, shown: Shown) -> bool:
        """Whether a confirmed question still applies: the variant asked about is on screen and no
        write is pending. A poll repaints the variant while the question is open whenever another
        editor commits: that is still the variant asked about (and the store refuses the verdict if
        the one the editor agreed to replace changed meanwhile), so the answer is not dropped."""
        if self._gone:
            return False
        if self.shown is None or self.shown.detail.id != shown.detail.id:
            self.say(f"Nothing recorded: #{shown.detail.id} is no longer on screen.")
            return False
        if self.busy:
            self.say(f"Nothing recorded: still {self.busy}; press the key again.")
            return False
        return True

    def _record(self, verdict: str, shown: Shown) -> None:
        if not self._answer_applies(shown):
            return
        variant_id, editor = shown.detail.id, self.app.editor
        note = self.app.notes.get(variant_id)
        current = shown.detail.verdict
        job = partial(
            review_jobs.record,
            variant_id=variant_id,
            verdict=verdict,
            editor=editor,
            claim=None,
            note=note,
            seen=Seen(current.id if current else None),
            uid=str(uuid.uuid4()),
        )

        def recorded(_event: object) -> None:
            self.app.history.append(variant_id)
            if note is not None and self.app.notes.get(variant_id) == note:
                del self.app.notes[variant_id]  # it went with this verdict
            if not self._gone:
                self.say(f"✓ {self.app.verdict_label(verdict)}: {self._describe_variant(shown.detail)} recorded")
                self._decided_one(current is None)

        self._advance(before=job, after=recorded, doing="saving", what="Recording the verdict")

    def action_skip(self) -> None:
        """Leave the variant undecided and show the next open one (saying so when that wraps)."""
        if not self._ready("skip"):
            return
        skipped = self._describe_variant()
        self._advance()
        self._after_skip = skipped

    _after_skip: str | None = None

    def _said_skip(self) -> None:
        """Once the next variant is painted: which one was skipped, and whether the listing wrapped."""
        if self._after_skip is not None:
            wrap = " (back at the top of the listing)" if self.wrapped else ""
            self.say(f"Skipped {self._after_skip}{wrap}")
            self._after_skip = None

    def action_flag(self, verdict: str) -> None:
        """Confirm or dismiss the selected claim's flag (a claim-level verdict; notes stay for the variant's)."""
        if not self._ready("flag") or self.detail is None or not self.claims:
            return
        stored = self.claims[self.selected]
        if stored.claim.status not in FLAGGED:
            self.notify("This claim is not flagged: nothing to confirm or dismiss.", markup=False)
            return
        variant_id, editor, uid = self.detail.id, self.app.editor, str(uuid.uuid4())

        def job(store: Store) -> list[StoredClaim]:
            review_jobs.record(
                store, variant_id, verdict, editor, claim=stored.number, note=None, seen=Seen(None), uid=uid
            )
            return store.claims(variant_id)

        def done(claims: list[StoredClaim]) -> None:
            self.app.history.append(variant_id)
            if not self._gone and self.detail is not None and self.detail.id == variant_id:
                self.claims = claims
                if self.shown is not None:
                    self.shown = replace(self.shown, claims=claims)
                self._show_claims()
                self.say(f"Claim {stored.number} {self.app.verdict_label(verdict)}")
                following = self._flag_after(self.selected, 1)
                self._select(self.selected if following is None else following)

        self._run("saving", "Recording the claim verdict", job, done)

    def action_family_verdict(self, verdict: str) -> None:
        """``A``/``X``: the verdict on every undecided member of the family no other editor holds,
        once the editor has confirmed the count; then on to the next open variant."""
        if not self._ready("family_verdict") or self.shown is None:
            return
        shown = self.shown
        family = shown.family
        if family is None or family.members < 2:
            self.say("This copy is alone in its family: its own verdict keys judge it.")
            return
        variant_id, editor = shown.detail.id, self.app.editor

        def ask(eligible: int) -> None:
            if self._gone or self.shown is not shown:
                return
            if not eligible:
                self.say(f"No member of this family of {family.members:,} is undecided and free: nothing to record.")
                return
            from claimdesk.tui.screens.confirm import ConfirmScreen

            label = self.app.verdict_label(verdict)
            copies = "copy" if eligible == 1 else "copies"
            question = (
                f"Record {label} on {eligible:,} undecided {copies} of this family ({family.members:,} copies on "
                f"{len(family.sites):,} sites), skipping those decided or held by another editor? "
                "Each gets its own verdict; one undo takes them all back."
            )
            yes = f"record {eligible:,} {label} verdict{'s' if eligible != 1 else ''}"
            self.app.push_screen(
                ConfirmScreen(question, yes=yes), lambda ok: ok and self._record_family(verdict, shown)
            )

        self._run("counting", "Counting the family", lambda store: store.family_eligible(variant_id, editor), ask)

    def _record_family(self, verdict: str, shown: Shown) -> None:
        if not self._answer_applies(shown):
            return
        variant_id, editor = shown.detail.id, self.app.editor
        note = self.app.notes.get(variant_id)
        job = partial(review_jobs.record_family, variant_id=variant_id, verdict=verdict, editor=editor, note=note)

        def recorded(result: FamilyRecorded) -> None:
            batch = result.batch
            if result.member is not None:
                self.app.history.append(result.member)
            if note is not None and self.app.notes.get(variant_id) == note:
                del self.app.notes[variant_id]  # it went with this verdict
            if not self._gone:
                label = self.app.verdict_label(verdict)
                skipped = batch.skipped_held + batch.skipped_decided
                self.say(f"✓ family {label}: {batch.recorded:,} recorded, {skipped:,} skipped")
                if skipped:  # the breakdown, which the feedback line has no room for at 80 columns
                    self.notify(
                        f"Family {label}: {batch.recorded:,} recorded; skipped {batch.skipped_held:,} held by "
                        f"another editor and {batch.skipped_decided:,} already decided.",
                        markup=False,
                    )
                self.count_progress()

        self._advance(before=job, after=recorded, doing="saving", what="Recording the family verdict")

    def action_spread(self) -> None:
        """``S``: the spread of this variant's article over all its copies."""
        if self.detail is None:
            return
        from claimdesk.tui.screens.spread import SpreadScreen

        self.app.push_screen(SpreadScreen(self.detail.article.id))

    def action_note(self) -> None:
        """A note for this variant's next verdict; it stays with the variant until recorded."""
        if not self._ready("note") or self.detail is None:
            return
        from claimdesk.tui.screens.note import NoteScreen

        variant_id = self.detail.id

        def keep(note: str | None) -> None:
            if note is None:
                return
            if note:
                self.app.notes[variant_id] = note
            else:
                self.app.notes.pop(variant_id, None)
            self._show_info()
            self._show_banner()

        self.app.push_screen(NoteScreen(self.app.notes.get(variant_id, "")), keep)

    def action_undo(self) -> None:
        """Retract the latest verdict; if it was on another variant, go back to that one."""
        if not self._ready("undo") or self.detail is None:
            return
        current = self.detail.id
        said: list[str] = []  # the app's one line on what was undone, shown once the variant is

        def done(variant_id: int | None) -> None:
            if self._gone:
                return
            if variant_id is None:
                self.say(" ".join(said))
                return
            selected = self.selected if variant_id == current else 0
            reopen = partial(self._open_job, variant_id, current)

            def reopened(shown: Shown) -> None:
                self._paint(shown)
                self._select(selected)
                self.say(" ".join(said))
                self.count_progress()

            self._run("opening", "Opening the variant", reopen, reopened)

        self.app.undo_last(done, run=partial(self._run, "undoing", "Undo"), tell=said.append)

    def action_help(self) -> None:
        from claimdesk.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("review"))

    def action_back(self) -> None:
        self.dismiss(self.variant_id)

    # Acting on the copy -------------------------------------------------------------------

    def _url(self) -> str:
        return clean(self.detail.url or "", keep_newlines=False).strip() if self.detail else ""

    def action_copy_url(self) -> None:
        """Copy the variant's URL with OSC 52, which reaches the editor's own clipboard over SSH."""
        url = self._url()
        if not url:
            self.say("This variant has no URL.")
            return
        self.app.copy_to_clipboard(url)
        self.say(f"Copied {url}")

    def action_open_url(self) -> None:
        """Open the variant's URL in a browser, if this machine has a graphical one (never a text one)."""
        from claimdesk.tui.browser import open_in_browser

        url = self._url()
        if not url:
            self.say("This variant has no URL.")
            return
        self.run_worker(lambda: self.app.call_from_thread(self.say, open_in_browser(url)), thread=True)
