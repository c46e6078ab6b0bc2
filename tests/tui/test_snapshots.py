"""What editors see, at a laptop's 80x24 and a wide 160x50: inbox and review."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdesk.tui.components.aligned_view import AlignedView
from tests.tui.conftest import ready, settled, until

SIZES = [(80, 24), (160, 50)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_inbox(snap_compare, db, make_app, size, monkeypatch):
    async def before(pilot):
        await ready(pilot)
        await pilot.press("j")

    monkeypatch.chdir(db.parent)  # the header names the store as given: a path that is the same every run
    assert snap_compare(make_app(Path(db.name)), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_review(snap_compare, db, make_app, size, monkeypatch):
    async def before(pilot):
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("j")
        view = pilot.app.screen.query_one(AlignedView)
        await until(pilot, lambda: view.complete, "the whole pair laid out")
        await pilot.pause()

    monkeypatch.chdir(db.parent)  # the header names the store as given: a path that is the same every run
    assert snap_compare(make_app(Path(db.name)), terminal_size=size, run_before=before)
