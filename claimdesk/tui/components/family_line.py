"""The review's family line: "family of 12 copies on 9 sites: a.example, b.example, … +6 more".

A copy posted by one spinner network is judged once for all: this line says how big its family
is and where it was posted, and which keys record a verdict on every undecided member. The
sites are fitted to the width at draw time (as many whole names as fit, then how many more),
so the count of sites is never cut off. Hidden for a copy alone in its family.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from claimdesk.safe_text import clean
from claimdesk.tui.components.inbox_row import cell
from claimdesk.tui.components.styles import DIM

SITE_CELLS = 24  # one site name at most this wide


def _fit_sites(names: list[str], room: int) -> list[str]:
    """The first names that fit in ``room`` cells with their separators and a ``, +N more`` tail."""
    shown: list[str] = []
    used = 0
    for i, name in enumerate(names):
        more = len(names) - i - 1
        tail = f", +{more:,} more" if more else ""
        step = cell_len(": " if not shown else ", ") + cell_len(name)
        if used + step + cell_len(tail) > room:
            break
        shown.append(name)
        used += step
    return shown


def family_summary(members: int, sites: Sequence[str], keys: Sequence[str], width: int) -> Text:
    """The line for ``width`` cells: the size first, then whole site names while they fit, then
    ``+N more``; then the key hints (``keys``, most wanted first) that leave at least one site."""
    names = [cell(name, min(SITE_CELLS, cell_len(name))) for name in (clean(s or "", keep_newlines=False).strip()
             for s in sites) if name]  # fmt: skip
    site_word = "site" if len(names) == 1 else "sites"
    text = Text(f"◇ family of {members:,} copies on {len(names):,} {site_word}", Style(bold=True))
    hints = ["  ".join(keys[:n]) for n in range(len(keys), 0, -1)] + [""]
    for hint in hints:
        room = width - text.cell_len - (cell_len(hint) + 2 if hint else 0)
        shown = _fit_sites(names, room)
        if shown or not names or not hint:
            break
    if shown:
        text.append(": " + ", ".join(shown))
    left = len(names) - len(shown)
    if left and names:
        text.append((", " if shown else ": ") + f"+{left:,} more", DIM)
    if hint:
        text.append("  " + hint, DIM)
    return text


class FamilyLine(Widget):
    """One line naming the shown variant's family; ``show(None)`` hides it."""

    DEFAULT_CSS = """
    FamilyLine { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display = False
        self.members = 0
        self.sites: tuple[str, ...] = ()
        self.keys: tuple[str, ...] = ()

    def show(self, members: int | None, sites: Sequence[str] = (), keys: Sequence[str] = ()) -> None:
        """Show a family of ``members`` copies on ``sites``; None or one member hides the line."""
        visible = bool(members and members > 1)
        if visible:
            self.members, self.sites, self.keys = members or 0, tuple(sites), tuple(keys)
        if self.display != visible:
            self.display = visible
        self.refresh()

    @property
    def text(self) -> Text:
        """The line at the current width (what is drawn)."""
        return family_summary(self.members, self.sites, self.keys, self.content_size.width)

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        line = self.text
        line.truncate(width, overflow="ellipsis")
        segments: list[Segment] = list(line.render(self.app.console))
        return Strip(Segment.apply_style(segments, self.rich_style)).extend_cell_length(width, self.rich_style)
