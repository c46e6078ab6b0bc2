"""Fact normalisers: the same fact written another way must compare equal, a different one not."""

from __future__ import annotations

import pytest

from claimdesk.claims import facts


def keys(text: str) -> list[str]:
    """Canonical keys of the numbers in ``text``, in the order found."""
    return sorted(n.key for n in facts.numbers(text))


def name_keys(text: str) -> list[str]:
    return [n.key for n in facts.extract(text).names]


def cues(text: str) -> list[str]:
    return [text[s:e] for s, e in facts.extract(text).negations]


def soft_cues(text: str) -> list[str]:
    return [text[s:e] for s, e in facts.extract(text).soft_negations]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The quarry hired five drivers.", "The quarry hired 5 drivers."),
        ("Twelve boats sank.", "12 boats sank."),
        ("The fund paid twenty-five families.", "The fund paid 25 families."),
        ("Two hundred thousand voters stayed home.", "200,000 voters stayed home."),
        ("The museum holds 1,500 masks.", "The museum holds 1500 masks."),
        ("Marlow planted 12,250,000 trees.", "Marlow planted 12250000 trees."),
        ("The port lost a million tonnes.", "The port lost 1 million tonnes."),
        ("The port lost a million tonnes.", "The port lost 1,000,000 tonnes."),
        ("The bridge will cost £4.5bn.", "The bridge will cost £4.5 billion."),
        ("The bridge will cost $2m.", "The bridge will cost $2 million."),
        ("Sales grew 1.5bn units.", "Sales grew 1,500,000,000 units."),
        ("Turnout fell 12 per cent.", "Turnout fell 12%."),
        ("Turnout fell 12 percent.", "Turnout fell 12 %."),
        ("Turnout fell 12 per cent.", "Turnout fell 12 percent."),
        ("Prices rose 3.75 per cent.", "Prices rose 3.75%."),
        ("The river rose 0.8 metres.", "The river rose 0.80 metres."),
        ("A dozen schools closed.", "12 schools closed."),
    ],
)
def test_same_number_written_another_way_has_the_same_key(one: str, other: str) -> None:
    assert keys(one) == keys(other)
    assert keys(one), f"no number found in {one!r}"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The quarry hired five drivers.", "The quarry hired 6 drivers."),
        ("The museum holds 1,500 masks.", "The museum holds 1,050 masks."),
        ("The bridge will cost £4.5bn.", "The bridge will cost £4.5m."),
        ("Turnout fell 12 per cent.", "Turnout fell 12 points."),
        ("Prices rose 3.75 per cent.", "Prices rose 3.57 per cent."),
        ("The river rose 0.8 metres.", "The river rose 8 metres."),
    ],
)
def test_different_numbers_have_different_keys(one: str, other: str) -> None:
    assert keys(one) != keys(other)


def test_digits_are_hard_and_number_words_soft() -> None:
    (digit,) = facts.numbers("The quarry hired 5 drivers.")
    (word,) = facts.numbers("The quarry hired five drivers.")
    assert digit.hard and not word.hard


def test_number_surface_and_offsets_point_into_the_text() -> None:
    text = "The council set aside £4.5bn and hired twenty-five clerks."
    found = {n.surface: n for n in facts.numbers(text)}
    assert set(found) == {"£4.5bn", "twenty-five"}
    for surface, n in found.items():
        assert text[n.start : n.end].strip() == surface


def test_a_million_surface_keeps_the_article() -> None:
    (n,) = facts.numbers("The port lost a million tonnes.")
    assert (n.key, n.surface) == ("1000000", "a million")


@pytest.mark.parametrize("text", ["The A5 road closed.", "MP3 sales fell.", "The F1 season ended."])
def test_codes_are_not_counts(text: str) -> None:
    assert keys(text) == []


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The vote is in January 2030.", "The vote is in Jan 2030."),
        ("The vote is on Feb. 3.", "The vote is on February 3."),
        ("The vote was in September.", "The vote was in Sept."),
        ("The vote was in Sept.", "The vote was in Sep."),
    ],
)
def test_month_names_and_abbreviations_compare_equal(one: str, other: str) -> None:
    assert name_keys(one) == name_keys(other)
    assert any(k.startswith("month:") for k in name_keys(one))


def test_different_months_differ() -> None:
    assert name_keys("The vote is in June.") != name_keys("The vote is in July.")


def test_may_the_verb_is_not_a_month() -> None:
    assert name_keys("Officials said they may appeal.") == []
    assert name_keys("Officials appealed on May 4.") == ["month:5"]


def test_names_skip_the_sentence_initial_word_and_grammar_words() -> None:
    assert name_keys("Yesterday the mayor met Ines Moreau in Harrowgate.") == ["ines", "moreau", "harrowgate"]
    assert name_keys("He said: The plan works.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mill will not close.", ["not"]),
        ("The mill won't close.", ["won't"]),
        ("The mill won’t close.", ["won’t"]),
        ("The mill didn't close.", ["didn't"]),
        ("The mill has never closed.", ["never"]),
        ("The mill cannot close.", ["cannot"]),
        ("The mill will close.", []),
        ("Notably, the mill will close in November.", []),
    ],
)
def test_hard_negation_cues(text: str, expected: list[str]) -> None:
    assert cues(text) == expected


def test_without_is_a_soft_cue_only() -> None:
    text = "The mill closed without warning."
    assert cues(text) == []
    assert soft_cues(text) == ["without"]


def test_quotes_are_found_with_either_kind_of_mark() -> None:
    text = 'She said "the mill stays open" and then “it will not close”.'
    found = [text[s:e] for s, e in facts.extract(text).quotes]
    assert found == ['"the mill stays open"', "“it will not close”"]


def test_checkable_means_a_number_a_name_or_a_quote() -> None:
    assert facts.extract("The mill hired 40 drivers.").checkable
    assert facts.extract("The mill was bought by Harriet Quill.").checkable
    assert facts.extract('The owner said "never again".').checkable
    assert not facts.extract("The mill was quiet that day.").checkable


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("at 2230GMT", "at 10.30pm GMT"),
        ("at 0900 GMT", "at 9am GMT"),
        ("at 1230 GMT", "at 12:30 GMT"),
        ("12 months later", "a year later"),
        ("for 40 years", "for four decades"),
        ("the 1950s", "the Fifties"),
        ("the early 1990s", "the early '90s"),
        ("in 2003-04", "in 2003/04"),
        ("from 1953-56", "from 1953-1956"),
        ("a 17-million population", "17 million people"),
        ("a quarter of a point", "0.25 of a point"),
        ("two-and-a-half years", "2.5 years"),
        ("the 200m final", "the 200 metres final"),
    ],
)
def test_one_number_written_two_ways_has_one_key(a: str, b: str) -> None:
    def keys(text: str) -> set[str]:
        return {k for n in facts.numbers(text) for k in (n.key, n.alt) if k}

    assert keys(a) & keys(b)


def test_html_entities_are_no_numbers() -> None:
    assert facts.extract("The communiqu&#233; was signed.").numbers == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [("some 26 years ago", "some twenty-six years ago"), ("Varga, 21, won.", "the 21-year-old Varga won")],
)
def test_durations_in_words_and_ages_keep_their_value(a: str, b: str) -> None:
    def keys(text: str) -> set[str]:
        return {k for n in facts.numbers(text) for k in (n.key, n.alt) if k}

    assert keys(a) & keys(b)
