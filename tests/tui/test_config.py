"""The editor's config file: keys remapped by binding id, verdicts renamed, bad files refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.tui.components.inbox_list import InboxList
from claimdesk.tui.keymap import ConfigError, load_config
from tests.tui.conftest import ready, screen_text, until, verdict_rows
from tests.tui.flows import editor_config


def test_missing_file_is_the_default(tmp_path):
    config = load_config(tmp_path / "none.toml")
    assert config.keys == {} and config.verdict_label("distorted") == "distorted"


@pytest.mark.parametrize(
    "body",
    [
        '[keys]\nno-such-binding = "f"\n',
        '[verdicts]\nmaybe = "perhaps"\n',
        '[keys]\nundo = "ctrl+shift+z"\n',
        '[keys]\nback = "escape"\n',
        "[keys\n",
        '[keys]\nverdict-faithful = "j"\n',  # j moves to the next claim on the review
        '[keys]\nverdict-faithful = "aa"\n',
        '[keys]\nundo = "F1"\n',
        '[keys]\nundo = "ctrl+ctrl+z"\n',
        '[colours]\nred = "blue"\n',
    ],
)
def test_bad_config_is_refused_with_the_file_named(tmp_path, body):
    with pytest.raises(ConfigError, match=r"config\.toml"):
        editor_config(tmp_path, body)


async def test_remapped_keys_and_verdict_names(db, tmp_path, make_app):
    config = editor_config(
        tmp_path, '[keys]\nverdict-faithful = "f"\ncursor-down = "t"\n\n[verdicts]\nfaithful = "fine"\n'
    )
    app = make_app(db, config=config)
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        await pilot.press("t")
        assert app.screen.query_one(InboxList).cursor == 1
        await pilot.press("enter")
        variant = app.screen.variant_id
        assert " f Fine " in screen_text(app)  # the footer uses the editor's word
        await pilot.press("a")  # no longer bound
        assert verdict_rows(db) == []
        await pilot.press("f")
        assert verdict_rows(db) == [(variant, None, "faithful", "ana", None)]
        await pilot.press("q")
        inbox = app.screen.query_one(InboxList)
        await until(pilot, lambda: inbox.row_at(1) is not None and inbox.row_at(1).verdict == "faithful", "verdict")
        assert "fine" in screen_text(app)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            '[keys]\nverdict-faithful = "j"\n',
            '"j" is bound to both claim-next and verdict-faithful on the review screen',
        ),
        ('[keys]\nverdict-faithful = "aa"\n', 'no terminal sends the key "aa"'),
        ('[keys]\nundo = "z,F1"\n', 'no terminal sends the key "F1"'),
        ("[keyz]\n", "unknown table(s) keyz"),
    ],
)
def test_a_config_the_app_cannot_honour_is_one_line_at_start_up(tmp_path, body, words):
    config = tmp_path / "config.toml"
    config.write_text(body)
    env = {**os.environ, "CLAIMDESK_CONFIG": str(config)}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "claimdesk"), "--db", str(tmp_path / "desk.db")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode != 0
    assert done.stderr.count("\n") == 1 and words in done.stderr and "Traceback" not in done.stderr


def test_keys_a_terminal_can_send_are_accepted(tmp_path):
    config = editor_config(tmp_path, '[keys]\nverdict-faithful = "f"\nundo = "u,f2,ctrl+u"\nhelp = "question_mark"\n')
    assert config.keys["undo"] == "u,f2,ctrl+u"
