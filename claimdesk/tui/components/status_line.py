"""The line under the inbox: totals by state, the listing's sort and filters, the editor's day."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from claimdesk.safe_text import clean
from claimdesk.store import InboxCounts, InboxQuery
from claimdesk.tui.components.styles import STATE_GLYPH


def status_text(counts: InboxCounts, listed: int, query: InboxQuery, done_today: int, *, grouped: bool = False) -> Text:
    """Plain words and glyphs, so the line reads the same without colour. The listing (its sort,
    filters and search) comes first: at 80 columns it is what must not be cut off. Grouped, the
    count is of articles and the order is always the riskiest copy's."""
    shown = ["grouped"] if grouped else [f"sort:{query.sort}"]
    for name in ("state", "verdict", "site"):
        value = getattr(query, name)
        if value:
            shown.append(f"{name}:{value}")
    if query.conflict:
        shown.append("is:conflict")
    if query.family is not None:
        shown.append(f"family:{query.family}")
    if query.search:
        shown.append(f"/{query.search}")
    noun = ("article" if listed == 1 else "articles") if grouped else "listed"
    text = Text(f"{listed:,} {noun} " + clean(" ".join(shown), keep_newlines=False), style="bold")
    text.append(f" │ {counts.total:,} variants ")
    text.append(f"{STATE_GLYPH['new']}{counts.new:,} new ")
    text.append(f"{STATE_GLYPH['held']}{counts.held:,} held ")
    text.append(f"{STATE_GLYPH['decided']}{counts.decided:,} decided ")
    text.append(f"│ you today: {done_today:,}", style="dim")
    return text


class StatusLine(Static):
    """One line of totals; updated by the inbox screen after each poll that saw a change."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; }
    """

    def show(
        self, counts: InboxCounts, listed: int, query: InboxQuery, done_today: int, *, grouped: bool = False
    ) -> None:
        """Redraw with fresh figures."""
        self.update(status_text(counts, listed, query, done_today, grouped=grouped))
