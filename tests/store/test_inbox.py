"""Inbox pages by key: every row exactly once in order, both directions, filters, search, totals."""

from __future__ import annotations

import pytest

from claimdesk.claims import Report, Summary
from claimdesk.store import ArticleIn, InboxPage, InboxQuery, PageKey, Store, VariantIn
from claimdesk.store.inbox import ordering
from claimdesk.store.models import SORTS
from tests.store.conftest import fill


@pytest.fixture
def filled(store: Store) -> Store:
    fill(store, 24)
    return store


def _all_pages(store: Store, query: InboxQuery, limit: int) -> list[InboxPage]:
    pages = [store.inbox_page(query, limit=limit)]
    while pages[-1].next:
        pages.append(store.inbox_page(query, after=pages[-1].next, limit=limit))
    return pages


@pytest.mark.parametrize("sort", SORTS)
def test_paging_forward_visits_every_row_once_in_order(filled: Store, sort: str) -> None:
    query = InboxQuery(sort=sort)  # type: ignore[arg-type]
    rows = [row for page in _all_pages(filled, query, 5) for row in page.rows]
    everything = filled.inbox_page(query, limit=1000).rows
    assert rows == list(everything)
    assert len(rows) == 24
    keys = [(r.key(sort).value, r.id) for r in rows]  # type: ignore[arg-type]
    assert keys == sorted(keys, reverse=sort != "site")
    back = filled.inbox_page(query, before=rows[10].key(sort), limit=5).rows  # type: ignore[arg-type]
    assert list(back) == rows[5:10]


def test_paging_backwards_returns_the_previous_page(filled: Store) -> None:
    query = InboxQuery()
    pages = _all_pages(filled, query, 5)
    back = filled.inbox_page(query, before=pages[2].previous, limit=5)
    assert back.rows == pages[1].rows
    top = filled.inbox_page(query, before=pages[1].previous, limit=5)
    assert top.rows == pages[0].rows and top.previous is None


def test_filters_by_state_verdict_and_site(filled: Store) -> None:
    rows = filled.inbox_page(limit=100).rows
    filled.record_verdict(rows[0].id, "distorted", "ana")
    filled.record_verdict(rows[1].id, "faithful", "ana")
    filled.take_lease(rows[2].id, "bob")
    assert {r.id for r in filled.inbox_page(InboxQuery(state="decided")).rows} == {rows[0].id, rows[1].id}
    assert [r.id for r in filled.inbox_page(InboxQuery(state="held")).rows] == [rows[2].id]
    assert filled.inbox_count(InboxQuery(state="new")) == 21
    assert [r.id for r in filled.inbox_page(InboxQuery(verdict="distorted")).rows] == [rows[0].id]
    site = rows[3].site
    by_site = filled.inbox_page(InboxQuery(site=site, sort="time"), limit=100).rows
    assert by_site and all(r.site == site for r in by_site)
    assert len(by_site) == filled.inbox_count(InboxQuery(site=site)) == 8
    counts = filled.counts()
    assert (counts.total, counts.new, counts.decided, counts.held) == (24, 21, 2, 1)


def test_search_matches_whole_words_and_the_last_as_a_prefix_when_nothing_else_does(filled: Store) -> None:
    filled.add_pair(
        ArticleIn(text="A lighthouse keeper retired."), VariantIn(text="A keeper retired.", title="Story 7b")
    )
    assert filled.inbox_count(InboxQuery(search="keeper retir")) == 1
    assert filled.inbox_count(InboxQuery(search="story 7b")) == 1
    assert filled.inbox_count(InboxQuery(search="keep retired")) == 0  # only the last word is a prefix
    assert filled.inbox_count(InboxQuery(search="kee")) == 0  # and only from 4 letters
    assert filled.inbox_count(InboxQuery(search="harb")) == 24
    assert filled.inbox_count(InboxQuery(search='fishermen "NEAR(')) == 0  # operators are not parsed
    assert filled.inbox_count(InboxQuery(search="   ")) == 25
    [row] = filled.inbox_page(InboxQuery(search="KEEPER")).rows
    assert row.title == "Story 7b"


@pytest.mark.parametrize(("sort", "state"), [*((sort, None) for sort in SORTS), ("risk", "new")])
def test_inbox_pages_use_an_index_not_a_sort(filled: Store, sort: str, state: str | None) -> None:
    expr, descending = ordering(sort)  # type: ignore[arg-type]
    direction = "DESC" if descending else "ASC"
    where = f"({expr}, v.id) {'<' if descending else '>'} (?, 10)"
    if state:
        where += " AND v.verdict IS NULL"
    order = f"ORDER BY {expr} {direction}, v.id {direction}"
    sql = f"EXPLAIN QUERY PLAN SELECT id FROM variants v WHERE {where} {order} LIMIT 50"
    plan = " ".join(row[3] for row in filled.conn.execute(sql, (0.5,)))
    assert "TEMP B-TREE" not in plan, plan


def test_past_the_last_row_is_an_empty_page(filled: Store) -> None:
    page = filled.inbox_page(after=PageKey(-1.0, 0))
    assert page.rows == () and page.next is None


def _pair(store: Store, n: int, **variant: object) -> int:
    article = ArticleIn(text=f"Council leader Margaret Okafor spoke {n}.", title=f"Okafor budget {n}")
    fields: dict = {"text": f"A council leader pronounced {n} things.", "title": f"Copy {n}"} | variant
    return store.add_pair(article, VariantIn(**fields)).variant_id


def test_time_sort_is_by_the_found_date_not_the_order_of_intake(store: Store) -> None:
    late = _pair(store, 1, found="2026-03-05T10:00:00Z")
    early = _pair(store, 2, found="2026-01-01T10:00:00Z")
    middle = _pair(store, 3, found="2026-02-01T10:00:00Z")
    assert [r.id for r in store.inbox_page(InboxQuery(sort="time")).rows] == [late, middle, early]


def test_site_sort_is_a_to_z_and_site_filter_matches_a_prefix(store: Store) -> None:
    b = _pair(store, 1, url="https://spinwire.example/a")
    a = _pair(store, 2, url="https://copycat.example/a")
    c = _pair(store, 3, url="https://spinwire.example/b")
    assert [r.id for r in store.inbox_page(InboxQuery(sort="site")).rows] == [a, b, c]
    assert {r.id for r in store.inbox_page(InboxQuery(site="spinwire")).rows} == {b, c}
    assert {r.id for r in store.inbox_page(InboxQuery(site="SPINWIRE.example")).rows} == {b, c}
    assert store.inbox_count(InboxQuery(site="wire")) == 0  # a prefix, not any part


def test_search_covers_the_article_title_and_text(store: Store) -> None:
    ids = {_pair(store, n) for n in range(3)}
    assert store.inbox_count(InboxQuery(search="Okafor")) == 3  # the copies renamed her
    assert {r.id for r in store.inbox_page(InboxQuery(search="okafor budget")).rows} == ids
    assert store.inbox_count(InboxQuery(search="nobody-here")) == 0


def test_a_page_that_copies_nothing_ranks_below_every_real_copy(store: Store) -> None:
    def scored(n: int, risk: float, coverage: float) -> int:
        summary = Summary(
            1 - risk, coverage, 0.2, risk, {"kept": 0, "reworded": 0, "altered": 0, "dropped": 1, "added": 1}
        )
        return store.add_pair(
            ArticleIn(text=f"Article {n} text."), VariantIn(text=f"Unrelated page {n}."), Report(summary, ())
        ).variant_id

    mismatch = scored(1, 0.9, 0.0)
    distorted = scored(2, 0.5, 0.8)
    faithful = scored(3, 0.1, 0.95)
    rows = store.inbox_page().rows
    assert [r.id for r in rows] == [distorted, faithful, mismatch]
    assert [r.mismatch for r in rows] == [False, False, True]
    assert rows[-1].risk == 0.9  # the stored risk is the engine's, only the order changes
