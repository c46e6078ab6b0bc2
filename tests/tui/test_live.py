"""Several editors and an intake process at once: leases, verdicts and new variants show up live."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from claimdesk.store import Store
from claimdesk.tui.screens.review import ReviewScreen
from tests.tui.conftest import add, banner, inbox, ready, screen_text, settled, until, verdict_rows
from tests.tui.flows import anchor_below_the_top


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
        anchored = await anchor_below_the_top(pilot)
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
        await settled(ana_pilot)
        held = ana.screen.variant_id
        # Bob's inbox shows Ana holding the variant.
        await until(bob_pilot, lambda: inbox(bob).row_at(0) and inbox(bob).row_at(0).holder == "ana", "ana's lease")
        assert inbox(bob).row_at(0).state == "held"
        # Bob opens it: read-only with her name, verdict keys do nothing.
        await bob_pilot.press("enter")
        await settled(bob_pilot)
        assert isinstance(bob.screen, ReviewScreen) and bob.screen.held_by.startswith("held by ana (lease until")
        assert "READ-ONLY: held by ana" in screen_text(bob)
        await bob_pilot.press("a")
        assert verdict_rows(db) == []
        assert bob.screen.variant_id == held
        # Bob's next skips whatever Ana holds.
        await ana_pilot.press("right_square_bracket")
        await settled(ana_pilot)
        ana_now = ana.screen.variant_id
        await bob_pilot.press("right_square_bracket")
        await settled(bob_pilot)
        assert bob.screen.variant_id not in (ana_now, held)
        await bob_pilot.press("q")
        # Ana decides; Bob's inbox shows the verdict.
        await ana_pilot.press("left_square_bracket")
        await settled(ana_pilot)
        assert ana.screen.variant_id == held
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
        await until(pilot, lambda: "disk says no" in banner(app), "the error line")
        assert banner(app) == f"Recording the verdict failed: disk says no; still on #{first}."
        assert app.screen.variant_id == first and not app.screen.busy
        assert verdict_rows(db) == []


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
        await settled(ana_pilot)
        await bob_pilot.press("enter")
        await settled(bob_pilot)
        assert bob.screen.held_by.startswith("held by ana")
        await bob_pilot.press("t")  # nothing to take while ana holds it
        assert bob.screen.held_by.startswith("held by ana") and not bob.screen.busy
        await ana_pilot.press("q")
        bob.screen._renew()  # what the renewal timer does every RENEW_SECONDS: look again
        await until(bob_pilot, lambda: "t takes the variant" in banner(bob), "the offer to take it")
        assert bob.screen.held_by == "the lease ran out: t takes the variant"
        await bob_pilot.press("a")  # still read-only: one key takes it, not a verdict
        assert verdict_rows(db) == []
        await bob_pilot.press("t")
        await settled(bob_pilot)
        assert bob.screen.held_by is None
        with Store(db) as store:
            assert store.lease(bob.screen.variant_id).editor == "bob"
        await bob_pilot.press("a")
        await until(bob_pilot, lambda: verdict_rows(db), "the verdict")
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


async def test_a_lease_lapses_without_keys_and_the_next_key_takes_it_back(db, make_app):
    app = make_app(db, "ana", renew_seconds=0.1, idle_seconds=0.5)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)
        first = app.screen.variant_id
        await until(pilot, lambda: app.screen.lapsed, "the lapse")
        await until(pilot, lambda: _holder(db, first) is None, "the lease released in the store")
        assert "Lease released after a spell without keys: any key takes it back" in banner(app)
        await pilot.press("a")  # the first key takes the lease back; it records nothing
        await settled(pilot)
        assert _holder(db, first) == "ana" and not app.screen.lapsed and banner(app) == ""
        assert verdict_rows(db) == []
        # Lapsed again, and meanwhile bob takes it: the next key shows it read-only, held by bob.
        await until(pilot, lambda: app.screen.lapsed, "the second lapse")
        await until(pilot, lambda: _holder(db, first) is None, "released again")
        with Store(db) as bob:
            bob.take_lease(first, "bob")
        await pilot.press("j")
        await settled(pilot)
        assert app.screen.held_by.startswith("held by bob")
        await pilot.press("a")
        assert verdict_rows(db) == []


def _holder(db, variant_id: int) -> str | None:
    with Store(db) as store:
        lease = store.lease(variant_id)
    return lease.editor if lease else None
