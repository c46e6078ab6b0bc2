"""Plain `claimdesk`: the inbox on ``--db`` as ``--editor``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from claimdesk.cli.errors import UserError

if TYPE_CHECKING:
    from claimdesk.tui.keymap import Config

HELP = "open the review app (the default command)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments beyond --db and --editor."""


def run(args: argparse.Namespace) -> int:
    """Load the editor's config, then run the app until they quit."""
    from claimdesk.tui.keymap import ConfigError, load_config

    try:
        config = load_config()
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    return run_app(args.db, args.editor, config)


def need_terminal() -> None:
    """Refuse to start the app without a terminal: it would draw escape codes into a file or pipe."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(
            "the review app needs a terminal (stdin and stdout are not one); without one, use"
            " `claimdesk stats` for counts or `claimdesk export` for the verdicts"
        )


def run_app(db: str, editor: str, config: Config) -> int:
    """Start Textual (imported here only, so other commands never pay for it)."""
    from claimdesk.tui.app import ClaimdeskApp

    need_terminal()

    ClaimdeskApp(db, editor, config=config).run()
    return 0
