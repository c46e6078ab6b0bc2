"""``;``: a one-line note that rides along with the next verdict on this variant."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

if TYPE_CHECKING:
    from claimdesk.tui.app import ClaimdeskApp


class NoteScreen(ModalScreen[str | None]):
    """Enter keeps the note (an empty one clears it); Esc closes it and keeps the note as it was."""

    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "cancel", "Cancel", id="note-cancel")]

    DEFAULT_CSS = """
    NoteScreen { align: center bottom; }
    NoteScreen > Vertical { height: auto; border: round $primary; padding: 0 1; margin-bottom: 2; }
    """
    app: ClaimdeskApp

    def __init__(self, note: str) -> None:
        super().__init__()
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Note for the next verdict on this variant (enter keeps it, Esc cancels):", markup=False)
            note = Input(self._note, placeholder="e.g. figure changed in paragraph 3", id="note")
            note.cursor_blink = self.app.cursor_blink
            yield note

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
