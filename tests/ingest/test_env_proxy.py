"""``--use-env-proxy``: pages go through the environment's proxy, held to the same address policy.

A real forward proxy on loopback (:mod:`tests.ingest.proxyserver`) relays and counts; a real
origin server answers behind it. Without the flag the same environment leaves the proxy unused.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdesk.ingest.client import PAGE_TYPES, CarefulClient, ClientSettings
from claimdesk.ingest.http_errors import AddressRefused
from claimdesk.ingest.http_policy import AddressPolicy
from claimdesk.ingest.http_proxy import ProxyUnsupported, env_proxies
from claimdesk.store import Store
from tests.ingest.httpserver import ARTICLE, LoopbackServer, serve_pair
from tests.ingest.proxyserver import ForwardProxy

PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture
def proxy() -> Iterator[ForwardProxy]:
    with ForwardProxy() as relay:
        yield relay


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever proxies the machine running the tests has set, none of them here."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


def _fetch(db: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k.lower() not in PROXY_VARIABLES}
    command = [sys.executable, "-m", "claimdesk", "--db", str(db), "fetch", "--allow-private", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env=clean | env)


def test_fetch_with_use_env_proxy_goes_through_the_proxy(
    server: LoopbackServer, proxy: ForwardProxy, tmp_path: Path
) -> None:
    article, copy = serve_pair(server)
    done = _fetch(tmp_path / "desk.db", "--use-env-proxy", article, copy, env={"HTTP_PROXY": proxy.url})
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1] == "added 1, skipped 0, failed 0"
    assert (proxy.hits[article], proxy.hits[copy]) == (1, 1)
    assert (server.hits["/article"], server.hits["/copy"]) == (1, 1)  # the proxy's own requests
    with Store.open(tmp_path / "desk.db") as store:
        assert store.counts().total == 1


def test_fetch_without_the_flag_leaves_the_proxy_unused(
    server: LoopbackServer, proxy: ForwardProxy, tmp_path: Path
) -> None:
    article, copy = serve_pair(server)
    done = _fetch(tmp_path / "desk.db", article, copy, env={"HTTP_PROXY": proxy.url, "ALL_PROXY": proxy.url})
    assert (done.returncode, done.stderr) == (0, "")
    assert sum(proxy.hits.values()) == 0
    assert (server.hits["/article"], server.hits["/copy"]) == (1, 1)


def test_no_proxy_hosts_go_direct(server: LoopbackServer, proxy: ForwardProxy, tmp_path: Path) -> None:
    article, copy = serve_pair(server)
    env = {"HTTP_PROXY": proxy.url, "NO_PROXY": "localhost,127.0.0.1"}
    done = _fetch(tmp_path / "desk.db", "--use-env-proxy", article, copy, env=env)
    assert (done.returncode, done.stderr) == (0, "")
    assert sum(proxy.hits.values()) == 0
    assert (server.hits["/article"], server.hits["/copy"]) == (1, 1)


def test_a_socks_proxy_is_one_usage_line_not_a_traceback(tmp_path: Path) -> None:
    done = _fetch(
        tmp_path / "desk.db",
        "--use-env-proxy",
        "http://127.0.0.1:9/a",
        "http://127.0.0.1:9/b",
        env={"ALL_PROXY": "socks5://user:secret@127.0.0.1:1080"},
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].endswith("ALL_PROXY: only http:// and https:// proxies are supported")
    assert "Traceback" not in done.stderr and "secret" not in done.stderr


async def test_the_proxy_connection_is_held_to_the_address_policy(
    server: LoopbackServer, settings: ClientSettings, monkeypatch: pytest.MonkeyPatch, no_proxy_env: None
) -> None:
    """The target (127.0.0.1) is allowed, the proxy (127.0.0.2) is not: nothing reaches the proxy."""
    with ForwardProxy(host="127.0.0.2") as relay:
        monkeypatch.setenv("HTTP_PROXY", relay.url)
        server.page("/article", ARTICLE.html())
        policy = AddressPolicy(allow=(ipaddress.ip_network("127.0.0.1/32"),))
        strict = dataclasses.replace(settings, policy=policy, use_env_proxy=True, retries=0)
        async with CarefulClient(strict) as client:
            with pytest.raises(AddressRefused, match=r"127\.0\.0\.2 is a loopback address"):
                await client.get(server.url("/article"), accept=PAGE_TYPES)
        assert sum(relay.hits.values()) == 0 and server.hits["/article"] == 0


async def test_proxy_credentials_in_the_url_are_sent_to_the_proxy(
    server: LoopbackServer,
    proxy: ForwardProxy,
    settings: ClientSettings,
    monkeypatch: pytest.MonkeyPatch,
    no_proxy_env: None,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url.replace("http://", "http://desk:s%3Acret@"))
    server.page("/article", ARTICLE.html())
    async with CarefulClient(dataclasses.replace(settings, use_env_proxy=True)) as client:
        page = await client.get(server.url("/article"), accept=PAGE_TYPES)
    assert page.status == 200 and ARTICLE.title.encode() in page.content
    assert proxy.auth == ["Basic ZGVzazpzOmNyZXQ="]  # base64 of desk:s:cret
    assert "proxy-authorization" not in server.request_headers["/article"]


def test_env_proxies_reads_the_variables_as_mount_patterns(monkeypatch: pytest.MonkeyPatch, no_proxy_env: None) -> None:
    monkeypatch.setenv("HTTP_PROXY", "proxy.example:3128")
    monkeypatch.setenv("ALL_PROXY", "https://tls-proxy.example")
    monkeypatch.setenv("NO_PROXY", " localhost, .internal.example,10.1.2.3,::1 ")
    assert env_proxies() == {
        "all://": "https://tls-proxy.example",
        "http://": "http://proxy.example:3128",
        "all://*localhost": None,
        "all://*internal.example": None,
        "all://10.1.2.3": None,
        "all://[::1]": None,
    }
    monkeypatch.setenv("NO_PROXY", "[::1]:8080,example.org:http")
    with pytest.raises(ProxyUnsupported, match=r"'example\.org:http' is not a host"):
        env_proxies()
    monkeypatch.setenv("NO_PROXY", "*")
    assert env_proxies() == {}
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setenv("HTTPS_PROXY", "socks5h://127.0.0.1:1080")
    with pytest.raises(ProxyUnsupported, match="HTTPS_PROXY"):
        env_proxies()
