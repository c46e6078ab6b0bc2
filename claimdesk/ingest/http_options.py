"""The careful client's command-line options, shared by `claimdesk fetch` and `claimdesk watch`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from claimdesk.arguments import positive_count, positive_seconds

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
        "--use-env-proxy",
        action=_UseEnvProxy,
        help="use the proxy set in HTTP(S)_PROXY / ALL_PROXY, except for NO_PROXY hosts (off by default)",
    )
    parser.add_argument(
        "--deadline", type=positive_seconds, default=60.0, metavar="SECONDS", help="per page (default 60)"
    )
    parser.add_argument(
        "--max-bytes", type=positive_count, default=5 * 1024 * 1024, help="body cap after decompression"
    )


class _UseEnvProxy(argparse.Action):
    """A flag that also reads the proxy variables, so a SOCKS or malformed proxy is a usage error."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=False, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, *_args: object) -> None:
        from claimdesk.ingest.http_proxy import ProxyUnsupported, env_proxies

        try:
            env_proxies()
        except ProxyUnsupported as exc:
            parser.error(str(exc))
        setattr(namespace, self.dest, True)


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
