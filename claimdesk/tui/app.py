"""The claimdesk Textual app: one store connection for the UI thread, the keymap, the screens.

Verdicts, undo and leases are written from the UI thread through ``self.store`` on purpose: a
verdict key must be durable before the next variant shows, so the write is not deferred to a
worker. Reads that can be slow on a big store (inbox pages, counts, polls) run in workers, each
with its own connection, and so do WAL checkpoints (never inside a verdict's commit).
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from textual.app import App
from textual.worker import Worker, WorkerState

from claimdesk.safe_text import clean
from claimdesk.store import NothingToUndo, Store, StoreError, Verdict, checkpoints, verdicts
from claimdesk.tui.keymap import Config

CHECKPOINT_SECONDS = 2.0  # how often a worker checkpoints the WAL the UI connection only appends to


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ClaimdeskApp(App[None]):
    """The inbox and review screens over one store file, as one editor."""

    CSS_PATH = "claimdesk.tcss"
    TITLE = "claimdesk"
    # Esc alone never acts: over SSH it arrives late and doubles as the Alt prefix.
    ESCAPE_TO_MINIMIZE = False

    def __init__(
        self,
        db_path: str | Path,
        editor: str,
        *,
        config: Config | None = None,
        now: Callable[[], datetime] = _utc_now,
        cursor_blink: bool = True,
        poll_seconds: float = 0.5,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.editor = editor
        self.config = config or Config()
        self.now = now
        self.cursor_blink = cursor_blink
        self.poll_seconds = poll_seconds
        self.store = Store.open(self.db_path)
        checkpoints.defer(self.store)
        # Variant ids of this session's verdicts, newest last: what `undo` walks back through.
        self.history: list[int] = []
        self.sub_title = f"editor: {clean(editor, keep_newlines=False)}"

    def on_mount(self) -> None:
        from claimdesk.tui.screens.inbox import InboxScreen

        self.set_keymap(self.config.keys)
        self.push_screen(InboxScreen())
        # Textual's start-up objects live as long as the app: take them out of the cyclic GC's
        # reach, so its full collections stop landing between a verdict key and the next paint.
        self.call_after_refresh(gc.freeze)
        self.set_timer(CHECKPOINT_SECONDS, self._checkpoint)

    def _checkpoint(self) -> None:
        self.run_worker(partial(checkpoints.run, self.db_path), thread=True, group="checkpoint", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Re-armed when one finishes, so checkpoints never overlap however slow the disk is.
        if event.worker.group == "checkpoint" and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            self.set_timer(CHECKPOINT_SECONDS, self._checkpoint)

    def on_unmount(self) -> None:
        self.store.close()

    def verdict_label(self, verdict: str) -> str:
        """The word the editor configured for a stored verdict."""
        return self.config.verdict_label(verdict)

    def fail(self, action: str, exc: BaseException) -> None:
        """Tell the editor a write did not happen (plain text: messages may quote stored data)."""
        self.notify(f"{action} failed: {exc}", severity="error", timeout=8, markup=False)

    def undo_last(self) -> Verdict | None:
        """Retract this editor's latest verdict (this session's, else the store's); None if it failed."""
        target = self.history[-1] if self.history else None
        if target is None:
            latest = verdicts.latest(self.store, self.editor)
            target = latest.variant_id if latest else None
        if target is None:
            self.notify("Nothing to undo.", markup=False)
            return None
        try:
            event = self.store.undo(target, self.editor)
        except NothingToUndo:
            # Already retracted (say, from another session): drop it and say so.
            if self.history and self.history[-1] == target:
                self.history.pop()
            self.notify("That verdict was already undone.", markup=False)
            return None
        except (StoreError, sqlite3.Error) as exc:
            self.fail("Undo", exc)
            return None
        if self.history and self.history[-1] == target:
            self.history.pop()
        return event
