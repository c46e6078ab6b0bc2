"""`claimdesk rescore` (not built yet)."""

from __future__ import annotations

import argparse

from claimdesk.tui.cli import UserError

HELP = "rescore (not built yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments yet."""


def run(args: argparse.Namespace) -> int:
    """Not built yet."""
    raise UserError("rescore is not built yet")
