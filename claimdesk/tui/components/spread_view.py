"""The spread's scrolling body: claim blocks wrapped to the width, drawn a line at a time.

The blocks are built once (an article has tens of claims, a claim a handful of distinct values);
the wrapped lines are rebuilt only when the width changes. A wrapped line continues indented
under its first, so counts and values stay readable at 80 columns.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from claimdesk.tui.components.line_view import LineView
from claimdesk.tui.components.spread_text import Block
from claimdesk.tui.components.styles import COMPONENT_CLASSES, DIM

CONTINUATION = 6  # cells a wrapped line is indented by


class SpreadView(LineView, can_focus=True):
    """The claim blocks of one article's spread, with a blank line between them."""

    DEFAULT_CSS = """
    SpreadView { height: 1fr; overflow-x: hidden; scrollbar-gutter: stable; padding: 0 1; }
    """
    COMPONENT_CLASSES = COMPONENT_CLASSES

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blocks: list[Block] = []
        self._placeholder: str | None = "Reading the spread…"
        self._width = -1
        self._lines: list[list[Segment]] = []
        self.starts: list[int] = []  # the first line of each block, for the current width

    def show(self, blocks: list[Block]) -> None:
        """Replace the blocks (and scroll to the top)."""
        self._blocks, self._placeholder = blocks, None
        self._width = -1
        self._layout()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def say(self, message: str) -> None:
        """Show one line instead of blocks (while reading, or when the read failed)."""
        self._blocks, self._placeholder = [], message
        self._width = -1
        self._layout()
        self.refresh()

    def _wrap(self, text: Text, width: int) -> list[Text]:
        lines = list(text.wrap(self.app.console, width, overflow="fold"))
        if len(lines) <= 1 or width <= CONTINUATION + 8:
            return lines
        rest = Text(" ").join(line for line in lines[1:])
        rest.rstrip()
        wrapped = rest.wrap(self.app.console, width - CONTINUATION, overflow="fold")
        return [lines[0], *(Text(" " * CONTINUATION) + line for line in wrapped)]

    def _layout(self) -> None:
        """Wrap every block to the content width (only when it changed)."""
        width = max(1, self.scrollable_content_region.width)
        if width == self._width:
            return
        self._width = width
        self._lines, self.starts = [], []
        console = self.app.console
        if self._placeholder is not None:
            self._lines.append(list(Text("  " + self._placeholder, DIM).render(console)))
        for i, block in enumerate(self._blocks):
            if i:
                self._lines.append([])
            self.starts.append(len(self._lines))
            for text in block.lines:
                self._lines.extend(list(line.render(console)) for line in self._wrap(text, width))
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self) -> None:
        self._layout()

    @property
    def top_block(self) -> int:
        """The block whose first line is the top one on screen (or the last one above it)."""
        top = round(self.scroll_y)
        index = 0
        for i, start in enumerate(self.starts):
            if start <= top:
                index = i
        return index

    def changed_after(self, step: int) -> int | None:
        """The next (``step`` 1) or previous (-1) block altered or dropped somewhere, from the top one."""
        i = self.top_block + step
        while 0 <= i < len(self._blocks):
            if self._blocks[i].changed:
                return i
            i += step
        return None

    def scroll_to_block(self, index: int) -> None:
        """Put block ``index`` at the top of the view."""
        self.scroll_to(y=self.starts[index], animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        self._layout()
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        segments = self._lines[index] if 0 <= index < len(self._lines) else []
        return Strip(segments).crop(0, width).adjust_cell_length(width).apply_style(self.base_style)
