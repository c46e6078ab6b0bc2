"""``?``: every key of every screen, as the editor's config has them, with what each does."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from claimdesk.tui.keymap import INBOX_BINDINGS, REVIEW_BINDINGS, config_path

if TYPE_CHECKING:
    from claimdesk.tui.app import ClaimdeskApp


def _keys(app: ClaimdeskApp, binding: Binding) -> str:
    keys = app.config.keys.get(binding.id or "", binding.key)
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """The full key list; ``q`` or ``?`` closes it (Esc alone does nothing, on purpose)."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("q,question_mark", "close", "Close", id="help-close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help-down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help-up"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; max-width: 100%; height: 90%; border: round $primary; padding: 0 1; }
    """
    app: ClaimdeskApp

    def compose(self) -> ComposeResult:
        text = Text()
        for title, bindings in (("Inbox", INBOX_BINDINGS), ("Review", REVIEW_BINDINGS)):
            text.append(f"{title}\n", style="bold underline")
            for binding in bindings:
                text.append(f"  {_keys(self.app, binding):<22}", style="bold")
                text.append(f" {self.app.config.describe(binding):<16} ")
                text.append(f"[{binding.id}]\n", style="dim")
            text.append("\n")
        text.append("Anywhere: ctrl+p command palette, ctrl+q quit.\n")
        text.append(f'Remap in {config_path()} under [keys] (binding id = "key"),\n')
        text.append('and rename verdicts under [verdicts] (faithful = "ok").')
        with VerticalScroll():
            yield Static(text)

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one(VerticalScroll)
        scroller.scroll_down() if direction == "down" else scroller.scroll_up()

    def action_close(self) -> None:
        self.dismiss()
