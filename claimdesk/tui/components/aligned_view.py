"""The article and the variant aligned claim by claim, drawn a line at a time.

One Line-API widget draws both sides, so the panes cannot drift apart: each claim becomes a
block of rows with the article sentence on the left and the variant sentence on the right (a gap
where one side has none). Below ``SIDE_BY_SIDE_MIN`` columns the sides stack inside each block
(article rows, then variant rows), which keeps the claim-by-claim alignment at 80x24.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from claimdesk.claims import Claim
from claimdesk.tui.components.styles import DIM, STATUS_MARK, STATUS_STYLE
from claimdesk.tui.components.word_diff import mark_pair, reason_text
from claimdesk.tui.safe import clean

SIDE_BY_SIDE_MIN = 120
_GUTTER = 3  # cursor mark, status glyph, space
_SELECTED = Style(bold=True, reverse=True)


@dataclass(frozen=True)
class _Block:
    """The rows one claim occupies, so the cursor can highlight and scroll to it."""

    start: int
    end: int


def _wrap(text: Text, width: int, console: Console) -> list[Strip]:
    """``text`` wrapped to ``width`` cells, one strip per line, each padded to the width."""
    if not text.plain:
        return []
    lines = text.wrap(console, max(1, width), overflow="fold")
    return [Strip(list(line.render(console)), line.cell_len).adjust_cell_length(width) for line in lines]


class AlignedView(ScrollView, can_focus=False):
    """Article | variant, one block per claim; ``selected`` marks and scrolls to a claim."""

    DEFAULT_CSS = """
    AlignedView { height: 1fr; overflow-x: hidden; scrollbar-gutter: stable; }
    """

    selected: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._original = ""
        self._variant = ""
        self._claims: Sequence[Claim] = ()
        self._lines: list[Strip] = []
        self._blocks: list[_Block] = []
        self._built_width = -1

    def show(self, original: str, variant: str, claims: Sequence[Claim]) -> None:
        """Show a new pair; the texts are cleaned here, claims index into the raw texts."""
        self._original, self._variant, self._claims = original, variant, claims
        self._built_width = -1
        self.scroll_to(y=0, animate=False)
        self._build()
        self.selected = 0

    @property
    def side_by_side(self) -> bool:
        """Whether both sides fit next to each other."""
        return self.size.width >= SIDE_BY_SIDE_MIN

    def _side_texts(self, claim: Claim) -> tuple[Text | None, Text | None]:
        left = right = None
        if claim.original is not None:
            left_plain = clean(self._original[claim.original.start : claim.original.end], keep_newlines=False).strip()
        if claim.variant is not None:
            right_plain = clean(self._variant[claim.variant.start : claim.variant.end], keep_newlines=False).strip()
        if claim.original is not None and claim.variant is not None:
            left, right = mark_pair(left_plain, right_plain, claim.reasons)
        elif claim.original is not None:
            left = Text(left_plain)
        elif claim.variant is not None:
            right = Text(right_plain)
        return left, right

    def _build(self) -> None:
        """Lay every claim out for the current width (cheap: a few hundred lines at most)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        console = self.app.console
        lines: list[Strip] = []
        blocks: list[_Block] = []
        for claim in self._claims:
            glyph, _word = STATUS_MARK.get(claim.status, ("?", claim.status))
            gutter = Strip([Segment(f" {glyph} ", STATUS_STYLE.get(claim.status, Style()))], _GUTTER)
            left, right = self._side_texts(claim)
            rows: list[Strip] = []
            if self.side_by_side:
                half = (width - _GUTTER - 3) // 2
                left_rows = _wrap(left, half, console) if left else []
                right_rows = _wrap(right, width - _GUTTER - 3 - half, console) if right else []
                blank_left, blank_right = Strip.blank(half), Strip.blank(width - _GUTTER - 3 - half)
                bar = Strip([Segment(" │ ", DIM)], 3)
                for i in range(max(len(left_rows), len(right_rows))):
                    left_row = left_rows[i] if i < len(left_rows) else blank_left
                    right_row = right_rows[i] if i < len(right_rows) else blank_right
                    rows.append(Strip.join([gutter, left_row, bar, right_row]))
            else:
                inner = width - _GUTTER - 4
                for label, side in (("art ", left), ("var ", right)):
                    tag = Strip([Segment(label, DIM)], 4)
                    side_rows = _wrap(side, inner, console) if side else [Strip([Segment("—", DIM)], 1)]
                    for i, row in enumerate(side_rows):
                        rows.append(Strip.join([gutter, tag if i == 0 else Strip.blank(4), row]))
            for reason in claim.reasons:
                note = Text("⚠ ")
                note.append_text(reason_text(reason))
                rows.extend(Strip.join([gutter, r]) for r in _wrap(note, width - _GUTTER, console))
            rows = [row.adjust_cell_length(width) for row in rows]
            blocks.append(_Block(len(lines), len(lines) + len(rows)))
            lines.extend(rows)
            lines.append(Strip.blank(width))
        self._lines, self._blocks, self._built_width = lines, blocks, width
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._built_width:
            self._build()
            self._scroll_to_selected()

    def watch_selected(self, selected: int) -> None:
        self._scroll_to_selected()
        self.refresh()

    def _scroll_to_selected(self) -> None:
        if 0 <= self.selected < len(self._blocks):
            block = self._blocks[self.selected]
            region = Region(0, block.start, 1, max(1, min(block.end - block.start, self.size.height)))
            self.scroll_to_region(region, animate=False, immediate=True, top=False)

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        if index >= len(self._lines):
            return Strip.blank(self.scrollable_content_region.width, self.rich_style)
        strip = self._lines[index]
        if 0 <= self.selected < len(self._blocks):
            block = self._blocks[self.selected]
            if block.start <= index < block.end:
                strip = Strip.join([Strip([Segment("▶", _SELECTED)], 1), strip.crop(1)])
        return strip.apply_style(self.rich_style)
