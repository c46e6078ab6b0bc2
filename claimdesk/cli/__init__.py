"""`claimdesk`: parse the command line, run the one command it names through the error boundary."""

from __future__ import annotations

import sys

from claimdesk.cli.errors import guarded
from claimdesk.cli.parser import build_parser, command_module, default_db, default_editor


def main(argv: list[str] | None = None) -> int:
    """Parse, fill the defaults, dispatch; the exit code is one of :class:`claimdesk.cli.errors.Exit`."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    args.db = args.db or default_db()
    args.editor = args.editor or default_editor()
    module = command_module(args.command)
    return guarded(lambda: module.run(args), db=args.db, debug=args.debug)


__all__ = ["main"]
