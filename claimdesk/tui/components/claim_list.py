"""The claim list under the review panes: status, score, reason and the editor's flag per claim."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive

from claimdesk.claims import Claim
from claimdesk.tui.components.line_pane import LinePane
from claimdesk.tui.components.styles import COMPONENT_CLASSES, CURSOR, DIM, PLAIN, STATUS_MARK, Palette, palette
from claimdesk.tui.components.word_diff import reason_text

_FLAG_MARK = {"confirmed": "[✓ confirmed]", "dismissed": "[✗ dismissed]"}


def claim_line(number: int, claim: Claim, flag: str | None, palette: Palette = PLAIN) -> Text:
    """One claim as a line of words: ``12 ! ALTERED 0.35 number: 35,000 → 30,000 [✓ confirmed]``."""
    glyph, word = STATUS_MARK.get(claim.status, ("?", claim.status))
    line = Text(f"{number:>3} ")
    line.append(f"{glyph} {word:<8}", palette.status.get(claim.status, Style()))
    line.append(f" {claim.score:4.2f} ")
    for i, reason in enumerate(claim.reasons):
        if i:
            line.append("; ")
        line.append_text(reason_text(reason, palette))
    if flag:
        line.append(" " + _FLAG_MARK.get(flag, f"[{flag}]"), Style(bold=True))
    return line


class ClaimList(LinePane, can_focus=False):
    """One line per claim; follows the selected claim of the aligned view."""

    DEFAULT_CSS = """
    ClaimList { height: 25%; min-height: 4; max-height: 14; border-top: solid $primary-darken-2; }
    """

    COMPONENT_CLASSES = COMPONENT_CLASSES
    selected: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Text] = []

    def show(self, claims: Sequence[Claim], flags: Mapping[int, str]) -> None:
        """Show ``claims``; ``flags`` maps a claim's position to the editor's confirm/dismiss."""
        colours = palette(self)
        self._lines = [claim_line(i + 1, c, flags.get(i), colours) for i, c in enumerate(claims)]
        self.rows = len(self._lines)
        self.refresh()

    def watch_selected(self, selected: int) -> None:
        if 0 <= selected < len(self._lines):
            self.show_rows(selected, selected + 1)
        self.refresh()

    def render_row(self, index: int, width: int) -> list[Segment]:
        chosen = index == self.selected
        mark = Segment("▶ " if chosen else "  ", CURSOR if chosen else DIM)
        segments = Segment.adjust_line_length([mark, *self._lines[index].render(self.app.console)], width)
        return list(Segment.apply_style(segments, CURSOR)) if chosen else segments
