"""Run the app on a store under Pilot and print what it showed, as JSON (for a subprocess test).

``python -m tests.tui.read_only_app DB`` opens the first variant, presses the verdict keys and
moves on, and prints the banner, the header, why verdict keys are off and what the store holds.
Run as another user (the tests run as root, whom ``chmod`` does not stop), it checks the app on a
store that user cannot write.
"""

from __future__ import annotations

import asyncio
import json
import sys

from claimdesk.tui.app import ClaimdeskApp
from tests.tui.conftest import banner, ready, screen_text, settled


async def main(db: str) -> dict:
    app = ClaimdeskApp(db, "ana", cursor_blink=False, poll_seconds=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settled(pilot)
        shown = {"banner": banner(app), "sub_title": app.sub_title, "held_by": app.screen.held_by}
        shown["screen"] = screen_text(app)
        await pilot.press("a", "x", "c", "semicolon")
        await pilot.press("j", "right_square_bracket")
        await settled(pilot)
        shown["moved_to"] = app.screen.variant_id
        verdicts = app.store.read("SELECT count(*) FROM verdicts")[0][0]
        leases = app.store.read("SELECT count(*) FROM leases")[0][0]
        shown["stored"] = {"verdicts": verdicts, "leases": leases}
    return shown


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1]))))
