"""Lines of a JSON Lines stream, each read without holding more than a cap in memory.

A line longer than the cap is one bad line, not a ``MemoryError``: the reader keeps the first
``cap`` bytes only to notice, then throws the rest away in small chunks until the line ends. An
input that never ends its line (``/dev/zero``) would be thrown away for ever, so after
``SKIP_FACTOR`` caps without a line end the stream is given up: that line is reported and the
reading stops. A UTF-8 byte order mark before the first line is dropped, as editors' tools
(and `watch`) write one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

DEFAULT_MAX_LINE_BYTES = 10 * 1024 * 1024
SKIP_FACTOR = 8  # caps thrown away in search of a line end before the stream is given up
_CHUNK = 1 << 20
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Line:
    """One line: its 1-based number and bytes, or why it was not read (``too_long``)."""

    number: int
    raw: bytes = b""
    size: int = 0  # bytes consumed from the stream, for a progress bar
    too_long: str | None = None


def _skip_rest(source: BinaryIO, budget: int) -> tuple[int, bool]:
    """Throw away the rest of a line; (bytes thrown away, whether a line end or the end came)."""
    skipped = 0
    while skipped < budget:
        chunk = source.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped, True
    return skipped, False


def read_lines(source: BinaryIO, max_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[Line]:
    """Every line of ``source`` (its line end removed), at most ``max_bytes`` of it kept at a time."""
    return LineReader(source, max_bytes)


class LineReader(Iterator[Line]):
    """The lines of ``read_lines``. An iterator object rather than a generator: a suspended
    generator's frame would keep the last line's bytes alive while its consumer scores the pair,
    holding a long line twice."""

    def __init__(self, source: BinaryIO, max_bytes: int = DEFAULT_MAX_LINE_BYTES) -> None:
        self._source = source
        self._max_bytes = max_bytes
        self._number = 0
        self._given_up = False

    def __next__(self) -> Line:
        if self._given_up:
            raise StopIteration
        max_bytes = self._max_bytes
        raw = self._source.readline(max_bytes + 1)
        if not raw:
            raise StopIteration
        self._number += 1
        if self._number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        if len(raw) > max_bytes and not (len(raw) == max_bytes + 1 and raw.endswith(b"\n")):
            skipped, ended = _skip_rest(self._source, SKIP_FACTOR * max_bytes)
            size = len(raw) + skipped
            reason = f"longer than {max_bytes} bytes (--max-line-bytes)"
            if ended:
                return Line(self._number, size=size, too_long=reason)
            self._given_up = True
            return Line(
                self._number, size=size, too_long=f"{reason}, no line end in {size} bytes: rest of input not read"
            )
        return Line(self._number, raw.rstrip(b"\r\n"), len(raw))
