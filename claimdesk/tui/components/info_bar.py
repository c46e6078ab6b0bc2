"""Two fixed lines above the review panes: title, site, lease or verdict, counts and scores.

A plain widget whose ``render`` returns the current ``Text``: changing it repaints two lines
without a layout pass (``Static.update`` would reflow the whole screen on every variant).
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class InfoBar(Widget):
    """Shows whatever ``Text`` it was last given; never markup."""

    DEFAULT_CSS = """
    InfoBar { height: 2; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def show(self, text: Text) -> None:
        """Replace the content and repaint (same size, so no layout)."""
        self._text = text
        self.refresh()

    def render(self) -> Text:
        return self._text
