"""`claimdesk`: parse the command line, run the one command it names through the error boundary."""

from __future__ import annotations

import sys

from claimdesk.cli.errors import guarded
from claimdesk.cli.parser import build_parser, command_module, default_db, default_editor, refuse_unusable_values


def main(argv: list[str] | None = None) -> int:
    """Parse, fill the defaults, dispatch; the exit code is one of :class:`claimdesk.cli.errors.Exit`."""
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    refuse_unusable_values(parser, args)
    args.db = default_db() if args.db is None else args.db
    args.editor = default_editor() if args.editor is None else args.editor
    module = command_module(args.command)
    return guarded(lambda: module.run(args), db=args.db, debug=args.debug)


__all__ = ["main"]
