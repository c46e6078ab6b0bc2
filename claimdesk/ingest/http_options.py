"""The careful client's command-line options, shared by `claimdesk fetch` and `claimdesk watch`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser is built for every command; httpx is imported only when used
    from claimdesk.ingest.client import ClientSettings


def add_client_arguments(parser: argparse.ArgumentParser) -> None:
    """--allow-private, --use-env-proxy and the per-page limits."""
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch from loopback, private, link-local and other non-public addresses",
    )
    parser.add_argument(
        "--use-env-proxy", action="store_true", help="use the proxy set in HTTP(S)_PROXY / ALL_PROXY (off by default)"
    )
    parser.add_argument("--deadline", type=float, default=60.0, metavar="SECONDS", help="per page (default 60)")
    parser.add_argument("--max-bytes", type=int, default=5 * 1024 * 1024, help="body cap after decompression")


def settings_from(args: argparse.Namespace) -> ClientSettings:
    """The client settings the options ask for."""
    from claimdesk.ingest.client import ClientSettings
    from claimdesk.ingest.http_policy import AddressPolicy

    return ClientSettings(
        policy=AddressPolicy(allow_private=args.allow_private),
        deadline=args.deadline,
        max_bytes=args.max_bytes,
        use_env_proxy=args.use_env_proxy,
    )
