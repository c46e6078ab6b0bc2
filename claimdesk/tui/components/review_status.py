"""The review's line of feedback: what the last key did on the left, the listing's progress on the right.

A toast per verdict would lay out the screen again on the key whose latency matters most; this
is one line drawn by hand, like the info bar, so a new message repaints one row.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from claimdesk.safe_text import clean


def progress_text(undecided: int | None, listed: int | None) -> str:
    """``12 of 40 undecided in this listing`` (empty until counted)."""
    if undecided is None or listed is None:
        return ""
    return f"{undecided:,} of {listed:,} undecided in this listing"


class ReviewStatus(Widget):
    """A message (plain text, cleaned) and the progress, on one line."""

    DEFAULT_CSS = """
    ReviewStatus { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.message = ""
        self.progress = ""

    def say(self, message: str) -> None:
        """Show ``message`` until the next one (stored text in it is cleaned here)."""
        self.message = clean(message, keep_newlines=False)
        self.refresh()

    def show_progress(self, undecided: int | None, listed: int | None) -> None:
        """Show the listing's progress on the right."""
        self.progress = progress_text(undecided, listed)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        right = self.progress
        room = max(0, width - cell_len(right) - 2)
        left = Text(self.message, style="bold")
        left.truncate(room, overflow="ellipsis", pad=True)
        segments = [*left.render(self.app.console), Segment("  " + right if width > cell_len(right) else "")]
        return (
            Strip(Segment.apply_style(segments, self.rich_style))
            .crop(0, width)
            .extend_cell_length(width, self.rich_style)
        )
