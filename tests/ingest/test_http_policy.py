"""The address policy: private, loopback and other non-global addresses refused unless allowed.

All servers in these tests are on loopback, so the refusals are checked against a real server
that would have answered: its hit count proves the request never reached it.
"""

from __future__ import annotations

import dataclasses
import ipaddress

import pytest

from claimdesk.ingest.client import PAGE_TYPES, CarefulClient, ClientSettings
from claimdesk.ingest.http_errors import AddressRefused
from claimdesk.ingest.http_policy import AddressPolicy, address_problem
from claimdesk.ingest.http_transport import resolve_checked
from tests.ingest.httpserver import LoopbackServer, Reply

REFUSED = [
    ("127.0.0.1", "a loopback address"),
    ("127.0.0.2", "a loopback address"),
    ("::1", "a loopback address"),
    ("10.1.2.3", "a private address"),
    ("172.16.0.1", "a private address"),
    ("192.168.1.1", "a private address"),
    ("169.254.169.254", "a link-local address"),
    ("fe80::1", "a link-local address"),
    ("100.64.0.1", "a carrier-grade NAT address"),
    ("100.127.255.254", "a carrier-grade NAT address"),
    ("fd12:3456::1", "a unique local address"),
    ("::ffff:127.0.0.1", "an IPv4-mapped IPv6 address"),
    ("::ffff:8.8.8.8", "an IPv4-mapped IPv6 address"),
    ("64:ff9b::a00:1", "an IPv6 address embedding an IPv4 one"),
    ("2002:a00:1::", "an IPv6 address embedding an IPv4 one"),
    ("0.0.0.0", "an unspecified address"),
    ("::", "an unspecified address"),
    ("224.0.0.1", "a multicast address"),
    ("ff02::1", "a multicast address"),
    ("240.0.0.1", "a reserved address"),
    ("198.18.0.1", "a private address"),
    ("192.0.2.1", "a private address"),
]


@pytest.mark.parametrize(("address", "why"), REFUSED)
def test_non_global_addresses_refused(address: str, why: str) -> None:
    ip = ipaddress.ip_address(address)
    assert address_problem(ip) == why
    refusal = AddressPolicy().refusal(ip)
    assert refusal is not None and why in refusal and "--allow-private" in refusal
    assert AddressPolicy(allow_private=True).refusal(ip) is None


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001::200e"])
def test_global_addresses_allowed(address: str) -> None:
    assert AddressPolicy().refusal(ipaddress.ip_address(address)) is None


def test_allow_list_opens_exactly_one_address() -> None:
    policy = AddressPolicy(allow=(ipaddress.ip_network("127.0.0.1/32"),))
    assert policy.refusal(ipaddress.ip_address("127.0.0.1")) is None
    assert "loopback" in (policy.refusal(ipaddress.ip_address("127.0.0.2")) or "")
    assert "loopback" in (policy.refusal(ipaddress.ip_address("::1")) or "")


async def test_localhost_name_checked_on_its_resolved_addresses() -> None:
    with pytest.raises(AddressRefused, match="loopback"):
        await resolve_checked("localhost", 80, AddressPolicy())


def strict(settings: ClientSettings, policy: AddressPolicy | None = None) -> ClientSettings:
    return dataclasses.replace(settings, policy=policy or AddressPolicy(), retries=0)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
async def test_loopback_refused_without_allow_private(
    server: LoopbackServer, settings: ClientSettings, host: str
) -> None:
    server.page("/secret", "<p>internal</p>")
    url = server.url("/secret", host=host)
    async with CarefulClient(strict(settings)) as client:
        with pytest.raises(AddressRefused) as info:
            await client.get(url, accept=PAGE_TYPES)
    message = str(info.value)
    assert message.startswith(f"{url}: refused: ")
    assert "a loopback address (use --allow-private to fetch from it)" in message
    assert server.hits["/secret"] == 0


async def test_redirect_to_other_loopback_address_refused(server: LoopbackServer, settings: ClientSettings) -> None:
    """127.0.0.1 is allowed, 127.0.0.2 is not: the policy runs again on the redirect hop."""
    target = server.url("/inside", host="127.0.0.2")
    server.route("/jump", Reply(302, {"Location": target}))
    server.page("/inside", "<p>internal</p>")
    policy = AddressPolicy(allow=(ipaddress.ip_network("127.0.0.1/32"),))
    url = server.url("/jump")
    async with CarefulClient(strict(settings, policy)) as client:
        with pytest.raises(AddressRefused) as info:
            await client.get(url, accept=PAGE_TYPES)
    assert str(info.value) == (
        f"{url}: redirect to {target}: refused: 127.0.0.2 is a loopback address (use --allow-private to fetch from it)"
    )
    assert (server.hits["/jump"], server.hits["/inside"]) == (1, 0)


async def test_refused_with_env_proxy_too(
    server: LoopbackServer, settings: ClientSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through a proxy the target's own DNS answer is checked before the request leaves."""
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    server.page("/secret", "<p>internal</p>")
    settings = dataclasses.replace(strict(settings), use_env_proxy=True)
    async with CarefulClient(settings) as client:
        with pytest.raises(AddressRefused, match="loopback"):
            await client.get(server.url("/secret"), accept=PAGE_TYPES)
