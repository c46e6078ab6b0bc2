"""One inbox line as plain ``Text``: state glyph, risk, counts, site, title, age, holder, verdict.

Fixed columns shrink with the terminal; the title takes what is left. All stored text goes
through :func:`claimdesk.safe_text.clean` and is appended as plain text, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from rich.style import Style
from rich.text import Text

from claimdesk.safe_text import clean
from claimdesk.store.models import InboxRow
from claimdesk.tui.components.styles import STATE_GLYPH, STATE_STYLE


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


def _cell(value: str, width: int) -> str:
    value = clean(value, keep_newlines=False).strip()
    if len(value) > width:
        return value[: max(0, width - 1)] + "…"
    return value.ljust(width)


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
) -> Text:
    """One variant's line; ``label`` names a stored verdict as the editor configured it."""
    c = columns(width)
    state = "conflicting" if conflicting else row.state
    text = Text()
    text.append("▶" if cursor else " ", Style(bold=True))
    text.append(STATE_GLYPH[state], STATE_STYLE[state])
    text.append(f" {row.risk:4.2f} {row.altered:>3} {row.dropped:>3} {row.added:>3} ")
    text.append(_cell(row.site or "", c.site) + " ")
    text.append(_cell(row.title or "(untitled)", c.title) + " ")
    text.append(age(row.found_at or row.created_at, now).rjust(4) + " ")
    text.append(_cell(row.holder or "", c.holder) + " ", Style(italic=True))
    verdict = label(row.verdict) if row.verdict else ""
    if conflicting:
        verdict = "≠" + verdict
    text.append(_cell(verdict, c.verdict))
    return text
