"""Names compared as the article's cast: other ways of naming one person or place are no change."""

from __future__ import annotations

import pytest

from claimdesk.claims import score_pair
from claimdesk.claims.cast import Cast, name_key

ARTICLE = (
    "Harbour master Ines Varga said the Kestrel Line ferry would resume on Monday. "
    "Prime Minister Tomas Ruud visited the quay in Vellmark."
)


def statuses(original: str, variant: str) -> list[str]:
    return [c.status for c in score_pair(original, variant).claims]


@pytest.mark.parametrize(
    "variant_second",
    [
        "Tomas visited the quay in Vellmark.",  # first name of a cast member
        "The Prime Minister visited the quay in Vellmark.",  # the title the article gives him
        "Ruud, the Prime Minister, visited the quay in Vellmark.",  # moved to the front
        "Prime Minister Tomas Ruud visited the quay in Velmark.",  # one letter
    ],
)
def test_another_way_of_naming_a_cast_member_is_not_a_change(variant_second: str) -> None:
    first = "Harbour master Ines Varga said the Kestrel Line ferry would resume on Monday."
    assert "altered" not in statuses(ARTICLE, f"{first} {variant_second}")


def test_a_name_new_to_the_article_in_place_of_another_is_altered_entity() -> None:
    variant = (
        "Harbour master Ines Varga said the Kestrel Line ferry would resume on Monday. "
        "Prime Minister Oskar Lind visited the quay in Vellmark."
    )
    report = score_pair(ARTICLE, variant)
    (altered,) = [c for c in report.claims if c.status == "altered"]
    assert [(r.kind, r.original, r.variant) for r in altered.reasons] == [("entity", "Tomas Ruud", "Oskar Lind")]


def test_a_name_moved_to_the_front_of_its_sentence_is_not_a_change() -> None:
    original = "Council leader Ines Varga said the pool would reopen in Vellmark."
    variant = "Ines Varga, the council leader, said the pool would reopen in Vellmark."
    assert statuses(original, variant) == ["reworded"]


@pytest.mark.parametrize(
    ("original", "variant"),
    [
        ("Exports to the US rose sharply.", "Exports to America rose sharply."),
        ("The firm wants a bigger US presence.", "The firm wants a bigger American presence."),
        ("The coach praised Scotland and its pack.", "The coach praised the Scottish pack and the side."),
        ("The road to Coruña was closed.", "The road to Coruna was closed."),
        ("Monuments of World War Two were cleaned.", "Monuments of World War II were cleaned."),
    ],
)
def test_aliases_derived_words_and_spellings_are_not_a_change(original: str, variant: str) -> None:
    assert statuses(original, variant) == ["reworded"]


def test_a_cast_is_only_what_the_article_writes_side_by_side() -> None:
    cast = Cast.of("Tomas Ruud met Ines Varga and Oskar Lind.")
    assert cast.same("tomas", "ruud")
    assert not cast.same("ruud", "varga")
    assert not cast.same("month:3", "month:4")


def test_name_keys_fold_possessives_accents_and_compounds() -> None:
    assert name_key("Emirates'") == name_key("Emirates")
    assert name_key("Vellmark’s") == "vellmark"
    assert name_key("York-based") == "york"
    assert name_key("Coruña") == "coruna"


def test_a_first_name_added_beside_a_surname_the_article_pairs_it_with_is_not_a_change() -> None:
    original = "Then full-back Lind kicked a penalty for the Azure side. Varga praised Oskar Lind afterwards."
    variant = "Then full-back Oskar Lind kicked a penalty for the blue side. Varga praised Oskar Lind afterwards."
    assert "altered" not in statuses(original, variant)


@pytest.mark.parametrize(
    ("original", "variant"),
    [
        ("The court froze Gen Varga's accounts.", "The court froze General Varga's accounts."),
        (
            "She won for the VPC's staging of the play.",
            "She won for the Vellmark Players Company's staging of the play.",
        ),
    ],
)
def test_abbreviated_titles_and_possessive_acronyms_are_one_name(original: str, variant: str) -> None:
    assert statuses(original, variant) == ["reworded"]


def test_a_compound_name_written_apart_is_one_name() -> None:
    assert statuses("The Mega-Deal show opened in Vellmark.", "The Mega Deal show opened in Vellmark.") == ["reworded"]
