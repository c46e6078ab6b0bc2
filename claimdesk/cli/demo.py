"""`claimdesk demo`: the app on a fresh store in a temporary directory, filled from the sample data."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from claimdesk.cli.errors import UserError

HELP = "open the app on a fresh store filled from the bundled sample data"

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "pairs.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--pairs`` picks another JSONL file in the ingest format."""
    parser.add_argument("--pairs", type=Path, default=SAMPLE, help="pairs to load (default: sample_data/pairs.jsonl)")


def run(args: argparse.Namespace) -> int:
    """Ingest the pairs into a throwaway store (``--db`` is ignored), then run the app on it."""
    from claimdesk.cli.app import run_app
    from claimdesk.ingest.jsonl import ingest_lines
    from claimdesk.store import Store
    from claimdesk.tui.keymap import ConfigError, load_config

    if not args.pairs.is_file():
        raise UserError(f"no sample data at {args.pairs}")
    try:
        config = load_config()
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="claimdesk-demo-") as tmp:
        db = Path(tmp) / "demo.db"
        with Store.open(db) as store, args.pairs.open("rb") as lines:
            ingest_lines(store, lines, on_bad=lambda number, reason: None)
        return run_app(str(db), args.editor, config)
