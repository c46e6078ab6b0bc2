"""Fact comparison of one aligned pair: spinning leaves facts alone, a distortion changes them."""

from __future__ import annotations

from claimdesk.claims import facts
from claimdesk.claims.compare import Side, reasons


def diff(original: str, variant: str) -> list[tuple[str, str, str]]:
    found = reasons(Side(original, facts.extract(original)), Side(variant, facts.extract(variant)))
    return [(r.kind, r.original, r.variant) for r in found]


def test_same_facts_under_other_words_give_no_reason() -> None:
    assert (
        diff(
            "Captain Ines Moreau said the crossing took five hours on 3 June.",
            "Captain Ines Moreau pronounced a voyage lasted 5 hours on 3 Jun.",
        )
        == []
    )


def test_number_word_spun_away_is_not_a_change() -> None:
    assert diff("The two ferries left Corvale.", "The dual ferries left Corvale.") == []


def test_digit_that_vanished_is_a_change() -> None:
    assert diff("The ferry left Corvale with 40 cars.", "The ferry left Corvale with cars.") == [("number", "40", "")]


def test_swapped_name_gives_both_names() -> None:
    assert diff("The ferry left Corvale at dawn.", "The ferry left Marlow at dawn.") == [
        ("entity", "Corvale", "Marlow")
    ]


def test_changed_month_is_reported_as_a_time() -> None:
    assert [k for k, _, _ in diff("The vote is on 3 June in Corvale.", "The vote is on 3 July in Corvale.")] == ["time"]


def test_negation_reason_shows_the_cue_in_context() -> None:
    ((kind, before, after),) = diff("The ferry will sail on Friday.", "The ferry will never sail on Friday.")
    assert kind == "negation"
    assert "never" in after and "never" not in before
    assert "sail" in before and "sail" in after
