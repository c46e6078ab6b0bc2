"""JSON Lines intake: one pair a line, bad lines reported and skipped, good lines stored.

Lines are read as bytes and decoded one by one, so a stray non-UTF-8 line is one bad line,
not a failed file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from claimdesk.ingest.pairs import BadRecord, parse_record
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
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRecord("not UTF-8") from None
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"not JSON ({exc.msg})") from None


def ingest_lines(
    store: Store,
    lines: Iterable[bytes],
    on_bad: Callable[[int, str], None],
    on_line: Callable[[int], None] = lambda _size: None,
) -> Tally:
    """Store every good pair; call ``on_bad(line_number, reason)`` for the others.

    ``on_line`` gets each line's size in bytes (for a progress bar).
    """
    tally = Tally()
    for number, raw in enumerate(lines, 1):
        on_line(len(raw))
        if not raw.strip():
            continue
        try:
            article, variant = parse_record(parse_line(raw))
        except BadRecord as exc:
            tally.bad += 1
            on_bad(number, str(exc))
            continue
        if store.add_pair(article, variant).added:
            tally.added += 1
        else:
            tally.skipped += 1
    return tally
