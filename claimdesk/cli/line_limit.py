"""``--max-line-bytes``: one option for the commands that read JSON Lines (`ingest`, `score --batch`).

Commands do not import each other, so the option they share lives here.
"""

from __future__ import annotations

import argparse


def add_max_line_bytes(parser: argparse.ArgumentParser, says: str) -> None:
    """Declare ``--max-line-bytes``: a line longer than N bytes is one bad line, not a crash.

    ``says`` is the help text (each command words it for its own input); the default is added.
    """
    from claimdesk.arguments import positive_count
    from claimdesk.ingest.lines import DEFAULT_MAX_LINE_BYTES

    parser.add_argument(
        "--max-line-bytes",
        type=positive_count,
        default=DEFAULT_MAX_LINE_BYTES,
        metavar="N",
        help=f"{says} (default {DEFAULT_MAX_LINE_BYTES})",
    )
