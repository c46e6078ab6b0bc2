"""One line over the review panes for what the editor must not miss: a failed write, ``saving…``,
why verdict keys are off (read-only, held, lapsed lease), and editors who disagree.

Hidden while there is nothing to say, so a quiet review keeps every row for the texts.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class ReviewBanner(Static):
    """Shows ``Text`` (never markup) on one line, or nothing at all."""

    DEFAULT_CSS = """
    ReviewBanner { height: 1; padding: 0 1; background: $boost; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.display = False
        self.text = Text()

    def say(self, text: Text) -> None:
        """Show ``text``; an empty one hides the line."""
        if text.plain == self.text.plain and text.spans == self.text.spans:
            return
        self.text = text
        self.display = bool(text.plain)
        self.update(text)
