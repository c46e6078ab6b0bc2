"""`claimdesk export`: verdicts to CSV (RFC 4180, spreadsheet-safe) or JSON Lines. Never imports Textual."""

from __future__ import annotations

import argparse
import sys

from claimdesk.arguments import positive_count
from claimdesk.cli.errors import UserError

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
        type=positive_count,
        metavar="N",
        help="processes writing slices of a big export side by side (default: one per CPU, up to 4,"
        " at least 100,000 keys each)",
    )


def parse_since(value: str) -> str:
    """An ISO 8601 date or time (UTC unless it says otherwise) in the store's time format."""
    from claimdesk.store.connection import iso, parse_iso

    try:
        return iso(parse_iso(value))
    except ValueError:
        raise UserError(f"--since {value!r} is not an ISO 8601 date") from None


def run(args: argparse.Namespace) -> int:
    """Export from the store into ``--out`` or stdout (the store writes it, in slices if it is big)."""
    from claimdesk.store.export_slices import write_export

    kind = "history" if args.history else "claims" if args.claims else "current"
    since = parse_since(args.since) if args.since else None
    target = args.out or sys.stdout
    write_export(args.db, kind, target, as_csv=args.format == "csv", since=since, bom=args.bom, jobs=args.jobs)
    return 0
