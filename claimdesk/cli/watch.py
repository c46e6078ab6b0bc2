"""`claimdesk watch FEED_URL`: poll a feed of candidate copies and store new ones, until stopped."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime

from claimdesk.arguments import positive_seconds
from claimdesk.cli.output import say

HELP = "poll a feed (JSON Feed, RSS, Atom or JSON Lines) of copies and store new ones, scored"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """FEED_URL, --interval, --once and the client options."""
    from claimdesk.ingest.http_options import add_client_arguments

    parser.add_argument("feed_url", metavar="FEED_URL", help="the feed of candidate copies")
    parser.add_argument(
        "--interval", type=positive_seconds, default=300.0, metavar="SECONDS", help="between polls (default 300)"
    )
    parser.add_argument("--once", action="store_true", help="poll once and exit (1 if anything failed)")
    add_client_arguments(parser)


def _log(message: str) -> None:
    """One line on stderr with a UTC time: what journald (or a terminal) shows per cycle."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    say(f"{stamp} claimdesk watch: {message}", err=True)


async def _watch(args: argparse.Namespace) -> int:
    from claimdesk.ingest.client import CarefulClient
    from claimdesk.ingest.http_options import settings_from
    from claimdesk.ingest.stop_signals import stop_on_signals
    from claimdesk.ingest.watch import Watcher, watch
    from claimdesk.store import Store

    stop = asyncio.Event()
    with stop_on_signals(stop), Store.open(args.db) as store:
        async with CarefulClient(settings_from(args)) as client:
            watcher = Watcher(store, client, args.feed_url, _log)
            code = await watch(watcher, stop, interval=args.interval, once=args.once)
    if stop.is_set():
        _log("stopped")
    return code


def run(args: argparse.Namespace) -> int:
    """Poll until SIGINT/SIGTERM (or once); writes are never cut in half by the stop."""
    return asyncio.run(_watch(args))
