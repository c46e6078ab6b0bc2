"""An editor's hands: flags first, keys that fit, Esc that cancels, the context to act on, an inbox
that keeps its place. Every test runs the real app on a real store file."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

import pytest

from claimdesk.store import Store
from claimdesk.tui.components.aligned_view import AlignedView
from claimdesk.tui.components.key_footer import KeyFooter
from claimdesk.tui.components.review_status import ReviewStatus
from claimdesk.tui.screens.help import HelpScreen
from claimdesk.tui.screens.inbox import InboxScreen
from claimdesk.tui.screens.note import NoteScreen
from claimdesk.tui.screens.review import ReviewScreen
from tests.tui.conftest import STORY, Line, add, inbox, ready, screen_text, settled, until, verdict_rows
from tests.tui.flows import anchor_below_the_top, editor_config, open_review


def feedback(app) -> str:
    status = app.screen.query_one(ReviewStatus)
    return f"{status.message} | {status.progress}"


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


# Moving within a variant ------------------------------------------------------------------

LONG = (*STORY, *STORY, *STORY)  # claims 2, 3, 5, 7, 8, 10, 12, 13, 15 are flagged


@pytest.fixture
def long_db(tmp_path: Path) -> Path:
    path = tmp_path / "long.db"
    with Store.open(path) as store:
        add(store, 1, risk=0.9, lines=LONG)
        add(store, 2, risk=0.5)
    return path


async def test_flag_keys_walk_the_flagged_claims_across_the_variant(long_db, make_app):
    app = make_app(long_db)
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(pilot)
        assert review.selected == 1
        await pilot.press("tab", "tab", "w")
        assert review.selected == 6  # claims 3, 5, then 7
        await pilot.press("shift+tab", "b")
        assert review.selected == 2
        await pilot.press("b", "b")
        assert review.selected == 1 and "No flagged claim before this one." in feedback(app)
        await pilot.press("G")
        assert review.selected == len(LONG) - 1
        await pilot.press("tab")
        assert review.selected == len(LONG) - 1 and "No flagged claim after this one." in feedback(app)
        await pilot.press("g")
        assert review.selected == 0
        await pilot.press("end")
        assert review.selected == len(LONG) - 1
        await pilot.press("home")
        assert review.selected == 0
        view = review.query_one(AlignedView)
        await pilot.press("pagedown")
        first_page = review.selected
        assert first_page > 1 and view.top > 0
        await pilot.press("pagedown")
        assert review.selected > first_page
        await pilot.press("pageup", "pageup")
        assert review.selected == 0
        assert verdict_rows(long_db) == []


async def test_confirm_and_dismiss_move_on_to_the_next_flag(long_db, make_app):
    app = make_app(long_db)
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(pilot)
        variant = review.variant_id
        await pilot.press("c")
        await until(pilot, lambda: review.selected == 2 and not review.busy, "the next flag")
        assert "Claim 2 confirmed" in feedback(app)
        await pilot.press("d")
        await until(pilot, lambda: review.selected == 4 and not review.busy, "the flag after")
        assert verdict_rows(long_db) == [(variant, 2, "confirmed", "ana", None), (variant, 3, "dismissed", "ana", None)]


# Esc ---------------------------------------------------------------------------------------


async def test_escape_cancels_every_prompt_and_never_records_or_quits(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, InboxScreen) and app.is_running
        # Search: Esc closes the box, keeps the listing, and the next j moves instead of typing.
        await pilot.press("slash", *"harb", "escape")
        search = app.screen.query_one("#search")
        assert not search.display and inbox(app).query.search is None
        await pilot.press("j")
        assert inbox(app).cursor == 1 and "j" not in search.value
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, InboxScreen)
        await pilot.press("k")
        review = await open_review(pilot)
        await pilot.press("semicolon", *"first", "enter")
        await pilot.press("semicolon", *" and more", "escape")  # cancelled: the note stays "first"
        assert not isinstance(app.screen, NoteScreen)
        assert app.notes.get(review.variant_id) == "first"
        await pilot.press("question_mark", "escape")
        assert app.screen is review
        await pilot.press("ctrl+p")
        await until(pilot, lambda: app.screen is not review, "the palette")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is review, "the palette closed")
        await pilot.press("escape", "escape")
        assert app.screen is review and app.is_running
        assert verdict_rows(db) == []


async def test_escape_hides_textuals_key_panel(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        app.action_show_help_panel()
        await until(pilot, lambda: app.screen.query("HelpPanel"), "the key panel")
        await pilot.press("escape")
        await until(pilot, lambda: not app.screen.query("HelpPanel"), "the key panel hidden")
        assert isinstance(app.screen, InboxScreen) and app.is_running


# The footer ----------------------------------------------------------------------------------


async def test_the_80_column_footer_names_the_keys_that_matter(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        line = footer(app)
        pairs = [(entry[0], entry[1]) for entry in app.screen.query_one(KeyFooter).entries()]
        keys = [keys for keys, _word in pairs]
        assert keys[:4] == ["a", "x", "n", "e"]  # verdict keys first
        for key, word in (("a", "faith"), ("x", "distort"), ("n", "unrel"), ("e", "escal"), ("space", "skip")):
            assert f"{key} {word}" in line
        for key in ("c/d", "z", "?", "q"):
            assert f" {key} " in line
        assert len(line.rstrip()) <= 80


async def test_the_footer_shows_remapped_verdict_keys_in_their_place(db, tmp_path, make_app):
    config = editor_config(
        tmp_path, '[keys]\nverdict-faithful = "f"\nverdict-skip = "s"\n\n[verdicts]\ndistorted = "spun"\n'
    )
    app = make_app(db, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        line = " ".join(footer(app).split())
        assert line.startswith("f faith x spun n unrel")
        assert " s skip " in line and "space" not in line
    wide = make_app(db, config=config)
    async with wide.run_test(size=(160, 50)) as pilot:
        await open_review(pilot)
        line = footer(wide)
        assert "f Faithful" in line and "x Spun" in line and "c/d Confirm/dismiss" in line


# Progress, confirmation, skip ------------------------------------------------------------------


async def test_progress_and_a_confirmation_naming_the_variant(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(pilot)
        await until(pilot, lambda: "6 of 6 undecided in this listing" in feedback(app), "progress")
        first = review.variant_id
        await pilot.press("x")
        await settled(pilot)
        await until(pilot, lambda: review.variant_id != first, "the next variant")
        assert f"✓ distorted: #{first} “Copied story number {first}” recorded" in feedback(app)
        assert "5 of 6 undecided in this listing" in feedback(app)
        assert "5 of 6 undecided in this listing" in screen_text(app)


async def test_skip_says_when_it_wraps_to_the_top(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("G", "enter")  # the last variant of the listing
        await settled(pilot)
        review = app.screen
        last = review.variant_id
        await pilot.press("space")
        await until(pilot, lambda: review.variant_id != last and review.painted, "the skip")
        await until(pilot, lambda: "Skipped" in feedback(app), "the skip message")
        assert f"Skipped #{last}" in feedback(app) and "back at the top of the listing" in feedback(app)
        await pilot.press("space")
        await until(pilot, lambda: "back at the top" not in feedback(app), "a skip without wrap")
        assert verdict_rows(db) == []


# Context, copy, open ---------------------------------------------------------------------------


async def test_context_line_and_copying_the_url(db, make_app):
    with Store(db) as store:
        variant = store.inbox_page().rows[0].id
        detail = store.variant(variant)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        shot = screen_text(app)
        assert f"found {detail.found_at[:10]} {detail.url.removeprefix('https://')}" in shot
        assert f"of “{detail.article.title}”" in shot
        await pilot.press("y")
        assert app.clipboard == detail.url
        assert f"Copied {detail.url}" in feedback(app)
        assert verdict_rows(db) == []


OPENER = "import pathlib, sys; pathlib.Path(sys.argv[1]).write_text(sys.argv[2])"


async def test_o_opens_the_url_in_a_graphical_browser_and_never_in_a_console_one(db, tmp_path, make_app, monkeypatch):
    opened = tmp_path / "opened.txt"
    webbrowser.get  # noqa: B018 - make sure the module registered its own browsers first
    monkeypatch.setattr(webbrowser, "_tryorder", ["claimdesk-test"])
    monkeypatch.setattr(webbrowser, "_browsers", dict(webbrowser._browsers))
    browser = webbrowser.BackgroundBrowser([sys.executable, "-c", OPENER, str(opened), "%s"])
    webbrowser.register("claimdesk-test", None, browser)
    with Store(db) as store:
        url = store.variant(store.inbox_page().rows[0].id).url
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("o")
        await until(pilot, lambda: opened.exists() and opened.read_text() == url, "the browser", tries=500)
        await until(pilot, lambda: f"Opened {url}" in feedback(app), "the message")
        # A console browser would take over this very terminal: refused, with the way out.
        webbrowser.register("claimdesk-test", None, webbrowser.GenericBrowser(["lynx", "%s"]))
        await pilot.press("o")
        await until(pilot, lambda: "No graphical browser" in feedback(app), "the refusal")


# The inbox -------------------------------------------------------------------------------------


async def test_the_cursor_stays_on_its_variant_across_sort_filter_and_search(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        chosen = await anchor_below_the_top(pilot)
        await pilot.press("s")  # time: by found date
        await until(pilot, lambda: inbox(app).query.sort == "time" and inbox(app).current is not None, "time sort")
        assert inbox(app).current.id == chosen and inbox(app).cursor != 2
        await pilot.press("s", "s")  # site, then altered count
        await until(pilot, lambda: inbox(app).query.sort == "altered" and inbox(app).current is not None, "sorts")
        assert inbox(app).current.id == chosen
        await pilot.press("f")  # new: still listed
        await until(pilot, lambda: inbox(app).query.state == "new" and inbox(app).current is not None, "filter")
        assert inbox(app).current.id == chosen
        await pilot.press("slash", *"story 1", "enter")  # the chosen one is not "Story 1": top
        await until(pilot, lambda: inbox(app).total == 1 and inbox(app).current is not None, "search")
        assert inbox(app).cursor == 0 and inbox(app).current.id != chosen


async def test_time_sort_is_by_the_found_date_shown(db, make_app):
    with Store(db) as store:
        rows = store.inbox_page(limit=100).rows
    by_found = [r.id for r in sorted(rows, key=lambda r: (r.found_at, r.id), reverse=True)]
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await until(pilot, lambda: inbox(app).query.sort == "time" and inbox(app).row_at(5) is not None, "time sort")
        assert [inbox(app).row_at(i).id for i in range(6)] == by_found != sorted(by_found, reverse=True)
        assert "sort:time" in screen_text(app)


async def test_q_after_a_review_ran_out_does_not_quit(tmp_path, make_app):
    path = tmp_path / "one.db"
    with Store.open(path) as store:
        add(store, 1, risk=0.9)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("a")  # the only variant: the review runs out and returns by itself
        await until(pilot, lambda: isinstance(app.screen, InboxScreen), "the inbox")
        await pilot.press("q")  # meant for the review
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, InboxScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_search_covers_the_article_site_prefixes_and_renamed_verdicts(db, tmp_path, make_app):
    renamed = Line("altered", "Council leader Margaret Okafor spoke.", "Council leader Margaret Owens spoke.")
    with Store(db) as store:
        okafor = add(store, 7, risk=0.05, lines=(renamed,), title="Leader speaks")
        been = add(store, 8, risk=0.04, lines=(Line("kept", "It has been a year.", "It has been a year."),))
        store.record_verdict(store.inbox_page().rows[0].id, "distorted", "bob")
    app = make_app(db, config=editor_config(tmp_path, '[verdicts]\ndistorted = "spun"\n'))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)

        async def search(words: str, total: int) -> None:
            await pilot.press("slash", *["backspace"] * 40, *words, "enter")
            await until(pilot, lambda: inbox(app).query.search == (words or None) or total == -1, words)
            await until(pilot, lambda: inbox(app).counted and inbox(app).total == total, f"{words}: {total}")

        await search("Okafor", 1)  # only the article names her
        assert inbox(app).current.id == okafor
        await search("bee", 0)  # "been" is not the word "bee"
        await search("Okaf", 1)  # the last word as a prefix when no whole word matches
        await pilot.press("slash", *["backspace"] * 40, *"site:site1", "enter")
        await until(pilot, lambda: inbox(app).query.site == "site1" and inbox(app).total == 3, "site prefix")
        await pilot.press("slash", *["backspace"] * 40, *"verdict:spun", "enter")
        await until(pilot, lambda: inbox(app).query.verdict == "distorted" and inbox(app).total == 1, "renamed")
        await pilot.press("slash")
        assert app.screen.query_one("#search").value == "verdict:spun"
        await pilot.press(*["backspace"] * 40, *"nothing-matches-this", "enter")
        await until(pilot, lambda: inbox(app).counted and inbox(app).total == 0, "empty")
        shot = screen_text(app)
        assert "No variant matches this listing." in shot and "Press / and clear the box" in shot
    assert been


# Help and palette ------------------------------------------------------------------------------


async def test_help_opens_at_the_current_screens_section_with_a_legend(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(80, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen) and app.screen.section == "review"
        text = app.screen.query_one("#help-review").render().plain
        assert text.index("Review") < text.index("Inbox")
        for words in ("State glyphs", "⊘", "Claim marks", "! ALTERED", "coverage", "holder"):
            assert words in text
        await pilot.press("q", "q")
        await until(pilot, lambda: isinstance(app.screen, InboxScreen), "the inbox")
        await pilot.press("question_mark")
        text = app.screen.query_one("#help-inbox").render().plain
        assert text.index("Inbox") < text.index("Review")


async def test_the_palette_has_the_apps_commands(db, make_app):
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"sort by found")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: inbox(app).query.sort == "time", "sorted from the palette")
        await pilot.press("ctrl+p", *"#4")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.variant_id == 4, "go to #4")
        await settled(pilot)
        await pilot.press("g", "ctrl+p", *"next flagged")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.selected == 1, "next flag from the palette")


async def test_the_palette_exports_the_current_listing(db, make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"site:site1", "enter")
        await until(pilot, lambda: inbox(app).total == 2, "filtered")
        await pilot.press("ctrl+p", *"export")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: list(tmp_path.glob("claimdesk-listing-*.csv")), "the export", tries=500)
    [written] = tmp_path.glob("claimdesk-listing-*.csv")
    lines = written.read_text().splitlines()
    assert lines[0].startswith("variant_id,state,risk") and len(lines) == 3


# A page that is not a copy -----------------------------------------------------------------------


async def test_a_mismatched_page_ranks_last_with_its_glyph_and_shows_its_text_first(db, make_app):
    unrelated = tuple(
        [Line("dropped", f"The article sentence {n} about the council.", None, score=0.0) for n in range(8)]
        + [Line("added", None, f"The market stall {n} sells cheese and bread.", score=0.0) for n in range(3)]
    )
    with Store(db) as store:
        page = add(store, 9, risk=0.99, lines=unrelated, coverage=0.0, title="Farmers market returns")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert inbox(app).current.id != page
        await pilot.press("G")
        await until(pilot, lambda: inbox(app).current is not None and inbox(app).current.id == page, "last row")
        row = next(line for line in screen_text(app).splitlines() if "Farmers market" in line)
        assert row[1] == "⊘" and "mismatch?" in row
        await pilot.press("enter")
        await settled(pilot)
        shot = screen_text(app)
        assert "not a copy of this article" in shot.upper() or "NOT A COPY" in shot.upper()
        assert "The market stall 0 sells cheese and bread." in shot
