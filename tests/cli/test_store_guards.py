"""Stores named and guarded, through the real command in subprocesses.

A reading command given a store that does not exist says so in one line and creates nothing; a
store we cannot write (the file, or its folder) still serves stats and export, and every write
is refused in one line with nothing changed on disk. Read-only cases run the command without
capabilities (tests.privileges), so ``chmod`` binds even when the tests run as root.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.store import MissingStore, Store
from claimdesk.tui.app import ClaimdeskApp
from tests.privileges import without_capabilities
from tests.tui.conftest import add

PAIR = (
    '{"article": {"text": "The council approved 12 homes."},'
    ' "variant": {"text": "A council authorised 12 homes.", "url": "https://copy.example/1"}}\n'
)


def claimdesk(*args: str, read_only: bool = False, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimdesk", "--editor", "bob", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=without_capabilities if read_only else None,
    )


def one_line(done: subprocess.CompletedProcess) -> str:
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    return done.stderr


@pytest.mark.parametrize(
    "command",
    [["stats"], ["export"], ["verdict", "1", "faithful"], ["verdict", "1", "undo"], ["rescore"]],
    ids=["stats", "export", "verdict", "undo", "rescore"],
)
def test_a_reading_command_refuses_a_missing_store_and_creates_nothing(tmp_path, command):
    db = tmp_path / "nope" / "x.db"
    done = claimdesk(*command, "--db", str(db))
    assert done.returncode == 3
    assert one_line(done) == (
        f"claimdesk: no store at {db}: create one with `claimdesk ingest FILE --db {db}`, or try `claimdesk demo`\n"
    )
    assert not db.parent.exists()


def test_the_app_refuses_a_missing_store_before_drawing_anything(tmp_path):
    with pytest.raises(MissingStore, match="no store at"):
        ClaimdeskApp(tmp_path / "x.db", "ana")
    assert list(tmp_path.iterdir()) == []


def test_ingest_creates_the_store_it_is_given(tmp_path):
    db = tmp_path / "new" / "desk.db"
    done = claimdesk("ingest", "-", "--db", str(db), stdin=PAIR)
    assert done.returncode == 0, done.stderr
    with Store(db) as store:
        assert store.inbox_count() == 1


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(params=["file", "folder"])
def read_only_store(request, tmp_path):
    """A store with one verdict, then made read-only by its file's or its folder's mode."""
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "desk.db"
    with Store.open(db) as store:
        first = add(store, 1, risk=0.9)
        add(store, 2, risk=0.8)
        store.record_verdict(first, "distorted", "ana", note="count changed")
    if request.param == "file":
        db.chmod(0o444)
    else:
        folder.chmod(0o555)
    yield db, request.param
    folder.chmod(0o755)


def test_a_read_only_store_serves_stats_and_export_and_refuses_writes_in_one_line(read_only_store, tmp_path):
    db, what = read_only_store
    reason = "file not writable" if what == "file" else "folder not writable"
    before = _digest(db.parent)
    stats = claimdesk("stats", "--json", "--db", str(db), read_only=True)
    assert stats.returncode == 0, stats.stderr
    assert '"decided": 1' in stats.stdout
    out = tmp_path / "verdicts.csv"
    export = claimdesk("export", "--db", str(db), "--out", str(out), read_only=True)
    assert export.returncode == 0, export.stderr
    assert "count changed" in out.read_text()
    for command in (["verdict", "2", "faithful"], ["verdict", "1", "undo"], ["ingest", "-"]):
        done = claimdesk(*command, "--db", str(db), read_only=True, stdin=PAIR)
        assert done.returncode == 3, (command, done.stderr)
        assert one_line(done) == f"claimdesk: the store {db} is read-only ({reason}): nothing was written\n"
    assert _digest(db.parent) == before
