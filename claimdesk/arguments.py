"""Value types for command-line options, shared by every command (and by ingest's client options).

A value argparse accepts must be one the command can use: ``float("nan")`` and ``inf`` parse,
but a deadline of nan never fires and an interval of inf never polls; an id past SQLite's 64-bit
range is a traceback deep in the store. Refused here, they are a usage error naming the option.
"""

from __future__ import annotations

import argparse
import math

SQLITE_MAX_ID = 2**63 - 1


def positive_seconds(value: str) -> float:
    """A finite number of seconds above zero."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a finite number of seconds above zero")
    return seconds


def positive_count(value: str) -> int:
    """A whole number from 1 up to SQLite's largest integer (sizes, counts, ids)."""
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19 or not 1 <= int(text) <= SQLITE_MAX_ID:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number from 1 to {SQLITE_MAX_ID}")
    return int(text)
