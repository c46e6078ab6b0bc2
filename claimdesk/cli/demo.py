"""`claimdesk demo`: the app on a fresh store in a temporary directory, filled from the sample data."""

from __future__ import annotations

import argparse
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.cli.errors import UserError
from claimdesk.cli.output import say

if TYPE_CHECKING:
    from claimdesk.ingest.jsonl import Tally

HELP = "open the app on a fresh store filled from the bundled sample data"

# Package data, read through importlib.resources so that an installed wheel finds it too.
SAMPLE: Traversable = resources.files("claimdesk") / "sample_data" / "pairs.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--pairs`` picks another JSONL file in the ingest format; ``--load-into`` skips the app."""
    parser.add_argument("--pairs", type=Path, help="pairs to load (default: the bundled sample_data/pairs.jsonl)")
    parser.add_argument(
        "--load-into",
        type=Path,
        metavar="PATH",
        help="only load the pairs into the store at PATH, print the tally and exit (no app)",
    )


def run(args: argparse.Namespace) -> int:
    """Ingest the pairs into a throwaway store (``--db`` is ignored), then run the app on it.

    ``--db`` is ignored on purpose, so the demo never fills an editor's real store; the one
    store it writes to lasting is the one ``--load-into`` names.
    """
    from claimdesk.cli import app
    from claimdesk.tui.keymap import ConfigError, load_config

    pairs = args.pairs or SAMPLE
    if not pairs.is_file():
        raise UserError(f"no sample data at {pairs}")
    if args.load_into:
        tally = _load(pairs, args.load_into)
        say(tally)
        return 1 if tally.bad else 0
    app.need_terminal()  # before making a store it could not show
    try:
        config = load_config()
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="claimdesk-demo-") as tmp:
        db = Path(tmp) / "demo.db"
        _load(pairs, db)
        return app.run_app(str(db), args.editor, config)


def _load(pairs: Traversable, db: Path) -> Tally:
    """Ingest ``pairs`` into the store at ``db``; a bad line is named on stderr."""
    from claimdesk.ingest.jsonl import ingest_lines
    from claimdesk.store import Store

    def on_bad(number: int, reason: str) -> None:
        say(f"LINE {number}: {reason}", err=True)

    with Store.open(db) as store, pairs.open("rb") as lines:
        return ingest_lines(store, lines, on_bad)
