"""A pane of rows drawn by a subclass, scrolled by its own offset, with a drawn position bar.

The review panes change height with every variant. In a ``ScrollView`` that is a new
``virtual_size``, which lays out the whole screen, and Textual's scrollbar widget is then redrawn
row by row through the full style pipeline, with one more layout whenever it appears or hides:
together about half the work of showing the next variant, and most of the garbage the cyclic GC
later has to collect. Here the offset is ours and the bar is two more cells on rows drawn anyway,
so a new variant is one repaint of the pane's own rows.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from claimdesk.tui.components.styles import DIM

BAR_WIDTH = 2  # a space, then the track or thumb glyph
_TRACK = Segment(" │", DIM)
_THUMB = Segment(" ┃", Style(bold=True))
_NO_BAR = Segment(" " * BAR_WIDTH)


def thumb(top: int, height: int, rows: int) -> range:
    """The screen rows the thumb covers when ``height`` of ``rows`` rows show from ``top``.

    Sized by the share on screen, but never the whole track: some track shows while scrolling is possible.
    """
    if rows <= height or height <= 1:
        return range(0)
    size = max(1, min(height - 1, round(height * height / rows)))
    start = round(min(top, rows - height) * (height - size) / (rows - height))
    return range(start, start + size)


class LinePane(Widget):
    """Subclasses set :attr:`rows` and draw :meth:`render_row`; ``base_style`` is valid per frame."""

    base_style = Style()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows = 0
        self._top = 0
        self._frame: tuple[int, range] = (0, range(0))  # row width and thumb rows, for the frame being drawn

    @property
    def top(self) -> int:
        """The first row on screen."""
        return self._top

    @property
    def rows(self) -> int:
        """How many rows there are to scroll through."""
        return self._rows

    @rows.setter
    def rows(self, rows: int) -> None:
        self._rows = rows
        self.scroll_to_row(self._top)

    @property
    def row_width(self) -> int:
        """Cells a row is drawn in (the pane's content less the bar)."""
        return max(0, self.content_size.width - BAR_WIDTH)

    @property
    def page_height(self) -> int:
        """Rows on screen."""
        return self.content_size.height

    def scroll_to_row(self, top: int) -> None:
        """Put row ``top`` first on screen (as far as there are rows to fill the pane)."""
        top = max(0, min(top, self._rows - self.page_height))
        if top != self._top:
            self._top = top
            self.refresh()

    def show_rows(self, start: int, end: int) -> None:
        """Scroll as little as needed to show rows ``start`` to ``end`` (the start if they do not fit)."""
        end = min(end, start + self.page_height)
        if start < self._top:
            self.scroll_to_row(start)
        elif end > self._top + self.page_height:
            self.scroll_to_row(end - self.page_height)

    def render_row(self, index: int, width: int) -> list[Segment]:
        """Segments for row ``index`` (below :attr:`rows` only), exactly ``width`` cells."""
        raise NotImplementedError

    def render_lines(self, crop: Region) -> list[Strip]:
        # The style is a DOM walk and the sizes are geometry: once per frame, not once per row.
        self.base_style = self.rich_style
        self._frame = (self.row_width, thumb(self._top, self.page_height, self._rows))
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, bar = self._frame
        index = self._top + y
        segments = self.render_row(index, width) if index < self._rows else [Segment(" " * width)]
        segments.append(_THUMB if y in bar else _TRACK if bar else _NO_BAR)
        return Strip(Segment.apply_style(segments, self.base_style), width + BAR_WIDTH)

    def on_resize(self) -> None:
        # Rows shown before the first layout were clamped to a pane of no height: clamp again.
        self.scroll_to_row(self._top)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.scroll_to_row(self._top + round(self.app.scroll_sensitivity_y))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.scroll_to_row(self._top - round(self.app.scroll_sensitivity_y))
