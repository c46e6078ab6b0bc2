"""Several editors and an intake process at once: leases, verdicts and new variants show up live."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from claimdesk.store import Store
from claimdesk.tui.screens.review import ReviewScreen
from tests.tui.conftest import add, inbox, ready, screen_text, until, verdict_rows


@asynccontextmanager
async def two_editors(db, make_app) -> AsyncIterator[tuple]:
    """Ana's and Bob's apps over the same store file, both with their inbox loaded."""
    ana, bob = make_app(db, "ana"), make_app(db, "bob")
    async with ana.run_test(size=(80, 24)) as ana_pilot, bob.run_test(size=(80, 24)) as bob_pilot:
        await ready(ana_pilot)
        await ready(bob_pilot)
        yield ana, ana_pilot, bob, bob_pilot


async def test_new_variant_appears_and_the_cursor_stays_on_its_variant(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("j", "j")
        anchored = inbox(app).current.id
        with Store(db) as other:  # another connection, as an intake process would commit
            add(other, 8, risk=0.99)
        await until(pilot, lambda: inbox(app).total == 7, "the new variant")
        await until(pilot, lambda: inbox(app).current is not None, "the page")
        assert inbox(app).current.id == anchored
        assert inbox(app).cursor == 3
        assert inbox(app).row_at(0).title == "Copied story number 8"


async def test_second_editor_sees_the_first_ones_lease_and_verdict(db, make_app):
    async with two_editors(db, make_app) as (ana, ana_pilot, bob, bob_pilot):
        await ana_pilot.press("enter")
        held = ana.screen.variant_id
        # Bob's inbox shows Ana holding the variant.
        await until(bob_pilot, lambda: inbox(bob).row_at(0) and inbox(bob).row_at(0).holder == "ana", "ana's lease")
        assert inbox(bob).row_at(0).state == "held"
        # Bob opens it: read-only with her name, verdict keys do nothing.
        await bob_pilot.press("enter")
        assert isinstance(bob.screen, ReviewScreen) and bob.screen.held_by == "ana"
        await bob_pilot.press("a")
        assert verdict_rows(db) == []
        assert bob.screen.variant_id == held
        # Bob's next skips whatever Ana holds.
        await ana_pilot.press("right_square_bracket")
        ana_now = ana.screen.variant_id
        await bob_pilot.press("right_square_bracket")
        assert bob.screen.variant_id not in (ana_now,)
        await bob_pilot.press("q")
        # Ana decides; Bob's inbox shows the verdict.
        await ana_pilot.press("left_square_bracket")
        await ana_pilot.press("x")
        await until(bob_pilot, lambda: inbox(bob).row_at(0) and inbox(bob).row_at(0).verdict == "distorted", "verdict")
        assert verdict_rows(db) == [(held, None, "distorted", "ana", None)]


async def test_next_verdict_skips_variants_another_editor_holds(db, make_app):
    app = make_app(db, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        first, second = inbox(app).row_at(0).id, inbox(app).row_at(1).id
        with Store(db) as other:
            other.take_lease(second, "bob")
        await pilot.press("enter")
        assert app.screen.variant_id == first
        await pilot.press("a")
        assert app.screen.variant_id not in (first, second)


async def test_a_failed_write_shows_an_error_and_does_not_advance(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        first = app.screen.variant_id
        with Store(db) as other:  # the disk refuses: every verdict insert aborts
            other.conn.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON verdicts BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
            )
        await pilot.press("a")
        assert app.screen.variant_id == first
        assert verdict_rows(db) == []
        assert any("disk says no" in str(n.message) and n.severity == "error" for n in app._notifications)


async def test_new_variants_above_the_screen_are_announced(tmp_path, make_app):
    db = tmp_path / "long.db"
    with Store.open(db) as store:
        for n in range(1, 41):
            add(store, n, risk=0.5 - n / 100)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("G")
        await until(pilot, lambda: inbox(app).current is not None, "the last page")
        anchored, top = inbox(app).current.id, inbox(app).scroll_y
        with Store(db) as other:
            add(other, 50, risk=0.9)
            add(other, 51, risk=0.8)
        await until(pilot, lambda: inbox(app).total == 42 and inbox(app).current is not None, "the new variants")
        assert inbox(app).current.id == anchored and inbox(app).scroll_y == top + 2
        await until(pilot, lambda: any("2 new variants above" in n.message for n in app._notifications), "the notice")


async def test_read_only_view_takes_the_variant_when_its_holder_leaves(db, make_app):
    async with two_editors(db, make_app) as (ana, ana_pilot, bob, bob_pilot):
        await ana_pilot.press("enter")
        await bob_pilot.press("enter")
        assert bob.screen.held_by == "ana"
        await ana_pilot.press("q")
        bob.screen._renew()  # what the renewal timer does every RENEW_SECONDS
        await bob_pilot.pause()
        assert bob.screen.held_by is None
        await bob_pilot.press("a")
        assert verdict_rows(db) == [(ana.screen.inbox.current.id, None, "faithful", "bob", None)]


async def test_disagreeing_editors_show_as_conflicting(db, make_app):
    app = make_app(db, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        first = inbox(app).row_at(0).id
        with Store(db) as other:
            other.record_verdict(first, "faithful", "bob")
            other.record_verdict(first, "distorted", "cy")
        await until(pilot, lambda: "≠" in screen_text(app), "the conflict glyph")
        assert "≠distort" in screen_text(app)  # the current verdict, marked as disputed


async def test_inbox_does_not_poll_under_the_review_screen_and_catches_up_after(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        under = app.screen_stack[-2]
        before = under.totals
        with Store(db) as other:
            add(other, 8, risk=0.01)
        await pilot.pause(5 * app.poll_seconds)
        assert under.totals is before  # no counts ran while the editor reviews
        await pilot.press("q")
        await until(pilot, lambda: inbox(app).total == 7, "the new variant after returning")
