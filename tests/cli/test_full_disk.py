"""A full disk is a fault, not a crash: every write path fails in one line, nothing is half-written,
and the next run after space is freed works. On a small tmpfs mounted in the test (needs root)."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdesk.store import Store

pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a small tmpfs needs root"
)


def claimdesk(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimdesk", "--db", str(db), *args], capture_output=True, text=True, timeout=120
    )


def _pair(n: int) -> str:
    article = f"The council approved {n + 10} new homes on Monday. The mayor said work starts in {n % 5 + 1} weeks."
    variant = (
        f"A council authorised {n + 10} new homes on Monday. The mayor pronounced work starts in {n % 5 + 2} weeks."
    )
    return json.dumps({"article": {"text": article}, "variant": {"text": variant}})


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MB tmpfs, unmounted after the test."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, room: int = 0) -> Path:
    """Fill the file system but ``room`` bytes with a filler file; returns it (delete it to free the space)."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        if room:
            out.truncate(out.tell() - room)
    return filler


def _one_line(done: subprocess.CompletedProcess[str], code: int = 3) -> str:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimdesk: "), done.stderr
    return lines[0]


def test_a_fresh_store_on_a_full_disk_leaves_no_file(small_disk: Path, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(_pair(1) + "\n")
    filler = _fill(small_disk)
    db = small_disk / "desk.db"
    line = _one_line(claimdesk(db, "ingest", str(pairs)))
    assert str(db) in line
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    filler.unlink()
    done = claimdesk(db, "ingest", str(pairs))
    assert done.returncode == 0 and done.stdout == "added 1, skipped 0, bad 0\n"


def test_every_write_path_fails_in_one_line_and_works_once_space_is_freed(small_disk: Path, tmp_path: Path) -> None:
    db = small_disk / "desk.db"
    first, more = tmp_path / "first.jsonl", tmp_path / "more.jsonl"
    first.write_text("".join(_pair(n) + "\n" for n in range(3)))
    more.write_text("".join(_pair(n) + "\n" for n in range(3, 40)))
    assert claimdesk(db, "ingest", str(first)).returncode == 0
    assert claimdesk(db, "verdict", "1", "faithful", "--uid", "kept-1").returncode == 0
    filler = _fill(small_disk)

    _one_line(claimdesk(db, "ingest", str(more)))
    _one_line(claimdesk(db, "verdict", "2", "distorted"))
    _one_line(claimdesk(db, "verdict", "1", "undo"))
    _one_line(claimdesk(db, "rescore", "--all"))
    for line in [_one_line(claimdesk(db, "stats"))]:  # even reading needs room for the -shm file
        assert str(db) in line and "no space left" in line

    filler.unlink()
    conn = sqlite3.connect(db)  # nothing half-written, nothing stored lost
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM variants").fetchone() == (3,)
        assert conn.execute("SELECT uid, verdict FROM verdicts").fetchall() == [("kept-1", "faithful")]
    finally:
        conn.close()
    again = claimdesk(db, "ingest", str(more))
    assert again.stdout == "added 37, skipped 0, bad 0\n", again.stderr
    assert claimdesk(db, "verdict", "2", "distorted").returncode == 0
    assert claimdesk(db, "verdict", "1", "undo").returncode == 0
    assert claimdesk(db, "rescore", "--all").returncode == 0
    with contextlib.closing(Store.open(db)) as store:
        assert store.counts().total == 40 and store.current_verdict(1) is None
        assert store.current_verdict(2).verdict == "distorted"


def test_an_export_onto_a_full_disk_names_its_output_and_leaves_nothing(small_disk: Path, tmp_path: Path) -> None:
    db = tmp_path / "desk.db"  # the store has room; the output's disk has none
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(_pair(n) + "\n" for n in range(30)))
    assert claimdesk(db, "ingest", str(pairs)).returncode == 0
    for n in range(1, 31):
        assert claimdesk(db, "verdict", str(n), "faithful", "--note", "x" * 2000).returncode == 0
    filler = _fill(small_disk, room=40_000)  # the export starts, then the disk fills
    out = small_disk / "verdicts.csv"
    line = _one_line(claimdesk(db, "export", "--out", str(out)), code=1)
    assert line == f"claimdesk: {out}: No space left on device"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    filler.unlink()
    assert claimdesk(db, "export", "--out", str(out)).returncode == 0
    assert out.read_text().count("\n") == 31
