"""Fixtures for the store tests: a real store file in tmp_path, filled through the real intake."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimdesk.store import ArticleIn, Store, VariantIn

SITES = ("copy.example", "spin.example", "mirror.example")


def article_text(n: int) -> str:
    """A small fictional article; each n gives different numbers and names."""
    return (
        f"The harbour board approved {n + 100} new berths on Tuesday. "
        f"Chair Mira Stone said the work would take {n % 7 + 2} years. "
        "Fishermen welcomed the plan at a crowded meeting. "
        f"The budget is {n * 3 + 10} million euros, the board said."
    )


def variant_text(n: int) -> str:
    """A spun copy: one number changed for odd n, a sentence dropped for n divisible by 3."""
    berths = n + 100 + (n % 2) * 50
    parts = [
        f"A harbour board authorised {berths} new berths on Tuesday.",
        f"Chair Mira Stone pronounced the work would take {n % 7 + 2} years.",
        "Fishermen welcomed a plan at a crowded meeting.",
    ]
    if n % 3:
        parts.append(f"The budget is {n * 3 + 10} million euros, a board stated.")
    return " ".join(parts)


def fill(store: Store, count: int) -> list[int]:
    """Add ``count`` pairs (two variants per article) and return the variant ids."""
    ids = []
    for n in range(count):
        article = ArticleIn(text=article_text(n // 2), url=f"https://news.example/{n // 2}", title=f"Harbour {n // 2}")
        variant = VariantIn(
            text=variant_text(n) + (" Copy." if n % 2 else ""),
            url=f"https://{SITES[n % 3]}/story/{n}",
            title=f"Harbour story {n}",
        )
        ids.append(store.add_pair(article, variant).variant_id)
    return ids


class Clock:
    """A clock the test moves by hand, so lease expiry needs no sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def clock() -> Clock:
    return Clock()
