"""The article and the variant aligned claim by claim, drawn a line at a time.

One Line-API widget draws both sides, so the panes cannot drift apart: each claim becomes a
block of rows with the article sentence on the left and the variant sentence on the right (a gap
where one side has none). Below ``SIDE_BY_SIDE_MIN`` columns the sides stack inside each block
(article rows, then variant rows), which keeps the claim-by-claim alignment at 80x24.

Blocks are laid out in two steps: the first screenful before the first paint, the rest a moment
after it (or as soon as the cursor needs it), so a long article never delays the next variant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.strip import Strip

from claimdesk.claims import Claim
from claimdesk.safe_text import clean
from claimdesk.tui.components.line_pane import LinePane
from claimdesk.tui.components.styles import COMPONENT_CLASSES, DIM, PLAIN, STATUS_MARK, palette
from claimdesk.tui.components.word_diff import mark_pair, reason_text

SIDE_BY_SIDE_MIN = 120
_GUTTER = 3  # cursor mark, status glyph, space
REST_AFTER = 0.05  # seconds on a variant before the claims below the first screen are laid out
_CURSOR_MARK = Segment("▶", Style(bold=True, reverse=True))
_TOKEN = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class _Block:
    """The rows one claim occupies, so the cursor can highlight and scroll to it."""

    start: int
    end: int


def wrap(text: Text, width: int) -> list[Text]:
    """``text`` split into lines of at most ``width`` cells at spaces (long words folded)."""
    width = max(1, width)
    plain = text.plain
    cuts = ascii_cuts(plain, width) if plain.isascii() and plain.isprintable() else cell_cuts(plain, width)
    lines = text.divide(cuts) if cuts else [text]
    for line in lines:
        line.rstrip()
    return list(lines)


def cell_cuts(plain: str, width: int) -> list[int]:
    """Where ``plain``'s lines start (after the first), word by word, measuring cells."""
    cuts: list[int] = []
    used = 0
    for match in _TOKEN.finditer(plain):
        word = match.group().rstrip()
        size = cell_len(word)
        start = match.start()
        if used and used + size > width:  # the word does not fit: it starts the next line
            cuts.append(start)
            used = 0
        if size > width:  # a word longer than a line: fold it, a line's worth of cells at a time
            size = 0
            for offset, char in enumerate(word):
                cells = cell_len(char)
                if size + cells > width:
                    cuts.append(start + offset)
                    size = 0
                size += cells
        used += size + len(match.group()) - len(word)
    return cuts


def ascii_cuts(plain: str, width: int) -> list[int]:
    """:func:`cell_cuts` for printable ASCII (a cell per character, spaces the only blanks).

    Finds each break with one look at the line's last cell instead of a step per word: most
    of the text laid out for a new variant goes through here.
    """
    cuts: list[int] = []
    start = len(plain) - len(plain.lstrip(" "))  # the first line is measured from its first word
    while start + width < len(plain):
        end = start + width  # the first cell that does not fit
        if plain[end] == " ":  # a line of whole words: the next starts at the next word
            start = len(plain) - len(plain[end:].lstrip(" "))
            if start == len(plain):
                break
        else:
            word = plain.rfind(" ", start, end) + 1
            if word > start:  # the word across the edge starts the next line
                start = word
            else:  # a word longer than a line: fold it
                word_end = plain.find(" ", start)
                word_end = len(plain) if word_end < 0 else word_end
                while word_end - start > width:
                    start += width
                    cuts.append(start)
                continue
        cuts.append(start)
    return cuts


def _row(console: Console, parts: Sequence[tuple[Text | str | None, int, Style | None]]) -> Strip:
    """One screen row from (content, cells, style) parts, each padded to its width.

    Each part is rendered to segments once and the segments joined, which is several times
    cheaper than assembling one ``Text`` per row and rendering that.
    """
    segments: list[Segment] = []
    total = 0
    for content, cells, style in parts:
        if isinstance(content, Text):
            segments.extend(content.render(console))
            used = content.cell_len
        else:
            value = content or ""
            segments.append(Segment(value, style))
            used = cell_len(value)
        if used < cells:
            segments.append(Segment(" " * (cells - used)))
        total += max(cells, used)
    return Strip(segments, total)


class AlignedView(LinePane, can_focus=False):
    """Article | variant, one block per claim; ``selected`` marks and scrolls to a claim."""

    DEFAULT_CSS = """
    AlignedView { height: 1fr; }
    """

    COMPONENT_CLASSES = COMPONENT_CLASSES
    selected: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._palette = PLAIN
        self._original = ""
        self._variant = ""
        self._claims: Sequence[Claim] = ()
        self._lines: list[Strip] = []
        self._blocks: list[_Block] = []
        self._width = -1
        self._layout = 0  # bumped on every new pair or width, so stale slices stop

    def show(self, original: str, variant: str, claims: Sequence[Claim]) -> None:
        """Show a new pair; the texts are cleaned here, claims index into the raw texts."""
        self._original, self._variant, self._claims = original, variant, claims
        self._palette = palette(self)  # the theme may have changed since the last pair
        self.scroll_to_row(0)
        self._relayout()
        self.selected = 0

    @property
    def complete(self) -> bool:
        """Whether every claim of the pair is laid out (the bar then shows the whole pair)."""
        return len(self._blocks) == len(self._claims)

    @property
    def side_by_side(self) -> bool:
        """Whether both sides fit next to each other."""
        return self.size.width >= SIDE_BY_SIDE_MIN

    def _relayout(self) -> None:
        """Start over at the current width: a screenful now, the rest after the paint."""
        self._layout += 1
        self._width = self.row_width
        self._lines, self._blocks = [], []
        if self._width <= 0:
            return
        while len(self._blocks) < len(self._claims) and len(self._lines) < self.page_height + self.top:
            self._add_block(self._claims[len(self._blocks)])
        self._grown()
        if len(self._blocks) < len(self._claims):
            # After the paint, and only if the editor lingers: a quick verdict skips the work.
            self.set_timer(REST_AFTER, partial(self._continue, self._layout))

    def _continue(self, layout: int, upto: int | None = None) -> None:
        """Lay out the remaining claims (or those up to ``upto``) of the pair shown as ``layout``."""
        if layout != self._layout:
            return
        stop = len(self._claims) if upto is None else min(upto + 1, len(self._claims))
        if len(self._blocks) >= stop:
            return
        for claim in self._claims[len(self._blocks) : stop]:
            self._add_block(claim)
        self._grown()

    def _grown(self) -> None:
        self.rows = len(self._lines)
        if self.selected < len(self._blocks):
            self._scroll_to_selected()
        self.refresh()

    def _side_texts(self, claim: Claim) -> tuple[Text | None, Text | None]:
        left = right = None
        if claim.original is not None:
            left = Text(clean(self._original[claim.original.start : claim.original.end], keep_newlines=False).strip())
        if claim.variant is not None:
            right = Text(clean(self._variant[claim.variant.start : claim.variant.end], keep_newlines=False).strip())
        if left is not None and right is not None:
            left, right = mark_pair(left.plain, right.plain, claim.reasons, self._palette)
        return left, right

    def _add_block(self, claim: Claim) -> None:
        """Lay out one claim's rows (and a blank after it) at the current width."""
        width, console = self._width, self.app.console
        glyph, _word = STATUS_MARK.get(claim.status, ("?", claim.status))
        gutter = (f" {glyph} ", _GUTTER, self._palette.status.get(claim.status, Style()))
        left, right = self._side_texts(claim)
        rows: list[Strip] = []
        if self.side_by_side:
            half = (width - _GUTTER - 3) // 2
            other = width - _GUTTER - 3 - half
            left_rows = wrap(left, half) if left else []
            right_rows = wrap(right, other) if right else []
            for i in range(max(len(left_rows), len(right_rows))):
                left_row = left_rows[i] if i < len(left_rows) else None
                right_row = right_rows[i] if i < len(right_rows) else None
                rows.append(_row(console, [gutter, (left_row, half, None), (" │ ", 3, DIM), (right_row, other, None)]))
        else:
            inner = width - _GUTTER - 4
            for label, side in (("art ", left), ("var ", right)):
                side_rows: list[Text | None] = list(wrap(side, inner)) if side else [Text("—", DIM)]
                for i, line in enumerate(side_rows):
                    rows.append(_row(console, [gutter, (label if i == 0 else "", 4, DIM), (line, inner, None)]))
        for reason in claim.reasons:
            note = Text("⚠ ")
            note.append_text(reason_text(reason, self._palette))
            rows.extend(_row(console, [gutter, (line, width - _GUTTER, None)]) for line in wrap(note, width - _GUTTER))
        start = len(self._lines)
        self._lines.extend(row.crop(0, width) for row in rows)
        self._blocks.append(_Block(start, len(self._lines)))
        self._lines.append(Strip.blank(width))

    def on_resize(self) -> None:
        if self.row_width != self._width:
            self._relayout()

    def watch_selected(self, selected: int) -> None:
        self._continue(self._layout, upto=selected)  # the cursor may run ahead of the layout
        self._scroll_to_selected()
        self.refresh()

    def open_at(self, index: int) -> None:
        """Select claim ``index`` with its block at the top of the pane (where a variant opens)."""
        self._continue(self._layout, upto=index)
        if 0 <= index < len(self._blocks):
            # Enough rows below the block to fill the pane, so scrolling it to the top is not clamped.
            start = self._blocks[index].start
            while len(self._lines) < start + self.page_height and len(self._blocks) < len(self._claims):
                self._continue(self._layout, upto=len(self._blocks))
        self.selected = index
        if 0 <= index < len(self._blocks):
            self.scroll_to_row(self._blocks[index].start)

    def claim_a_page_away(self, pages: int) -> int:
        """The claim whose block starts a page of rows down (or up) from the one selected."""
        self._continue(self._layout)  # every block laid out: a page may reach past the first screen
        if not self._blocks:
            return 0
        current = self._blocks[min(self.selected, len(self._blocks) - 1)].start
        target = current + pages * max(1, self.page_height)
        starts = [block.start for block in self._blocks]
        if pages > 0:
            later = [i for i, start in enumerate(starts) if start >= target]
            return later[0] if later else len(starts) - 1
        earlier = [i for i, start in enumerate(starts) if start <= target]
        return earlier[-1] if earlier else 0

    def _scroll_to_selected(self) -> None:
        if 0 <= self.selected < len(self._blocks):
            block = self._blocks[self.selected]
            self.show_rows(block.start, block.end)

    def render_row(self, index: int, width: int) -> list[Segment]:
        line = self._lines[index]
        if line.cell_length != width:  # laid out for the old width: the relayout on resize follows
            line = line.crop(0, width).extend_cell_length(width)
        if 0 <= self.selected < len(self._blocks):
            block = self._blocks[self.selected]
            if block.start <= index < block.end:
                return [_CURSOR_MARK, *line.crop(1)]
        return list(line)
