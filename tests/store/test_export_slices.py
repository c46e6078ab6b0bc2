"""Exports cut into key-range slices written by worker processes give the bytes of one process."""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdesk.cli import main
from claimdesk.store import Store
from claimdesk.store.export import ExportQuery, KeyRange, export_query, key_range, stream
from claimdesk.store.export_slices import Export, write_slices
from tests.store.conftest import fill


@given(st.integers(-50, 10_000), st.integers(0, 5_000), st.integers(1, 12))
def test_split_covers_the_range_in_order_with_near_equal_slices(first: int, extra: int, parts: int) -> None:
    whole = KeyRange(first, first + extra)
    slices = whole.split(parts)
    assert len(slices) == min(parts, whole.size)
    assert slices[0].first == whole.first and slices[-1].last == whole.last
    assert all(a.last + 1 == b.first for a, b in itertools.pairwise(slices))
    assert max(s.size for s in slices) - min(s.size for s in slices) <= 1


@pytest.fixture
def busy_desk(db_path: Path) -> Path:
    """Forty variants with verdicts, changes of mind, undos and claim verdicts from two editors."""
    with Store.open(db_path) as store:
        ids = fill(store, 40)
        for n, variant in enumerate(ids):
            editor = ("ana", "bob")[n % 2]
            store.record_verdict(variant, ("faithful", "distorted", "unrelated", "escalated")[n % 4], editor)
            if n % 5 == 0:
                store.record_verdict(variant, "distorted", editor, note=f'=changed, "{n}"')
            if n % 7 == 0:
                store.undo(variant, editor)
            if n % 3 == 0:
                store.record_verdict(variant, "confirmed", editor, claim=1)
    return db_path


def _export(db: Path, out: Path, *args: str) -> bytes:
    assert main(["--db", str(db), "export", "--out", str(out), *args]) == 0
    return out.read_bytes()


@pytest.mark.parametrize(
    "args", [("--history",), ("--claims", "--bom"), ("--format", "jsonl"), ("--since", "2000-01-01")]
)
def test_three_processes_write_the_bytes_one_writes(busy_desk: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    one = _export(busy_desk, tmp_path / "one.out", "--jobs", "1", *args)
    three = _export(busy_desk, tmp_path / "three.out", "--jobs", "3", *args)
    assert three == one and one.count(b"\n") > 5
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("desk.db")) == ["one.out", "three.out"]


def test_sliced_export_to_stdout_from_a_real_process(busy_desk: Path, tmp_path: Path) -> None:
    one = _export(busy_desk, tmp_path / "one.csv", "--history")
    command = [sys.executable, "-m", "claimdesk", "--db", str(busy_desk), "export", "--history", "--jobs", "2"]
    result = subprocess.run(command, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == one


def test_history_is_the_log_as_it_stood_when_the_export_began(busy_desk: Path) -> None:
    query = export_query("history")
    with Store.open(busy_desk) as store:
        before = store.record_verdict(1, "escalated", "cy")
        keys = key_range(store.conn, "history")
        assert keys is not None and keys.last == before.id
        undo = store.undo(1, "cy")  # committed after the export began
        rows = {row[0]: dict(zip(query.header, row, strict=True)) for row in stream(store.conn, query, keys)}
    assert list(rows) == list(range(keys.first, keys.last + 1))
    assert undo.id not in rows
    assert rows[before.id]["undone"] == 0  # the undo it does not carry does not show either


def test_a_failing_worker_stops_the_export_and_leaves_no_scratch(busy_desk: Path, tmp_path: Path) -> None:
    # The later slices overflow an integer in SQL, so only the workers fail, after this process wrote.
    failing = ExportQuery(
        "SELECT v.id, CASE WHEN :first > 1 THEN abs(-9223372036854775807 - 1) END FROM verdicts v"
        " WHERE v.id BETWEEN :first AND :last ORDER BY v.id",
        ("id", "x"),
    )
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    with open(tmp_path / "out.csv", "w", newline="", encoding="utf-8") as out, pytest.raises(sqlite3.OperationalError):
        write_slices(out, Export(str(busy_desk), failing, True), KeyRange(1, 60).split(3), scratch)
    assert list(scratch.iterdir()) == []


def test_jobs_must_be_a_positive_number(busy_desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(busy_desk), "export", "--jobs", "0"])
    assert exit_.value.code == 2
    assert "'0' is not a whole number from 1" in capsys.readouterr().err
