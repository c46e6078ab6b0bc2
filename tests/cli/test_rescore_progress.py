"""`claimdesk rescore` shows its progress: a Rich bar on a terminal, plain lines in a log."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.store import Store
from tests.store.conftest import fill

COUNT = 12


@pytest.fixture
def stale_desk(db_path: Path) -> Path:
    """A store whose every variant was scored by an older engine."""
    with Store.open(db_path) as store:
        fill(store, COUNT)
        store.conn.execute("UPDATE variants SET engine = 'old'")
    return db_path


def _command(db: Path) -> list[str]:
    return [sys.executable, "-m", "claimdesk", "--db", str(db), "rescore"]


def test_without_a_terminal_progress_is_plain_lines_on_stderr(stale_desk: Path) -> None:
    done = subprocess.run(_command(stale_desk), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert lines[-1] == f"rescore {COUNT}/{COUNT}"
    assert all(line.startswith("rescore ") and "\r" not in line and "\x1b" not in line for line in lines)
    assert done.stdout.startswith(f"rescored {COUNT} ")


def test_on_a_terminal_progress_is_a_rich_bar_on_stderr(stale_desk: Path) -> None:
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            _command(stale_desk),
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=120,
            env={**os.environ, "COLUMNS": "80", "TERM": "xterm-256color"},
        )
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    assert done.returncode == 0
    assert b"rescore" in shown and f"{COUNT}/{COUNT}".encode() in shown
    assert b"\x1b[" in shown  # drawn by Rich, not printed as plain lines
    assert done.stdout.decode().startswith(f"rescored {COUNT} ")


def test_nothing_stale_prints_no_progress(stale_desk: Path) -> None:
    subprocess.run(_command(stale_desk), capture_output=True, timeout=120, check=True)
    again = subprocess.run(_command(stale_desk), capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stderr == ""
    assert again.stdout.startswith("rescored 0 ")
