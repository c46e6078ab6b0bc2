"""The review screen repaints through its own non-skipping timer (Textual's skips one tick too many)."""

from __future__ import annotations

from claimdesk.tui.screens.review import ReviewScreen
from tests.tui.conftest import ready


async def test_review_screen_repaints_through_a_timer_that_runs_missed_ticks(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter", "a")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        # Textual used the overriding property (a rename upstream would leave this None).
        assert screen._prompt_timer is not None and screen._update_timer is screen._prompt_timer
        assert screen._prompt_timer._skip is False
