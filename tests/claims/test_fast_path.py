"""The fast path (`facts.signature`, built from `facts.FACT_KINDS`) never hides a change the full
comparison would report: two sentences with one signature have no fact reason between them, and
their word-level reasons are the ones the fast path (`wording_reasons`) finds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdesk.claims import facts
from claimdesk.claims.compare import Side, reasons, wording_reasons

BOUNDED = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Plain words, fact words of every kind, and words that only look like facts.
TOKENS = [
    "the", "a", "ferry", "council", "rose", "fell", "said", "sold", "in", "for", "of", "and", "up", "late",
    "4.5", "£4.5", "$2", "12", "1,500", "mn", "tn", "k", "mln", "bn", "m", "million", "billion", "thousand",
    "two", "dual", "twelve", "second", "half", "quarter", "quarters", "three", "per", "cent", "percent", "%",
    "year", "years", "month", "months", "decade", "a year", "1950s", "Fifties", "nineties", "9am", "0900", "GMT",
    "12:30", "2003-04", "2003/04", "3-1",
    "not", "never", "didn't", "no", "none", "without", "unable", "failed to", "yet to", "refused to", "able",
    "only", "but", "No", "No 7",
    "nine-year", "six-year", "twenty-five", "well-known",
    "Varga", "Lind", "Vellmark", "US", "America", "May", "June", "Mr", "Prime", "Minister",
    '"', "“", "”",
]  # fmt: skip


@st.composite
def sentence_and_edit(draw: st.DrawFn) -> tuple[str, str]:
    """A sentence of drawn tokens, and the same with one token replaced, inserted or deleted."""
    words = draw(st.lists(st.sampled_from(TOKENS), min_size=2, max_size=12))
    edited = list(words)
    at = draw(st.integers(0, len(words) - 1))
    how = draw(st.sampled_from(["replace", "insert", "delete"]))
    token = draw(st.sampled_from(TOKENS))
    if how == "replace":
        edited[at] = token
    elif how == "insert":
        edited.insert(at, token)
    else:
        del edited[at]
    return "The ferry " + " ".join(words) + ".", "The ferry " + " ".join(edited) + "."


def _reasons(a: str, b: str) -> tuple:
    return reasons(Side(a, facts.extract(a)), Side(b, facts.extract(b)))


@BOUNDED
@given(sentence_and_edit())
def test_one_signature_means_no_reason_the_fast_path_misses(pair: tuple[str, str]) -> None:
    a, b = pair
    if facts.signature(a) == facts.signature(b):
        assert set(_reasons(a, b)) <= set(wording_reasons(a, b))


@BOUNDED
@given(sentence_and_edit())
def test_every_fact_an_extractor_finds_lies_on_a_cue(pair: tuple[str, str]) -> None:
    text = pair[0]
    cues = facts.cue_spans(text)
    for kind in facts.FACT_KINDS:
        for start, end in kind.spans(text):
            assert any(s < end and start < e for s, e in cues), (kind.name, text[start:end])


def test_scale_words_are_on_the_fast_path() -> None:
    """The pairs the hand-kept list let through as reworded."""
    for a, b in [("It cost £4.5 mn.", "It cost £4.5 tn."), ("It cost 4.5 k.", "It cost 4.5 mln.")]:
        assert facts.signature(a) != facts.signature(b)
        assert [r.kind for r in _reasons(a, b)] == ["number"]
