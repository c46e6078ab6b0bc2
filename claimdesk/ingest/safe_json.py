"""One line of untrusted JSON to a value, refused in one line instead of blowing up.

``json.loads`` recurses once per nesting level (a ``RecursionError`` at ~1,000, even in a field
we ignore), turns a 5,000-digit number into a ``ValueError`` from ``int`` and keeps a lone
surrogate (``"\\ud800"``) that no UTF-8 writer accepts later. Each becomes a ``BadJSON`` here
(the surrogate unless the caller replaces it).

The depth check is a pre-scan at C speed: strings are cut out with one regular expression and
the brackets left are counted; only a line with more openers than the limit (never a real
record) is walked bracket by bracket.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any

MAX_DEPTH = 64
MAX_DIGITS = 40  # a count or an id; nothing we read needs more
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class BadJSON(ValueError):
    """A line that is not JSON we can use; the message says why in a few words."""


def depth(text: str) -> int:
    """How deeply ``text``'s arrays and objects nest (brackets inside strings do not count)."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    openers = brackets.count("[") + brackets.count("{")
    if openers <= MAX_DEPTH:
        return openers
    return max(accumulate(_STEP[c] for c in brackets))


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise BadJSON(f"a number with more than {MAX_DIGITS} digits")
    return int(digits)


def _real(digits: str) -> float:
    value = float(digits)
    if math.isinf(value):
        raise BadJSON(f"{digits[:20]} is out of range")
    return value


def _constant(name: str) -> float:
    raise BadJSON(f"{name} is not a JSON number")


def _surrogate_free(value: Any) -> None:
    """Raise BadJSON if any string (or key) in ``value`` holds a lone surrogate."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise BadJSON("a lone surrogate (\\ud800-\\udfff) in a string") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def loads(raw: bytes, *, lone_surrogates: bool = False) -> Any:
    """Decode one line (UTF-8) and parse it, or raise BadJSON with the reason.

    ``lone_surrogates`` lets them through for a caller that replaces them (intake records become
    U+FFFD, :func:`claimdesk.ingest.pairs.well_formed`); `score --batch` refuses the line.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadJSON("not UTF-8") from None
    if depth(text) > MAX_DEPTH:
        raise BadJSON(f"nested deeper than {MAX_DEPTH} levels")
    try:
        value = json.loads(text, parse_int=_integer, parse_float=_real, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise BadJSON(f"not JSON ({exc.msg})") from None
    if not lone_surrogates:
        _surrogate_free(value)
    return value
