"""Editors see each other: verdict history, the conflict banner, a confirmation before replacing
another editor's verdict; and notes that belong to one verdict, are shown, and survive moving."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

from claimdesk.store import Store
from claimdesk.tui.components.inbox_list import InboxList
from claimdesk.tui.components.verdict_history import VerdictHistory
from claimdesk.tui.screens.confirm import ConfirmScreen
from claimdesk.tui.screens.inbox import InboxScreen
from claimdesk.tui.screens.review import ReviewScreen
from tests.tui.conftest import banner, ready, screen_text, settled, until, verdict_rows


def history(app) -> str:
    widget = app.screen.query_one(VerdictHistory)
    return str(widget.render()) if widget.display else ""


async def open_first(pilot) -> int:
    await ready(pilot)
    await pilot.press("enter")
    await settled(pilot)
    return pilot.app.screen.variant_id


async def test_another_editors_verdict_shows_live_and_replacing_it_asks_first(db, make_app):
    app = make_app(db, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        first = await open_first(pilot)
        assert history(app) == ""
        with Store(db) as bob:  # bob, from a script, past ana's lease
            bob.record_verdict(first, "distorted", "bob", note="count changed")
        await until(pilot, lambda: "verdict: distorted by bob" in screen_text(app), "bob's verdict on ana's screen")
        assert "bob distorted" in history(app) and "“count changed”" in history(app)
        # Replacing it asks; any key but y keeps bob's.
        await pilot.press("a")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen._question == f"bob's current verdict on #{first} is distorted. Replace it with faithful?"
        await pilot.press("n")
        assert isinstance(app.screen, ReviewScreen) and app.screen.variant_id == first
        assert [r[2] for r in verdict_rows(db)] == ["distorted"]
        # The same verdict as bob's is agreement: no question.
        await pilot.press("x")
        await until(pilot, lambda: len(verdict_rows(db)) == 2, "ana's agreeing verdict")
        assert verdict_rows(db)[-1] == (first, None, "distorted", "ana", None)
        await settled(pilot)
        assert app.screen.variant_id != first


async def test_confirmed_replacement_leaves_a_conflict_both_editors_see(db, make_app):
    ana, bob = make_app(db, "ana"), make_app(db, "bob")
    async with ana.run_test(size=(80, 24)) as ana_pilot, bob.run_test(size=(80, 24)) as bob_pilot:
        first = await open_first(ana_pilot)
        await ana_pilot.press("a")
        await settled(ana_pilot)
        await ready(bob_pilot)
        await bob_pilot.press("enter")  # the first row: ana's, now free
        await settled(bob_pilot)
        assert bob.screen.variant_id == first
        assert "ana faithful" in history(bob) and banner(bob) == ""
        await bob_pilot.press("x")
        assert isinstance(bob.screen, ConfirmScreen)
        await bob_pilot.press("y")
        await until(bob_pilot, lambda: len(verdict_rows(db)) == 2, "bob's verdict")
        assert verdict_rows(db) == [(first, None, "faithful", "ana", None), (first, None, "distorted", "bob", None)]
        # Ana goes back to it: the banner names both.
        await ana_pilot.press("left_square_bracket")
        await settled(ana_pilot)
        assert ana.screen.variant_id == first
        assert banner(ana) == "CONFLICT: ana faithful ≠ bob distorted"
        # And her inbox lists it under is:conflict.
        await ana_pilot.press("q")
        await until(ana_pilot, lambda: isinstance(ana.screen, InboxScreen))
        await ana_pilot.press("slash", *"is:conflict", "enter")
        inbox = ana.screen.query_one(InboxList)
        await until(ana_pilot, lambda: inbox.total == 1 and inbox.current is not None, "the conflict filter")
        assert inbox.current.id == first
        assert "≠distort" in screen_text(ana)


async def test_an_answer_given_after_a_poll_repainted_the_variant_is_still_recorded(db, make_app):
    app = make_app(db, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        first = await open_first(pilot)
        with Store(db) as bob:
            bob.record_verdict(first, "distorted", "bob")
        await until(pilot, lambda: "bob distorted" in history(app), "bob's verdict on ana's screen")
        review = app.screen
        await pilot.press("a")
        assert isinstance(app.screen, ConfirmScreen)
        asked_on = review.shown
        # A read of the variant that was in flight when the key was pressed ends under the question.
        review._refresh_shown()
        await until(pilot, lambda: review.shown is not asked_on, "the repaint under the question")
        assert review.shown.detail.id == first
        await pilot.press("y")
        await until(pilot, lambda: len(verdict_rows(db)) == 2, "ana's verdict")
        assert verdict_rows(db)[-1] == (first, None, "faithful", "ana", None)


async def test_a_verdict_recorded_meanwhile_refuses_the_key_and_shows_what_changed(db, make_app):
    app = make_app(db, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        first = await open_first(pilot)
        app.poll_seconds = 600  # from its next round on, ana's screen does not look again on its own
        await pilot.pause(0.3)
        with Store(db) as bob:
            bob.record_verdict(first, "distorted", "bob")
        await pilot.press("a")
        await until(pilot, lambda: "meanwhile" in banner(app), "the refusal")
        assert banner(app).startswith(f"Recording the verdict failed: bob recorded distorted on variant {first}")
        await until(pilot, lambda: "verdict: distorted by bob" in screen_text(app), "what changed")
        assert app.screen.variant_id == first
        assert [r[3] for r in verdict_rows(db)] == ["bob"]


async def test_a_note_is_kept_across_variants_goes_with_one_verdict_and_comes_back_with_undo(db, make_app):
    app = make_app(db, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        first = await open_first(pilot)
        await pilot.press("semicolon", *"jobs figure", "enter")
        assert "note: jobs figure" in screen_text(app)
        await pilot.press("right_square_bracket")
        await settled(pilot)
        assert app.screen.variant_id != first and "note: jobs figure" not in screen_text(app)
        await pilot.press("left_square_bracket")
        await settled(pilot)
        assert app.screen.variant_id == first and "note: jobs figure" in screen_text(app)
        # A claim verdict does not take the note; the variant's verdict does, once.
        await pilot.press("c")  # the review opens on the first flag: claim 2
        await until(pilot, lambda: verdict_rows(db), "the claim verdict")
        await settled(pilot)
        await pilot.press("x")
        await until(pilot, lambda: len(verdict_rows(db)) == 2, "the verdict")
        assert verdict_rows(db) == [
            (first, 2, "confirmed", "ana", None),
            (first, None, "distorted", "ana", "jobs figure"),
        ]
        await settled(pilot)
        assert app.screen.variant_id != first and first not in app.notes
        # Undo brings the verdict's note back as the pending note, and the history shows both.
        await pilot.press("z")
        await settled(pilot)
        assert app.screen.variant_id == first
        assert app.notes == {first: "jobs figure"} and "note: jobs figure" in screen_text(app)
        assert "○" in history(app) and "(undone)" in history(app) and "“jobs figure”" in history(app)
        await pilot.press("a")
        await until(pilot, lambda: len(verdict_rows(db)) == 4, "the verdict again")
        assert verdict_rows(db)[-1] == (first, None, "faithful", "ana", "jobs figure")
        await settled(pilot)
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, InboxScreen))
        await until(pilot, lambda: "✎faithful" in screen_text(app), "the note mark in the inbox")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimdesk", *args], capture_output=True, text=True, timeout=60)


async def test_the_cli_respects_an_open_review_unless_forced_and_export_and_stats_carry_the_conflict(
    db, make_app, tmp_path
):
    ana, cy = make_app(db, "ana"), make_app(db, "cy")
    async with ana.run_test(size=(80, 24)) as ana_pilot, cy.run_test(size=(80, 24)) as cy_pilot:
        first = await open_first(ana_pilot)
        refused = cli("verdict", str(first), "distorted", "--db", str(db), "--editor", "bob")
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1
        assert refused.stderr.startswith(f"claimdesk: variant {first} is open in ana's review (lease until 20")
        assert refused.stderr.endswith("Z): nothing recorded; --force records it anyway\n")
        assert verdict_rows(db) == []
        forced = cli("verdict", str(first), "distorted", "--db", str(db), "--editor", "bob", "--force")
        assert forced.returncode == 0, forced.stderr
        # Ana's screen shows it without a key; replacing it asks, and she does.
        await until(ana_pilot, lambda: "verdict: distorted by bob" in screen_text(ana), "bob's verdict")
        await ana_pilot.press("a")
        await ana_pilot.press("y")
        await until(ana_pilot, lambda: len(verdict_rows(db)) == 2, "ana's verdict")
        await settled(ana_pilot)
        # A third editor, in the other app, agrees with bob from the inbox's conflict listing.
        await ready(cy_pilot)
        await cy_pilot.press("slash", *"is:conflict", "enter")
        inbox = cy.screen.query_one(InboxList)
        await until(cy_pilot, lambda: inbox.total == 1 and inbox.current is not None, "the conflict listing")
        await cy_pilot.press("enter")
        await settled(cy_pilot)
        assert cy.screen.variant_id == first
        assert banner(cy) == "CONFLICT: ana faithful ≠ bob distorted"
        await cy_pilot.press("x", "y")
        await until(cy_pilot, lambda: len(verdict_rows(db)) == 3, "cy's verdict")
    out = tmp_path / "verdicts.csv"
    assert cli("export", "--db", str(db), "--out", str(out)).returncode == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["variant_id"], r["verdict"], r["editor"], r["conflict"]) for r in rows] == [
        (str(first), "distorted", "cy", "ana:faithful; bob:distorted")
    ]
    stats = cli("stats", "--json", "--db", str(db))
    assert json.loads(stats.stdout)["conflicts"] == 1
    assert "variants whose editors disagree     1" in cli("stats", "--db", str(db)).stdout
