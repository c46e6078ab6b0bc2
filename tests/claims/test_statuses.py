"""Every status through `score_pair`, on fictional news copy written for these tests."""

from __future__ import annotations

import pytest

from claimdesk.claims import Claim, Report, Span, refine, score_pair
from claimdesk.claims.align import content_words

P1 = (
    "The Harrowgate library reopened on Monday after a two-year renovation. "
    "Librarian Petra Holm said the number of visitors had doubled in the first week."
)
P2 = (
    "The renovation cost the county £3.2m, paid from a heritage grant. "
    "Councillor Dev Anand called the building the jewel of the valley."
)
P3 = "Opening hours will be extended to 9pm on weekdays from March."
ARTICLE = f"Harrowgate library reopens\n\n{P1}\n\n{P2}\n\n{P3}\n"


def only(report: Report, status: str) -> list[Claim]:
    return [c for c in report.claims if c.status == status]


def flagged(report: Report) -> list[Claim]:
    return [c for c in report.claims if c.status in ("altered", "dropped", "added")]


def one_pair(original: str, variant: str) -> Claim:
    """The single claim of a one-sentence pair."""
    (claim,) = score_pair(original, variant).claims
    return claim


def reason_values(claim: Claim) -> list[tuple[str, str, str]]:
    return [(r.kind, r.original, r.variant) for r in claim.reasons]


def test_identical_text_is_kept_with_fidelity_one() -> None:
    report = score_pair(ARTICLE, ARTICLE)
    assert {c.status for c in report.claims} == {"kept"}
    assert all(c.score == 1.0 for c in report.claims)
    assert report.summary.fidelity == 1.0
    assert report.summary.coverage == 1.0
    assert report.summary.counts["kept"] == len(report.claims) == 6


def test_identical_text_is_kept_even_for_a_sentence_of_common_words() -> None:
    """'It was not.' carries no rare word, yet a verbatim copy of it is still a copy."""
    text = "The Harrowgate council voted on the bridge. It was not."
    report = score_pair(text, text)
    assert [c.status for c in report.claims] == ["kept", "kept"]


@pytest.mark.parametrize(
    ("original", "variant"),
    [
        (
            "The Harrowgate library reopened on Monday after a long renovation.",
            "A Harrowgate library reopened on Monday following a lengthy refurbishment.",
        ),
        (
            "Librarian Petra Holm said the number of visitors had doubled.",
            "Librarian Petra Holm pronounced the quantity of guests had doubled.",
        ),
        ("The quarry in Marlow hired five drivers last year.", "The quarry in Marlow employed 5 motorists final year."),
        ("The museum in Corvale now holds 1,500 masks.", "The museum in Corvale presently holds 1500 masks."),
        (
            "The port of Dunmere lost a million tonnes of trade.",
            "The port of Dunmere misplaced 1 million tonnes of commerce.",
        ),
        ("The Dunmere bridge will cost £4.5bn to build.", "The Dunmere bridge will cost £4.5 billion to construct."),
        ("Turnout in Corvale fell 12 per cent in January.", "Turnout in Corvale dropped 12% in Jan."),
    ],
    ids=["synonyms", "title-and-name", "five-5", "1,500-1500", "a-million", "bn-billion", "per-cent-and-month"],
)
def test_spun_words_and_numbers_written_another_way_are_reworded(original: str, variant: str) -> None:
    claim = one_pair(original, variant)
    assert claim.status == "reworded", reason_values(claim)
    assert claim.reasons == ()
    assert 0.8 <= claim.score <= 1.0


def test_changed_number_is_altered_with_both_values() -> None:
    claim = one_pair(
        "The museum in Corvale now holds 1,500 masks.",
        "The museum in Corvale presently holds 1,800 masks.",
    )
    assert claim.status == "altered"
    assert reason_values(claim) == [("number", "1,500", "1,800")]
    assert claim.score < 0.8


def test_changed_amount_of_money_is_altered() -> None:
    claim = one_pair("The Dunmere bridge will cost £4.5bn.", "The Dunmere bridge will cost £5.4bn.")
    assert reason_values(claim) == [("number", "£4.5bn", "£5.4bn")]


def test_changed_currency_is_altered() -> None:
    """Pounds made dollars is a different sum of money, even with the same digits."""
    claim = one_pair("The Dunmere bridge will cost £4.5bn to build.", "The Dunmere bridge will cost $4.5bn to build.")
    assert claim.status == "altered"
    assert [r.kind for r in claim.reasons] == ["number"]


def test_changed_number_word_is_altered() -> None:
    claim = one_pair("The quarry in Marlow hired five drivers.", "The quarry in Marlow hired 7 drivers.")
    assert claim.status == "altered"
    assert reason_values(claim) == [("number", "five", "7")]


def test_replaced_name_is_altered_entity() -> None:
    claim = one_pair(
        "The old mill was bought by Harriet Quill in 2019.",
        "The old mill was purchased by Oscar Vance in 2019.",
    )
    assert claim.status == "altered"
    assert reason_values(claim) == [("entity", "Harriet Quill", "Oscar Vance")]


@pytest.mark.parametrize("close", ['"', "”"], ids=["straight", "curly"])
def test_speaker_replaced_after_a_quotation_is_altered_attribution(close: str) -> None:
    opening = "“" if close == "”" else '"'
    claim = one_pair(
        f"{opening}We will rebuild the pier by spring,{close} Quill said on Tuesday.",
        f"{opening}We will rebuild the pier by spring,{close} Vance said on Tuesday.",
    )
    assert claim.status == "altered"
    assert reason_values(claim) == [("attribution", "Quill", "Vance")]


def test_known_name_replaced_as_the_speaker_is_altered_attribution() -> None:
    """ "Quill" is a name: the article uses it mid-sentence, so swapping it first in a sentence is a swap,
    and as the one who "said" it the swap changes who is quoted."""
    original = "The mill in Marlow is run by Harriet Quill. Quill said the mill would stay open until June."
    variant = "The mill in Marlow is run by Harriet Quill. Vance said the mill would stay open until June."
    report = score_pair(original, variant)
    assert [c.status for c in report.claims] == ["kept", "altered"]
    assert reason_values(report.claims[1]) == [("attribution", "Quill", "Vance")]


def test_inserted_not_is_altered_negation() -> None:
    claim = one_pair(
        "The mill in Marlow will close this winter, the owners said.",
        "The mill in Marlow will not close this winter, the owners pronounced.",
    )
    assert claim.status == "altered"
    (reason,) = claim.reasons
    assert reason.kind == "negation"
    assert "not" in reason.variant.split()
    assert "not" not in reason.original.split()


def test_removed_not_is_altered_negation() -> None:
    claim = one_pair(
        "The mill in Marlow will not close this winter, the owners said.",
        "The mill in Marlow will close this winter, the owners said.",
    )
    assert claim.status == "altered"
    (reason,) = claim.reasons
    assert reason.kind == "negation"
    assert "not" in reason.original.split()
    assert "not" not in reason.variant.split()


@pytest.mark.parametrize(("before", "after"), [("is", "isn't"), ("has", "has never"), ("can", "cannot")])
def test_other_hard_cues_inserted_are_altered_negation(before: str, after: str) -> None:
    claim = one_pair(
        f"Councillor Dev Anand said the bridge {before} safe for lorries.",
        f"Councillor Dev Anand said the bridge {after} safe for lorries.",
    )
    assert [r.kind for r in claim.reasons] == ["negation"]


def test_negation_inserted_inside_a_quotation_is_altered_quote() -> None:
    claim = one_pair(
        '"The mill will close this winter," said owner Harriet Quill.',
        '"The mill will not close this winter," said owner Harriet Quill.',
    )
    assert claim.status == "altered"
    (reason,) = claim.reasons
    assert reason.kind == "quote"
    assert reason.original == '"The mill will close this winter,"'
    assert reason.variant == '"The mill will not close this winter,"'


def test_negation_inserted_in_a_later_sentence_of_a_quotation_is_altered_quote() -> None:
    """A quotation of two sentences is still one quotation: a "not" put into it is a misquote."""
    original = '"The pier is safe. We will reopen it in June," Mayor Alice Brennan said.'
    variant = '"The pier is safe. We will not reopen it in June," Mayor Alice Brennan said.'
    report = score_pair(original, variant)
    altered = only(report, "altered")
    assert [r.kind for c in altered for r in c.reasons] == ["quote"]
    assert len(flagged(report)) == 1


def test_swapped_score_line_is_altered_number() -> None:
    """27-25 and 25-27 hold the same digits but say who won the other way round."""
    claim = one_pair("The Corvale council passed the budget 27-25.", "The Corvale council passed the budget 25-27.")
    assert claim.status == "altered"
    assert [r.kind for r in claim.reasons] == ["number"]


def test_spun_words_inside_a_quotation_are_reworded() -> None:
    """Spinners rewrite quoted words too; with every fact intact that is spin, not a misquote."""
    claim = one_pair(
        '"We will win the vote on Thursday," said Councillor Dev Anand.',
        '"We will triumph in the vote on Thursday," pronounced Councillor Dev Anand.',
    )
    assert claim.status == "reworded"
    assert claim.reasons == ()


def test_intact_quote_with_spun_attribution_is_reworded() -> None:
    claim = one_pair(
        "“We will rebuild the mill,” owner Harriet Quill said on Tuesday.",
        "“We will rebuild the mill,” proprietor Harriet Quill pronounced on Tuesday.",
    )
    assert claim.status == "reworded"


def test_missing_sentence_is_dropped() -> None:
    variant = f"Harrowgate library reopens\n\n{P1}\n\n{P3}\n"
    report = score_pair(ARTICLE, variant)
    dropped = only(report, "dropped")
    assert [ARTICLE[c.original.start : c.original.end] for c in dropped] == [
        "The renovation cost the county £3.2m, paid from a heritage grant.",
        "Councillor Dev Anand called the building the jewel of the valley.",
    ]
    assert all(c.variant is None and c.reasons == () for c in dropped)
    assert len(flagged(report)) == 2
    assert report.summary.coverage < 1.0


def test_invented_sentence_is_added() -> None:
    invented = "Mayor Rolf Jansen promised 40 new reading rooms by 2031."
    variant = f"Harrowgate library reopens\n\n{P1} {invented}\n\n{P2}\n\n{P3}\n"
    report = score_pair(ARTICLE, variant)
    (added,) = flagged(report)
    assert added.status == "added"
    assert added.original is None
    assert variant[added.variant.start : added.variant.end] == invented
    assert report.summary.counts["added"] == 1
    assert report.summary.risk > score_pair(ARTICLE, ARTICLE).summary.risk


def test_reordered_paragraphs_are_neither_dropped_nor_added() -> None:
    variant = f"Harrowgate library reopens\n\n{P3}\n\n{P2}\n\n{P1}\n"
    report = score_pair(ARTICLE, variant)
    assert flagged(report) == []
    assert report.summary.coverage == 1.0


def test_sentence_split_in_two_is_not_flagged() -> None:
    original = (
        "The Harrowgate library reopened on Monday after a two-year renovation, "
        "and librarian Petra Holm said visitors had doubled in the first week."
    )
    variant = (
        "The Harrowgate library reopened on Monday after a two-year renovation. "
        "Librarian Petra Holm said visitors had doubled in the first week."
    )
    report = score_pair(original, variant)
    assert flagged(report) == []
    assert report.summary.coverage == 1.0


def test_two_sentences_merged_are_not_flagged() -> None:
    original = "The renovation cost the county £3.2m. It was paid from a heritage grant awarded by the Dunmere Trust."
    variant = "The renovation cost the county £3.2m and was paid from a heritage grant awarded by the Dunmere Trust."
    report = score_pair(original, variant)
    assert flagged(report) == []
    assert report.summary.coverage == 1.0


def test_spun_copy_with_one_change_flags_only_that_change() -> None:
    variant = (
        "Harrowgate library reopens\n\n"
        "A Harrowgate library reopened on Monday following a two-year refurbishment. "
        "Librarian Petra Holm pronounced the quantity of guests had doubled in the initial week.\n\n"
        "The refurbishment cost the county £3.8m, paid from a heritage grant. "
        "Councillor Dev Anand called the edifice the jewel of the valley.\n\n"
        "Opening hours will be lengthened to 9pm on weekdays from March.\n"
    )
    report = score_pair(ARTICLE, variant)
    (altered,) = flagged(report)
    assert reason_values(altered) == [("number", "£3.2m", "£3.8m")]
    assert report.summary.counts["reworded"] >= 4
    assert report.summary.risk > score_pair(ARTICLE, ARTICLE.replace("reopened", "reopens")).summary.risk


def test_terminal_escapes_in_a_copy_are_not_facts() -> None:
    """A hostile page's `ESC[2J` holds a digit, but it is no number the article lost or gained."""
    claim = one_pair(
        "Rivermouth beat Daleford 3-1 on Saturday.",
        "\x1b[2JRivermouth beat Daleford 3-1 on Saturday \x1b]8;;http://x\x1b\\now.",
    )
    assert claim.status == "reworded"
    assert claim.reasons == ()


def test_a_name_pair_spun_on_both_sides_is_not_cut_into_dropped_and_added() -> None:
    original = (
        "A senior harbour official, speaking to the gazette's shipping reporter Ines Varga, said the "
        "figures were still poor."
    )
    variant = (
        "A elder wharf functionary, vocalising to a gazette's delivery journalist Ines Varga, pronounced "
        "a figures were still poor."
    )
    claim = one_pair(original, variant)
    assert claim.status == "reworded"


def test_a_rank_is_not_a_negation() -> None:
    claim = one_pair("Varga beat the world number seven in Vellmark.", "Varga beat the world No 7 in Vellmark.")
    assert claim.status == "reworded"


def test_not_only_with_but_adds_and_negates_nothing() -> None:
    original = "Ines Varga wrote and directed the play in Vellmark."
    variant = "Ines Varga not only wrote but also directed the play in Vellmark."
    assert one_pair(original, variant).status == "reworded"
    assert one_pair("There was only one ferry to Vellmark.", "There was not only one ferry to Vellmark.").status == (
        "altered"
    )


@pytest.mark.parametrize(
    ("original", "variant"),
    [("The vote is set for 5 May in Vellmark.", "The vote is set for May 5 in Vellmark.")],
)
def test_a_date_written_the_other_way_round_is_not_a_change(original: str, variant: str) -> None:
    assert one_pair(original, variant).status == "reworded"


@pytest.mark.parametrize(
    ("original", "variant"),
    [
        (
            "Varga feared she would not be able to sail to Vellmark.",
            "Varga feared she would be unable to sail to Vellmark.",
        ),
        ("Officials in Vellmark said there will not be a vote.", "Officials in Vellmark said there will be no vote."),
        ("The date in Vellmark has not yet been decided.", "The date in Vellmark has yet to be decided."),
        ("Varga failed to finish the race in Vellmark.", "Varga did not finish the race in Vellmark."),
    ],
)
def test_the_same_polarity_in_other_words_is_not_a_change(original: str, variant: str) -> None:
    assert one_pair(original, variant).status == "reworded"


def test_a_not_added_where_a_spinner_dropped_without_is_still_altered() -> None:
    original = "Varga spoke without naming anyone. The ferry has been running to Vellmark."
    variant = "Varga spoke but naming anyone. The ferry has not been running to Vellmark."
    report = score_pair(original, variant)
    assert [c.status for c in report.claims] == ["reworded", "altered"]


def test_a_spun_sentence_joined_to_the_next_by_a_colon_is_neither_dropped_nor_added() -> None:
    original = (
        "On some counts, the ferry meeting made sense. Varga wants to be seen as the harbour's chief "
        "builder and dealmaker, so why not meet the owner of the biggest shipyard in Vellmark? The yard, "
        "whose owner was recently fined by the port authority, got good press from the mayor."
    )
    variant = (
        "On some counts, a ferry accommodate finished sense: Varga wants to be seen as a harbour's chief "
        "builder and dealmaker, so because not accommodate a owner of the biggest shipyard in Vellmark? "
        "The yard, whose owner was recently fined by the port authority, got good press from the mayor."
    )
    report = score_pair(original, variant)
    assert flagged(report) == []


def test_a_short_sentence_spun_word_for_word_in_place_is_paired_not_dropped_and_added() -> None:
    original = (
        "Varga said the ferry to Vellmark would sail again on Monday. How right she was. "
        "The harbour board met on Tuesday to approve the timetable."
    )
    variant = (
        "Varga pronounced the ferry to Vellmark would sail again on Monday. How correct she was. "
        "The harbour board met on Tuesday to approve the timetable."
    )
    assert flagged(score_pair(original, variant)) == []


def test_negative_words_in_place_of_a_not_keep_the_polarity() -> None:
    original = "Mr Lind said people in Vellmark did not want or need a new bridge."
    variant = "Mr Lind said people in Vellmark neither wanted nor needed a new bridge."
    assert one_pair(original, variant).status == "reworded"


def test_speaker_named_then_described_in_words_the_article_never_uses_is_attribution() -> None:
    article = "Ferry fares rise\n\nFares on the Kell crossing will rise in May, Tomas Brede said.\n"
    variant = "Ferry fares rise\n\nFares on the Kell crossing will rise in May, a harbour pilot said.\n"
    assert ("attribution", "Tomas Brede", "harbour pilot") in reason_values(flagged(score_pair(article, variant))[0])


def test_speaker_described_as_the_article_describes_them_is_not_attribution() -> None:
    article = (
        "Ferry fares rise\n\nHarbour master Tomas Brede spoke on Friday. "
        "Fares on the Kell crossing will rise in May, Tomas Brede said.\n"
    )
    variant = (
        "Ferry fares rise\n\nHarbour master Tomas Brede spoke on Friday. "
        "Fares on the Kell crossing will rise in May, the harbour master said.\n"
    )
    assert flagged(score_pair(article, variant)) == []


def test_body_replaced_by_a_panel_of_initials_is_attribution() -> None:
    """ "MPs" is a plural noun, not a name: a body of people in place of another speaker."""
    claim = one_pair(
        "Tolls on the Orme bridge should be scrapped, the roads regulator has said.",
        "Tolls on the Orme bridge should be scrapped, a panel of MPs has said.",
    )
    assert [r.kind for r in claim.reasons] == ["attribution"]


def test_named_body_sharing_a_word_with_another_is_attribution() -> None:
    claim = one_pair(
        "Visitor numbers doubled, according to the Northern Rail and Ferry Board.",
        "Visitor numbers doubled, according to the Northern Ferry Authority.",
    )
    assert [r.kind for r in claim.reasons] == ["attribution"]


def test_a_long_name_after_the_is_not_cut_as_a_glued_sentence() -> None:
    report = score_pair(
        "Ticket sales grew, according to the Western Coast and Valley Tourism Council.",
        "Ticket sales grew, according to the Western Valley Tourism Agency.",
    )
    assert [c.status for c in report.claims] == ["altered"]


def test_news_is_no_plural_source() -> None:
    """A spinner swaps "report" for "news": neither names a body of sources."""
    claim = one_pair(
        '"The depot has not been kept in good repair," the report says.',
        '"The depot has not been kept in good repair," a news says.',
    )
    assert claim.status == "reworded"


def test_a_name_the_texts_repeat_is_not_cut_as_a_glued_sentence() -> None:
    text = "The quay days are finished and gone for good, Ada Vell wrote in a letter to the harbour board."
    other = "Vell wrote in a letter to the harbour board that the deal is off."
    names = refine.name_pairs(text + " Ada Vell spoke.", other)
    assert refine.split(text, Span(0, len(text)), other, names) == (Span(0, len(text)), [])
    # Without knowing the name, "Ada" ends a glued sentence that the other side never wrote.
    assert refine.split(text, Span(0, len(text)), other)[1] == [Span(0, text.index(" Vell"))]


def test_spun_sentence_split_in_two_is_one_claim() -> None:
    """ "the border of Tarn" is "the edge of Tarn" in synonyms: the split-off part belongs."""
    report = score_pair(
        "The clinic is on the edge of Tarn, where 9,000 people live in tents made of canvas.",
        "The dispensary is on the border of Tarn. There, 9,000 people live in tents made of canvas.",
    )
    assert flagged(report) == []


def test_amount_with_its_scale_written_out_aligns() -> None:
    assert content_words("It cost $4bn.") == content_words("It cost $4 billion.") == {"cost", "4", "billion"}


def test_a_headline_is_not_cut_down_to_its_last_words() -> None:
    text = "Kemp joins fight over Lower Vale vote"
    assert refine.split(text, Span(0, len(text)), "Kemp wades into Vale ballot row") == (Span(0, len(text)), [])


def test_adjective_of_belonging_the_article_writes_is_not_a_new_name() -> None:
    article = (
        "Vote row\n\nThe Whigs lost the vote in Dunmore. "
        "Liberal members said the Whigs had been outspent. "
        "The result was fair, Whig leader Anna Roke said.\n"
    )
    variant = (
        "Vote row\n\nThe Whigs lost the vote in Dunmore. "
        "Liberal members said the Whigs had been outspent. "
        "The result was fair, Liberal leader Anna Roke said.\n"
    )
    assert flagged(score_pair(article, variant)) == []


def test_adjective_of_belonging_new_to_the_article_is_entity() -> None:
    article = "Vote row\n\nThe Whigs lost the vote in Dunmore, Whig leader Anna Roke said.\n"
    variant = "Vote row\n\nThe Whigs lost the vote in Dunmore, Liberal leader Anna Roke said.\n"
    assert [r.kind for c in flagged(score_pair(article, variant)) for r in c.reasons] == ["entity"]


def test_not_until_is_only() -> None:
    claim = one_pair(
        "The minutes were not signed until weeks after the vote.",
        "The minutes were only signed weeks after the vote.",
    )
    assert claim.status == "reworded"


def test_a_spun_tail_is_sourced_by_its_synonyms() -> None:
    """ "folks" for "people", "totally" for "completely": not a glued sentence of its own."""
    text = "Closing the case, Judge Ivo Marr pronounced Kell had tricked folks who devoted him totally."
    other = "Closing the case, Judge Ivo Marr said Kell had betrayed people who trusted him completely."
    assert refine.split(text, Span(0, len(text)), other) == (Span(0, len(text)), [])


def test_new_name_beside_a_shared_one_at_its_first_mention_is_entity() -> None:
    """ "Harbour Energy" -> "Tidal Energy": the "Energy" both write does not stand for "Harbour"."""
    article = (
        "Wind farm approved\n\nThe project, led by Harbour Energy, will power about 90,000 homes. "
        "Harbour said work would start in the spring.\n"
    )
    variant = (
        "Wind farm approved\n\nA project, led by Tidal Energy, will energy about 90,000 homes. "
        "Harbour said work would start in the spring.\n"
    )
    kinds = [r.kind for c in flagged(score_pair(article, variant)) for r in c.reasons]
    assert kinds == ["entity"]


def test_thousands_separator_is_one_number_for_alignment() -> None:
    assert content_words("19,870 waited.") == content_words("19870 waited.")


def test_short_sentence_spun_in_its_one_content_word_is_one_claim() -> None:
    article = (
        "The Rovers lost at home on Saturday to a late goal. "
        "But we are certainly not out of it. "
        "The squad returns to training on Tuesday morning."
    )
    variant = (
        "The Rovers lost at home on Saturday to a late goal. "
        "But we are positively not out of it. "
        "The squad returns to training on Tuesday morning."
    )
    assert flagged(score_pair(article, variant)) == []


def test_sentence_merged_into_one_paragraphs_away_is_not_dropped() -> None:
    article = (
        "Ferry row\n\nHarbour chief Rosa Quint said the crews who signed the petition knew nothing of the plan.\n\n"
        "The ferry has run since 1962. Its timetable was cut last winter.\n\n"
        "Rosa Quint said the real question was whether the council had ever costed the new pier.\n"
    )
    variant = (
        "Ferry row\n\nHarbour chief Rosa Quint said the crews who signed the petition knew nothing of the plan, "
        "and that the real question was whether the council had ever costed the new pier.\n\n"
        "The ferry has run since 1962. Its timetable was cut last winter.\n"
    )
    assert [c.status for c in score_pair(article, variant).claims if c.status in ("dropped", "added")] == []


def test_sentence_moved_and_reworded_pairs_with_its_original() -> None:
    article = (
        "Summit\n\nThe talks open in Geneva on Monday. Delegates from nine states are expected. "
        "The agenda is long. Norway will not attend, but is said to be closely watching the outcome.\n"
    )
    variant = (
        "Summit\n\nNorway will stay away, though it is said to be keeping a close eye on the outcome. "
        "The talks open in Geneva on Monday. Delegates from nine states are expected. The agenda is long.\n"
    )
    assert [c.status for c in score_pair(article, variant).claims if c.status in ("dropped", "added")] == []


def test_number_word_changed_where_the_same_word_stands_twice_is_number() -> None:
    claim = one_pair(
        "After a two-day hearing the court heard two ferries had been sold.",
        "After a two-day hearing the court heard three ferries had been sold.",
    )
    assert reason_values(claim) == [("number", "two", "three")]


def test_a_claim_missing_too_few_words_keeps_whole() -> None:
    """Fewer than three words the other side lacks cannot make a glued sentence of their own."""
    text = "The quay reopened on Friday Mayor Tessa Lund cut the ribbon."
    other = "The quay reopened on Friday and Mayor Tessa Lund cut a ribbon there."
    assert refine.split(text, Span(0, len(text)), other) == (Span(0, len(text)), [])


def test_speaker_described_by_a_title_the_article_capitalises_is_not_attribution() -> None:
    article = "Budget\n\nChancellor Ines Varga spoke on Friday. Taxes on fuel will rise in May, Ines Varga said.\n"
    variant = "Budget\n\nChancellor Ines Varga spoke on Friday. Taxes on fuel will rise in May, the chancellor said.\n"
    assert flagged(score_pair(article, variant)) == []
