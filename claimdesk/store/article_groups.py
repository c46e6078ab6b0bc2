"""The grouped inbox: one row per article, riskiest first, paged by key like the flat inbox.

An article's place is its riskiest listed copy, so walking the inbox's risk index and keeping only
the copies that are the riskiest of their article (an index seek per copy into
``variants_article_rank``, migration 005) lists the articles in order without grouping the store:
page 1 of a million variants reads a few hundred index entries. The key of a row is that copy's
(rank, id), so the next page starts below it with no OFFSET.

The inbox's filters apply: a group counts (and is placed by) only the copies the query lists. The
order is always the risk order (the query's ``sort`` is for the flat inbox).
"""

from __future__ import annotations

import re

from claimdesk.store.connection import Core
from claimdesk.store.families import FAMILY
from claimdesk.store.inbox import RANK, filter_clauses
from claimdesk.store.models import ArticleGroupKey, ArticleGroupPage, ArticleGroupRow, InboxQuery

_ALIAS = re.compile(r"\bv\.")


def _as_w(clause: str) -> str:
    """A filter clause over ``variants v`` rewritten over ``variants w`` (our SQL, not user text:
    values are parameters)."""
    return _ALIAS.sub("w.", clause)


def _riskiest_of_article(clauses: list[str]) -> str:
    """The copy ``v`` is its article's riskiest listed one: the first listed copy of its article in
    ``variants_article_rank`` read from the top (one seek when nothing is filtered).

    The index is named: on a small or unanalysed store the planner would take the narrower
    (article, hash) index and read every copy of the article for each row it checks. (A row-value
    comparison on the rank would not bound the seek either: SQLite does not range on an indexed
    expression inside a row value.)
    """
    rank_w = _as_w(RANK)
    listed = "".join(f" AND {_as_w(clause)}" for clause in clauses)
    return (
        f"v.id = (SELECT w.id FROM variants w INDEXED BY variants_article_rank WHERE w.article_id = v.article_id"
        f"{listed} ORDER BY {rank_w} DESC, w.id DESC LIMIT 1)"
    )


def page(core: Core, query: InboxQuery, after: ArticleGroupKey | None, limit: int) -> ArticleGroupPage:
    """Up to ``limit`` article groups after ``after`` (None: from the top)."""
    params: dict[str, object] = {"now": core.now(), "limit": limit + 1}
    clauses = filter_clauses(core, query, params)
    where = [*clauses, _riskiest_of_article(clauses)]
    if after is not None:
        where.append(f"({RANK}, v.id) < (:rank, :id)")
        params.update(rank=after.rank, id=after.variant_id)
    tops = core.read(
        f"SELECT v.id, v.article_id, v.risk, {RANK} AS rank FROM variants v WHERE {' AND '.join(where)}"
        f" ORDER BY {RANK} DESC, v.id DESC LIMIT :limit",
        params,
    )
    more = len(tops) > limit
    tops = tops[:limit]
    if not tops:
        return ArticleGroupPage((), None)
    counts = _counts(core, query, [row["article_id"] for row in tops])
    rows = tuple(
        ArticleGroupRow(
            article_id=top["article_id"],
            title=counts[top["article_id"]][0],
            copies=counts[top["article_id"]][1],
            undecided=counts[top["article_id"]][2],
            worst_risk=top["risk"],
            families=counts[top["article_id"]][3],
            key=ArticleGroupKey(top["rank"], top["id"]),
        )
        for top in tops
    )
    return ArticleGroupPage(rows, rows[-1].key if more else None)


def key_before(core: Core, query: InboxQuery, index: int, total: int) -> ArticleGroupKey | None:
    """The key that reads the grouped listing from article ``index`` on (the key of the article
    before it; None for the top), found in one query, so a jump (End, a scrollbar drag) reads no
    page in between.

    Like the flat inbox's ``key_at``, the one place an OFFSET is used: SQLite skips the articles in
    between inside the query, walking the risk index from whichever end is nearer (``total`` is
    the listing's article count), so the last page costs what the first does.
    """
    if index <= 0:
        return None
    params: dict[str, object] = {"now": core.now()}
    clauses = filter_clauses(core, query, params)
    where = " AND ".join([*clauses, _riskiest_of_article(clauses)])
    before = index - 1  # the article whose key is wanted
    from_end = total - 1 - before
    direction, params["offset"] = ("ASC", from_end) if 0 <= from_end < before else ("DESC", before)
    row = core.read_one(
        f"SELECT {RANK} AS rank, v.id FROM variants v WHERE {where}"
        f" ORDER BY {RANK} {direction}, v.id {direction} LIMIT 1 OFFSET :offset",
        params,
    )
    return ArticleGroupKey(row["rank"], row["id"]) if row else None


def _counts(core: Core, query: InboxQuery, article_ids: list[int]) -> dict[int, tuple[str | None, int, int, int]]:
    """Per article: title, listed copies, undecided copies and families among them."""
    params: dict[str, object] = {"now": core.now()}
    clauses = filter_clauses(core, query, params)
    params.update({f"a{n}": article_id for n, article_id in enumerate(article_ids)})
    marks = ", ".join(f":a{n}" for n in range(len(article_ids)))
    rows = core.read(
        f"SELECT v.article_id, a.title, count(*) AS copies, sum(v.verdict IS NULL) AS undecided,"
        f" count(DISTINCT {FAMILY}) AS families"
        " FROM variants v LEFT JOIN variant_families f ON f.variant_id = v.id JOIN articles a ON a.id = v.article_id"
        f" WHERE {' AND '.join([f'v.article_id IN ({marks})', *clauses])} GROUP BY v.article_id",
        params,
    )
    return {row["article_id"]: (row["title"], row["copies"], row["undecided"], row["families"]) for row in rows}


def count(core: Core, query: InboxQuery) -> int:
    """How many articles the grouped inbox lists (its virtual height)."""
    params: dict[str, object] = {"now": core.now()}
    clauses = filter_clauses(core, query, params)
    if not clauses:  # every article has a copy (intake stores them together)
        row = core.read_one("SELECT count(*) FROM articles")
    else:
        # One pass over the covering index, in article order: no variant row is read.
        where = " AND ".join(clauses)
        sql = f"SELECT count(DISTINCT v.article_id) FROM variants v INDEXED BY variants_article_rank WHERE {where}"
        row = core.read_one(sql, params)
    return int(row[0]) if row else 0
