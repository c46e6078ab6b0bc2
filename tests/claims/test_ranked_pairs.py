"""Candidate pairs read back best first are exactly the order one reverse sort of all of them gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.claims.ranked_pairs import RankedPairs

# Few distinct Dice values and positions, so ties on Dice and on the ranking key are common.
DICE = st.sampled_from([0.2, 0.25, 0.34, 0.5, 0.5, 0.75, 1.0])


@given(
    n_o=st.integers(min_value=1, max_value=30),
    runs=st.lists(st.lists(st.tuples(DICE, st.integers(min_value=0, max_value=29)), max_size=12), max_size=40),
)
@settings(max_examples=300, deadline=None)
def test_best_first_is_the_reverse_sort_of_every_pair(n_o: int, runs: list[list[tuple[float, int]]]) -> None:
    ranked = RankedPairs(n_o, len(runs))
    everything = []
    for j, run in enumerate(runs):
        pairs = list({i % n_o: (d, i % n_o) for d, i in run}.values())  # one pair per article sentence
        ranked.add(j, pairs)
        everything += [(ranked.key(d, i, j), d, i, j) for d, i in pairs]
    assert list(ranked.best_first()) == sorted(everything, reverse=True)


def test_the_key_favours_the_pair_whose_positions_agree() -> None:
    ranked = RankedPairs(10, 10)
    ranked.add(0, [])
    ranked.add(1, [(0.5, 9), (0.5, 1)])
    assert [i for _, _, i, _ in ranked.best_first()] == [1, 9]
