"""Candidate sentence pairs kept compactly and read back best first.

Alignment scores up to a dozen article sentences for every variant sentence, and its greedy
matching reads all those pairs in one order, best first. A sorted list of (key, dice, i, j)
tuples costs about 120 bytes a pair: 50 MB for a text of 40,000 sentences whose sentences each
have twelve close candidates (a text that repeats itself). Here a pair is an article sentence
and its Dice in two arrays, 16 bytes, and each variant sentence's own pairs are sorted; a heap
holding one pair per variant sentence merges them into the order one sort of all of them gives.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterator

Pair = tuple[float, float, int, int]  # (ranking key, weighted Dice, article i, variant j)

DRIFT = 0.02  # what a pair's key loses per unit of distance between the two relative positions


class RankedPairs:
    """Each variant sentence's kept pairs, added in variant order; ``best_first`` reads them all."""

    __slots__ = ("_article", "_dice", "_ends", "_n_o", "_n_v")

    def __init__(self, n_o: int, n_v: int) -> None:
        self._article = array("l")
        self._dice = array("d")
        self._ends = array("l")  # where the pairs of variant sentence j end in the two arrays
        self._n_o, self._n_v = max(1, n_o), max(1, n_v)

    def key(self, d: float, i: int, j: int) -> float:
        """Ties go to the pair whose relative positions agree: copies mostly keep the order."""
        return d - DRIFT * abs(i / self._n_o - j / self._n_v)

    def add(self, j: int, pairs: list[tuple[float, int]]) -> None:
        """The (dice, i) pairs of variant sentence ``j``, the next one in order."""
        assert j == len(self._ends), "variant sentences are added in order"
        for _, d, i in sorted(((self.key(d, i, j), d, i) for d, i in pairs), reverse=True):
            self._dice.append(d)
            self._article.append(i)
        self._ends.append(len(self._article))

    def _entry(self, k: int, j: int) -> tuple[float, float, int, int, int]:
        """A heap entry for pair ``k`` of variant sentence ``j``: negated, so the smallest is the best."""
        d, i = self._dice[k], self._article[k]
        return (-self.key(d, i, j), -d, -i, -j, k)

    def best_first(self) -> Iterator[Pair]:
        """Every pair, by key, then Dice, then the later sentences first (the order of a reverse sort)."""
        heap, start = [], 0
        for j, end in enumerate(self._ends):
            if start < end:
                heap.append(self._entry(start, j))
            start = end
        heapq.heapify(heap)
        while heap:
            key, d, i, j, k = heap[0]
            j = -j
            yield -key, -d, -i, j
            if k + 1 < self._ends[j]:
                heapq.heapreplace(heap, self._entry(k + 1, j))
            else:
                heapq.heappop(heap)
