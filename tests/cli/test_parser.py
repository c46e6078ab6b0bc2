"""The command line imports only the command it runs, and still describes and checks every command."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from claimdesk import cli
from claimdesk.cli.parser import COMMANDS

IMPORTED_COMMANDS = """
import sys
from claimdesk.cli.parser import COMMANDS, build_parser
argv = sys.argv[1:]
build_parser(argv).parse_args(argv)
print(sorted(name for name in ("app", *COMMANDS) if f"claimdesk.cli.{name}" in sys.modules))
"""


@pytest.mark.parametrize(
    ("argv", "imported"),
    [
        (["--db", "desk.db", "--editor", "ana"], "[]"),  # plain `claimdesk`: main() then imports `app`
        (["--db", "desk.db", "stats", "--json"], "['stats']"),
        (["--editor", "ana", "verdict", "3", "faithful"], "['verdict']"),
    ],
)
def test_the_command_line_imports_only_the_command_it_runs(argv: list[str], imported: str) -> None:
    done = subprocess.run([sys.executable, "-c", IMPORTED_COMMANDS, *argv], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == imported


def test_the_top_level_help_still_describes_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])
    assert exited.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for name in COMMANDS:
        assert name in out
        assert " ".join(importlib.import_module(f"claimdesk.cli.{name}").HELP.split()) in out


def test_a_mistyped_command_is_still_refused_with_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--db", "desk.db", "ingets", "pairs.jsonl"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'ingets'" in err and "'ingest'" in err
