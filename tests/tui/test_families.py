"""Copy families in the app: the grouped inbox, the review's family line and family verdicts with
their one undo, and the spread screen, on a real store with one article copied ten times."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdesk.store import Store
from claimdesk.tui.components.family_line import FamilyLine, family_summary
from claimdesk.tui.components.group_list import GroupList
from claimdesk.tui.components.spread_view import SpreadView
from claimdesk.tui.screens.confirm import ConfirmScreen
from claimdesk.tui.screens.help import HelpScreen
from claimdesk.tui.screens.inbox import InboxScreen
from claimdesk.tui.screens.review import ReviewScreen
from claimdesk.tui.screens.spread import SpreadScreen
from tests.tui.conftest import feedback, inbox, ready, screen_text, settled, until
from tests.tui.family_data import ECHO_SITES, SPINWIRE_SITES, Harbour, harbour_store


@pytest.fixture
def harbour(tmp_path: Path) -> tuple[Path, Harbour]:
    path = tmp_path / "harbour.db"
    return path, harbour_store(path)


def groups(app) -> GroupList:
    return app.screen.query_one(GroupList)


async def grouped(pilot) -> GroupList:
    """Press ``v`` and wait for the grouped list's first page."""
    await pilot.press("v")
    listing = groups(pilot.app)
    await until(pilot, lambda: listing.counted and listing.article_at(0) is not None, "the grouped list")
    await pilot.pause()
    return listing


async def expanded(pilot) -> GroupList:
    """The grouped list with its first article (the harbour) open."""
    listing = await grouped(pilot)
    await pilot.press("enter")
    await until(pilot, lambda: listing.expanded is not None, "the families")
    await pilot.pause()
    return listing


async def open_variant(pilot, variant_id: int) -> ReviewScreen:
    """Open ``variant_id`` for review (the palette's go-to) and wait for its paint."""
    pilot.app.screen.go_to_variant(variant_id)
    await settled(pilot)
    await until(pilot, lambda: pilot.app.screen.shown.family is not None, "the family")
    return pilot.app.screen


def batch_rows(path: Path) -> list[tuple]:
    """Every verdict event as (variant_id, verdict, editor, batch is set)."""
    with Store(path) as store:
        rows = store.read("SELECT variant_id, verdict, editor, batch FROM verdicts ORDER BY id")
    return [(r[0], r[1], r[2], r[3] is not None) for r in rows]


# The grouped inbox ---------------------------------------------------------------------------


async def test_v_toggles_the_grouped_view_and_back(harbour, make_app):
    path, ids = harbour
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert not groups(app).display
        listing = await grouped(pilot)
        assert listing.display and not inbox(app).display and app.screen.grouped
        assert listing.articles == 4
        first = listing.article_at(0)
        assert (first.article_id, first.copies, first.undecided, first.worst_risk) == (ids.article_id, 10, 10, 0.9)
        await until(pilot, lambda: "4 articles grouped" in str(app.screen.query_one("#status").render()))
        text = screen_text(app)
        assert "Harbour budget approved  (5 families)" in text
        assert "v Group by article" in text  # the footer names the key
        await pilot.press("j")
        assert listing.current.title == "Story 1"
        await pilot.press("v")
        assert inbox(app).display and not listing.display and not app.screen.grouped
        assert inbox(app).total == 13


async def test_the_palette_offers_the_grouped_view(harbour, make_app):
    path, _ids = harbour
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"group by article")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InboxScreen) and app.screen.grouped, "the grouped view")
        await until(pilot, lambda: groups(app).articles == 4, "the grouped count")


async def test_search_applies_to_the_grouped_view_and_stays_for_the_flat_one(harbour, make_app):
    path, _ids = harbour
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        listing = await grouped(pilot)
        await pilot.press("slash", *"site:echo", "enter")
        await until(pilot, lambda: listing.articles == 1 and listing.article_at(0) is not None, "the search")
        first = listing.article_at(0)
        assert (first.title, first.copies, first.undecided) == ("Harbour budget approved", 3, 3)
        await pilot.press("s")  # grouped, the order is fixed: s says so and changes nothing
        assert inbox(app).query.sort == "risk"
        await pilot.press("v")
        await until(pilot, lambda: inbox(app).total == 3, "the flat list of the same search")


async def test_enter_expands_an_article_into_its_families(harbour, make_app):
    path, ids = harbour
    app = make_app(path)
    async with app.run_test(size=(160, 30)) as pilot:
        await ready(pilot)
        listing = await expanded(pilot)
        families = listing.expanded.families
        assert [f.members for f in families] == [4, 3, 1, 1, 1]
        assert listing.total == 4 + 5
        text = screen_text(app)
        assert "◇ on 4 sites: " + ", ".join(sorted(SPINWIRE_SITES)) in text
        assert "! number: 35,000 → 30,000" in text
        assert "! number: 35,000 → 25,000, number: 48 million → 84 million" in text
        assert "◇ word for word on 1 site: mirror.example" in text
        await pilot.press("j")
        assert listing.current.family_id == ids.spinwire[0]
        await pilot.press("G")
        assert listing.current.title == "Story 3"  # families count as lines: the last is the last article
        await pilot.press("g", "enter")  # enter on an open article closes it
        assert listing.expanded is None and listing.total == 4


async def test_right_and_left_open_and_close_and_one_article_is_open_at_a_time(harbour, make_app):
    path, _ids = harbour
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        listing = await grouped(pilot)
        await pilot.press("j", "right")
        await until(pilot, lambda: listing.expanded is not None)
        assert listing.expanded.index == 1 and listing.article_at(1).title == "Story 1"
        assert len(listing.expanded.families) == 1
        await pilot.press("k", "l")  # the harbour opens, Story 1 closes
        await until(pilot, lambda: listing.expanded is not None and listing.expanded.index == 0)
        assert listing.total == 4 + 5 and listing.cursor == 0
        await pilot.press("j", "j", "left")  # on a family: closes its article, cursor to the article
        assert listing.expanded is None and listing.cursor == 0
        await pilot.press("h")  # nothing open: nothing happens
        assert listing.total == 4


async def test_enter_on_a_family_lists_its_members_and_q_goes_back(harbour, make_app):
    path, ids = harbour
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        listing = await expanded(pilot)
        await pilot.press("j", "j", "enter")  # the echo family
        flat = inbox(app)
        await until(pilot, lambda: flat.display and flat.total == 3, "the family's members")
        assert not app.screen.grouped and flat.query.family == ids.echo[0]
        status = app.screen.query_one("#status")
        await until(pilot, lambda: f"3 listed sort:risk family:{ids.echo[0]}" in str(status.render()))
        await until(pilot, lambda: flat.current is not None, "the first member")
        assert sorted(flat.row_at(i).id for i in range(3)) == sorted(ids.echo)
        await pilot.press("enter")  # a member's review: its family line names the others
        await settled(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.variant_id in ids.echo
        line = app.screen.query_one(FamilyLine)
        await until(pilot, lambda: line.display)
        assert line.text.plain.startswith("◇ family of 3 copies on 3 sites: ")
        await pilot.press("q")
        assert isinstance(app.screen, InboxScreen) and not app.screen.grouped
        await pilot.press("q")  # out of the members: the grouped view, the article still open
        assert app.screen.grouped and listing.display and app.screen.family_from is None
        assert flat.query.family is None
        await until(pilot, lambda: listing.expanded is not None and listing.cursor == 2, "the grouped view")
        await pilot.press("enter")
        await until(pilot, lambda: flat.display and flat.total == 3, "the members again")
        await pilot.press("escape")  # Esc goes back as q does
        assert app.screen.grouped
        await pilot.press("j", "enter")
        await until(pilot, lambda: flat.display and flat.query.family is not None, "a family")
        await pilot.press("slash", "ctrl+u", "enter")  # clearing the filters: the whole flat list
        await until(pilot, lambda: flat.query.family is None and flat.total == 13, "every variant")
        assert not app.screen.grouped


def test_family_search_words_round_trip() -> None:
    from claimdesk.store import InboxQuery
    from claimdesk.tui.screens.inbox import parse_search, search_text

    query = parse_search("family:42 state:new harbour", InboxQuery())
    assert (query.family, query.state, query.search) == (42, "new", "harbour")
    assert parse_search(search_text(query), InboxQuery()) == query
    assert parse_search("family:x", InboxQuery()).search == "family:x"  # not a family id: plain words


# The review's family ---------------------------------------------------------------------------


async def test_review_names_the_family_and_its_sites(harbour, make_app):
    path, ids = harbour
    app = make_app(path)
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        review = await open_variant(pilot, ids.spinwire[2])
        line = review.query_one(FamilyLine)
        assert line.display
        sites = ", ".join(sorted(SPINWIRE_SITES))
        assert line.text.plain == f"◇ family of 4 copies on 4 sites: {sites}  A/X all  S spread"
        await open_variant(pilot, ids.loners[0])
        await until(pilot, lambda: not line.display, "the line hidden for a copy alone")


def test_family_line_fits_80_columns():
    sites = [f"site-number-{n}.example" for n in range(30)]
    text = family_summary(50, sites, ["A/X all", "S spread"], 78).plain
    assert len(text) <= 78
    assert text.startswith("◇ family of 50 copies on 30 sites: site-number-0.example")
    assert "+29 more" in text and "A/X all" in text
    assert family_summary(3, ["a.example", "b.example"], ["A/X all"], 78).plain == (
        "◇ family of 3 copies on 2 sites: a.example, b.example  A/X all"
    )
    hostile = family_summary(2, ["\x1b[31mred\x1b[0m.example", "b"], [], 78).plain
    assert "\x1b" not in hostile


async def test_family_verdict_asks_then_records_each_free_member_and_one_undo_takes_all_back(harbour, make_app):
    path, ids = harbour
    first, second, decided, held = ids.spinwire
    with Store(path) as store:
        store.record_verdict(decided, "distorted", "bob")
        store.take_lease(held, "bob")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await open_variant(pilot, first)
        before = batch_rows(path)
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        text = screen_text(app)
        assert "Record faithful on 2 undecided copies of this family" in text
        assert "y: yes, record 2 faithful verdicts" in text
        await pilot.press("y")
        # The answer goes back to the review before the write starts: wait for the rows themselves.
        await until(pilot, lambda: len(batch_rows(path)) >= len(before) + 2, "the family's verdicts")
        await settled(pilot)
        rows = batch_rows(path)[len(before) :]
        assert sorted(rows) == [(first, "faithful", "ana", True), (second, "faithful", "ana", True)]
        assert feedback(app) == "✓ family faithful: 2 recorded, 2 skipped"
        said = [n.message for n in app._notifications]
        assert "Family faithful: 2 recorded; skipped 1 held by another editor and 1 already decided." in said
        assert app.screen.variant_id not in ids.spinwire  # on to the next open variant
        with Store(path) as store:
            assert store.current_verdict(decided).editor == "bob"  # another's verdict untouched
            assert store.current_verdict(held) is None
        await pilot.press("z")
        await settled(pilot)
        undone = batch_rows(path)[len(before) + 2 :]
        assert sorted(undone) == [(first, "undo", "ana", True), (second, "undo", "ana", True)]
        assert feedback(app) == "Undid your family faithful (2 verdicts)."
        with Store(path) as store:
            assert store.current_verdict(first) is None and store.current_verdict(second) is None
            assert store.current_verdict(decided).verdict == "distorted"


async def test_any_other_key_at_the_question_records_nothing(harbour, make_app):
    path, ids = harbour
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await open_variant(pilot, ids.echo[1])
        await pilot.press("X")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert "Record distorted on 3 undecided copies" in screen_text(app)
        await pilot.press("n")
        await settled(pilot)
        assert batch_rows(path) == [] and app.screen.variant_id == ids.echo[1]


async def test_family_keys_on_a_copy_alone_say_so(harbour, make_app):
    path, ids = harbour
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await open_variant(pilot, ids.loners[1])
        await pilot.press("A")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert feedback(app) == "This copy is alone in its family: its own verdict keys judge it."
        assert batch_rows(path) == []


async def test_a_family_with_nothing_free_says_so(harbour, make_app):
    path, ids = harbour
    with Store(path) as store:
        for variant in ids.echo[1:]:
            store.record_verdict(variant, "faithful", "bob")
        store.take_lease(ids.echo[0], "ana")
        store.record_verdict(ids.echo[0], "faithful", "ana")
        store.release_lease(ids.echo[0], "ana")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await open_variant(pilot, ids.echo[0])
        await pilot.press("X")
        await settled(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert feedback(app) == "No member of this family of 3 is undecided and free: nothing to record."


# The spread ------------------------------------------------------------------------------------


async def open_spread(pilot) -> SpreadScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, SpreadScreen), "the spread screen")
    await until(pilot, lambda: pilot.app.screen.spread is not None, "the spread read")
    await pilot.pause()
    return pilot.app.screen


async def test_spread_screen_counts_each_claim_and_its_altered_values(harbour, make_app):
    path, ids = harbour
    app = make_app(path)
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        await open_variant(pilot, ids.spinwire[0])
        await pilot.press("S")
        screen = await open_spread(pilot)
        assert screen.article_id == ids.article_id
        text = screen_text(app)
        assert "Spread “Harbour budget approved” #1: 10 copies · 6 claims, 6 altered/dropped" in text
        assert "Claim 2 “The expansion protects 35,000 jobs across the region, the mayor said.”" in text
        # Claim 2: the verbatim copy keeps it, the loners reword it, both networks alter it.
        assert "= kept 1  ~ reworded 2  ! ALTERED 7  - DROPPED 0" in text
        assert f"! number 35,000 → 30,000  4 copies  first 2026-03-01 {SPINWIRE_SITES[0]}" in text
        assert f"! number 35,000 → 25,000  3 copies  first 2026-02-25 {ECHO_SITES[0]}" in text
        assert "! date June → July  1 copy  first 2026-03-03 lonely.example" in text
        assert "= kept 1  ~ reworded 4  ! ALTERED 0  - DROPPED 5" in text  # claim 4: the trust
        await pilot.press("q")
        assert isinstance(app.screen, ReviewScreen)


async def test_spread_scrolls_and_tab_goes_to_the_next_changed_claim_at_80x24(harbour, make_app):
    path, ids = harbour
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await open_variant(pilot, ids.echo[0])
        await pilot.press("S")
        screen = await open_spread(pilot)
        view = screen.query_one(SpreadView)
        assert view.top_block == 0
        await pilot.press("tab")
        assert view.top_block == 1 and screen_text(app).split("\n")[3].startswith(" Claim 2 ")
        await pilot.press("shift+tab")
        assert view.top_block == 0
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        assert "Claim 6" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_spread_from_the_inbox_flat_and_grouped(harbour, make_app):
    path, ids = harbour
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("S")  # flat: the article of the variant under the cursor
        screen = await open_spread(pilot)
        assert screen.article_id == ids.article_id
        await pilot.press("q")
        await grouped(pilot)
        await pilot.press("j", "S")  # grouped: the article under the cursor
        screen = await open_spread(pilot)
        assert screen.article_id != ids.article_id and screen.spread.copies == 1
        await pilot.press("q", "k", "S")
        await pilot.press("S")
        screen = await open_spread(pilot)
        assert screen.article_id == ids.article_id
        await pilot.press("q")
        assert isinstance(app.screen, InboxScreen) and app.screen.grouped


async def test_spread_of_hostile_text_is_plain(tmp_path, make_app):
    from claimdesk.claims import Reason
    from claimdesk.store import ArticleIn, VariantIn
    from tests.tui.conftest import Line, build

    path = tmp_path / "hostile.db"
    lines = [Line("altered", "[bold]Sales[/bold] rose 5%.", "[bold]Sales[/bold] rose 9%.",
                  (Reason("number", "5%", "9%\x1b[2J"),), 0.3)]  # fmt: skip
    original, variant, report = build(lines, 0.7)
    with Store.open(path) as store:
        added = store.add_pair(ArticleIn(text=original, title="[red]T[/red]"),
                               VariantIn(text=variant, site="evil\x1b]0;x\x07.example"), report)  # fmt: skip
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await open_variant(pilot, added.variant_id)
        await pilot.press("S")
        await open_spread(pilot)
        text = screen_text(app)
        assert "“[bold]Sales[/bold] rose 5%.”" in text and "“[red]T[/red]”" in text
        assert "! number 5% → 9%  1 copy  first" in text and "evil.example" in text and "\x1b" not in text


async def test_help_lists_the_family_keys(harbour, make_app):
    path, ids = harbour
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await open_variant(pilot, ids.spinwire[0])
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = str(app.screen.query_one("#help-review").render())
        for binding_id in ("family-faithful", "family-distorted", "spread", "group-toggle", "spread-next"):
            assert f"[{binding_id}]" in text


# Config: the new keys are remappable, checked for clashes, and take the editor's verdict words.


def test_family_and_spread_keys_remap_and_clash_like_the_others(tmp_path):
    from claimdesk.tui.keymap import REVIEW_BINDINGS, ConfigError, load_config

    path = tmp_path / "config.toml"
    path.write_text('[keys]\nfamily-faithful = "F"\nspread-next = "n"\n[verdicts]\nfaithful = "fine"\n')
    config = load_config(path)
    family = next(b for b in REVIEW_BINDINGS if b.id == "family-faithful")
    assert config.keys["family-faithful"] == "F" and config.describe(family) == "Family fine"
    path.write_text('[keys]\nspread-next = "q"\n')  # q goes back on the spread screen
    with pytest.raises(ConfigError, match='"q" is bound to both spread-next and spread-back on the spread screen'):
        load_config(path)
    path.write_text('[keys]\nfamily-distorted = "a"\n')  # a is the single faithful verdict
    with pytest.raises(ConfigError, match="on the review screen"):
        load_config(path)


async def test_a_remapped_family_key_records_the_family(harbour, make_app, tmp_path):
    from claimdesk.tui.keymap import load_config

    path, ids = harbour
    config = tmp_path / "config.toml"
    config.write_text('[keys]\nfamily-distorted = "D"\n')
    app = make_app(path, config=load_config(config))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        review = await open_variant(pilot, ids.echo[0])
        assert review.query_one(FamilyLine).text.plain.endswith("A/D all  S spread")
        await pilot.press("X")  # no longer bound
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await until(pilot, lambda: len(batch_rows(path)) == len(ids.echo), "the family's verdicts")
        await settled(pilot)
        assert sorted(batch_rows(path)) == [(v, "distorted", "ana", True) for v in ids.echo]


def test_a_far_page_of_the_grouped_list_is_read_from_a_seek_not_the_pages_before(tmp_path, monkeypatch):
    """End or a drag far down: ``read_pages`` asks the store for the page's key and reads that page
    alone (the key it returns for the page itself shows the seek); a near page reads forward."""
    from claimdesk.store import InboxQuery
    from claimdesk.tui.components import group_list
    from tests.store.conftest import fill

    monkeypatch.setattr(group_list, "PAGE_SIZE", 2)
    with Store.open(tmp_path / "many.db") as store:
        fill(store, 40)
        query = InboxQuery()
        total = store.article_groups_count(query)
        every = list(store.article_groups_page(query, limit=total).rows)
        assert total == len(every) >= 12
        last = (total - 1) // 2
        rows, keys = group_list.read_pages(store, query, 0, None, last, total)
        assert [r.article_id for r in rows] == [r.article_id for r in every[last * 2 :]]
        assert keys[last] == every[last * 2 - 1].key
        rows, keys = group_list.read_pages(store, query, 0, None, 2, total)  # near: forward, keys on the way
        assert [r.article_id for r in rows] == [r.article_id for r in every[4:6]]
        assert keys == {1: every[1].key, 2: every[3].key, 3: every[5].key}
