"""The error boundary, in real processes: one line on stderr, an exit code scripts can rely on, no traceback."""

from __future__ import annotations

import errno
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimdesk.cli.errors import Exit, explain
from claimdesk.store import Store


def claimdesk(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimdesk", *args], capture_output=True, text=True, timeout=120, **kwargs
    )


@pytest.fixture
def bogus(tmp_path: Path) -> Path:
    """A file where the store should be that is not SQLite at all."""
    path = tmp_path / "notes.db"
    path.write_bytes(b"not sqlite at all " * 300)
    return path


@pytest.fixture
def pairs(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"article": {"text": "A."}, "variant": {"text": "B."}}) + "\n")
    return path


# Port 9 (discard) on loopback is never reached: the store is opened before any request.
COMMANDS = {
    "fetch": ("fetch", "http://127.0.0.1:9/a", "http://127.0.0.1:9/b", "--allow-private"),
    "watch": ("watch", "http://127.0.0.1:9/feed", "--once", "--allow-private"),
    "stats": ("stats",),
    "export": ("export",),
    "verdict": ("verdict", "1", "faithful"),
    "ingest": ("ingest", "PAIRS"),
}


@pytest.mark.parametrize("name", COMMANDS)
def test_a_store_that_is_not_sqlite_is_one_line_and_exit_3(bogus: Path, pairs: Path, name: str) -> None:
    args = [str(pairs) if a == "PAIRS" else a for a in COMMANDS[name]]
    done = claimdesk("--db", str(bogus), *args)
    assert done.returncode == Exit.STORE == 3
    assert done.stderr == f"claimdesk: cannot open store {bogus}: file is not a database\n"
    assert bogus.read_bytes() == b"not sqlite at all " * 300  # nothing stored is lost


def test_debug_shows_the_traceback(bogus: Path) -> None:
    done = claimdesk("--debug", "--db", str(bogus), "stats")
    assert done.returncode != 0
    assert "Traceback" in done.stderr and "StoreUnavailable" in done.stderr
    after = claimdesk("--db", str(bogus), "stats", "--debug")  # after the command too
    assert "Traceback" in after.stderr


def test_bad_input_is_exit_1_and_usage_is_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    ingest = claimdesk("--db", db, "ingest", "-", input='{"article": {"text": "A."}, "variant": {"text": "B."}}\n')
    assert ingest.returncode == Exit.OK
    bad = claimdesk("--db", db, "verdict", "1", "great")
    assert bad.returncode == Exit.BAD_INPUT
    assert bad.stderr.startswith("claimdesk: unknown verdict 'great'") and bad.stderr.count("\n") == 1
    usage = claimdesk("--db", db, "verdict")
    assert usage.returncode == Exit.USAGE and "Traceback" not in usage.stderr


def test_a_full_disk_under_stdout_names_it_and_keeps_the_store(tmp_path: Path, pairs: Path) -> None:
    db = tmp_path / "desk.db"
    assert claimdesk("--db", str(db), "ingest", str(pairs)).returncode == 0
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "claimdesk", "--db", str(db), "export", "--history"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == Exit.BAD_INPUT
    assert done.stderr == "claimdesk: <stdout>: No space left on device\n"
    with Store.open(db) as store:
        assert store.counts().total == 1


def test_ctrl_c_is_exit_130_without_a_traceback(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimdesk", "--db", str(tmp_path / "desk.db"), "ingest", "-"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdin is not None
        proc.stdin.write(json.dumps({"article": {"text": "A."}, "variant": {"text": "B."}}) + "\n")
        proc.stdin.flush()
        for _ in range(600):  # until the first line is stored: the process is reading stdin by then
            if (tmp_path / "desk.db").exists() and _stored(tmp_path / "desk.db"):
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == Exit.INTERRUPTED == 130
    assert "Traceback" not in err


def _stored(db: Path) -> bool:
    try:
        with Store.open(db) as store:
            return store.counts().total > 0
    except Exception:
        return False


@pytest.mark.parametrize(
    ("failed", "code"),
    [("desk.db", Exit.STORE), ("desk.db-wal", Exit.STORE), ("out.csv", Exit.BAD_INPUT), (".", Exit.BAD_INPUT)],
)
def test_an_os_error_is_the_stores_only_if_it_names_the_store_or_its_sidecars(
    tmp_path: Path, failed: str, code: Exit
) -> None:
    error = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / failed))
    assert explain(error, str(tmp_path / "desk.db")) == (f"{tmp_path / failed}: No space left on device", code)
