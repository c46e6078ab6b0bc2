"""What launching loads: the inbox shows without the claim engine or sqlite-utils, and the
command line imports only the command it runs."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.tui import cli

# Only scoring (intake, rescore, `claimdesk score`) needs these; migrating a store needs the last two.
NOT_AT_START = ("claimdesk.claims.engine", "claimdesk.store.intake", "claimdesk.store.schema", "sqlite_utils")

RUN_TO_FIRST_PAINT = f"""
import asyncio, sys
from claimdesk.tui.cli import build_parser
from claimdesk.tui.app import ClaimdeskApp

async def main():
    build_parser()
    app = ClaimdeskApp(sys.argv[1], "ana", cursor_blink=False, poll_seconds=0.1)
    async with app.run_test() as pilot:
        for _ in range(500):
            if app.screen.totals is not None and app.screen.inbox.current is not None:
                return
            await pilot.pause(0.02)
        raise SystemExit("the inbox never showed")

asyncio.run(main())
print(sorted(name for name in sys.modules if name.startswith({NOT_AT_START!r})))
"""


def test_the_inbox_shows_without_the_engine_or_sqlite_utils(db: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", RUN_TO_FIRST_PAINT, str(db)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


IMPORTED_COMMANDS = """
import sys
from claimdesk.tui.cli import build_parser
argv = sys.argv[1:]
build_parser(argv).parse_args(argv)
print(sorted(name.rsplit(".", 1)[1] for name in sys.modules if name.startswith("claimdesk.tui.commands.")))
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
    for name, module in cli.COMMANDS.items():
        assert name in out
        assert " ".join(importlib.import_module(f"claimdesk.tui.commands.{module}").HELP.split()) in out


def test_a_mistyped_command_is_still_refused_with_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--db", "desk.db", "ingets", "pairs.jsonl"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'ingets'" in err and "'ingest'" in err
