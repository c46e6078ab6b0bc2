"""JSON Lines intake: one pair a line, bad lines reported and skipped, good lines stored.

Lines are read as bytes, at most a cap at a time (:mod:`claimdesk.ingest.lines`), and decoded
and parsed one by one (:mod:`claimdesk.ingest.safe_json`), so a stray non-UTF-8, deeply nested or
endless line is one bad line, not a failed file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from claimdesk.ingest.lines import DEFAULT_MAX_LINE_BYTES, read_lines
from claimdesk.ingest.pairs import BadRecord, parse_record
from claimdesk.ingest.safe_json import BadJSON, loads
from claimdesk.store import Store


@dataclass
class Tally:
    """What an intake run did, for the summary line."""

    added: int = 0
    skipped: int = 0
    bad: int = 0

    def __str__(self) -> str:
        return f"added {self.added}, skipped {self.skipped}, bad {self.bad}"


def parse_line(raw: bytes) -> object:
    """Decode one line to a JSON value, or raise BadRecord."""
    try:
        return loads(raw)  # a lone surrogate is refused: that line is bad, the run goes on
    except BadJSON as exc:
        raise BadRecord(str(exc)) from None


def ingest_lines(
    store: Store,
    source: BinaryIO,
    on_bad: Callable[[int, str], None],
    on_line: Callable[[int], None] = lambda _size: None,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
) -> Tally:
    """Store every good pair of ``source``; call ``on_bad(line_number, reason)`` for the others.

    ``on_line`` gets each line's size in bytes (for a progress bar).
    """
    tally = Tally()
    for line in read_lines(source, max_line_bytes):
        on_line(line.size)
        if line.too_long:
            tally.bad += 1
            on_bad(line.number, line.too_long)
            continue
        if not line.raw.strip():
            continue
        try:
            article, variant = parse_record(parse_line(line.raw))
        except BadRecord as exc:
            tally.bad += 1
            on_bad(line.number, str(exc))
            continue
        del line  # its bytes let go before the pair is scored: a long line is held once
        if store.add_pair(article, variant).added:
            tally.added += 1
        else:
            tally.skipped += 1
    return tally
