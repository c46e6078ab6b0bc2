"""One inbox line as plain ``Text``: state glyph, risk, counts, site, title, age, holder, verdict.

Fixed columns shrink with the terminal; the title takes what is left. Cells are cut and padded
by terminal cells, not characters (a CJK character takes two, a combining mark or a zero-width
joiner none), so wide and composed titles keep the columns after them in place. All stored text
goes through :func:`claimdesk.safe_text.clean` and is appended as plain text, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from claimdesk.safe_text import clean
from claimdesk.store.models import InboxRow
from claimdesk.tui.components.styles import MISMATCH_WORD, PLAIN, STATE_GLYPH, Palette


@dataclass(frozen=True)
class Columns:
    """Cell widths for one terminal width."""

    site: int
    title: int
    holder: int
    verdict: int


# mark + glyph, " risk", three " nnn" counts, a space, then separators after site/title/age/holder + age.
_FIXED = 2 + 5 + 12 + 1 + 4 + 4


def columns(width: int) -> Columns:
    """Widths that fit ``width``: wide terminals get roomier site/holder/verdict columns."""
    site, holder, verdict = (20, 12, 12) if width >= 140 else (14, 8, 10) if width >= 100 else (10, 7, 9)
    title = max(8, width - _FIXED - site - holder - verdict)
    return Columns(site, title, holder, verdict)


# Invisible in a one-line cell, and terminals disagree on whether they take a cell: left out.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def cell(value: str, width: int) -> str:
    """``value`` as exactly ``width`` terminal cells: padded, or cut with "…" (a wide character
    that would straddle the edge is left out whole)."""
    value = clean(value, keep_newlines=False).translate(_ZERO_WIDTH).strip()
    if cell_len(value) > width:
        # A wide character across the edge is left out and its cell padded after the "…".
        value = set_cell_size(value, max(0, width - 1)).rstrip() + "…" if width else ""
    return set_cell_size(value, width)


def age(stamp: str | None, now: datetime) -> str:
    """A short age: ``now``, ``5m``, ``3h``, ``2d``, ``6w``, ``1y`` (``?`` if unknown)."""
    if not stamp:
        return "?"
    try:
        then = datetime.fromisoformat(stamp)
    except ValueError:
        return "?"
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    seconds = max(0, int((now - then).total_seconds()))
    for unit, size in (("y", 31_536_000), ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return "now"


def header_text(width: int) -> Text:
    """The column names, aligned with :func:`row_text`."""
    c = columns(width)
    line = f" s risk alt drp add {'site'.ljust(c.site)} {'title'.ljust(c.title)}  age "
    line += f"{'holder'.ljust(c.holder)} {'verdict'.ljust(c.verdict)}"
    return Text(line, Style(bold=True))


def row_text(
    row: InboxRow,
    width: int,
    now: datetime,
    label: Callable[[str], str],
    *,
    conflicting: bool = False,
    cursor: bool = False,
    palette: Palette = PLAIN,
) -> Text:
    """One variant's line; ``label`` names a stored verdict as the editor configured it."""
    c = columns(width)
    state = "conflicting" if conflicting else row.state
    if state == "new" and row.mismatch:
        state = "mismatch"
    text = Text()
    text.append("▶" if cursor else " ", Style(bold=True))
    text.append(STATE_GLYPH[state], palette.state[state])
    text.append(f" {row.risk:4.2f} {row.altered:>3} {row.dropped:>3} {row.added:>3} ")
    text.append(cell(row.site or "", c.site) + " ")
    text.append(cell(row.title or "(untitled)", c.title) + " ")
    text.append(age(row.found_at or row.created_at, now).rjust(4) + " ")
    text.append(cell(row.holder or "", c.holder) + " ", Style(italic=True))
    verdict = label(row.verdict) if row.verdict else MISMATCH_WORD if row.mismatch else ""
    if row.noted:
        verdict = "✎" + verdict  # the verdict carries a note
    if conflicting:
        verdict = "≠" + verdict
    text.append(cell(verdict, c.verdict), palette.state["mismatch"] if verdict == MISMATCH_WORD else Style())
    return text
