"""`claimdesk rescore`: score stored variants again after an engine change."""

from __future__ import annotations

import argparse

from claimdesk.cli.output import say

HELP = "re-score variants scored by an older engine (or --all)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--all."""
    parser.add_argument("--all", action="store_true", help="re-score every variant, not only stale ones")


def run(args: argparse.Namespace) -> int:
    """Re-score one variant per transaction, so editors keep working meanwhile."""
    from claimdesk.claims import ENGINE_VERSION
    from claimdesk.store import Store
    from claimdesk.store.rescore import rescore, stale

    with Store.open(args.db) as store:
        ids = stale(store, everything=args.all)
        for variant_id in ids:
            rescore(store, variant_id)
    say(f"rescored {len(ids)} with engine {ENGINE_VERSION}")
    return 0
