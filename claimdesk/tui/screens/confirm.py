"""A yes/no question answered with one key: ``y`` goes ahead, any other key keeps things as they are."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with True for ``y``, False for any other key (so a stray key never confirms)."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 90%; max-width: 100; height: auto; border: round $warning; padding: 0 1; }
    ConfirmScreen Label { width: 100%; }
    """

    def __init__(self, question: str, *, yes: str = "replace it") -> None:
        super().__init__()
        self._question = question
        self._yes = yes  # what ``y`` does, in a few words

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._question, markup=False)
            yield Label(f"y: yes, {self._yes}    any other key: no", markup=False)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(event.key == "y")
