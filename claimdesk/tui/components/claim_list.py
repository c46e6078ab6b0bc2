"""The claim list under the review panes: status, score, reason and the editor's flag per claim."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip

from claimdesk.claims import Claim
from claimdesk.tui.components.line_view import LineView
from claimdesk.tui.components.styles import CURSOR, DIM, STATUS_MARK, STATUS_STYLE
from claimdesk.tui.components.word_diff import reason_text

_FLAG_MARK = {"confirmed": "[✓ confirmed]", "dismissed": "[✗ dismissed]"}


def claim_line(number: int, claim: Claim, flag: str | None) -> Text:
    """One claim as a line of words: ``12 ! ALTERED 0.35 number: 35,000 → 30,000 [✓ confirmed]``."""
    glyph, word = STATUS_MARK.get(claim.status, ("?", claim.status))
    line = Text(f"{number:>3} ")
    line.append(f"{glyph} {word:<8}", STATUS_STYLE.get(claim.status, Style()))
    line.append(f" {claim.score:4.2f} ")
    for i, reason in enumerate(claim.reasons):
        if i:
            line.append("; ")
        line.append_text(reason_text(reason))
    if flag:
        line.append(" " + _FLAG_MARK.get(flag, f"[{flag}]"), Style(bold=True))
    return line


class ClaimList(LineView, can_focus=False):
    """One line per claim; follows the selected claim of the aligned view."""

    DEFAULT_CSS = """
    ClaimList {
        height: 25%; min-height: 4; max-height: 14;
        overflow-x: hidden; scrollbar-gutter: stable; border-top: solid $primary-darken-2;
    }
    """

    selected: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Text] = []

    def show(self, claims: Sequence[Claim], flags: Mapping[int, str]) -> None:
        """Show ``claims``; ``flags`` maps a claim's position to the editor's confirm/dismiss."""
        self._lines = [claim_line(i + 1, c, flags.get(i)) for i, c in enumerate(claims)]
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._lines))
        self.refresh()

    def watch_selected(self, selected: int) -> None:
        if 0 <= selected < len(self._lines):
            self.scroll_to_region(Region(0, selected, 1, 1), animate=False, immediate=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        if index >= len(self._lines):
            return Strip.blank(width, self.base_style)
        text = self._lines[index]
        chosen = index == self.selected
        segments = [Segment("▶ " if chosen else "  ", CURSOR if chosen else DIM)]
        segments += list(text.render(self.app.console))
        strip = Strip(segments).crop(0, width).adjust_cell_length(width)
        return strip.apply_style(self.base_style + CURSOR if chosen else self.base_style)
