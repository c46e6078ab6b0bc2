"""HTTPS through the guarded transport: the socket goes to the checked address, TLS still checks the name."""

from __future__ import annotations

import dataclasses
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdesk.ingest.client import PAGE_TYPES, CarefulClient, ClientSettings
from claimdesk.ingest.http_errors import FetchError
from tests.ingest.httpserver import LoopbackServer


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for the name ``localhost`` only (no IP address in it)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    command += ["-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"]
    subprocess.run([*command, "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[LoopbackServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    with LoopbackServer(tls=context) as server:
        yield server


@pytest.fixture
def trusting(settings: ClientSettings, certificate: tuple[Path, Path]) -> ClientSettings:
    return dataclasses.replace(settings, verify=ssl.create_default_context(cafile=str(certificate[0])), retries=0)


async def test_https_by_name_verified_while_connected_to_the_checked_address(
    tls_server: LoopbackServer, trusting: ClientSettings
) -> None:
    tls_server.page("/a", "<p>secure</p>")
    async with CarefulClient(trusting) as client:
        page = await client.get(tls_server.url("/a", host="localhost"), accept=PAGE_TYPES)
    assert page.content == b"<p>secure</p>"


async def test_certificate_name_still_checked(tls_server: LoopbackServer, trusting: ClientSettings) -> None:
    """The certificate names localhost, not 127.0.0.1: pinning the address did not turn off name checks."""
    tls_server.page("/a", "<p>secure</p>")
    async with CarefulClient(trusting) as client:
        with pytest.raises(FetchError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
            await client.get(tls_server.url("/a"), accept=PAGE_TYPES)
    assert tls_server.hits["/a"] == 0
