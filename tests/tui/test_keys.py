"""Every key of the inbox and review screens, against a real store file."""

from __future__ import annotations

import pytest

from claimdesk.store import Store
from claimdesk.tui.components.aligned_view import AlignedView
from claimdesk.tui.screens.help import HelpScreen
from claimdesk.tui.screens.inbox import InboxScreen
from claimdesk.tui.screens.review import ReviewScreen
from tests.tui.conftest import add, feedback, inbox, ready, settled, until, verdict_rows


async def test_inbox_moves_with_j_k_and_arrows(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.sub_title == f"editor: ana · {db}"
        assert inbox(app).total == 6
        first = inbox(app).current.id
        await pilot.press("j", "down")
        assert inbox(app).cursor == 2
        await pilot.press("k")
        assert inbox(app).cursor == 1
        await pilot.press("up", "up")
        assert inbox(app).cursor == 0 and inbox(app).current.id == first
        await pilot.press("G")
        assert inbox(app).cursor == 5
        await pilot.press("g")
        assert inbox(app).cursor == 0
        await pilot.press("pagedown")
        assert inbox(app).cursor == 5
        await pilot.press("pageup")
        assert inbox(app).cursor == 0


async def test_enter_opens_review_with_lease_and_q_goes_back(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        variant = inbox(app).current.id
        await pilot.press("enter")
        await settled(pilot)  # a key before the variant is painted is dropped
        assert isinstance(app.screen, ReviewScreen) and app.screen.variant_id == variant
        with Store(db) as store:
            assert store.lease(variant).editor == "ana"
        await pilot.press("q")
        assert isinstance(app.screen, InboxScreen)
        with Store(db) as store:
            assert store.lease(variant) is None


@pytest.mark.parametrize(
    ("key", "verdict"), [("a", "faithful"), ("x", "distorted"), ("n", "unrelated"), ("e", "escalated")]
)
async def test_verdict_key_records_then_advances(db, make_app, key, verdict):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)  # a key before the variant is painted is dropped
        first = app.screen.variant_id
        await pilot.press(key)
        await settled(pilot)
        assert verdict_rows(db) == [(first, None, verdict, "ana", None)]
        assert app.screen.variant_id != first
        with Store(db) as store:
            assert store.lease(first) is None
            assert store.lease(app.screen.variant_id).editor == "ana"


async def test_space_skips_without_a_verdict(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)  # a key before the variant is painted is dropped
        first = app.screen.variant_id
        await pilot.press("space")
        assert verdict_rows(db) == []
        assert app.screen.variant_id != first


async def test_review_opens_on_the_first_flag_and_flag_keys_record_then_move_on(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)  # a key before the variant is painted is dropped
        review = app.screen
        variant = review.variant_id
        assert review.selected == 1  # claim 2, the altered number: claim 1 is only reworded
        await pilot.press("c")  # confirm claim 2, then on to the next flag: claim 3 (dropped)
        assert review.selected == 2 and review.query_one(AlignedView).selected == 2
        await pilot.press("d")  # dismiss claim 3, on to claim 5 (added)
        assert review.selected == 4
        await pilot.press("k")  # claim 4 is kept: nothing to dismiss, and the cursor stays
        await pilot.press("d")
        assert review.selected == 3
        await pilot.press("k", "up")
        assert review.selected == 1
        await pilot.press("j", "down")
        assert review.selected == 3
        assert verdict_rows(db) == [(variant, 2, "confirmed", "ana", None), (variant, 3, "dismissed", "ana", None)]
        assert review.variant_id == variant


async def test_note_rides_with_the_next_verdict(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)  # a key before the variant is painted is dropped
        variant = app.screen.variant_id
        await pilot.press("semicolon")
        await pilot.press(*"jobs figure", "enter")
        await pilot.press("x")
        assert verdict_rows(db) == [(variant, None, "distorted", "ana", "jobs figure")]


async def test_undo_after_advancing_goes_back(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)  # a key before the variant is painted is dropped
        first = app.screen.variant_id
        await pilot.press("a", "x")
        second = verdict_rows(db)[1][0]
        await pilot.press("z")
        assert app.screen.variant_id == second
        await pilot.press("backspace")
        assert app.screen.variant_id == first
        with Store(db) as store:
            assert store.current_verdict(first) is None and store.current_verdict(second) is None
        assert [r[2] for r in verdict_rows(db)] == ["faithful", "distorted", "undo", "undo"]


async def test_undo_in_the_review_is_said_once_on_the_feedback_line(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)  # a key before the variant is painted is dropped
        first = app.screen.variant_id
        await pilot.press("a")
        await settled(pilot)
        await pilot.press("z")
        await until(pilot, lambda: app.screen.variant_id == first and feedback(app).startswith("Undid"), "undone")
        assert feedback(app) == f"Undid your faithful on #{first}."
        assert not app._notifications  # no toast over the panes saying it again
        await pilot.press("z")
        await until(pilot, lambda: feedback(app) == "Nothing to undo.", "nothing left to undo")
        assert not app._notifications


async def test_brackets_walk_the_listing(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        ids = []
        for _ in range(3):
            ids.append(inbox(app).current.id)
            await pilot.press("j")
        await pilot.press("g", "enter")
        await settled(pilot)  # a key before the variant is painted is dropped
        await pilot.press("right_square_bracket")
        assert app.screen.variant_id == ids[1]
        await pilot.press("right_square_bracket")
        assert app.screen.variant_id == ids[2]
        await pilot.press("left_square_bracket")
        assert app.screen.variant_id == ids[1]
        assert verdict_rows(db) == []


async def test_question_mark_lists_every_key(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        assert isinstance(app.screen, InboxScreen)


async def test_search_sort_and_state_filter(db, make_app):
    with Store(db) as store:
        add(store, 7, risk=0.05, title="Harbour berths copied")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"harb", "enter")
        await until(pilot, lambda: inbox(app).total == 1 and inbox(app).current is not None, "search")
        assert inbox(app).current.title == "Harbour berths copied"
        await pilot.press("slash", *["backspace"] * 4, *"site:site1.example", "enter")
        await until(pilot, lambda: inbox(app).total == 3, "site filter")
        await pilot.press("slash", "enter")  # the input holds the current filters: enter keeps them
        await until(pilot, lambda: inbox(app).total == 3, "filters kept")
        await pilot.press("slash", *["backspace"] * 18, "enter")
        await until(pilot, lambda: inbox(app).total == 7, "search cleared")
        await pilot.press("s")
        await until(pilot, lambda: inbox(app).query.sort == "time" and inbox(app).current is not None, "time sort")
        assert inbox(app).current.title == "Harbour berths copied"
        await pilot.press("f")
        assert inbox(app).query.state == "new"


async def test_q_in_the_inbox_quits(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_quitting_from_review_releases_the_lease(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)  # a key before the variant is painted is dropped
        held = app.screen.variant_id
        with Store(db) as store:
            assert store.lease(held).editor == "ana"
        await pilot.press("ctrl+q")
        await pilot.pause()
    with Store(db) as store:
        assert store.lease(held) is None
