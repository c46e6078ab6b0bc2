"""Wrapping the aligned view's sides: the ASCII fast path breaks exactly where the cell-measuring one does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from claimdesk.tui.components.aligned_view import ascii_cuts, cell_cuts, wrap

_WORDS = st.text(alphabet="abcxyz,.'-", min_size=1, max_size=14)
_ASCII_TEXT = st.lists(st.tuples(_WORDS, st.sampled_from([" ", "  ", "   "])), max_size=40).map(
    lambda pairs: "".join(w + gap for w, gap in pairs)
)


@given(text=_ASCII_TEXT, width=st.integers(min_value=1, max_value=90), lead=st.sampled_from(["", " ", "  "]))
def test_ascii_cuts_match_cell_cuts(text: str, width: int, lead: str) -> None:
    assert ascii_cuts(lead + text, width) == cell_cuts(lead + text, width)


def test_wrap_breaks_at_spaces_and_folds_long_words() -> None:
    lines = [line.plain for line in wrap(Text("The plan protects 35,000 jobs, said the mayor"), 12)]
    assert lines == ["The plan", "protects", "35,000 jobs,", "said the", "mayor"]
    assert [line.plain for line in wrap(Text("abcdefghij xy"), 4)] == ["abcd", "efgh", "ij", "xy"]


def test_wrap_measures_wide_characters_in_cells() -> None:
    assert [line.plain for line in wrap(Text("東京 大阪 名古屋"), 5)] == ["東京", "大阪", "名古", "屋"]
    assert [line.plain for line in wrap(Text("東京大阪"), 3)] == ["東", "京", "大", "阪"]
