"""Hostile stored text shows as harmless plain text; colour is never the only signal."""

from __future__ import annotations

from rich.text import Text

from claimdesk.store import InboxRow, Store
from claimdesk.tui.components.claim_list import claim_line
from claimdesk.tui.components.inbox_list import InboxList
from claimdesk.tui.components.inbox_row import row_text
from claimdesk.tui.screens.review import ReviewScreen
from tests.tui.conftest import NOW, STORY, Line, add, build, ready, screen_text, until

HOSTILE = "\x1b[2J Wipe \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \u202eevil [@click=app.quit] [bold red]loud[/]"


async def test_hostile_title_and_text_render_as_plain_text(tmp_path, make_app):
    db = tmp_path / "hostile.db"
    lines = (*STORY[:3], Line("added", None, f"Click here {HOSTILE} now."))
    with Store.open(db) as store:
        add(store, 1, risk=0.9, title=f"Title {HOSTILE}", lines=lines)
    app = make_app(db)
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        await until(pilot, lambda: "[@click=app.quit] [bold red]loud[/]" in screen_text(app), "the literal title")
        await pilot.click(offset=(60, 2))  # a click on the title runs no action
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("j", "j", "j")
        await until(pilot, lambda: screen_text(app).count("[@click=app.quit]") >= 2, "title and claim text")
        shot = screen_text(app)
        for bad in ("\x1b", "\u202e", "http://x"):
            assert bad not in shot
        await pilot.press("q")
        assert app.is_running


def _row(state: str, verdict: str | None = None, holder: str | None = None) -> InboxRow:
    return InboxRow(1, state, 0.5, 0.5, 1, 0, 0, "site", "t", None, "2026-03-01T00:00:00Z", holder, verdict)


def test_states_and_statuses_carry_glyphs_and_words_without_colour():
    label = str
    plain = {
        state: row_text(_row(state, "faithful" if state == "decided" else None), 80, NOW, label).plain
        for state in ("new", "held", "decided")
    }
    conflict = row_text(_row("decided", "faithful"), 80, NOW, label, conflicting=True).plain
    glyphs = {line[1] for line in (*plain.values(), conflict)}
    assert len(glyphs) == 4  # new, held, decided, conflicting: four glyphs
    assert "faithful" in plain["decided"] and "≠" in conflict
    for line in STORY:
        _o, _v, report = build([line], 0.5)
        text: Text = claim_line(1, report.claims[0], None)
        assert line.status.lower() in text.plain.lower()


async def test_under_no_color_glyphs_and_words_carry_state(db, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db)
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        shot = screen_text(app)
        for words in ("! ALTERED", "- DROPPED", "+ ADDED", "~ reworded", "⚠ number: 35,000 → 30,000", "verdict: none"):
            assert words in shot
        await pilot.press("a", "q")
        inbox = app.screen.query_one(InboxList)
        await until(pilot, lambda: inbox.row_at(0) is not None and inbox.row_at(0).verdict == "faithful", "verdict")
        shot = screen_text(app)
        assert "✓" in shot and "faithful" in shot and "•" in shot
