"""Colours come from the theme: under NO_COLOR the terminal's own colour with bold and reverse, in
16 colours red only for distortions; and wide or composed text keeps the inbox columns aligned."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import Monochrome, NoColor

from claimdesk.store import InboxRow
from claimdesk.tui.components.aligned_view import AlignedView
from claimdesk.tui.components.inbox_row import header_text, row_text
from claimdesk.tui.components.styles import palette
from tests.tui.conftest import NOW, ready, settled


async def _review_palette(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)
        return palette(app.screen.query_one(AlignedView)), list(app._filters)


async def test_under_no_color_altered_facts_are_bold_reverse_in_the_default_colour(db, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db)
    colours, filters = await _review_palette(app)
    assert app.colours == "none" and app.theme == "ansi-dark"
    assert any(isinstance(f, NoColor) for f in filters) and not any(isinstance(f, Monochrome) for f in filters)
    no_color = next(f for f in filters if isinstance(f, NoColor))
    for style in (colours.fact, colours.status["altered"]):
        [shown] = no_color.apply([Segment("30,000", style)], Color(0, 0, 0))
        assert shown.style.color is not None and shown.style.color.is_default
        assert shown.style.bold
    [fact] = no_color.apply([Segment("30,000", colours.fact)], Color(0, 0, 0))
    assert fact.style.reverse


async def test_in_16_colours_red_is_a_distortion_and_never_spin(db, make_app):
    app = make_app(db, colours="16")
    colours, _filters = await _review_palette(app)
    reds = {1, 9}  # ANSI red and bright red
    assert colours.fact.color.number == 1 and colours.status["altered"].color.number == 1
    assert colours.changed.color.number not in reds and colours.changed.underline
    for status in ("dropped", "added", "reworded", "kept"):
        color = colours.status[status].color
        assert color is None or color.number not in reds


async def test_the_default_theme_gives_the_altered_marks_its_error_colour(db, make_app):
    app = make_app(db)
    colours, _filters = await _review_palette(app)
    error = Color.parse(app.current_theme.error).rgb
    fact = colours.fact.color.triplet
    assert all(abs(a - b) <= 2 for a, b in zip(fact, error, strict=True)) and colours.fact.reverse
    assert colours.changed.color.triplet != fact


WIDE = [
    "港口扩建计划获批准，渔民欢迎",
    "Café crème: e\u0301te\u0301 déjà vu",
    "🚢🎉 harbour 👩\u200d👩\u200d👧 party",
    "zero\u200bwidth\u200djoin",
]


def test_wide_and_composed_titles_keep_the_columns_aligned():
    for width in (80, 120, 160):
        header = header_text(width).plain
        age_at = header.index(" age ")
        for n, title in enumerate(WIDE):
            row = InboxRow(n, "new", 0.5, 0.5, 1, 0, 0, "站点.example", title, "2026-03-01T00:00:00Z", "x", None, None)
            line = row_text(row, width, NOW, str).plain
            assert cell_len(line) == cell_len(header)
            # The age column (4 cells, right-aligned) ends at the same cell as its header.
            cut = 0
            for i in range(len(line)):
                if cell_len(line[: i + 1]) > age_at + 4:
                    cut = i
                    break
            assert cell_len(line[:cut]) == age_at + 4 and line[:cut].endswith("1d")
