"""Values argparse would let through but no command can use are usage errors (exit 2), in real processes."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.cli.errors import Exit
from claimdesk.store import ArticleIn, Store, VariantIn


def claimdesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimdesk", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    with Store.open(path) as store:
        store.add_pair(ArticleIn(text="The board approved 3 berths."), VariantIn(text="A board authorised 3 berths."))
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("verdict", "99999999999999999999999", "faithful"),
        ("verdict", "0", "faithful"),
        ("verdict", "x", "faithful"),
        ("verdict", "-3", "faithful"),
        ("verdict", "1", "confirmed", "--claim", "99999999999999999999"),
        ("verdict", "1", "faithful", "--note=--"),
        ("--editor=--", "verdict", "1", "faithful"),
        ("verdict", "1", "faithful", "--editor", "eve\x1b]0;x\x07"),
        ("--db=--", "stats"),
        ("--db=", "stats"),
        ("export", "--jobs", "0"),
        ("watch", "http://127.0.0.1:9/feed", "--interval", "nan"),
        ("watch", "http://127.0.0.1:9/feed", "--interval", "inf"),
        ("watch", "http://127.0.0.1:9/feed", "--interval", "0"),
        ("fetch", "http://127.0.0.1:9/a", "http://127.0.0.1:9/b", "--deadline", "nan"),
        ("fetch", "http://127.0.0.1:9/a", "http://127.0.0.1:9/b", "--deadline", "-inf"),
        ("fetch", "http://127.0.0.1:9/a", "http://127.0.0.1:9/b", "--max-bytes", "1e3"),
    ],
)
def test_unusable_values_are_usage_errors_and_change_nothing(db: Path, args: tuple[str, ...]) -> None:
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    done = claimdesk("--db", str(db), *args, cwd=db.parent)
    assert done.returncode == Exit.USAGE, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("claimdesk")
    assert "\x1b" not in done.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["desk.db"]  # no store made from "--" or ""


def test_a_note_starting_with_a_dash_is_still_a_note(db: Path) -> None:
    done = claimdesk("--db", str(db), "verdict", "1", "distorted", "--note=-see the figure", cwd=db.parent)
    assert done.returncode == 0, done.stderr
    with Store.open(db) as store:
        assert store.conn.execute("SELECT note FROM verdicts").fetchone()[0] == "-see the figure"
