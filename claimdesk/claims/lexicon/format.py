"""The byte layout of `wordnet.dat`, shared by the build script and the loader.

A magic line, a count, one length per section, then the sections back to back in `SECTIONS`
order, each its own zlib stream: a question about morphology never pays for inflating the
synonym tables. Lists of ints are little-endian uint32 arrays (CSR style: a `*_start` array
of n+1 offsets into a flat array), so decoding is `array.frombytes`, not a parse; only the
lemma strings are split. Everything is sorted at build time, so the same WordNet gives the
same bytes.
"""

import array
import struct
import sys
import zlib

MAGIC = b"claimdesk-wordnet 1\n"

# Part of speech codes: one bit each in lemma masks, the index in synset records.
POS = "nvar"

SECTIONS = (
    "lemmas",  # sorted lemmas, lowercase, spaces for underscores, joined by "\n"
    "lemma_pos",  # one byte a lemma: bit i set when the lemma has a sense with POS[i]
    "lemma_synsets_start",  # uint32, lemma -> range in lemma_synsets
    "lemma_synsets",  # uint32 synset ids: by part of speech, then WordNet's sense order
    "synset_info",  # one byte a synset: POS index in the low bits, PROPER if it names someone/something
    "synset_lemmas_start",
    "synset_lemmas",  # uint32 lemma ids, in WordNet's order
    "synset_lemma_case",  # one byte per synset_lemmas entry: how WordNet writes it (CASE_*)
    "similar_start",
    "similar",  # uint32 synset ids: similar-to, and also-see between adjectives (symmetric)
    "antonym_start",
    "antonym",  # uint32 synset ids holding a direct antonym of a word here (symmetric)
    "related_start",
    "related",  # uint32 lemma ids: derivationally related forms and pertainyms (symmetric)
    "exceptions",  # text: "pos inflected base [base...]" lines, WordNet's *.exc lists
)

PROPER = 0x10  # synset_info flag: some lemma of the synset is capitalised in WordNet
CASE_LOWER, CASE_TITLE, CASE_UPPER = 0, 1, 2  # "car", "Oscar" / "Eu", "EU" / "U.S."


def case_of(text: str) -> int:
    """How a spelling is capitalised, so "EU" (the union) is told from "Eu" (europium)."""
    if text == text.lower():
        return CASE_LOWER
    return CASE_UPPER if text == text.upper() else CASE_TITLE


def ints(values) -> bytes:
    """Little-endian uint32 bytes, whatever this machine's byte order."""
    packed = array.array("I", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def read_ints(data: bytes) -> array.array:
    """The inverse of `ints`: a copy-free decode on little-endian machines."""
    values = array.array("I")
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def pack(sections: dict[str, bytes]) -> bytes:
    """All sections, each compressed on its own, behind a table of their lengths."""
    body = [zlib.compress(sections[name], 9) for name in SECTIONS]
    header = MAGIC + struct.pack(f"<{len(body) + 1}I", len(body), *(len(part) for part in body))
    return header + b"".join(body)


class Sections:
    """The sections of one lexicon file, each inflated on first access and kept."""

    def __init__(self, blob: bytes):
        if blob[: len(MAGIC)] != MAGIC:
            raise ValueError("not a claimdesk WordNet lexicon")
        at = len(MAGIC)
        (count,) = struct.unpack_from("<I", blob, at)
        if count != len(SECTIONS):
            raise ValueError(f"lexicon has {count} sections, this code reads {len(SECTIONS)}")
        lengths = struct.unpack_from(f"<{count}I", blob, at + 4)
        at += 4 + 4 * count
        view = memoryview(blob)
        self._packed = {}
        for name, length in zip(SECTIONS, lengths, strict=True):
            self._packed[name] = view[at : at + length]
            at += length
        if at != len(blob):
            raise ValueError("lexicon file is truncated or has trailing bytes")
        self._inflated: dict[str, bytes] = {}

    def __getitem__(self, name: str) -> bytes:
        if name not in self._inflated:
            self._inflated[name] = zlib.decompress(self._packed[name])
        return self._inflated[name]
