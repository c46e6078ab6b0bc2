"""`claimdesk score`: the engine's contract on the command line (never imports Textual)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, BinaryIO

from claimdesk.cli.errors import UserError
from claimdesk.cli.line_limit import add_max_line_bytes
from claimdesk.cli.output import say, say_json

HELP = "score an article and its variant claim by claim"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """ORIGINAL VARIANT, or --batch PAIRS.jsonl."""
    parser.add_argument("original", nargs="?", help="the article's text file")
    parser.add_argument("variant", nargs="?", help="the variant's text file")
    parser.add_argument("--json", action="store_true", help="print the score contract's JSON object")
    parser.add_argument("--batch", metavar="PAIRS.jsonl", help='lines {"id", "original", "variant"}; - for stdin')
    add_max_line_bytes(parser, "longest batch line read; a longer one is that line's error")


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise UserError(f"{path}: {exc.strerror}") from None


def _batch_line(raw: bytes) -> tuple[Any, str, str]:
    """Parse one batch line into (id, original, variant) or raise ValueError with a reason."""
    from claimdesk.ingest.safe_json import loads

    obj = loads(raw)
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    original, variant = obj.get("original"), obj.get("variant")
    if not isinstance(original, str) or not isinstance(variant, str):
        raise ValueError('"original" and "variant" must both be strings')
    return obj.get("id"), original, variant


def _run_batch(source: BinaryIO, as_json: bool, max_line_bytes: int) -> int:
    """Score every line on its own: a bad line is its error object (and a stderr line), the rest go on."""
    from claimdesk.claims import report_to_dict, score_pair
    from claimdesk.ingest.lines import read_lines

    failed = 0
    out = sys.stdout
    for line in read_lines(source, max_line_bytes):
        if not line.too_long and not line.raw.strip():
            continue
        try:
            if line.too_long:
                raise ValueError(line.too_long)
            pair_id, original, variant = _batch_line(line.raw)
        except ValueError as exc:
            failed += 1
            pair_id = None if line.too_long else _loose_id(line.raw)
            say(f"claimdesk: line {line.number}: {exc}", err=True)
            say_json({"id": pair_id, "error": f"line {line.number}: {exc}"}, file=out)
            continue
        del line  # its bytes let go before the pair is scored: a long line is held once
        report = score_pair(original, variant)
        if as_json:
            say_json(report_to_dict(report, pair_id), file=out)
        else:
            from claimdesk.cli.report import print_report

            say(f"== {pair_id}")
            print_report(report, original, variant)
    return 1 if failed else 0


def _loose_id(raw: bytes) -> Any:
    """Best effort at the id of a line that failed to parse, so the error can be matched."""
    from claimdesk.ingest.safe_json import loads

    try:
        obj = loads(raw)
    except ValueError:
        return None
    return obj.get("id") if isinstance(obj, dict) else None


def run(args: argparse.Namespace) -> int:
    """Score one pair or a batch; print a readable report or the JSON contract."""
    if args.batch:
        if args.original or args.variant:
            raise UserError("give either ORIGINAL VARIANT or --batch, not both")
        if args.batch == "-":
            return _run_batch(sys.stdin.buffer, args.json, args.max_line_bytes)
        try:
            source = open(args.batch, "rb")  # noqa: SIM115 - closed below; only opening is guarded
        except FileNotFoundError:
            raise UserError(f"{args.batch}: no such file") from None
        except OSError as exc:
            raise UserError(f"{args.batch}: {exc.strerror}") from None
        with source:
            return _run_batch(source, args.json, args.max_line_bytes)
    if not (args.original and args.variant):
        raise UserError("score needs ORIGINAL and VARIANT files, or --batch PAIRS.jsonl")
    from claimdesk.claims import report_to_dict, score_pair

    original, variant = _read_text(args.original), _read_text(args.variant)
    report = score_pair(original, variant)
    if args.json:
        say_json(report_to_dict(report))
    else:
        from claimdesk.cli.report import print_report

        print_report(report, original, variant)
    return 0
