"""Mark what changed between an article claim and its variant claim, word by word.

Changed words are underlined; the values a reason names (``35,000`` -> ``30,000``) are marked
loudest. Text is built with ``rich.text.Text`` and styles only, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from rich.style import Style
from rich.text import Text

from claimdesk.claims import Reason
from claimdesk.safe_text import clean
from claimdesk.tui.components.styles import PLAIN, Palette

_WORD = re.compile(r"\S+")
_EDGE_PUNCT = re.compile(r"^\W+|\W+$")


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


@lru_cache(maxsize=8192)  # the same few thousand words, a few hundred times per variant
def _key(word: str) -> str:
    """Compare words without case or surrounding punctuation, so "Said," matches "said"."""
    return _EDGE_PUNCT.sub("", word.lower()) or word


def _mark_values(text: Text, values: Iterable[str], style: Style) -> None:
    """Mark every occurrence of each non-empty value (exact case first, else ignoring case)."""
    plain = text.plain
    lowered = plain.lower()
    for value in values:
        value = clean(value, keep_newlines=False).strip()
        if not value:
            continue
        haystack, needle = (plain, value) if value in plain else (lowered, value.lower())
        start = haystack.find(needle)
        while start >= 0:
            text.stylize(style, start, start + len(needle))
            start = haystack.find(needle, start + len(needle))


def mark_pair(
    original: str, variant: str, reasons: Iterable[Reason] = (), palette: Palette = PLAIN
) -> tuple[Text, Text]:
    """Both sides of a paired claim as ``Text`` with changed words and altered facts marked."""
    left, right = Text(original), Text(variant)
    a, b = _words(original), _words(variant)
    matcher = SequenceMatcher(None, [_key(m.group()) for m in a], [_key(m.group()) for m in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for m in a[i1:i2]:
            left.stylize(palette.changed, m.start(), m.end())
        for m in b[j1:j2]:
            right.stylize(palette.changed, m.start(), m.end())
    reasons = tuple(reasons)
    _mark_values(left, (r.original for r in reasons), palette.fact)
    _mark_values(right, (r.variant for r in reasons), palette.fact)
    return left, right


def reason_text(reason: Reason, palette: Palette = PLAIN) -> Text:
    """One reason as plain words with both values: ``number: 35,000 → 30,000``."""
    text = Text(f"{clean(reason.kind, keep_newlines=False)}: ")
    text.append(clean(reason.original, keep_newlines=False) or "∅", palette.fact)
    text.append(" → ")
    text.append(clean(reason.variant, keep_newlines=False) or "∅", palette.fact)
    return text
