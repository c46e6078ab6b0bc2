"""`claimdesk export`: verdicts to CSV (RFC 4180, spreadsheet-safe) or JSON Lines. Never imports Textual."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from claimdesk.tui.cli import UserError

HELP = "export verdicts to CSV or JSON Lines (current verdicts, --history, or --claims)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--format, --out, --history, --claims, --since, --bom."""
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default csv)")
    parser.add_argument("--out", metavar="FILE", help="write here (atomically) instead of stdout")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--history", action="store_true", help="one row per verdict event, undone ones included")
    which.add_argument("--claims", action="store_true", help="one row per current claim verdict")
    parser.add_argument("--since", metavar="ISO-DATE", help="only verdicts decided at or after this date/time (UTC)")
    parser.add_argument("--bom", action="store_true", help="start the CSV with a UTF-8 byte order mark (for Excel)")
    parser.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes writing slices of a big export side by side (default: one per CPU, up to 4,"
        " at least 100,000 keys each)",
    )


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def parse_since(value: str) -> str:
    """An ISO 8601 date or time (UTC unless it says otherwise) in the store's time format."""
    from claimdesk.store.connection import iso, parse_iso

    try:
        return iso(parse_iso(value))
    except ValueError:
        raise UserError(f"--since {value!r} is not an ISO 8601 date") from None


@contextlib.contextmanager
def atomic_file(path: str) -> Iterator[TextIO]:
    """A temporary file next to ``path``, renamed over it only if the block succeeds."""
    target = Path(path)
    if not target.parent.is_dir():
        raise UserError(f"{target.parent}: no such directory")
    if target.is_dir():
        raise UserError(f"{target}: is a directory")
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def run(args: argparse.Namespace) -> int:
    """Fix the key range, then stream its rows (in slices if it is big) into the output."""
    from claimdesk.store import Store, StoreError
    from claimdesk.store.export import export_query, key_range
    from claimdesk.tui.commands.export_slices import Export, auto_jobs, write_header, write_slices

    kind = "history" if args.history else "claims" if args.claims else "current"
    since = parse_since(args.since) if args.since else None
    export = Export(args.db, export_query(kind, since, spreadsheet_safe=args.format == "csv"), args.format == "csv")
    try:
        with Store.open(args.db) as store:
            keys = key_range(store.conn, kind)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    try:
        with contextlib.ExitStack() as stack:
            if args.out:
                out = stack.enter_context(atomic_file(args.out))
                scratch = Path(args.out).parent
            else:
                out = sys.stdout
                out.reconfigure(newline="")  # type: ignore[attr-defined]  # csv writes its own CRLF
                scratch = Path(tempfile.gettempdir())
            write_header(out, export, bom=args.bom)
            if keys:
                write_slices(out, export, keys.split(args.jobs or auto_jobs(keys)), scratch)
    except BrokenPipeError:
        raise
    except OSError as exc:  # disk full, permission denied: the temporary files are already gone
        raise UserError(f"{args.out or 'stdout'}: {exc.strerror or exc}") from None
    return 0
