"""Lines of the grouped inbox as plain ``Text``: an article with its copies, and its families.

An article line: the expand mark (``▸`` closed, ``▾`` open), a state glyph (``•`` some copy is
undecided, ``✓`` none), the copies, the undecided ones, the worst risk, the title. A family line
under it: the same three figures for the family's members, then where it was posted and the
distortions most of its members share. The numbers line up under the article's, so the two
read as one table; stored text is cleaned and appended as plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from claimdesk.store import ArticleGroupRow, FamilyRow
from claimdesk.tui.components.inbox_row import cell
from claimdesk.tui.components.styles import DIM, PLAIN, STATE_GLYPH, STATUS_MARK, Palette

SITE_CELLS = 22  # one site name at most this wide on a family line


def header_text(width: int) -> Text:
    """Column names over the grouped list."""
    line = "   s copies  undec worst  article, or ◇ family: sites │ shared distortions"
    return Text(set_cell_size(line, width), Style(bold=True))


def article_text(row: ArticleGroupRow, width: int, *, expanded: bool, cursor: bool, palette: Palette = PLAIN) -> Text:
    """One article's line."""
    state = "new" if row.undecided else "decided"
    text = Text()
    text.append("▶" if cursor else " ", Style(bold=True))
    text.append("▾" if expanded else "▸", Style(bold=True))
    text.append(" ")
    text.append(STATE_GLYPH[state], palette.state[state])
    text.append(f" {row.copies:>6,} {row.undecided:>6,} {row.worst_risk:5.2f}  ")
    families = f"  ({row.families:,} families)" if row.families > 1 else ""
    title_room = max(8, width - text.cell_len - cell_len(families))
    text.append(cell(row.title or "(untitled)", min(title_room, cell_len(row.title or "(untitled)"))), Style(bold=True))
    text.append(families, DIM)
    return text


def _sites(sites: Sequence[str], room: int) -> str:
    """``on 9 sites: a.example, b.example +7``: whole names while they fit in ``room`` cells."""
    names = [cell(s, min(SITE_CELLS, cell_len(s))) for s in sites if s]
    head = f"on {len(names):,} {'site' if len(names) == 1 else 'sites'}"
    shown: list[str] = []
    for i, name in enumerate(names):
        more = len(names) - i - 1
        if cell_len(head + ": " + ", ".join([*shown, name]) + (f" +{more:,}" if more else "")) > room:
            break
        shown.append(name)
    if not shown:
        return head
    more = len(names) - len(shown)
    return head + ": " + ", ".join(shown) + (f" +{more:,}" if more else "")


def family_row_text(row: FamilyRow, width: int, *, last: bool, cursor: bool, palette: Palette = PLAIN) -> Text:
    """One family's line, under its article."""
    state = "new" if row.undecided else "decided"
    text = Text()
    text.append("▶" if cursor else " ", Style(bold=True))
    text.append(" └" if last else " ├", DIM)
    text.append(STATE_GLYPH[state], palette.state[state])
    text.append(f" {row.members:>6,} {row.undecided:>6,} {row.worst_risk:5.2f}  ")
    text.append("◇ ", DIM)
    if row.verbatim:
        text.append("word for word ", Style(italic=True))
    shared = ", ".join(row.shared)
    shared_room = max(0, min(cell_len(shared) + 4, (width - text.cell_len) // 2)) if shared else 0
    text.append(_sites(row.sites, max(12, width - text.cell_len - shared_room)))
    if shared:
        glyph = STATUS_MARK["altered"][0]
        room = width - text.cell_len - 3
        if room > 6:
            text.append(" │ ", DIM)
            text.append(cell(f"{glyph} {shared}", room), palette.status["altered"])
    return text
