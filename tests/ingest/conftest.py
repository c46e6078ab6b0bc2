"""Fixtures for the intake tests: a real HTTP server on loopback, and a client allowed to reach it."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from claimdesk.ingest.client import ClientSettings
from claimdesk.ingest.http_policy import AddressPolicy
from claimdesk.ingest.http_retry import Backoff
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
