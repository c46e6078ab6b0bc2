"""The `claimdesk` command line: one argparse parser, one module per subcommand in this package.

Each command module exposes ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int`` and
imports heavy dependencies (Textual, httpx, trafilatura) inside ``run`` only, so that
`claimdesk score` and `claimdesk export` never import Textual. Only the module of the command
being run is imported (all of them for the top-level ``--help``), so launching the app does not
load the other ten.
"""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Sequence
from types import ModuleType
from typing import IO

from claimdesk import __version__

# Subcommands, each the name of its module in this package. `app` is what plain `claimdesk` runs.
COMMANDS = ("demo", "ingest", "fetch", "watch", "score", "verdict", "export", "stats", "rescore", "spread")


class _Parser(argparse.ArgumentParser):
    """argparse, but its usage errors quote the user's values cleaned of terminal escapes."""

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        from claimdesk.safe_text import clean

        super()._print_message(clean(message) if message else message, file)


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
    flag = {"default": default} if default is argparse.SUPPRESS else {}
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error", **flag)


def command_module(command: str | None) -> ModuleType:
    """The module that runs ``command`` (plain `claimdesk` runs `app`), imported only now."""
    return importlib.import_module(f"claimdesk.cli.{command if command in COMMANDS else 'app'}")


def _named_command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names, read with the top-level options alone (nothing imported)."""
    head = _Parser(add_help=False, exit_on_error=False)
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
    parser = _Parser(prog="claimdesk", description="Review spun copies of your articles.")
    parser.add_argument("--version", action="version", version=f"claimdesk {__version__}")
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = None if argv is None else _named_command(argv)
    complete = argv is None or (named is None and ("-h" in argv or "--help" in argv))
    for name in COMMANDS:
        if not complete and name != named:
            sub.add_parser(name)  # never parsed into on this run
            continue
        module = command_module(name)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        # SUPPRESS: a --db given before the subcommand is not reset by the subparser's default.
        _common(p, argparse.SUPPRESS)
        module.add_arguments(p)
    return parser


def refuse_unusable_values(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors argparse lets through: ``--note=--`` (argparse turns ``--`` into an empty
    list), an empty ``--db``, an editor name that cannot be stored."""
    from claimdesk.store.entry import BadEntry, check_editor

    chosen = [parser]
    for action in parser._actions:  # the subcommand's own parser, if one was named
        if isinstance(action, argparse._SubParsersAction) and args.command:
            chosen.append(action.choices[args.command])
    for each in chosen:
        for action in each._actions:
            if action.nargs is None and action.option_strings and getattr(args, action.dest, None) == []:
                each.error(f"{action.option_strings[-1]} needs a value (not --)")
    if args.db is not None and not args.db.strip():
        parser.error("--db needs a file name")
    if args.editor is not None:
        try:
            check_editor(args.editor)
        except BadEntry as exc:
            parser.error(f"--editor: {exc}")
