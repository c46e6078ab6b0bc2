"""``?``: the keys of the screen it was opened from first, the other screen's after, then a legend
of what the inbox columns, state glyphs, claim marks and scores mean."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from claimdesk.tui.components.styles import MISMATCH_WORD, STATE_GLYPH, STATUS_MARK
from claimdesk.tui.keymap import INBOX_BINDINGS, REVIEW_BINDINGS, SPREAD_BINDINGS, config_path

if TYPE_CHECKING:
    from claimdesk.tui.app import ClaimdeskApp

SECTIONS = {
    "inbox": ("Inbox", INBOX_BINDINGS),
    "review": ("Review", REVIEW_BINDINGS),
    "spread": ("Spread", SPREAD_BINDINGS),
}

LEGEND = (
    ("Inbox columns", ""),
    ("s", "state glyph (below)"),
    ("risk", "how urgently the copy wants a look, 0..1 (the inbox order)"),
    ("alt drp add", "claims altered (a fact changed), dropped (missing), added (invented)"),
    ("site, title", "where the copy was found and its title"),
    ("age", "since the copy was found (m, h, d, w, y)"),
    ("holder", "the editor reviewing it now (a lease)"),
    ("verdict", f"the current verdict; ≠ when editors disagree; {MISMATCH_WORD} when it copies nothing"),
    ("Grouped inbox (v)", ""),
    ("▸ ▾ article", "copies of it, undecided ones, the worst risk among them; enter or → expands"),
    ("  family", "near copies of one text (a spinner network): members, sites, shared distortions"),
    ("State glyphs", ""),
    (STATE_GLYPH["new"], "new: nobody has decided it"),
    (STATE_GLYPH["held"], "held: another editor has it open"),
    (STATE_GLYPH["decided"], "decided: has a verdict"),
    (STATE_GLYPH["conflicting"], "conflicting: editors' verdicts disagree"),
    (STATE_GLYPH["mismatch"], "likely mismatch: the page copies next to nothing of the article"),
    ("Claim marks", ""),
    *(
        (f"{glyph} {word}", meaning)
        for (glyph, word), meaning in zip(
            STATUS_MARK.values(),
            (
                "same text",
                "other words, same facts (spin)",
                "a fact changed: number, name, date, negation, quote…",
                "in the article, missing from the copy",
                "in the copy, no source in the article",
            ),
            strict=True,
        )
    ),
    ("⚠ a: x → y", "why a claim is altered: the kind, the article's value, the copy's"),
    ("Scores (0..1)", ""),
    ("fidelity", "how much of the meaning survived"),
    ("coverage", "share of the article the copy contains"),
    ("spin", "share of words swapped in copied sentences"),
)


def _keys(app: ClaimdeskApp, binding: Binding) -> str:
    keys = app.config.keys.get(binding.id or "", binding.key)
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """The full key list, the current screen's first; ``q``, ``?`` or Esc closes it."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("q,question_mark,escape", "close", "Close", id="help-close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help-down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help-up"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; max-width: 100%; height: 90%; border: round $primary; padding: 0 1; }
    """
    app: ClaimdeskApp

    def __init__(self, section: str = "inbox") -> None:
        super().__init__()
        self.section = section

    def compose(self) -> ComposeResult:
        text = Text()
        order = [self.section, *(name for name in SECTIONS if name != self.section)]
        for name in order:
            title, bindings = SECTIONS[name]
            text.append(f"{title}\n", style="bold underline")
            for binding in bindings:
                text.append(f"  {_keys(self.app, binding):<22}", style="bold")
                text.append(f" {self.app.config.describe(binding):<18} ")
                text.append(f"[{binding.id}]\n", style="dim")
            text.append("\n")
        for term, meaning in LEGEND:
            if not meaning:
                text.append(f"{term}\n", style="bold underline")
            else:
                text.append(f"  {term:<14}", style="bold")
                text.append(f" {meaning}\n")
        text.append("\nAnywhere: ctrl+p command palette (sort, filter, go to #id, export…), ctrl+q quit.\n")
        text.append(f'Remap in {config_path()} under [keys] (binding id = "key"),\n')
        text.append('and rename verdicts under [verdicts] (faithful = "ok").')
        with VerticalScroll():
            yield Static(text, id=f"help-{self.section}")

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one(VerticalScroll)
        scroller.scroll_down() if direction == "down" else scroller.scroll_up()

    def action_close(self) -> None:
        self.dismiss()
