"""A ``ScrollView`` base for the app's line-drawn widgets: one style lookup per frame.

``Widget.rich_style`` walks the DOM each time it is read; a frame draws every visible line, so
the widgets here read it once in ``render_lines`` and use ``self.base_style`` per line.
"""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineView(ScrollView):
    """``render_line`` implementations use ``base_style``, valid for the frame being drawn."""

    base_style = Style()

    def render_lines(self, crop: Region) -> list[Strip]:
        self.base_style = self.rich_style
        return super().render_lines(crop)
