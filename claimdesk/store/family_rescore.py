"""Recomputing copy families for a store (`claimdesk rescore --families`), article by article.

Each article's families are dropped and assigned again in id order (so a family keeps its first
member's id), with the same code intake uses. Sketches are made outside the write lock, a chunk
of copies at a time, and each chunk is one short transaction, so editors keep working meanwhile;
the first chunk's transaction also drops the article's old rows. Candidate shingle sets are kept
in a small cache (candidates are mostly a family's first members), so memory stays flat even for
an article with thousands of copies.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from functools import lru_cache

from claimdesk.store import families, family_sketch
from claimdesk.store.connection import Core

CHUNK = 200  # copies sketched per transaction

Sketched = tuple[int, family_sketch.Sketch, bool]  # variant id, its sketch, whether it is verbatim


def articles(core: Core) -> list[int]:
    """Ids of articles that have copies, in order."""
    return [row[0] for row in core.read("SELECT DISTINCT article_id FROM variants ORDER BY article_id")]


def total(core: Core) -> int:
    """How many variants a full recompute visits (for the progress bar)."""
    row = core.read_one("SELECT count(*) FROM variants")
    return int(row[0]) if row else 0


def _chunks(core: Core, article_id: int) -> Iterator[list[tuple[int, str]]]:
    last = 0
    while True:
        rows = core.read(
            "SELECT id, text FROM variants WHERE article_id = ? AND id > ? ORDER BY id LIMIT ?",
            (article_id, last, CHUNK),
        )
        if not rows:
            return
        yield [(row[0], row[1]) for row in rows]
        last = rows[-1][0]


def recompute_article(core: Core, article_id: int, advance: Callable[[], None] = lambda: None) -> int:
    """Assign the article's families again; calls ``advance`` once per variant; returns how many."""
    article_row = core.read_one("SELECT text FROM articles WHERE id = ?", (article_id,))
    if article_row is None:
        return 0
    article_words = family_sketch.words(article_row[0])

    @lru_cache(maxsize=256)
    def cached(variant_id: int) -> frozenset[str]:
        row = core.read_one("SELECT text FROM variants WHERE id = ?", (variant_id,))
        return family_sketch.shingles(row[0]) if row else frozenset()

    done = 0
    first = True
    for chunk in _chunks(core, article_id):
        sketches: list[Sketched] = [
            (vid, family_sketch.sketch(text), family_sketch.words(text) == article_words) for vid, text in chunk
        ]

        def work(conn: sqlite3.Connection, forget: bool = first, sketches: list[Sketched] = sketches) -> None:
            if forget:
                families.forget_article(conn, article_id)
            else:  # another run (or intake) may have assigned some meanwhile: redo them
                conn.executemany("DELETE FROM family_bands WHERE variant_id = ?", [(s[0],) for s in sketches])
                conn.executemany("DELETE FROM variant_families WHERE variant_id = ?", [(s[0],) for s in sketches])
            for variant_id, sketch, verbatim in sketches:
                families.assign(conn, article_id, variant_id, sketch, verbatim=verbatim, shingles_of=cached)

        core.write(work)
        first = False
        for _ in chunk:
            advance()
        done += len(chunk)
    return done
