"""Segmentation: where news copy ends a sentence, and offsets that slice back to it."""

from __future__ import annotations

from itertools import pairwise

import pytest

from claimdesk.claims.segment import segment


def sentences(text: str) -> list[str]:
    """The sentences as the engine cuts them, read back through their offsets."""
    return [text[s.start : s.end] for s in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Okafor met Dr. Lindqvist at the harbour. They spoke for an hour.",
            ["Mr. Okafor met Dr. Lindqvist at the harbour.", "They spoke for an hour."],
        ),
        (
            "Mrs. Adebayo and Prof. Kwan left early. Nobody followed.",
            ["Mrs. Adebayo and Prof. Kwan left early.", "Nobody followed."],
        ),
        (
            "Talks in the U.S. capital stalled. The envoy flew home.",
            ["Talks in the U.S. capital stalled.", "The envoy flew home."],
        ),
        (
            "Envoys from the U.S. Treasury arrived. The talks began.",
            ["Envoys from the U.S. Treasury arrived.", "The talks began."],
        ),
        (
            "The sale closed on Jan. 5 at the Brookfield offices. Shares rose.",
            ["The sale closed on Jan. 5 at the Brookfield offices.", "Shares rose."],
        ),
        ("The report was signed by Nadia K. Petrov.", ["The report was signed by Nadia K. Petrov."]),
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_decimals_do_not_end_a_sentence() -> None:
    text = "Inflation in Corvale was 3.5 per cent in March. It fell to 2.9 per cent by May."
    assert sentences(text) == ["Inflation in Corvale was 3.5 per cent in March.", "It fell to 2.9 per cent by May."]


@pytest.mark.parametrize("ellipsis", ["...", "…"])
def test_ellipsis_before_a_capital_ends_a_sentence(ellipsis: str) -> None:
    text = f"The ferry captain paused{ellipsis} Then she turned the ship around."
    assert sentences(text) == [f"The ferry captain paused{ellipsis}", "Then she turned the ship around."]


def test_ellipsis_inside_a_sentence_does_not_end_it() -> None:
    text = "The captain paused... and turned the ship around."
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'The warden asked: "Is the dam safe?" Nobody answered.',
            ['The warden asked: "Is the dam safe?"', "Nobody answered."],
        ),
        ('"We are ready." The minister smiled.', ['"We are ready."', "The minister smiled."]),
        ("“We are ready,” the minister said. She smiled.", ["“We are ready,” the minister said.", "She smiled."]),
        ("He said the plan “will work.” Critics disagreed.", ["He said the plan “will work.”", "Critics disagreed."]),
    ],
)
def test_quotes_stay_with_their_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_headline_without_full_stop_is_its_own_sentence() -> None:
    text = "Storm closes Harrowgate bridge\nThe bridge closed on Monday after gales."
    assert sentences(text) == ["Storm closes Harrowgate bridge", "The bridge closed on Monday after gales."]


def test_paragraph_breaks_end_sentences_and_blank_lines_give_none() -> None:
    text = "The first paragraph ends here\n\n\n  The second one starts here.  \n\n"
    assert sentences(text) == ["The first paragraph ends here", "The second one starts here."]


def test_bullet_like_lines_are_one_sentence_each() -> None:
    text = "What closed:\n- Ten schools in the valley\n- Two roads near Marlow\n* Power to 4,000 homes"
    got = sentences(text)
    assert len(got) == 4
    for part, sentence in zip(["What closed", "Ten schools", "Two roads", "4,000 homes"], got, strict=True):
        assert part in sentence
    assert not any("\n" in s for s in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The judge left the court.He said nothing.", ["The judge left the court.", "He said nothing."]),
        ("Fans cheered the win!The coach wept.", ["Fans cheered the win!", "The coach wept."]),
    ],
)
def test_glued_sentences_are_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_web_address_is_not_a_glued_sentence() -> None:
    text = "Tickets are sold at www.harrowgate.Example for $5."
    assert sentences(text) == [text]


def test_offsets_are_into_the_text_as_given() -> None:
    text = "\r\n  Café owners in Zürich protested.\t\r\n\r\nThe city said “no”… Talks resume on 4 June.  "
    spans = segment(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Café owners in Zürich protested.",
        "The city said “no”…",
        "Talks resume on 4 June.",
    ]
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in pairwise(spans))


def test_text_without_words_has_no_sentences() -> None:
    assert segment("") == ()
    assert segment(" \n\n ... -- \n") == ()


def test_a_line_broken_inside_a_sentence_is_joined() -> None:
    text = "The mayor of Corvale finished fourth as\n\ntook the title for Brenmoor.\n\nHeadline here\n\nNext line."
    assert sentences(text) == [
        "The mayor of Corvale finished fourth as\n\ntook the title for Brenmoor.",
        "Headline here",
        "Next line.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Petitions were signed in Jan. A new count follows.",
            ["Petitions were signed in Jan.", "A new count follows."],
        ),
        (
            "The mill was sold to Harrow Corp. The price was low.",
            ["The mill was sold to Harrow Corp.", "The price was low."],
        ),
        ("Talks with Dr. The Okafor family ended.", ["Talks with Dr. The Okafor family ended."]),
    ],
)
def test_an_abbreviation_ends_a_sentence_before_a_grammar_word(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
