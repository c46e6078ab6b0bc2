"""The `claimdesk` entry point: one argparse parser, one module per subcommand.

Each command module exposes ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int`` and
imports heavy dependencies (Textual, httpx, trafilatura) inside ``run`` only, so that
`claimdesk score` and `claimdesk export` never import Textual. Only the module of the command
being run is imported (all of them for the top-level ``--help``), so launching the app does not
load the other nine.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from claimdesk import __version__

# Subcommand name -> module under claimdesk.tui.commands. `app` is what plain `claimdesk` runs.
COMMANDS: dict[str, str] = {
    "demo": "demo",
    "ingest": "ingest",
    "fetch": "fetch",
    "watch": "watch",
    "score": "score",
    "verdict": "verdict",
    "export": "export",
    "stats": "stats",
    "rescore": "rescore",
}


class UserError(Exception):
    """Bad input from the user: reported as one line on stderr, exit 1, no traceback."""


def default_db() -> str:
    """`CLAIMDESK_DB`, else a file in the user's data directory."""
    env = os.environ.get("CLAIMDESK_DB")
    if env:
        return env
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("claimdesk"), "claimdesk.db")


def default_editor() -> str:
    """The editor's name: `$USER`, else `editor`."""
    return os.environ.get("USER") or os.environ.get("LOGNAME") or "editor"


def _common(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument("--db", default=default, help="store file (default: $CLAIMDESK_DB or the user data dir)")
    parser.add_argument("--editor", default=default, help="your name on verdicts and leases (default: $USER)")


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"claimdesk.tui.commands.{name}")


def _named_command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names, read with the top-level options alone (nothing imported)."""
    head = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    _common(head)
    head.add_argument("command", nargs="?")
    try:
        known, _rest = head.parse_known_args(argv)
    except argparse.ArgumentError:
        return None  # the full parser reports it
    return known.command if known.command in COMMANDS else None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line; subcommand modules add their own arguments.

    Given ``argv``, only the subcommand it names gets its module and arguments (none for plain
    `claimdesk`, all for the top-level ``--help``); the others are still listed, so a mistyped
    name is refused as usual. Without ``argv``, every subcommand is complete.
    """
    parser = argparse.ArgumentParser(prog="claimdesk", description="Review spun copies of your articles.")
    parser.add_argument("--version", action="version", version=f"claimdesk {__version__}")
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = None if argv is None else _named_command(argv)
    complete = argv is None or (named is None and ("-h" in argv or "--help" in argv))
    for name, mod in COMMANDS.items():
        if not complete and name != named:
            sub.add_parser(name)  # never parsed into on this run
            continue
        module = _module(mod)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        # SUPPRESS: a --db given before the subcommand is not reset by the subparser's default.
        _common(p, argparse.SUPPRESS)
        module.add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse, dispatch, and turn user errors into one line on stderr."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    args.db = args.db or default_db()
    args.editor = args.editor or default_editor()
    module = _module(COMMANDS.get(args.command or "", "app"))
    try:
        return int(module.run(args) or 0)
    except UserError as exc:
        print(f"claimdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Piped into `head`: not an error worth a traceback.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    # Under `python -m` this module runs as __main__; dispatch through the importable one so
    # that the UserError that commands raise is the class main() catches.
    from claimdesk.tui.cli import main as _main

    sys.exit(_main())
