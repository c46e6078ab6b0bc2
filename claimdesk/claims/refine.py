"""Refinement: split off the part of an aligned claim that has no counterpart on the other side.

Scraped pages glue captions and sentences together without a full stop ("...into mummies In a
profile of the studio..."), so segmentation alone cannot see where an invented sentence starts.
Alignment can: if the text after a soft boundary (a lowercase word, then a capitalised one)
shares almost no words with the other side, it is a sentence of its own — added in a variant,
dropped from an article. Prefix sums over the claim's words keep this one pass per claim.
"""

from __future__ import annotations

import re
from itertools import accumulate

from claimdesk.claims.align import content_words, has_synonym, is_content, stem
from claimdesk.claims.model import Span
from claimdesk.claims.words import STOPWORDS

# A lowercase word (or number, closing mark, or an abbreviation's stop: "U.S.", "Ltd.") then a
# capital: where a glued sentence may begin.
_SOFT = re.compile(r"(?<=[a-z0-9%)\]\"'”’.])\s+(?=[\"“‘']?[A-Z])")
# Words, with initials as one ("U.S.": a word that says something, unlike the pronoun "us").
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
# The other side's initials, dotted or not ("U.S.", "US"), and its other words of letters.
_INITIALS = re.compile(r"\b(?:[^\W\d_]\.){2,}|\b[^\W\d_]{2,}\b")
UNSOURCED = 0.25  # at most this share of a part's words found on the other side
SYNONYM_FOUND = 0.5  # what a word counts as found when only a synonym of it is there
MIN_WORDS = 4  # a part this small is a phrase, not a sentence to flag
UNSOURCED_MIN = MIN_WORDS - int(UNSOURCED * MIN_WORDS)  # words absent on the other side a cut needs


class _Counts:
    """Content words of a claim, and how many of them the other side has, up to each position."""

    def __init__(self, body: str, other: str, synonyms: bool) -> None:
        other_words = content_words(other)
        other_initials = {w.replace(".", "") for w in _INITIALS.findall(other.lower())}
        words = [(m.start(), m.group().lower().rstrip(".")) for m in _WORD.finditer(body)]
        self.starts = [s for s, _ in words]
        bare = [w.removesuffix("'s").removesuffix("’s") for _, w in words]
        flags = [
            (True, float(w.replace(".", "") in other_initials))
            if "." in w
            else (is_content(w), _found(w, other_words, synonyms))
            for w in bare
        ]
        self.content = [0, *accumulate(int(a) for a, _ in flags)]
        self.found = [0.0, *accumulate(b if a else 0.0 for a, b in flags)]

    def index(self, pos: int) -> int:
        """Number of words that start before ``pos``."""
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def enough(self, a: int, b: int) -> bool:
        """Are words ``a`` to ``b`` a claim of their own, not the tail of a headline cut off?"""
        return self.content[b] - self.content[a] >= MIN_WORDS

    def unsourced(self, a: int, b: int) -> bool:
        """Are words ``a`` to ``b`` enough to be a sentence and almost all absent on the other side?"""
        n = self.content[b] - self.content[a]
        return n >= MIN_WORDS and (self.found[b] - self.found[a]) <= UNSOURCED * n


def _found(word: str, other: frozenset[str], synonyms: bool) -> float:
    """1 if the word is on the other side, half if only a synonym is (when asked): a spun
    sentence is still sourced, but common words have synonyms in any sentence."""
    if not is_content(word):
        return 0.0
    base = stem(word)
    if base in other:
        return 1.0
    return SYNONYM_FOUND if synonyms and has_synonym(base, other) else 0.0


def _inside_phrase(body: str, end: int, start: int) -> bool:
    """No sentence ends in "a", "the", "of": a capital after one is a name ("as a U.S. firm").
    Nor does one end inside a name: a capital after a run of capitals, or after one that "the"
    opens ("the World Travel Council", "Prime Minister Ada Vell"), unless the capital is a word
    of grammar that opens sentences ("...Kemp said The next day") or a stop comes before it."""
    before = re.findall(r"[^\W_]+", body[max(0, end - 60) : end])[-2:]
    if not before or body.endswith(".", 0, end):
        return False  # "a U.S." may end a sentence: an abbreviation's stop is also a full stop
    if before[-1].lower() in STOPWORDS:
        return True
    following = _FOLLOWING.match(body, start)
    if not following or following.group(1).lower() in STOPWORDS or not before[-1][0].isupper():
        return False
    return len(before) == 2 and (before[0][0].isupper() or before[0].lower() == "the")


_FOLLOWING = re.compile(r"[\"“‘']?([^\W_]+)")
_NAME_WORD = re.compile(r"[^\W_][\w'’-]*")
_LAST_WORD = re.compile(r"([^\W_][\w'’-]*)$")
_NAME_WINDOW = 80  # characters before a cut searched for the word that ends there (longer than any name)
_CAPITAL_PAIR = re.compile(r"(?=\b([A-Z][\w'’-]*)[ \t]+([A-Z][\w'’-]*))")


def name_pairs(*texts: str) -> frozenset[tuple[str, str]]:
    """Capitalised words side by side that the texts write so more than once ("Gordon Brown"):
    one name, never the end of one sentence and the start of the next, however glued."""
    seen: dict[tuple[str, str], int] = {}
    for text in texts:
        for m in _CAPITAL_PAIR.finditer(text):
            key = (m.group(1), m.group(2))
            seen[key] = seen.get(key, 0) + 1
    return frozenset(k for k, n in seen.items() if n > 1)


def _in_name(body: str, end: int, start: int, names: frozenset[tuple[str, str]]) -> bool:
    # Only a window before the cut is searched, and the word after is matched in place: a claim
    # may be long, and copying or scanning all of it at every cut made refinement quadratic.
    before = _LAST_WORD.search(body, max(0, end - _NAME_WINDOW), end)
    after = _NAME_WORD.match(body, start)
    return bool(before and after) and (before.group(1), after.group()) in names


def _core(cuts: list[tuple[int, int]], counts: _Counts, length: int) -> tuple[int, int]:
    """Where the sourced core of a claim starts and ends, given its soft boundaries."""
    total = len(counts.starts)
    core_start, core_end = 0, length
    end_word = total
    for before, after in cuts:  # tail: the earliest boundary after which nothing is sourced
        k = counts.index(after)
        if counts.unsourced(k, total) and not counts.unsourced(0, k):
            core_end, end_word = before, k
            break
    for _before, after in reversed(cuts):  # head: the latest boundary before which nothing is
        if after >= core_end:
            continue
        k = counts.index(after)
        if counts.unsourced(0, k) and not counts.unsourced(k, end_word) and counts.enough(k, end_word):
            core_start = after
            break
    return core_start, core_end


def split(
    text: str, span: Span, other: str, names: frozenset[tuple[str, str]] = frozenset()
) -> tuple[Span, list[Span]]:
    """The part of ``span`` that ``other`` accounts for, and the unsourced parts cut from its ends
    (never inside one of the ``names`` the texts write more than once)."""
    body = text[span.start : span.end]
    if len(content_words(body) - content_words(other)) < UNSOURCED_MIN:
        return span, []  # too few words the other side lacks to make a part of their own
    cuts = [
        (m.start(), m.end())
        for m in _SOFT.finditer(body)
        if not _inside_phrase(body, m.start(), m.end()) and not _in_name(body, m.start(), m.end(), names)
    ]
    if not cuts:
        return span, []
    # Synonyms are asked for only when the words themselves leave a part unsourced: most
    # claims make no cut, and the lexicon is the slow part of this.
    core_start, core_end = _core(cuts, _Counts(body, other, synonyms=False), len(body))
    if (core_start, core_end) == (0, len(body)):
        return span, []
    core_start, core_end = _core(cuts, _Counts(body, other, synonyms=True), len(body))
    extra = []
    if core_start:
        extra.append(Span(span.start, span.start + len(body[:core_start].rstrip())))
    if core_end < len(body):
        extra.append(Span(span.start + len(body) - len(body[core_end:].lstrip()), span.end))
    return Span(span.start + core_start, span.start + core_end), extra
