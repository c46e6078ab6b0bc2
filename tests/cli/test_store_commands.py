"""`claimdesk verdict`, `stats` and `rescore` on a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimdesk.claims import ENGINE_VERSION
from claimdesk.cli import main
from claimdesk.cli.errors import Exit
from claimdesk.store import Store
from tests.store.conftest import fill


@pytest.fixture
def desk(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        fill(store, 3)
    return db_path


def _cli(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--editor", "ana", *args])


def test_verdict_command_records_and_undoes(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(desk, "verdict", "1", "faithful", "--note", "fine") == 0
    assert _cli(desk, "verdict", "1", "confirmed", "--claim", "1") == 0
    assert _cli(desk, "verdict", "1", "undo") == 0
    assert _cli(desk, "verdict", "2", "distorted", "--uid", "u-1") == 0
    assert _cli(desk, "verdict", "2", "distorted", "--uid", "u-1") == 0
    with Store.open(desk) as store:
        assert store.current_verdict(1).note == "fine"
        assert store.claims(1)[0].verdict is None
        assert store.conn.execute("SELECT count(*) FROM verdicts WHERE uid = 'u-1'").fetchone()[0] == 1
    assert capsys.readouterr().out.splitlines()[0].startswith("faithful ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("verdict", "99", "faithful"), "no variant 99"),
        (("verdict", "1", "great"), "unknown verdict 'great'"),
        (("verdict", "1", "confirmed", "--claim", "40"), "has no claim 40"),
        (("verdict", "3", "undo"), "no verdict to undo"),
    ],
)
def test_verdict_command_errors_are_one_line(
    desk: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    assert _cli(desk, *args) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_stats_counts_by_state_verdict_and_editor(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _cli(desk, "verdict", "1", "faithful")
    main(["--db", str(desk), "--editor", "bob", "verdict", "2", "escalated"])
    main(["--db", str(desk), "--editor", "bob", "verdict", "2", "undo"])
    capsys.readouterr()
    assert _cli(desk, "stats", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["state"] == {"new": 2, "held": 0, "decided": 1, "total": 3}
    assert report["verdict"] == {"faithful": 1}
    assert report["editor"] == {
        "ana": {"variants": 1, "claims": 0, "undos": 0},
        "bob": {"variants": 0, "claims": 0, "undos": 1},
    }
    assert _cli(desk, "stats") == 0
    assert "faithful" in capsys.readouterr().out


def test_rescore_updates_stale_variants_only(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(desk) as store:
        before = store.claims(1)
        store.conn.execute("UPDATE variants SET engine = 'old', risk = 0 WHERE id = 1")
        store.conn.execute("DELETE FROM claims WHERE variant_id = 1")
    assert _cli(desk, "rescore") == 0
    assert capsys.readouterr().out.startswith("rescored 1 ")
    with Store.open(desk) as store:
        assert store.variant(1).scores.engine == ENGINE_VERSION
        assert store.variant(1).scores.risk > 0
        assert store.claims(1) == before
    assert _cli(desk, "rescore", "--all") == 0
    assert capsys.readouterr().out.startswith("rescored 3 ")


@pytest.mark.parametrize("command", [("stats",), ("export",), ("rescore",), ("verdict", "1", "faithful")])
def test_a_file_that_is_not_a_store_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"not sqlite at all " * 300)
    assert _cli(bogus, *command) == Exit.STORE
    err = capsys.readouterr().err
    assert err == f"claimdesk: cannot open store {bogus}: file is not a database\n"
