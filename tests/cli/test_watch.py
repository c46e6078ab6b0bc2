"""`claimdesk watch` end to end: `--once` in a real process, and a clean stop on SIGINT/SIGTERM, also mid-poll."""

from __future__ import annotations

import contextlib
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdesk.store import Store
from tests.ingest.httpserver import (
    TERMINAL_CONTROLS,
    LoopbackServer,
    serve_copies,
    serve_feed,
    serve_hostile,
    serve_pair,
)


def serve(server: LoopbackServer, kind: str = "jsonfeed") -> str:
    """A feed of one entry: the copy of the article."""
    article, copy = serve_pair(server)
    return serve_feed(server, kind, [(copy, article)])


def command(feed: str, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "claimdesk", "watch", feed, "--db", str(db), "--allow-private", *extra]


def test_watch_once_twice_fetches_nothing_new(server: LoopbackServer, tmp_path: Path) -> None:
    feed, db = serve(server, "atom"), tmp_path / "desk.db"
    first = subprocess.run(command(feed, db, "--once"), capture_output=True, text=True, timeout=120, check=False)
    assert first.returncode == 0, first.stderr
    assert first.stderr.strip().endswith(
        f"claimdesk watch: {feed}: Atom, 1 entries, 1 new: added 1, skipped 0, failed 0, bad 0"
    )
    second = subprocess.run(command(feed, db, "--once"), capture_output=True, text=True, timeout=120, check=False)
    assert second.returncode == 0, second.stderr
    assert "1 entries, 0 new: added 0" in second.stderr
    assert (server.hits["/feed"], server.hits["/article"], server.hits["/copy"]) == (2, 1, 1)
    with Store.open(db) as store:
        assert store.counts().total == 1


def test_watch_once_fails_on_a_broken_feed(server: LoopbackServer, tmp_path: Path) -> None:
    server.page("/feed", "<html><body>not a feed</body></html>", "text/xml")
    done = subprocess.run(
        command(server.url("/feed"), tmp_path / "desk.db", "--once"), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert "error: not a JSON Feed, RSS, Atom or JSON Lines feed" in done.stderr
    assert "Traceback" not in done.stderr


def read_line(proc: subprocess.Popen[str], timeout: float = 60.0) -> str:
    """The next stderr line of ``proc`` (a guard against hanging, not a timing assertion)."""
    assert proc.stderr is not None
    ready, _, _ = select.select([proc.stderr], [], [], timeout)
    assert ready, "watch printed nothing"
    return proc.stderr.readline()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_watch_stops_cleanly_on_signal(server: LoopbackServer, tmp_path: Path, sig: signal.Signals) -> None:
    feed, db = serve(server), tmp_path / "desk.db"
    proc = subprocess.Popen(command(feed, db, "--interval", "600"), stderr=subprocess.PIPE, text=True, bufsize=1)
    try:
        assert "1 new: added 1" in read_line(proc)  # the first cycle is done; now it sleeps
        proc.send_signal(sig)
        assert proc.wait(timeout=60) == 0
        rest = proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()
        proc.wait()
    assert rest.strip().endswith("claimdesk watch: stopped")
    assert "Traceback" not in rest
    with Store.open(db) as store:
        assert store.counts().total == 1
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


ENTRIES = 5000


@pytest.fixture(scope="module")
def big_feed() -> Iterator[str]:
    """A feed of 5,000 copies of one article, each page distinct, on one real server for all tries."""
    with LoopbackServer() as server:
        yield serve_feed(server, "jsonfeed", serve_copies(server, ENTRIES))


def stored(db: Path) -> tuple[int, int]:
    """(variants, entries marked seen), read as another process would; (0, 0) before the store exists."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)) as conn:
            return (
                conn.execute("SELECT count(*) FROM variants").fetchone()[0],
                conn.execute("SELECT count(*) FROM feed_entries").fetchone()[0],
            )
    except sqlite3.OperationalError:  # not created (or not migrated) yet
        return (0, 0)


@pytest.mark.parametrize("attempt", range(20))
def test_sigterm_during_a_big_poll_stops_within_5_s_and_keeps_the_pairs(
    big_feed: str, tmp_path: Path, attempt: int
) -> None:
    db = tmp_path / "desk.db"
    proc = subprocess.Popen(command(big_feed, db, "--interval", "600"), stderr=subprocess.PIPE, text=True)
    try:
        want = 1 + attempt % 5 * 8  # stop at different points of the poll: after 1, 9, 17, 25 or 33 pairs
        for _ in range(2400):  # a guard against hanging (120 s), not a timing assertion
            if stored(db)[0] >= want:
                break
            time.sleep(0.05)
        before = stored(db)[0]
        assert before >= want, "no pairs stored in 120 s"
        proc.send_signal(signal.SIGTERM)
        # The acceptance: a stop within 5 s, mid-poll, with thousands of entries still to do.
        assert proc.wait(timeout=5) == 0
        log = proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()
        proc.wait()
    cycle, last = log.strip().splitlines()[-2:]
    assert last.endswith("claimdesk watch: stopped")
    assert f"{ENTRIES} entries, {ENTRIES} new: added " in cycle and cycle.endswith("left for the next run)")
    added = int(cycle.split("added ")[1].split(",")[0])
    assert "Traceback" not in log and "wakeup fd" not in log
    # Every pair finished before the stop is kept, each stored with its entry marked seen.
    assert stored(db) == (added, added) and added >= before
    with Store.open(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_watch_once_log_carries_no_terminal_controls_from_a_hostile_server(
    server: LoopbackServer, tmp_path: Path
) -> None:
    article, copy = serve_pair(server)
    feed = serve_feed(server, "jsonfeed", [(each, article) for each in [copy, *serve_hostile(server)]])
    done = subprocess.run(command(feed, tmp_path / "desk.db", "--once"), capture_output=True, timeout=120)
    assert done.returncode == 1
    assert TERMINAL_CONTROLS.search(done.stderr) is None, done.stderr
    lines = done.stderr.decode().splitlines()
    # One line per hostile entry (the last one's URL is refused unfetched), then the cycle's line.
    assert len(lines) == 6 and lines[-1].endswith("5 entries, 5 new: added 1, skipped 0, failed 4, bad 1")
    assert "redirect to http://copies.test/: refused: the URL holds a space" in done.stderr.decode()
    assert "HTTP 404 Gone 6n for good" in done.stderr.decode()  # the ESC sequence stripped
    with Store.open(tmp_path / "desk.db") as store:
        assert store.counts().total == 1
