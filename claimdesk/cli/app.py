"""Plain `claimdesk`: the inbox on ``--db`` as ``--editor``."""

from __future__ import annotations

import argparse
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


def run_app(db: str, editor: str, config: Config) -> int:
    """Start Textual (imported here only, so other commands never pay for it)."""
    from claimdesk.tui.app import ClaimdeskApp

    ClaimdeskApp(db, editor, config=config).run()
    return 0
