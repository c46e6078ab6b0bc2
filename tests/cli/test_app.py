"""`claimdesk` and `claimdesk demo`: arguments reach the app; the demo store holds the sample data."""

from __future__ import annotations

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
