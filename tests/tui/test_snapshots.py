"""What editors see, at a laptop's 80x24 and a wide 160x50: inbox and review."""

from __future__ import annotations

import pytest

from claimdesk.tui.components.aligned_view import AlignedView
from tests.tui.conftest import ready, until

SIZES = [(80, 24), (160, 50)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_inbox(snap_compare, db, make_app, size):
    async def before(pilot):
        await ready(pilot)
        await pilot.press("j")

    assert snap_compare(make_app(db), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_review(snap_compare, db, make_app, size):
    async def before(pilot):
        await ready(pilot)
        await pilot.press("enter", "j")
        view = pilot.app.screen.query_one(AlignedView)
        await until(pilot, lambda: view.complete, "the whole pair laid out")
        await pilot.pause()

    assert snap_compare(make_app(db), terminal_size=size, run_before=before)
