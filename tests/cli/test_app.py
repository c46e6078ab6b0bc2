"""`claimdesk` and `claimdesk demo`: arguments reach the app; the demo store holds the sample data."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimdesk import cli
from claimdesk.cli import app as app_command
from claimdesk.cli import demo
from claimdesk.cli.errors import Exit
from claimdesk.store import Store


def test_demo_fills_a_fresh_store_from_the_sample_data(monkeypatch):
    seen = {}

    def fake_run_app(db, editor, config):  # stands in for the interactive app only
        with Store(db) as store:
            seen.update(variants=store.inbox_count(), editor=editor)
        return 0

    monkeypatch.setattr(app_command, "run_app", fake_run_app)
    monkeypatch.setattr(app_command, "need_terminal", lambda: None)  # pytest's stdio is no terminal
    assert cli.main(["--editor", "ana", "demo"]) == 0
    with demo.SAMPLE.open() as lines:
        assert seen == {"variants": sum(1 for line in lines if line.strip()), "editor": "ana"}


def test_demo_load_into_fills_the_named_store_and_opens_no_app(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(app_command, "run_app", lambda *a: pytest.fail("--load-into must not open the app"))
    db = tmp_path / "demo.db"
    assert cli.main(["demo", "--load-into", str(db)]) == 0
    with demo.SAMPLE.open() as lines:
        count = sum(1 for line in lines if line.strip())
    assert capsys.readouterr().out == f"added {count}, skipped 0, bad 0\n"
    with Store(str(db)) as store:
        assert store.inbox_count() == count
    assert cli.main(["demo", "--load-into", str(db)]) == 0  # loading twice adds nothing
    assert capsys.readouterr().out == f"added 0, skipped {count}, bad 0\n"


def test_demo_load_into_a_directory_is_one_line_on_stderr(tmp_path, capsys):
    assert cli.main(["demo", "--load-into", str(tmp_path)]) == Exit.STORE
    err = capsys.readouterr().err
    assert err.startswith("claimdesk: ") and err.count("\n") == 1


def test_a_broken_config_is_one_line_on_stderr(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "config.toml"
    bad.write_text("[keys]\nnot-a-binding = 'x'\n")
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(bad))
    assert cli.main(["--db", str(tmp_path / "d.db")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("claimdesk: ") and "not-a-binding" in err and err.count("\n") == 1


def test_plain_claimdesk_opens_the_app_on_db_as_editor(tmp_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(app_command, "run_app", lambda db, editor, config: seen.update(db=db, editor=editor) or 0)
    assert cli.main(["--db", f"{tmp_path}/desk.db", "--editor", "zoe"]) == 0
    assert seen == {"db": f"{tmp_path}/desk.db", "editor": "zoe"}


@pytest.mark.parametrize("command", [[], ["demo"]])
def test_without_a_terminal_the_app_refuses_in_one_line_and_points_to_stats_and_export(tmp_path, command):
    db = tmp_path / "desk.db"
    with Store.open(db):
        pass
    with open(tmp_path / "screen.out", "wb") as out:
        done = subprocess.run(
            [sys.executable, "-m", "claimdesk", "--db", str(db), *command],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr == (
        "claimdesk: the review app needs a terminal (stdin and stdout are not one); without one, use"
        " `claimdesk stats` for counts or `claimdesk export` for the verdicts\n"
    )
    assert (tmp_path / "screen.out").read_bytes() == b""  # no escape codes drawn into the file
