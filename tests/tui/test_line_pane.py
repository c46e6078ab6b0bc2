"""The review panes scroll themselves: the drawn position bar, the cursor and the mouse wheel."""

from __future__ import annotations

from textual import events

from claimdesk.store import Store
from claimdesk.tui.components.aligned_view import AlignedView
from claimdesk.tui.components.claim_list import ClaimList
from claimdesk.tui.components.line_pane import thumb
from tests.tui.conftest import STORY, add, ready, screen_text, until


def test_thumb_sized_by_the_share_on_screen_and_placed_by_progress():
    assert thumb(0, 10, 10) == range(0)  # everything fits: no bar
    assert thumb(0, 34, 200) == range(0, 6)
    assert thumb(166, 34, 200) == range(28, 34)  # scrolled to the end: thumb at the bottom
    assert thumb(83, 34, 200) == range(14, 20)


def test_thumb_leaves_track_showing_while_there_is_more():
    assert thumb(0, 15, 16) == range(0, 14)  # one row hidden below: the last track row shows
    assert thumb(1, 15, 16) == range(1, 15)


async def test_cursor_and_wheel_scroll_the_panes(tmp_path, make_app):
    db = tmp_path / "long.db"
    with Store.open(db) as store:
        add(store, 1, risk=0.9, lines=STORY * 6)  # 30 claims: more than a screen at 80x24
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        view, claims = app.screen.query_one(AlignedView), app.screen.query_one(ClaimList)
        await pilot.press("g")  # opened on the first flag, claim 2; g goes to claim 1
        assert view.top == 0 and claims.top == 0
        await pilot.press(*"j" * 12)
        await until(pilot, lambda: view.complete, "the whole pair laid out")
        assert view.top > 0 and claims.top > 0
        assert "13 - DROPPED" in screen_text(app)  # the selected claim's line is on screen
        top = view.top
        view.post_message(events.MouseScrollUp(view, 1, 1, 0, -1, 0, False, False, False))
        await pilot.pause()
        assert view.top < top
