"""`claimdesk fetch` end to end: a real process, a real server on loopback, a real store file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from claimdesk.store import Store
from tests.ingest.httpserver import TERMINAL_CONTROLS, LoopbackServer, serve_hostile, serve_pair


def claimdesk(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claimdesk", "--db", str(db), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_fetch_command_stores_pairs_and_reports_each_failure(server: LoopbackServer, tmp_path: Path) -> None:
    article, copy = serve_pair(server)
    db, missing = tmp_path / "desk.db", server.url("/missing")
    done = claimdesk("fetch", article, copy, missing, "--allow-private", db=db)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"claimdesk: fetch failed: {missing}: HTTP 404 Not Found"]
    lines = done.stdout.splitlines()
    assert lines[0].startswith("added variant ") and lines[0].endswith(copy)
    assert lines[-1] == "added 1, skipped 0, failed 1"
    with Store.open(db) as store:
        assert store.counts().total == 1

    again = claimdesk("fetch", article, copy, "--allow-private", db=db)
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout.splitlines()[-1] == "added 0, skipped 1, failed 0"


def test_fetch_command_refuses_loopback_without_allow_private(server: LoopbackServer, tmp_path: Path) -> None:
    article, copy = serve_pair(server)
    done = claimdesk("fetch", article, copy, db=tmp_path / "desk.db")
    assert done.returncode == 1
    assert (
        f"claimdesk: fetch failed: {article}: refused: 127.0.0.1 is a loopback address "
        "(use --allow-private to fetch from it)"
    ) in done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert server.hits["/article"] == 0


def test_fetch_output_carries_no_terminal_controls_from_a_hostile_server(
    server: LoopbackServer, tmp_path: Path
) -> None:
    article, copy = serve_pair(server)
    hostile = serve_hostile(server)
    command = [sys.executable, "-m", "claimdesk", "--db", str(tmp_path / "desk.db"), "fetch", "--allow-private"]
    done = subprocess.run([*command, article, copy, *hostile], capture_output=True)
    assert done.returncode == 1
    assert TERMINAL_CONTROLS.search(done.stdout + done.stderr) is None, done.stderr
    assert len(done.stderr.decode().splitlines()) == len(hostile)
    assert done.stdout.decode().splitlines()[-1] == f"added 1, skipped 0, failed {len(hostile)}"
