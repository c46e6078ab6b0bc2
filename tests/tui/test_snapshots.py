"""What editors see, at a laptop's 80x24 and a wide 160x50: inbox and review, in the default theme,
in 16 colours and under NO_COLOR; the grouped inbox and the spread of a copied article."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdesk.store import Store
from claimdesk.tui.components.aligned_view import AlignedView
from tests.tui.conftest import add, ready, settled, until
from tests.tui.family_data import harbour_store

SIZES = [(80, 24), (160, 50)]
COLOURS = ["full", "16", "none"]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_inbox(snap_compare, db, make_app, size, monkeypatch):
    async def before(pilot):
        await ready(pilot)
        await pilot.press("j")

    monkeypatch.chdir(db.parent)  # the header names the store as given: a path that is the same every run
    assert snap_compare(make_app(Path(db.name)), terminal_size=size, run_before=before)


@pytest.mark.parametrize("colours", COLOURS)
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_review(snap_compare, db, make_app, size, colours, monkeypatch):
    if colours == "none":
        monkeypatch.setenv("NO_COLOR", "1")  # as an editor's shell sets it: Textual reads it too

    async def before(pilot):
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)
        view = pilot.app.screen.query_one(AlignedView)
        await until(pilot, lambda: view.complete, "the whole pair laid out")
        await until(pilot, lambda: "undecided in this listing" in pilot.app.screen.query_one("#feedback").progress)
        await pilot.pause()

    monkeypatch.chdir(db.parent)
    assert snap_compare(make_app(Path(db.name), colours=colours), terminal_size=size, run_before=before)


WIDE_TITLES = [
    "港口扩建计划获批准，渔民欢迎新泊位",  # CJK: two cells a character
    "Harbour party 🚢🎉 draws the town 👍 out",  # emoji
    "Cafe\u0301 cre\u0300me and the e\u0301te\u0301 fair",  # combining accents: no cells of their own
    "Zero\u200bwidth\u200bspaces in a head\u200dline",  # zero-width characters
    "Plain ASCII title for comparison",
]


def test_inbox_with_wide_and_composed_titles(snap_compare, tmp_path, make_app, monkeypatch):
    path = tmp_path / "wide.db"
    with Store.open(path) as store:
        for n, title in enumerate(WIDE_TITLES, start=1):
            add(store, n, risk=1 - n / 10, title=title)

    async def before(pilot):
        await ready(pilot)
        await until(pilot, lambda: pilot.app.screen.inbox.row_at(len(WIDE_TITLES) - 1) is not None, "every row")
        await pilot.pause()

    monkeypatch.chdir(tmp_path)
    assert snap_compare(make_app(Path(path.name)), terminal_size=(80, 24), run_before=before)


# Copy families: the grouped inbox with the ten-copy article open, and that article's spread.


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_grouped_inbox(snap_compare, tmp_path, make_app, size, monkeypatch):
    harbour_store(tmp_path / "harbour.db")

    async def before(pilot):
        await ready(pilot)
        await pilot.press("v")
        listing = pilot.app.screen.groups
        await until(pilot, lambda: listing.counted and listing.article_at(3) is not None, "the grouped list")
        await pilot.press("enter")
        await until(pilot, lambda: listing.expanded is not None, "the families")
        await until(pilot, lambda: "articles grouped" in str(pilot.app.screen.query_one("#status").render()))
        await pilot.press("j")
        await pilot.pause()

    monkeypatch.chdir(tmp_path)
    assert snap_compare(make_app(Path("harbour.db")), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_spread(snap_compare, tmp_path, make_app, size, monkeypatch):
    ids = harbour_store(tmp_path / "harbour.db")

    async def before(pilot):
        await ready(pilot)
        pilot.app.screen.go_to_variant(ids.spinwire[0])
        await settled(pilot)
        await pilot.press("S")
        await until(pilot, lambda: getattr(pilot.app.screen, "spread", None) is not None, "the spread")
        await pilot.pause()

    monkeypatch.chdir(tmp_path)
    assert snap_compare(make_app(Path("harbour.db")), terminal_size=size, run_before=before)
