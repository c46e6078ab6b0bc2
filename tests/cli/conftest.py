"""Fixtures for the command-line tests: the loopback HTTP server and the store file path of the layers below."""

from __future__ import annotations

from tests.ingest.conftest import server
from tests.store.conftest import db_path

__all__ = ["db_path", "server"]
