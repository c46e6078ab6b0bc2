"""`claimdesk ingest FILE|-`: article/variant pairs from JSON Lines into the store, scored."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import BinaryIO

from claimdesk.cli.errors import UserError
from claimdesk.cli.line_limit import add_max_line_bytes
from claimdesk.cli.output import say

HELP = "add article/variant pairs from a JSON Lines file (- for stdin), scored claim by claim"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """FILE or -."""
    parser.add_argument(
        "file", metavar="FILE", help='JSON Lines, one {"article": ..., "variant": ...} a line; - for stdin'
    )
    add_max_line_bytes(parser, "longest line read; a longer one is reported and skipped")


def _open(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as exc:
        raise UserError(f"{path}: {exc.strerror}") from None


@contextlib.contextmanager
def _progress(source: BinaryIO) -> Iterator[Callable[[int], None]]:
    """A byte-based progress bar on a terminal for a real file; a no-op otherwise."""
    try:
        size = os.fstat(source.fileno()).st_size
    except (OSError, ValueError):
        size = 0
    if not (sys.stderr.isatty() and size):
        yield lambda _n: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=size)
        yield lambda n: bar.advance(task, n)


def run(args: argparse.Namespace) -> int:
    """Ingest, name each bad line on stderr, print the summary; exit 1 if any line was bad."""
    from claimdesk.ingest.jsonl import ingest_lines
    from claimdesk.store import Store

    def on_bad(number: int, reason: str) -> None:
        say(f"LINE {number}: {reason}", err=True)

    with contextlib.ExitStack() as stack:
        source = _open(args.file)
        if source is not sys.stdin.buffer:
            stack.enter_context(source)
        store = stack.enter_context(Store.open(args.db))
        advance = stack.enter_context(_progress(source))
        tally = ingest_lines(store, source, on_bad, advance, max_line_bytes=args.max_line_bytes)
    say(tally)
    return 1 if tally.bad else 0
