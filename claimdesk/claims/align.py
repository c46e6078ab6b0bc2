"""Alignment: pair variant sentences with the article sentences they copy.

A spinner swaps many words, but the rarer words of a sentence (names, numbers, content words)
mostly survive. Sentences are compared by IDF-weighted overlap of their content words; an
inverted index over the article's sentences keeps candidates few (no quadratic blow-up), and a
greedy best-first matching allows reordering. Then splits and merges join neighbouring leftovers
to a matched sentence that contains them, and weak pairs between two anchors are accepted where
the order of the texts says they belong together.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

from claimdesk.claims.ranked_pairs import Pair, RankedPairs
from claimdesk.claims.words import STOPWORDS

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
MATCH = 0.34  # weighted Dice for a confident 1-1 pair
WEAK = 0.2  # a pair between two anchors that keeps the order
PART = 0.6  # share of a leftover sentence's weight found in a matched neighbour: split or merge
FOUND = 0.3  # ... or at least this share, when joining it brings the pair this much closer:
GAIN = 0.03
MAX_POSTING = 400  # a word in more sentences than this says nothing about which one
CANDIDATES = 12  # article sentences compared closely with each variant sentence
GAP = 4  # leftovers between two matched pairs, on each side, searched for synonym rewordings
SYNONYMS = 0.5  # share of words matched by the same word or a synonym (or the same frame) for such a pair
MOVED = 0.25  # weighted Dice for two leftovers, each the other's best, to pair out of order
FAR = 0.6  # share of a leftover's weight a far-away matched sentence must hold to take it in
FAR_REACH = 30  # sentences at most between a far-away merged sentence and its claim's own
MIN_FRAME = 4  # words a sentence needs for its frame of grammar words to say anything


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")  # "19,870" is "19870"
_SCALED = re.compile(r"(\d+)(bn|m|mn|k|tn)")
_SCALES = {"bn": "billion", "m": "million", "mn": "million", "k": "thousand", "tn": "trillion"}


def is_content(word: str) -> bool:
    """A lowercased word that says something: not a stopword, not a lone letter."""
    return (len(word) > 1 and word not in STOPWORDS) or word.isdigit()


@lru_cache(maxsize=16384)
def content_words(text: str) -> frozenset[str]:
    """The comparable words of a sentence: lowercased, possessive and stopwords removed.

    Cached: alignment, refinement and scoring all ask for the same sentences' words.
    """
    out = set()
    for m in _TOKEN.finditer(_THOUSANDS.sub("", text.lower())):
        w = m.group()
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        scaled = _SCALED.fullmatch(w)
        if scaled:  # "10bn" is "10 billion": one amount however the scale is written
            out.update((scaled.group(1), _SCALES[scaled.group(2)]))
        elif is_content(w):
            out.add(stem(w))
    return frozenset(out)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The base form of a word as the lexicon knows it ("wanted" -> "want", "players" ->
    "player"): a paraphrase changes inflections, and they are the same word. Of several bases,
    the shortest that starts like the word; a word the lexicon does not know stays as it is."""
    if word.isdigit() or len(word) < 4:
        return word
    from claimdesk.claims.lexicon import lexicon

    bases = [b for b in lexicon().lemmas(word) if b[:3] == word[:3] and " " not in b]
    return min(bases, key=len) if bases else word


def word_overlap(a: str, b: str) -> float:
    """Share of content words two texts have in common (1 - the spin between them)."""
    wa, wb = content_words(a), content_words(b)
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa or wb else 1.0


Words = tuple[str, ...]
"""A sentence's content words during alignment: a tuple, for a frozenset of ten words takes five
times the memory, and a text of 50,000 sentences holds one per sentence (sets are made where a
leftover is compared, a few sentences at a time)."""


@dataclass(frozen=True, slots=True)
class Link:
    """Article sentences and variant sentences that are one claim."""

    original: tuple[int, ...]
    variant: tuple[int, ...]


class _Weights:
    """IDF weights over the sentences of both texts."""

    def __init__(self, sentences: list[Words]) -> None:
        df: dict[str, int] = defaultdict(int)
        for words in sentences:
            for w in words:
                df[w] += 1
        n = len(sentences) + 1
        self.idf = {w: math.log(1 + n / d) for w, d in df.items()}

    def total(self, words: Iterable[str]) -> float:
        return sum(self.idf[w] for w in words)

    def dice(self, a: frozenset[str], b: frozenset[str]) -> float:
        d = self.total(a) + self.total(b)
        return 2 * self.total(a & b) / d if d else 0.0


def align(original: list[str], variant: list[str]) -> list[Link]:
    """Links covering every sentence of both sides exactly once (unmatched ones alone)."""
    o_words = [tuple(content_words(s)) for s in original]
    v_words = [tuple(content_words(s)) for s in variant]
    weights = _Weights(o_words + v_words)
    o_tot = [weights.total(w) for w in o_words]
    v_tot = [weights.total(w) for w in v_words]

    index: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(o_words):
        for w in words:
            index[w].append(i)

    # Each variant sentence's closest candidates, scored at once: no table of every pair's shared
    # weight is kept, so a text of 50,000 sentences costs tens of megabytes less at its peak. The
    # candidates are remembered both ways (a far-away merge is looked for among them). Sentences
    # copied word for word are paired first, and no scored pair is kept for them.
    o_to_v, v_to_o = _identical(original, variant)
    ranked = RankedPairs(len(original), len(variant))
    far_o: dict[int, list[int]] = defaultdict(list)  # original i -> variant candidates j
    far_v: list[tuple[int, ...]] = []  # variant j -> original candidates i
    for j, words in enumerate(v_words):
        acc: dict[int, float] = defaultdict(float)
        for w in words:
            posting = index.get(w)
            if posting and len(posting) <= MAX_POSTING:
                weight = weights.idf[w]
                for i in posting:
                    acc[i] += weight
        closest = heapq.nlargest(CANDIDATES, acc, key=acc.__getitem__)
        far_v.append(tuple(closest))
        kept = []
        for i in closest:
            far_o[i].append(j)
            total = o_tot[i] + v_tot[j]
            d = 2 * acc[i] / total if total else 0.0
            if d >= WEAK and i not in o_to_v and j not in v_to_o:  # a copied sentence is paired already
                kept.append((d, i))
        ranked.add(j, kept)

    # Best first, confident pairs are taken until the first pair that is not; the pairs after it
    # that are still open are what the later passes choose from (they skip paired sentences).
    scored: list[Pair] = []
    matching = True
    for pair in ranked.best_first():
        _, d, i, j = pair
        matching = matching and d >= MATCH
        if i in o_to_v or j in v_to_o:
            continue
        if matching:
            o_to_v[i], v_to_o[j] = j, i
        else:
            scored.append(pair)

    _fill_gaps(scored, o_to_v, v_to_o)
    _pair_rewordings(original, variant, o_words, v_words, o_to_v, v_to_o)
    _pair_moved(scored, o_words, v_words, o_to_v, v_to_o)
    return _group(o_words, v_words, weights, o_to_v, v_to_o, (far_o, far_v))


def _identical(original: list[str], variant: list[str]) -> tuple[dict[int, int], dict[int, int]]:
    """Sentences copied word for word pair first, in order, whatever their words are worth."""
    waiting: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(original):
        waiting[" ".join(text.split())].append(i)
    o_to_v: dict[int, int] = {}
    v_to_o: dict[int, int] = {}
    for j, text in enumerate(variant):
        queue = waiting.get(" ".join(text.split()))
        if queue:
            i = queue.pop(0)
            o_to_v[i], v_to_o[j] = j, i
    return o_to_v, v_to_o


def _fill_gaps(scored: list[Pair], o_to_v: dict[int, int], v_to_o: dict[int, int]) -> None:
    """Accept weaker pairs whose neighbours on both sides are matched in the same order."""
    anchors = sorted(o_to_v)
    for _, d, i, j in scored:
        if i in o_to_v or j in v_to_o or d >= MATCH:
            continue
        k = bisect.bisect_left(anchors, i)
        prev_ok = k == 0 or o_to_v[anchors[k - 1]] < j
        next_ok = k == len(anchors) or o_to_v[anchors[k]] > j
        if prev_ok and next_ok:
            o_to_v[i], v_to_o[j] = j, i
            anchors.insert(k, i)


def _pair_moved(
    scored: list[Pair],
    o_words: list[Words],
    v_words: list[Words],
    o_to_v: dict[int, int],
    v_to_o: dict[int, int],
) -> None:
    """Pair two leftovers that are each other's best match, out of order or not, and say the
    same in synonyms: a sentence moved to another paragraph and reworded ("will not attend" /
    "will stay away"), not two sentences that happen to share a year."""
    best_o: dict[int, tuple[float, int]] = {}
    best_v: dict[int, tuple[float, int]] = {}
    for _, d, i, j in scored:
        if i in o_to_v or j in v_to_o or d < MOVED:
            continue
        if d > best_o.get(i, (0.0, -1))[0]:
            best_o[i] = (d, j)
        if d > best_v.get(j, (0.0, -1))[0]:
            best_v[j] = (d, i)
    for i, (_, j) in best_o.items():
        if best_v.get(j, (0.0, -1))[1] == i and _synonym_dice(o_words[i], v_words[j]) >= SYNONYMS:
            o_to_v[i], v_to_o[j] = j, i


def _pair_rewordings(
    original: list[str],
    variant: list[str],
    o_words: list[Words],
    v_words: list[Words],
    o_to_v: dict[int, int],
    v_to_o: dict[int, int],
) -> None:
    """Pair leftovers that sit between the same two matched pairs and say the same in synonyms
    ("How right he is." / "How correct he is."), or in the same words of grammar around one
    swapped word ("But we are surely not out." / "But we are positively not out."): a spinner or
    a paraphrase can leave no content word of a short sentence in place. Only small gaps are
    searched, so the cost stays linear."""
    anchors = sorted(o_to_v.items())
    bounds = [(-1, -1), *anchors, (len(o_words), len(v_words))]
    for (i0, j0), (i1, j1) in pairwise(bounds):
        if not (j0 < j1 and 0 < i1 - i0 - 1 <= GAP and 0 < j1 - j0 - 1 <= GAP):
            continue
        scored = sorted(
            (
                (max(_synonym_dice(o_words[i], v_words[j]), _skeleton(original[i], variant[j])), i, j)
                for i in range(i0 + 1, i1)
                for j in range(j0 + 1, j1)
                if i not in o_to_v and j not in v_to_o
            ),
            reverse=True,
        )
        for d, i, j in scored:
            if d < SYNONYMS:
                break
            if i not in o_to_v and j not in v_to_o:
                o_to_v[i], v_to_o[j] = j, i


def has_synonym(word: str, others: frozenset[str]) -> bool:
    """Is a synonym of ``word`` among ``others`` (a spinner split a sentence and swapped words)?"""
    if word.isdigit():
        return False
    from claimdesk.claims.lexicon import lexicon

    lex = lexicon()
    return any(lex.synonyms(word, y) for y in others if not y.isdigit())


def _skeleton(a: str, b: str) -> float:
    """How much of two sentences' word sequence is the same, grammar words included (a share
    in [0, 1]): a short sentence spun one word at a time keeps its frame."""
    wa, wb = _TOKEN.findall(a.lower()), _TOKEN.findall(b.lower())
    if min(len(wa), len(wb)) < MIN_FRAME:
        return 0.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _synonym_dice(a: Words, b: Words) -> float:
    """Dice over words where a word matches the same word or a synonym in the lexicon."""
    if not a or not b:
        return 0.0
    from claimdesk.claims.lexicon import lexicon

    lex = lexicon()
    hits_a = sum(1 for x in a if x in b or any(lex.synonyms(x, y) for y in b if not y.isdigit()))
    hits_b = sum(1 for y in b if y in a or any(lex.synonyms(x, y) for x in a if not x.isdigit()))
    return (hits_a + hits_b) / (len(a) + len(b))


def _group(
    o_words: list[Words],
    v_words: list[Words],
    weights: _Weights,
    o_to_v: dict[int, int],
    v_to_o: dict[int, int],
    far: tuple[dict[int, list[int]], list[tuple[int, ...]]],
) -> list[Link]:
    """Attach leftovers to a matched neighbour that contains them (split or merge), or to a
    matched sentence anywhere that holds most of their words (a merge of sentences paragraphs
    apart).

    Only the words the neighbour's own partner leaves unexplained count: a short dropped
    sentence that repeats its neighbour's words ("We know where to look. We know how to look.")
    is dropped, not merged.
    """
    extra_v: dict[int, list[int]] = defaultdict(list)  # original i -> more variant sentences
    extra_o: dict[int, list[int]] = defaultdict(list)  # variant j -> more original sentences
    far_o, far_v = far  # each sentence's candidates on the other side, as alignment found them
    n_o, n_v = len(o_words), len(v_words)
    for j in range(n_v):
        if j in v_to_o:
            continue
        for nb in (j - 1, j + 1):
            i = v_to_o.get(nb)
            if i is not None and _belongs(v_words[j], v_words[nb], o_words[i], weights):
                extra_v[i].append(j)
                break
        else:
            i = _far_partner(j, v_words[j], far_v[j], o_to_v, o_words, v_words, weights)
            if i is not None:
                extra_v[i].append(j)
    for i in range(n_o):
        if i in o_to_v:
            continue
        for nb in (i - 1, i + 1):
            j = o_to_v.get(nb)
            if j is not None and _belongs(o_words[i], o_words[nb], v_words[j], weights):
                extra_o[j].append(i)
                break
        else:
            j = _far_partner(i, o_words[i], far_o[i], v_to_o, v_words, o_words, weights)
            if j is not None:
                extra_o[j].append(i)
    attached_v = {j for js in extra_v.values() for j in js}
    attached_o = {i for is_ in extra_o.values() for i in is_}

    links: list[Link] = []
    for i, j in o_to_v.items():
        o_ids = tuple(sorted([i, *extra_o.get(j, [])]))
        v_ids = tuple(sorted([j, *extra_v.get(i, [])]))
        links.append(Link(o_ids, v_ids))
    links += [Link((i,), ()) for i in range(n_o) if i not in o_to_v and i not in attached_o]
    links += [Link((), (j,)) for j in range(n_v) if j not in v_to_o and j not in attached_v]
    return links


def _far_partner(
    at: int,
    part: Words,
    candidates: Iterable[int],
    matched: dict[int, int],
    words: list[Words],
    own_words: list[Words],
    weights: _Weights,
) -> int | None:
    """A matched sentence on the other side that holds most of the leftover's words, beyond
    what its own partner explains: where a far-away sentence was merged in. Within FAR_REACH
    sentences of ``at`` on its own side: the claim spans all between, and a claim as long as a
    whole text is no claim (and would cost its refinement the square of its length)."""
    total = weights.total(part)
    for k in candidates:
        partner = matched.get(k)
        if partner is None or total <= 0 or abs(partner - at) > FAR_REACH:
            continue
        unexplained = frozenset(words[k]).difference(own_words[partner])
        if weights.total(unexplained.intersection(part)) / total >= FAR:
            return k
    return None


def _belongs(part: Words, beside: Words, partner: Words, weights: _Weights) -> bool:
    """Is the leftover ``part`` (next to ``beside``) copied in ``partner``, the sentence ``beside``
    is paired with? Either most of its words are there that ``beside`` does not explain, or
    joining it to ``beside`` makes the pair clearly closer (a heavily spun merge or split). A
    synonym counts as the word: spinners split sentences too."""
    total = weights.total(part)
    if total <= 0:
        return False
    beside_set, partner_set = frozenset(beside), frozenset(partner)
    unexplained = partner_set - beside_set
    found = weights.total(frozenset(w for w in part if w in unexplained or has_synonym(w, unexplained))) / total
    if found >= PART:
        return True
    gain = weights.dice(beside_set.union(part), partner_set) - weights.dice(beside_set, partner_set)
    return found >= FOUND and gain >= GAIN
