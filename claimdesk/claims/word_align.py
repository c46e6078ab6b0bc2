"""Tokens of one claim with their lemmas, and an alignment of two claims' tokens.

The word-level comparison needs to know which word of the variant stands where a word of the
article stood. Spinners keep word order and swap words one for one; paraphrases move phrases,
so the alignment is an ordered match of equal lemmas first (difflib's longest matching blocks),
and the unmatched words between two matched ones are the substitutions, insertions and deletions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Inflections a crude lemmatiser may strip without a dictionary (longest first).
_SUFFIXES = ("ies", "ied", "ing", "ed", "es", "s")


class Token(NamedTuple):
    """A word of a claim: as written, lowercased lemma, offsets relative to the claim's text.

    A named tuple, not a dataclass: long texts make hundreds of thousands of them."""

    text: str
    lemma: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A dictionary-free lemma: lowercased, possessive and a regular inflection stripped.

    Good enough to line up "shared"/"share" and "proposals"/"proposal"; the word comparison asks
    the lexicon about meaning, never this function.
    """
    low = word.lower()
    for mark in ("'s", "’s"):
        low = low.removesuffix(mark)
    stem = low
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = low[: -len(suffix)]
            if suffix in ("ies", "ied"):
                stem += "y"
            elif suffix in ("ed", "ing") and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]  # "dropped" -> "drop"
            break
    return stem[:-1] if len(stem) > 3 and stem.endswith("e") else stem


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text`` in reading order (cached: several checks read the same claim)."""
    return tuple(Token(m.group(), lemma(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text))


@dataclass(frozen=True, slots=True)
class Edit:
    """One difference between the two token lists: ``a`` words of the article replaced by ``b``
    words of the variant (either may be empty: an insertion or a deletion)."""

    a: tuple[Token, ...]
    b: tuple[Token, ...]


def edits(a: tuple[Token, ...], b: tuple[Token, ...]) -> list[Edit]:
    """Substitutions, insertions and deletions between two token lists, lined up by lemma."""
    matcher = SequenceMatcher(None, [t.lemma for t in a], [t.lemma for t in b], autojunk=False)
    return [Edit(tuple(a[i1:i2]), tuple(b[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
