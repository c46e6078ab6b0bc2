"""What launching loads: the inbox shows without the claim engine or sqlite-utils."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Only scoring (intake, rescore, `claimdesk score`) needs these; migrating a store needs the last two.
NOT_AT_START = ("claimdesk.claims.engine", "claimdesk.store.intake", "claimdesk.store.schema", "sqlite_utils")

RUN_TO_FIRST_PAINT = f"""
import asyncio, sys
from claimdesk.cli.parser import build_parser
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
