"""`claimdesk watch` end to end: `--once` in a real process, and a clean stop on SIGINT/SIGTERM."""

from __future__ import annotations

import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.store import Store
from tests.ingest.httpserver import (
    ARTICLE_TEXT,
    ARTICLE_TITLE,
    VARIANT_TEXT,
    VARIANT_TITLE,
    LoopbackServer,
    Reply,
    feed_body,
    html_page,
)


def serve(server: LoopbackServer, kind: str = "jsonfeed") -> str:
    server.page("/article", html_page(ARTICLE_TITLE, ARTICLE_TEXT))
    server.page("/copy", html_page(VARIANT_TITLE, VARIANT_TEXT))
    body, content_type = feed_body(kind, [(server.url("/copy"), server.url("/article"))])
    server.route("/feed", Reply(200, {"Content-Type": content_type}, body))
    return server.url("/feed")


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
