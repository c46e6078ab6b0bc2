"""Inbox pages by key: every row exactly once in order, both directions, filters, search, totals."""

from __future__ import annotations

import pytest

from claimdesk.store import ArticleIn, InboxPage, InboxQuery, PageKey, Store, VariantIn
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


@pytest.mark.parametrize("sort", ["risk", "time"])
def test_paging_forward_visits_every_row_once_in_order(filled: Store, sort: str) -> None:
    query = InboxQuery(sort=sort)  # type: ignore[arg-type]
    rows = [row for page in _all_pages(filled, query, 5) for row in page.rows]
    everything = filled.inbox_page(query, limit=1000).rows
    assert rows == list(everything)
    assert len(rows) == 24
    keys = [(r.risk, r.id) if sort == "risk" else (r.id,) for r in rows]
    assert keys == sorted(keys, reverse=True)


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


def test_search_matches_titles_and_texts_by_word_prefix(filled: Store) -> None:
    filled.add_pair(
        ArticleIn(text="A lighthouse keeper retired."), VariantIn(text="A keeper retired.", title="Story 7b")
    )
    assert filled.inbox_count(InboxQuery(search="keeper retir")) == 1
    assert filled.inbox_count(InboxQuery(search="story 7b")) == 1
    assert filled.inbox_count(InboxQuery(search="keep retired")) == 0  # only the last word is a prefix
    assert filled.inbox_count(InboxQuery(search="ke")) == 0  # and only from 3 letters
    assert filled.inbox_count(InboxQuery(search="harb")) == 24
    assert filled.inbox_count(InboxQuery(search='fishermen "NEAR(')) == 0  # operators are not parsed
    assert filled.inbox_count(InboxQuery(search="   ")) == 25
    [row] = filled.inbox_page(InboxQuery(search="KEEPER")).rows
    assert row.title == "Story 7b"


def test_inbox_pages_use_an_index_not_a_sort(filled: Store) -> None:
    for sort in ("risk", "time"):
        sql = "EXPLAIN QUERY PLAN SELECT id FROM variants v WHERE {} ORDER BY {} LIMIT 50"
        where, order = (
            ("(v.risk, v.id) < (0.5, 10)", "v.risk DESC, v.id DESC")
            if sort == "risk"
            else (
                "v.id < 10",
                "v.id DESC",
            )
        )
        plan = " ".join(row[3] for row in filled.conn.execute(sql.format(where, order)))
        assert "TEMP B-TREE" not in plan, plan


def test_past_the_last_row_is_an_empty_page(filled: Store) -> None:
    page = filled.inbox_page(after=PageKey(-1.0, 0))
    assert page.rows == () and page.next is None
