"""Three fixed lines above the review panes: title and verdict, where the copy is, counts and scores.

Drawn a line at a time from the ``Text`` it was given: changing it repaints two lines without a
layout pass (``Static.update`` would reflow the whole screen on every variant), and without
Textual's conversion of the text to its own content and back (most of a ``render()``'s cost).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


class InfoBar(Widget):
    """Shows whatever ``Text`` it was last given, a line per line of it, cut with "…"; never markup."""

    DEFAULT_CSS = """
    InfoBar { height: 3; padding: 0 1; background: $panel; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._lines: list[list[Segment]] = []
        self._width = -1  # the width ``_lines`` were cut for

    def show(self, text: Text) -> None:
        """Replace the content and repaint (same size, so no layout)."""
        self._text = text
        self._width = -1
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        if width != self._width:
            self._width = width
            self._lines = []
            for line in self._text.split("\n", allow_blank=True):
                line.truncate(width, overflow="ellipsis")
                self._lines.append(list(line.render(self.app.console)))
        segments = self._lines[y] if y < len(self._lines) else []
        return Strip(Segment.apply_style(segments, self.rich_style)).extend_cell_length(width, self.rich_style)
