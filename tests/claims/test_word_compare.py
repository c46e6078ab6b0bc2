"""Word-level comparison of one aligned pair, on fictional sentences written for these tests."""

from __future__ import annotations

from claimdesk.claims import facts
from claimdesk.claims.closed_class import cues
from claimdesk.claims.compare import Side, reasons


def diff(original: str, variant: str) -> list[tuple[str, str, str]]:
    found = reasons(Side(original, facts.extract(original)), Side(variant, facts.extract(variant)))
    return [(r.kind, r.original, r.variant) for r in found]


def kinds(original: str, variant: str) -> list[str]:
    return [k for k, _, _ in diff(original, variant)]


def test_direction_reversed_is_antonym_with_both_words() -> None:
    assert diff(
        "Ticket sales at the Orlen Gallery rose by a fifth last season.",
        "Ticket sales at the Orlen Gallery fell by a fifth last season.",
    ) == [("antonym", "rose", "fell")]


def test_lexicon_antonym_is_antonym() -> None:
    assert kinds(
        "The harbour board admitted breaking the mooring rules.",
        "The harbour board denied breaking the mooring rules.",
    ) == ["antonym"]


def test_quantifier_changed_is_quantity() -> None:
    assert diff(
        "Most growers in the Vell valley backed the water plan.",
        "Some growers in the Vell valley backed the water plan.",
    ) == [("quantity", "Most", "Some")]


def test_bound_before_a_number_changed_is_quantity() -> None:
    assert diff(
        "The ferry carried more than 400 passengers on Sunday.",
        "The ferry carried nearly 400 passengers on Sunday.",
    ) == [("quantity", "more than", "nearly")]


def test_certainty_changed_is_modality() -> None:
    assert diff(
        "The bridge is expected to reopen before the regatta.",
        "The bridge will reopen before the regatta.",
    ) == [("modality", "is expected to", "will")]


def test_reported_speech_backshift_is_not_modality() -> None:
    assert (
        diff(
            "The mayor said the market will open at dawn.",
            "The mayor said the market would open at dawn.",
        )
        == []
    )


def test_relative_time_changed_is_time() -> None:
    assert diff(
        "The lifeboat crew was called out last week to the Skerrin rocks.",
        "The lifeboat crew was called out next week to the Skerrin rocks.",
    ) == [("time", "last", "next")]


def test_weekday_changed_is_time() -> None:
    assert kinds("The Pellam council meets on Tuesday.", "The Pellam council meets on Thursday.") == ["time"]


def test_order_words_of_swapped_clauses_are_not_time() -> None:
    """ "after X, Y" and "X before Y" say the same: the order word governs other words."""
    assert (
        kinds(
            "After a long delay, the Quarrow ferry left the pier.",
            "There was a long delay before the Quarrow ferry left the pier.",
        )
        == []
    )


def test_speaker_changed_is_attribution() -> None:
    assert diff(
        "The new timetable will cut waiting times, Councillor Ada Brisk said.",
        "The new timetable will cut waiting times, Councillor Tom Ferrow said.",
    ) == [("attribution", "Councillor Ada Brisk", "Councillor Tom Ferrow")]


def test_according_to_another_source_is_attribution() -> None:
    assert kinds(
        "The fire started in the kitchen, according to firefighters.",
        "The fire started in the kitchen, according to neighbours.",
    ) == ["attribution"]


def test_speaker_as_acronym_is_not_attribution() -> None:
    assert (
        kinds(
            "The Coastal Rowing Union said the race would go ahead.",
            "The CRU said the race would go ahead.",
        )
        == []
    )


def test_names_swapped_around_the_verb_is_role() -> None:
    assert kinds("In the cup final Harwick beat Delmont.", "In the cup final Delmont beat Harwick.") == ["role"]


def test_voice_changed_with_the_names_swapped_is_not_role() -> None:
    assert (
        kinds("In the cup final Harwick defeated Delmont.", "In the cup final Delmont were defeated by Harwick.") == []
    )


def test_judging_word_replaced_inside_a_quote_is_quote() -> None:
    assert diff(
        'The coach called the result "a painful lesson" for the squad.',
        'The coach called the result "a useful lesson" for the squad.',
    ) == [("quote", '"a painful lesson"', '"a useful lesson"')]


def test_synonym_inside_a_quote_is_no_change() -> None:
    assert kinds('"It was a huge mistake," Ms Orrin said.', '"It was a vast mistake," Ms Orrin said.') == []


def test_spun_quote_is_no_change() -> None:
    """Spinners spin quotes too: several words swapped inside one are the spinner's work."""
    assert (
        kinds(
            '"The new clinic is a fine place for the town," Dr Pell said.',
            '"A fresh clinic is a fine spot for a town," Dr Pell pronounced.',
        )
        == []
    )


def test_synonym_swaps_outside_quotes_are_no_change() -> None:
    assert (
        kinds(
            "The county hopes to build a bigger depot near the station.",
            "The county is wishing to construct a larger depot close to the station.",
        )
        == []
    )


def test_closed_class_cues_read_values_not_words() -> None:
    assert [c.value for c in cues("Prices might climb, analysts say; they could also fall.", "modality")] == [
        "may",
        "may",
    ]
    assert [c.value for c in cues("Over 300 came; about 40 left.", "quantity")] == ["over", "about"]
    assert [c.value for c in cues("The plan is over.", "quantity")] == []  # a bound needs an amount


def test_pronoun_and_noun_swapped_around_the_verb_is_role() -> None:
    """ "him" and "he" are one party in two cases: the roles swapped, the voice did not."""
    assert kinds(
        "Aides feared the treasurer was plotting against him all winter.",
        "Aides feared he was plotting against the treasurer all winter.",
    ) == ["role"]


def test_verb_with_a_preposition_in_one_side_only_is_not_role() -> None:
    """ "The play stars Mara Quell" and "Mara Quell stars in the play" say one thing."""
    assert kinds("The new play stars Mara Quell as the widow.", "Mara Quell stars in the new play as the widow.") == []


def test_swap_around_a_speakers_aside_is_role() -> None:
    """ ", she said," inside the clause is no break between the two parties."""
    assert kinds(
        "Corvell owed an apology to the guild, she said.",
        "The guild, she said, owed an apology to Corvell.",
    ) == ["role"]


def test_doer_turned_receiver_is_role() -> None:
    assert kinds(
        "He said later that the warden had thanked some volunteers.",
        "He said later that he had thanked the warden and some volunteers.",
    ) == ["role"]


def test_doer_moved_behind_a_preposition_is_not_role() -> None:
    """ "Lanford took the title" and "the title went to Lanford" are one fact."""
    assert (
        kinds(
            "Ostry finished third as Lanford took the title.",
            "Ostry finished third as the title was taken by Lanford.",
        )
        == []
    )


def test_owners_traded_is_role() -> None:
    assert kinds(
        "The inquiry looks at her claim that Brackley Rovers' staff lied to the panel.",
        "The inquiry looks at Brackley Rovers' claim that her staff lied to the panel.",
    ) == ["role"]


def test_owner_named_by_a_pronoun_is_not_role() -> None:
    assert (
        kinds(
            "Ms Fenwick's remarks lifted the shares, but she soon took back her words.",
            "Her remarks lifted the shares, but Ms Fenwick soon took back what she said.",
        )
        == []
    )


def test_hedge_put_into_a_quote_is_quote() -> None:
    assert kinds(
        'Ms Tarrant said: "The orchard will not survive another frost."',
        'Ms Tarrant said: "The orchard probably will not survive another frost."',
    ) == ["quote"]


def test_intention_word_a_spinner_puts_into_a_quote_is_no_change() -> None:
    """Only a hedge counts as slipped in; "consider" for "think" is a spinner's swap."""
    assert (
        kinds('"We think the levy is fair," Mr Haldane said.', '"We consider the levy is fair," Mr Haldane said.') == []
    )


def test_polarity_verb_put_in_place_of_a_verb_is_negation() -> None:
    assert kinds(
        "The new stands match the comfort of a modern arena.",
        "The new stands lack the comfort of a modern arena.",
    ) == ["negation"]


def test_polarity_verb_for_a_negative_word_is_no_change() -> None:
    assert kinds("The village has no proper pavement.", "The village lacks a proper pavement.") == []


def test_phrase_put_in_place_of_a_quoted_word_is_quote() -> None:
    assert kinds(
        '"Keep your dogs on a lead near the lambs," the warden said.',
        '"Keep your dogs indoors and away from the lambs," the warden said.',
    ) == ["quote"]


def test_quoted_words_put_in_after_a_synonym_is_quote() -> None:
    assert kinds(
        '"The results show it," Ms Vane said.',
        '"The results prove we have won it," Ms Vane said.',
    ) == ["quote"]


def test_quoted_word_rewritten_in_its_own_stem_is_no_change() -> None:
    assert (
        kinds(
            '"Why back a plan that is not going to be successful?" Mr Orde asked.',
            '"Why back a plan that is not going to succeed?" Mr Orde asked.',
        )
        == []
    )


def test_adjective_of_one_head_inside_a_quote_is_no_change() -> None:
    """ "stately" and "magnificent" are both like "impressive": a spinner's swap, not a misquote."""
    assert kinds('"Her magnificent season speaks for itself."', '"Her stately season speaks for itself."') == []


def test_adverb_moved_within_a_rewritten_clause_is_not_antonym() -> None:
    assert (
        kinds(
            "Orla Penn put the second seeds ahead, recovering from a poor start to win.",
            "Orla Penn gave the second seeds the lead, fighting back from a poor start to win.",
        )
        == []
    )


def test_closed_class_word_in_a_spun_quote_is_no_change() -> None:
    assert (
        kinds(
            '"I see the lads pretty much every week at the club and that is really no trouble."',
            '"I see a lads flattering many each week during a club and that is unequivocally no trouble."',
        )
        == []
    )


def test_quoted_verb_changed_beside_another_word_is_quote() -> None:
    assert kinds('"The ferry design is nearing its end."', '"The ferry model has reached its end."') == ["quote"]


def test_two_nouns_spun_inside_a_quote_are_no_change() -> None:
    assert (
        kinds('The board cited the "best available evidence".', 'The board cited the "best accessible justification".')
        == []
    )


def test_article_swapped_where_a_quantity_hangs_on_it_is_still_quantity() -> None:
    """ "the few" -> "a few" is a spinner's kind of swap that still changes how many."""
    assert kinds(
        "The bank said the few savers who stayed were paid.", "The bank said a few savers who stayed were paid."
    ) == ["quantity"]


def test_verb_of_saying_swapped_for_a_word_of_the_spinners_is_no_change() -> None:
    assert (
        kinds(
            "The bank told the savers who stayed that they were paid.",
            "The bank informed a savers who stayed that they were compensated.",
        )
        == []
    )
