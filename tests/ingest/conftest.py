"""Fixtures for the intake tests: a real HTTP server on loopback, a client allowed to reach it, a store file."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdesk.ingest.client import ClientSettings
from claimdesk.ingest.http_policy import AddressPolicy
from claimdesk.ingest.http_retry import Backoff
from claimdesk.store import Store
from tests.ingest.httpserver import LoopbackServer


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv


@pytest.fixture
def settings() -> ClientSettings:
    """Loopback allowed, short limits and tiny deterministic backoff so failures are quick."""
    return ClientSettings(
        policy=AddressPolicy(allow_private=True),
        connect_timeout=2.0,
        read_timeout=2.0,
        deadline=5.0,
        max_bytes=1024 * 1024,
        retries=2,
        backoff=Backoff(base=0.001, cap=0.01, rng=random.Random(5)),
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store file in ``tmp_path``, open for the test (intake writes into it)."""
    with Store.open(tmp_path / "desk.db") as opened:
        yield opened
