"""`claimdesk fetch ARTICLE_URL VARIANT_URL...`: fetch an article and its copies, store them scored."""

from __future__ import annotations

import argparse
import asyncio

from claimdesk.cli.output import say

HELP = "fetch an article and copies of it by URL, and store them scored claim by claim"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """ARTICLE_URL VARIANT_URL [VARIANT_URL ...] and the client options."""
    from claimdesk.ingest.http_options import add_client_arguments

    parser.add_argument("article_url", metavar="ARTICLE_URL", help="the original, as published")
    parser.add_argument("variant_urls", metavar="VARIANT_URL", nargs="+", help="a copy of it found elsewhere")
    add_client_arguments(parser)


async def _fetch(args: argparse.Namespace) -> int:
    from claimdesk.ingest.client import CarefulClient
    from claimdesk.ingest.fetch import Fetcher, fetch_pairs
    from claimdesk.ingest.http_options import settings_from
    from claimdesk.store import Store

    added = skipped = failed = 0
    with Store.open(args.db) as store:
        async with CarefulClient(settings_from(args)) as client:
            async for outcome in fetch_pairs(Fetcher(client, store), args.article_url, args.variant_urls):
                if outcome.result is None:
                    failed += 1
                    say(f"claimdesk: fetch failed: {outcome.error}", err=True)
                elif outcome.result.added:
                    added += 1
                    say(f"added variant {outcome.result.variant_id}: {outcome.url}")
                else:
                    skipped += 1
                    say(f"already stored as variant {outcome.result.variant_id}: {outcome.url}")
    say(f"added {added}, skipped {skipped}, failed {failed}")
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    """Fetch concurrently; one line per URL; exit 1 if any URL failed."""
    return asyncio.run(_fetch(args))
