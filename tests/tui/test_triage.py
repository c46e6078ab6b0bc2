"""A verdict lands on the variant on screen or nowhere, while another process holds the store's lock.

The lock is real: a second process opens the store file and holds ``BEGIN IMMEDIATE`` for a few
seconds, as an intake job or another editor's slow commit would.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimdesk.store import Store
from claimdesk.tui.screens.review import ReviewScreen
from tests.tui.conftest import banner, feedback, screen_text, settled, until, verdict_rows
from tests.tui.flows import open_review

HOLD_SECONDS = 5
_LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


@contextmanager
def write_lock_held(db: Path, seconds: float = HOLD_SECONDS) -> Iterator[None]:
    """Another process holding the store's write lock: entered once it has it, left once it let go."""
    locker = subprocess.Popen([sys.executable, "-c", _LOCKER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
    try:
        yield
    finally:
        locker.wait(timeout=30)


def review(app) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_three_presses_during_a_held_lock_record_one_verdict_on_the_variant_on_screen(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        first = (await open_review(pilot)).variant_id
        with write_lock_held(db):
            await pilot.press("a")
            await until(pilot, lambda: feedback(app) == "saving…", "saving…")
            assert "saving…" in screen_text(app)
            # The screen keeps working: claim to claim while the write waits.
            await pilot.press("j")
            assert review(app).selected == 2  # opened on claim 2, the first flag
            await pilot.press("a")
            assert feedback(app) == "Key ignored: still saving…"
            await pilot.press("a")
            assert review(app).variant_id == first
            assert verdict_rows(db) == []
        await until(pilot, lambda: verdict_rows(db), "the verdict once the lock lifts", tries=500)
        await settled(pilot)
        assert verdict_rows(db) == [(first, None, "faithful", "ana", None)]
        assert review(app).variant_id != first
        assert "saving…" not in screen_text(app)


async def test_a_lock_held_past_the_busy_timeout_is_one_error_line_and_nothing_moves(db, make_app):
    app = make_app(db, busy_timeout_ms=300)
    async with app.run_test(size=(80, 24)) as pilot:
        first = (await open_review(pilot)).variant_id
        with write_lock_held(db):
            await pilot.press("x")
            await until(pilot, lambda: "failed" in banner(app), "the error line")
            assert banner(app) == (
                "Recording the verdict failed: the store is locked by another writer (waited past the 0.3 s"
                f" busy timeout); still on #{first}."
            )
            assert review(app).variant_id == first and not review(app).busy
            assert verdict_rows(db) == []
        await pilot.pause(0.5)
        assert verdict_rows(db) == []  # the failed write is not retried behind the editor's back
        assert review(app).variant_id == first
        # Once the lock is gone the same key works, on the same variant.
        await pilot.press("x")
        await until(pilot, lambda: verdict_rows(db), "the verdict")
        assert verdict_rows(db) == [(first, None, "distorted", "ana", None)]


async def test_q_goes_back_while_a_write_waits_and_the_verdict_still_lands_once(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        first = (await open_review(pilot)).variant_id
        with write_lock_held(db, 2):
            await pilot.press("a")
            await pilot.press("q")
            assert not isinstance(app.screen, ReviewScreen)
        await until(pilot, lambda: verdict_rows(db), "the verdict")
        await pilot.pause(0.3)
        assert verdict_rows(db) == [(first, None, "faithful", "ana", None)]
        assert app.history == [first]
        with Store(db) as store:
            assert store.read("SELECT count(*) FROM leases")[0][0] == 0  # nothing left held behind the editor
