"""Steps many app tests take the same way, so each test says only what it is about."""

from __future__ import annotations

from pathlib import Path

from claimdesk.tui.keymap import Config, load_config
from claimdesk.tui.screens.review import ReviewScreen
from tests.tui.conftest import inbox, ready, settled


async def open_review(pilot) -> ReviewScreen:
    """Open the inbox's current variant and wait for it to be painted.

    A review key pressed before the paint is dropped by design, so every review test starts here.
    """
    await ready(pilot)
    await pilot.press("enter")
    await settled(pilot)
    assert isinstance(pilot.app.screen, ReviewScreen)
    return pilot.app.screen


async def anchor_below_the_top(pilot) -> int:
    """Put the inbox cursor on the third row and return that variant's id.

    Off the top on purpose: a listing that re-sorts or grows must keep the cursor on its variant,
    not on its row number.
    """
    await ready(pilot)
    await pilot.press("j", "j")
    return inbox(pilot.app).current.id


def editor_config(folder: Path, body: str) -> Config:
    """``body`` written as the editor's config file in ``folder`` and loaded as the app loads it."""
    path = folder / "config.toml"
    path.write_text(body)
    return load_config(path)
