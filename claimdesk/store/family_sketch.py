"""A variant's text as a copy family sees it: normalised words, word shingles, MinHash LSH bands.

Two copies are near copies when the Jaccard similarity of their sets of ``SHINGLE_WORDS``-word
shingles reaches ``FAMILY_THRESHOLD``. A spinner swaps a word in every few, which breaks most
3-word shingles, so two spins of one article score far below it (about 0.1 to 0.4), while one spun
text reposted with a different headline, footer or a trimmed paragraph scores above 0.8.

MinHash (``datasketch``) only proposes candidates: ``BANDS`` bands of ``ROWS`` hash values each,
so two texts of similarity s share a band with probability 1 - (1 - s^3)^10 (0.985 at 0.7, 0.999
at 0.8, 0.24 at 0.3). The candidate is then checked against the threshold exactly, on the shingle
sets, so the family rule is the named threshold and not the luck of the hashes.

``datasketch`` (and the numpy and scipy it loads, half a second) is imported on the first sketch:
only intake and `claimdesk rescore --families` make sketches; the review app never does.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice, zip_longest
from typing import Any

FAMILY_THRESHOLD = 0.7  # Jaccard similarity of shingle sets at and above which two copies are one family
SHINGLE_WORDS = 3
BANDS = 10
ROWS = 3
NUM_PERM = BANDS * ROWS
SEED = 20260312  # fixed: band hashes stored by one run must match the next run's

_WORD = re.compile(r"\w+")
_BATCH = 4096  # shingles hashed at a time
_PIECE = 65536  # characters of a text normalised at a time


def words(text: str) -> list[str]:
    """The text's words, normalised: NFKC, case-folded, punctuation and spacing dropped."""
    return list(iter_words(text))


def iter_words(text: str) -> Iterator[str]:
    """The words of ``words`` one at a time: a long text's word list is never held whole, nor a
    normalised copy of it (that is twice the text again); it is normalised a piece at a time."""
    for piece in _pieces(text):
        yield from (match.group() for match in _WORD.finditer(unicodedata.normalize("NFKC", piece).casefold()))


def _pieces(text: str) -> Iterator[str]:
    """The text in pieces of about ``_PIECE`` characters, each cut just before a space: no word
    spans a cut, and a space composes with nothing before it, so the pieces normalise as the
    whole text does."""
    start = 0
    while start < len(text):
        cut = text.find(" ", start + _PIECE)
        end = len(text) if cut < 0 else cut
        yield text[start:end]
        start = end


def shingles(text: str) -> frozenset[str]:
    """The set of ``SHINGLE_WORDS``-word runs of the normalised text (its words, if it is shorter)."""
    return frozenset(_runs(text))


def _runs(text: str) -> Iterator[str]:
    """The text's shingles in reading order, repeats included (its words, if it is shorter)."""
    window: deque[str] = deque(maxlen=SHINGLE_WORDS)
    for word in iter_words(text):
        window.append(word)
        if len(window) == SHINGLE_WORDS:
            yield " ".join(window)
    if len(window) < SHINGLE_WORDS:
        yield from window


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets (two empty texts are not similar: nothing to compare)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True, slots=True)
class Sketch:
    """What intake keeps of a text for its family: one hash per LSH band (none for a text without
    words: it cannot be near anything), and the text, whose shingle set is made only when a
    candidate shares a band (a long text's set is tens of megabytes, and most copies have none)."""

    text: str
    bands: tuple[int, ...]

    def shingles(self) -> frozenset[str]:
        """The text's shingle set, for the exact check against a candidate."""
        return shingles(self.text)


@cache
def _permutations() -> Any:
    """The MinHash permutations, made once per process (the same every time: fixed seed)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def _band_hash(values: bytes) -> int:
    """A band's hash values as one signed 64-bit integer, the width SQLite stores."""
    return int.from_bytes(hashlib.blake2b(values, digest_size=8).digest(), "little", signed=True)


def sketch(text: str) -> Sketch:
    """The text's LSH band hashes: its shingles are hashed as they are read, a batch at a time, so
    a long text's shingles are never all held (a repeat changes no minimum)."""
    remaining = _runs(text)
    batch = [s.encode("utf-8") for s in islice(remaining, _BATCH)]
    if not batch:
        return Sketch(text, ())
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", permutations=_permutations())
    while batch:
        minhash.update_batch(batch)
        batch = [s.encode("utf-8") for s in islice(remaining, _BATCH)]
    values = minhash.hashvalues
    return Sketch(text, tuple(_band_hash(values[b * ROWS : (b + 1) * ROWS].tobytes()) for b in range(BANDS)))


def is_verbatim(variant_text: str, article_text: str) -> bool:
    """Whether the variant is the article word for word (spacing, case and punctuation aside)."""
    ends = object()  # one text running out before the other: not verbatim
    return all(a == b for a, b in zip_longest(iter_words(variant_text), iter_words(article_text), fillvalue=ends))
