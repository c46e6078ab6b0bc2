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
from dataclasses import dataclass
from functools import cache
from typing import Any

FAMILY_THRESHOLD = 0.7  # Jaccard similarity of shingle sets at and above which two copies are one family
SHINGLE_WORDS = 3
BANDS = 10
ROWS = 3
NUM_PERM = BANDS * ROWS
SEED = 20260312  # fixed: band hashes stored by one run must match the next run's

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The text's words, normalised: NFKC, case-folded, punctuation and spacing dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> frozenset[str]:
    """The set of ``SHINGLE_WORDS``-word runs of the normalised text (its words, if it is shorter)."""
    found = words(text)
    if len(found) < SHINGLE_WORDS:
        return frozenset(found)
    return frozenset(" ".join(found[i : i + SHINGLE_WORDS]) for i in range(len(found) - SHINGLE_WORDS + 1))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets (two empty texts are not similar: nothing to compare)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True, slots=True)
class Sketch:
    """What intake keeps of a text for its family: the shingle set and one hash per LSH band
    (no bands for a text without words: it cannot be near anything)."""

    shingles: frozenset[str]
    bands: tuple[int, ...]


@cache
def _permutations() -> Any:
    """The MinHash permutations, made once per process (the same every time: fixed seed)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def _band_hash(values: bytes) -> int:
    """A band's hash values as one signed 64-bit integer, the width SQLite stores."""
    return int.from_bytes(hashlib.blake2b(values, digest_size=8).digest(), "little", signed=True)


def sketch(text: str) -> Sketch:
    """The text's shingles and LSH band hashes."""
    found = shingles(text)
    if not found:
        return Sketch(found, ())
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", permutations=_permutations())
    minhash.update_batch([s.encode("utf-8") for s in found])
    values = minhash.hashvalues
    return Sketch(found, tuple(_band_hash(values[b * ROWS : (b + 1) * ROWS].tobytes()) for b in range(BANDS)))


def is_verbatim(variant_text: str, article_text: str) -> bool:
    """Whether the variant is the article word for word (spacing, case and punctuation aside)."""
    return words(variant_text) == words(article_text)
