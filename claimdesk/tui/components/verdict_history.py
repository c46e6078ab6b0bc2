"""The variant's verdict history under the info bar: who said what, when, with which note.

Newest first, at most ``ROWS`` lines (the count of older ones on the last), undone verdicts
struck through and marked in words, so it reads the same without colour. Hidden when the
variant has no verdict yet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from claimdesk.safe_text import clean
from claimdesk.store import HistoryEntry
from claimdesk.tui.components.styles import DIM

ROWS = 3
_UNDONE = Style(dim=True, strike=True)


def history_line(entry: HistoryEntry, label: Callable[[str], str], *, current: bool) -> Text:
    """``● 2026-03-02 12:04 bob distorted  "changed the count"`` (``○`` and "undone" when retracted)."""
    event = entry.event
    when = event.decided_at[:16].replace("T", " ")
    mark = "○" if entry.undone else "●" if current else "·"
    line = Text(f"{mark} {when} ")
    line.append(clean(event.editor, keep_newlines=False), Style(bold=True))
    line.append(" " + label(event.verdict), _UNDONE if entry.undone else Style(bold=current))
    if entry.undone:
        line.append(" (undone)", DIM)
    if event.note:
        line.append("  “" + clean(event.note, keep_newlines=False) + "”", DIM)
    return line


class VerdictHistory(Static):
    """Up to ``ROWS`` lines of a variant's verdicts, newest first."""

    DEFAULT_CSS = """
    VerdictHistory { height: auto; max-height: 3; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.display = False
        self._plain = ""

    def show(self, entries: Sequence[HistoryEntry], label: Callable[[str], str], current_id: int | None) -> None:
        """Redraw for these entries (oldest first, as the store lists them)."""
        newest = list(reversed(entries))
        shown = newest[:ROWS] if len(newest) <= ROWS else newest[: ROWS - 1]
        lines = [history_line(e, label, current=e.event.id == current_id) for e in shown]
        if len(newest) > len(shown):
            lines.append(Text(f"… {len(newest) - len(shown)} earlier verdict(s)", DIM))
        text = Text("\n").join(lines)
        if text.plain == self._plain:
            return
        self._plain = text.plain
        self.display = bool(lines)
        self.update(text)
