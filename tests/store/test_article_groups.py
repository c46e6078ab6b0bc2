"""The grouped inbox: one row per article in the flat inbox's risk order, paged by key, with counts
over the copies the query lists."""

from __future__ import annotations

from claimdesk.store import ArticleGroupRow, InboxQuery, Store
from tests.store.conftest import SITES, fill


def all_groups(store: Store, query: InboxQuery, limit: int) -> list[ArticleGroupRow]:
    rows, after = [], None
    while True:
        page = store.article_groups_page(query, after, limit)
        rows += page.rows
        if page.next is None:
            return rows
        after = page.next


def flat_order(store: Store, query: InboxQuery) -> list[int]:
    """Articles in the order of their first copy in the flat inbox (riskiest first)."""
    seen: list[int] = []
    for row in store.inbox_page(query, limit=1000).rows:
        article = store.variant(row.id).article.id
        if article not in seen:
            seen.append(article)
    return seen


def test_groups_follow_the_flat_inbox_and_every_page_size_lists_each_article_once(store: Store) -> None:
    fill(store, 14)
    query = InboxQuery()
    expected = flat_order(store, query)
    assert len(expected) == 7 == store.article_groups_count(query)
    for limit in (1, 2, 3, 50):
        assert [row.article_id for row in all_groups(store, query, limit)] == expected


def test_a_group_counts_its_copies_undecided_and_families(store: Store) -> None:
    ids = fill(store, 6)  # three articles, two copies each
    store.record_verdict(ids[0], "faithful", "ana")
    rows = {row.article_id: row for row in all_groups(store, InboxQuery(), 50)}
    first = rows[store.variant(ids[0]).article.id]
    assert (first.copies, first.undecided, first.title) == (2, 1, "Harbour 0")
    assert first.families == len({store.family_of(i).family_id for i in ids[:2]})
    assert first.worst_risk == max(store.variant(i).scores.risk for i in ids[:2])


def test_filters_apply_to_the_groups(store: Store) -> None:
    ids = fill(store, 6)
    site = InboxQuery(site=SITES[0])  # fill puts copy n on SITES[n % 3]
    on_site = {store.variant(i).article.id for n, i in enumerate(ids) if n % 3 == 0}
    rows = all_groups(store, site, 50)
    assert {row.article_id for row in rows} == on_site == set(flat_order(store, site))
    assert all(row.copies == 1 for row in rows)
    assert store.article_groups_count(site) == len(on_site)
    for variant_id in ids[:2]:  # decide every copy of the first article
        store.record_verdict(variant_id, "faithful", "ana")
    new = InboxQuery(state="new")
    assert [row.article_id for row in all_groups(store, new, 2)] == flat_order(store, new)
    assert store.variant(ids[0]).article.id not in {row.article_id for row in all_groups(store, new, 50)}


def test_an_empty_store_has_no_groups(store: Store) -> None:
    page = store.article_groups_page(InboxQuery(), None, 10)
    assert (page.rows, page.next, store.article_groups_count(InboxQuery())) == ((), None, 0)


def test_the_first_page_walks_the_risk_index_not_the_whole_table(store: Store) -> None:
    fill(store, 4)
    from claimdesk.store.article_groups import _riskiest_of_article
    from claimdesk.store.inbox import RANK

    plan = store.read(
        f"EXPLAIN QUERY PLAN SELECT v.id FROM variants v WHERE {_riskiest_of_article([])}"
        f" ORDER BY {RANK} DESC, v.id DESC LIMIT 51"
    )
    detail = " | ".join(row["detail"] for row in plan)
    assert "USE TEMP B-TREE" not in detail  # no sort of every row: the index gives the order
    assert "SEARCH w USING COVERING INDEX variants_article_rank (article_id=?)" in detail  # a seek, no row read


def test_key_before_seeks_any_page_from_either_end(store: Store) -> None:
    """The key a jump reads from: the key of the article before ``index`` whichever end the seek
    walks from, filtered or not, and None at the top or past the end."""
    fill(store, 30)
    for query in (InboxQuery(), InboxQuery(site=SITES[1])):
        rows = all_groups(store, query, 50)
        total = store.article_groups_count(query)
        assert total == len(rows) > 4
        assert store.article_groups_key_before(query, 0, total) is None
        for index in range(1, total + 1):
            key = store.article_groups_key_before(query, index, total)
            assert key == rows[index - 1].key
            following = store.article_groups_page(query, key, 2).rows
            assert [row.article_id for row in following] == [row.article_id for row in rows[index : index + 2]]
        assert store.article_groups_key_before(query, total + 1, total) is None
