"""The claimdesk Textual app: one store connection for the UI thread, the keymap, the screens.

Verdicts, undo and leases are written by ``self.writer``, one thread with its own connection,
never on the event loop: a write may wait seconds for another process's lock, and the screen
must keep painting meanwhile. A verdict is still durable before the next variant shows: the
review screen opens the next one only once the write returned. Reads that can be slow on a big
store (inbox pages, counts, polls) run in workers, each with its own connection, and so do WAL
checkpoints (never inside a verdict's commit).
"""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, Literal

from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from claimdesk.safe_text import clean
from claimdesk.store import NothingToUndo, Store, StoreError, checkpoints
from claimdesk.store.connection import BUSY_TIMEOUT_MS
from claimdesk.tui import review_jobs
from claimdesk.tui.keymap import Config
from claimdesk.tui.store_writer import StoreWriter

CHECKPOINT_SECONDS = 2.0  # how often a worker checkpoints the WAL the UI connection only appends to
RENEW_SECONDS = 30.0  # how often an open variant's lease is renewed (it lasts 120 s)
IDLE_SECONDS = 600.0  # no key for this long lets the lease go
ANSI_THEME = "ansi-dark"

Colours = Literal["full", "16", "none"]

# ``run(job, done)``: runs ``job(store)`` on the writer thread, then ``done(result)`` on the UI.
Runner = Callable[[Callable[[Store], Any], Callable[[Any], None]], None]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _desk_commands():
    """The palette's app commands, imported when the palette first opens."""
    from claimdesk.tui.palette import DeskCommands

    return DeskCommands


def colours_from_environment() -> Colours:
    """``none`` under ``NO_COLOR``, ``16`` when the terminal (or ``TEXTUAL_COLOR_SYSTEM``) has only
    the 16 ANSI colours, else ``full``."""
    if "NO_COLOR" in os.environ:
        return "none"
    from rich.console import Console

    system = os.environ.get("TEXTUAL_COLOR_SYSTEM") or Console(force_terminal=True).color_system
    return "16" if system in ("standard", "windows") else "full"


class ClaimdeskApp(App[None]):
    """The inbox and review screens over one store file, as one editor."""

    CSS_PATH = "claimdesk.tcss"
    TITLE = "claimdesk"
    # Esc cancels what is open (a prompt, a panel, the palette) and nothing else: over SSH it
    # arrives late and doubles as the Alt prefix, so on a bare screen it never acts.
    ESCAPE_TO_MINIMIZE = False
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "hide_keys_panel", show=False, id="app-cancel")]
    COMMANDS = App.COMMANDS | {_desk_commands}

    def __init__(
        self,
        db_path: str | Path,
        editor: str,
        *,
        config: Config | None = None,
        now: Callable[[], datetime] = _utc_now,
        cursor_blink: bool = True,
        poll_seconds: float = 0.5,
        colours: Colours | None = None,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        renew_seconds: float = RENEW_SECONDS,
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        # The colour mode is settled before Textual's init, which picks its NO_COLOR filter by
        # whether the theme is an ANSI one: with an ANSI theme it strips every colour to the
        # terminal's default (bold and reverse stay); otherwise it greys them (dark on dark).
        self.colours: Colours = colours or colours_from_environment()
        super().__init__(ansi_color=True if self.colours != "full" else None)
        if self.colours != "full":
            self.theme = ANSI_THEME
        self.db_path = Path(db_path)
        self.editor = editor
        self.config = config or Config()
        self.now = now
        self.cursor_blink = cursor_blink
        self.poll_seconds = poll_seconds
        self.renew_seconds = renew_seconds
        self.idle_seconds = idle_seconds
        self.store = Store.open(self.db_path, create=False)  # the app never makes an empty store
        checkpoints.defer(self.store)
        self.writer = StoreWriter(self.db_path, busy_timeout_ms=busy_timeout_ms)
        # Why the store cannot be written (None if it can): verdict keys are off then.
        self.read_only: str | None = self.store.read_only
        # Variant ids of this session's verdicts, newest last: what `undo` walks back through.
        self.history: list[int] = []
        # Notes typed for a variant's next verdict, by variant id: kept until that verdict is recorded.
        self.notes: dict[int, str] = {}
        where = clean(str(self.db_path), keep_newlines=False) + (" (read-only)" if self.read_only else "")
        self.sub_title = f"editor: {clean(editor, keep_newlines=False)} · {where}"

    def on_mount(self) -> None:
        from claimdesk.tui.screens.inbox import InboxScreen

        self.set_keymap(self.config.keys)
        self.push_screen(InboxScreen())
        # Textual's start-up objects live as long as the app: take them out of the cyclic GC's
        # reach, so its full collections stop landing between a verdict key and the next paint.
        self.call_after_refresh(gc.freeze)
        if not self.read_only:
            self.set_timer(CHECKPOINT_SECONDS, self._checkpoint)

    def action_hide_keys_panel(self) -> None:
        """Esc with Textual's key panel open closes it; otherwise Esc does nothing here."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()

    def _checkpoint(self) -> None:
        self.run_worker(partial(checkpoints.run, self.db_path), thread=True, group="checkpoint", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Re-armed when one finishes, so checkpoints never overlap however slow the disk is.
        if event.worker.group == "checkpoint" and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            self.set_timer(CHECKPOINT_SECONDS, self._checkpoint)

    def on_unmount(self) -> None:
        self.writer.close()
        self.store.close()

    def verdict_label(self, verdict: str) -> str:
        """The word the editor configured for a stored verdict."""
        return self.config.verdict_label(verdict)

    def fail(self, action: str, exc: BaseException) -> None:
        """Tell the editor a write did not happen (plain text: messages may quote stored data)."""
        self.notify(f"{action} failed: {exc}", severity="error", timeout=8, markup=False)

    def run_on_writer(self, job: Callable[[Store], Any], done: Callable[[Any], None], *, what: str = "") -> None:
        """Run ``job`` on the writer thread and ``done(result)`` here; a failure is one notice."""

        async def await_job() -> None:
            try:
                result = await self.writer.run(job)
            except (StoreError, sqlite3.Error) as exc:
                if what:
                    self.fail(what, exc)
                return
            done(result)

        self.run_worker(await_job(), group="store-write", exit_on_error=False)

    def undo_last(
        self,
        done: Callable[[int | None], None],
        *,
        run: Runner | None = None,
        tell: Callable[[str], None] | None = None,
    ) -> None:
        """Retract this editor's latest verdict (this session's, else the store's), off the event loop.

        ``done`` gets the variant id it was on, or None if there was nothing (left) to undo; a
        retracted note comes back as the variant's pending note. What happened is said once,
        through ``tell`` (a screen's own feedback line), else as a notification.
        """
        tell = tell or partial(self.notify, markup=False)
        target = self.history[-1] if self.history else None
        already = object()

        def job(store: Store) -> review_jobs.Undone | object | None:
            try:
                return review_jobs.undo(store, target, self.editor)
            except NothingToUndo:
                return already

        def finished(result: review_jobs.Undone | object | None) -> None:
            if target is not None and self.history and self.history[-1] == target:
                self.history.pop()
            if result is already:
                # Already retracted (say, from another session): dropped, and said so.
                tell("That verdict was already undone.")
                done(None)
            elif not isinstance(result, review_jobs.Undone):
                tell("Nothing to undo.")
                done(None)
            else:
                retracted = result.retracted
                if retracted.note and retracted.claim is None:
                    self.notes.setdefault(retracted.variant_id, retracted.note)
                label = self.verdict_label(retracted.verdict)
                if result.count > 1:  # a family verdict: the whole batch came back
                    tell(f"Undid your family {label} ({result.count:,} verdicts).")
                else:
                    tell(f"Undid your {label} on #{retracted.variant_id}.")
                done(retracted.variant_id)

        (run or partial(self.run_on_writer, what="Undo"))(job, finished)
