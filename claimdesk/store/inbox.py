"""Inbox queries: keyset pages (never a deep OFFSET), filters, full-text search, totals, positions.

A page is fetched with row values, ``(risk, id) < (?, ?)``, so page 20,000 costs what page 1
costs: an index seek and ``limit`` rows. Every sort has an index on its key and the id:

- ``risk``: the engine's risk, riskiest first, except that a page copying next to nothing of its
  article (coverage under ``MISMATCH_COVERAGE``) ranks one below: it is a mismatched page, not
  a distortion, and must not bury the real ones (the stored risk itself is left as scored);
- ``time``: the date the copy was found (the one the inbox shows), else when it was stored;
- ``site``: by site, A to Z; ``altered``: most altered claims first.

The position queries count over the same indexes; ``key_at`` is the one place an OFFSET is used,
and only for a jump (scrollbar drag, End) to a page whose start key is not known.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence

from claimdesk.store.connection import Core
from claimdesk.store.models import MISMATCH_COVERAGE, InboxCounts, InboxPage, InboxQuery, InboxRow, PageKey, Sort

_SELECT = """
SELECT v.id, v.risk, v.fidelity, v.coverage, v.altered, v.dropped, v.added, v.site, v.title, v.found_at,
       v.created_at, l.editor AS holder, v.verdict, cv.note IS NOT NULL AS noted
FROM variants v LEFT JOIN leases l ON l.variant_id = v.id AND l.expires_at > :now
LEFT JOIN verdicts cv ON cv.id = v.verdict_id
"""
_HELD = "EXISTS (SELECT 1 FROM leases h WHERE h.variant_id = v.id AND h.expires_at > :now)"
_STATE = {
    "new": f"v.verdict IS NULL AND NOT {_HELD}",
    "decided": f"v.verdict IS NOT NULL AND NOT {_HELD}",
    "held": _HELD,
}


# Sort -> (key expression over ``variants v``, descending?). The schema indexes each expression
# (migration 003) and SQLite only uses such an index for the very same expression.
RANK = f"(v.risk - (v.coverage < {MISMATCH_COVERAGE}))"
ORDERINGS: dict[str, tuple[str, bool]] = {
    "risk": (RANK, True),
    "time": ("coalesce(v.found_at, v.created_at)", True),
    "site": ("coalesce(v.site, '')", False),
    "altered": ("v.altered", True),
}


def ordering(sort: Sort) -> tuple[str, bool]:
    """The key expression of a sort and whether it lists the highest first."""
    return ORDERINGS[sort]


def fts_match(search: str, *, prefix: bool = False) -> str | None:
    """Plain words to an FTS5 query: every word must match as a whole word, and with ``prefix`` the
    last one (4 letters or more) as the start of a word; quoting every word means operators and
    syntax are never parsed."""
    words = ['"' + word.replace('"', '""') + '"' for word in search.split()]
    if not words:
        return None
    if prefix and len(words[-1]) >= 6:  # 4 letters plus the quotes
        words[-1] += "*"
    return " ".join(words)


# Up to this many matches, look each one up and sort them; beyond, walk the sort index and keep
# the rows that match (the first page fills fast when matches are common).
_FEW_MATCHES = 20_000
_MATCHES = "SELECT rowid FROM variants_fts WHERE variants_fts MATCH :match"
_ARTICLE_MATCHES = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match"


def _matches(core: Core, match: str) -> int:
    """How many variants and articles match (counted up to just past ``_FEW_MATCHES``)."""
    sql = f"SELECT count(*) FROM ({_MATCHES} UNION ALL {_ARTICLE_MATCHES} LIMIT {_FEW_MATCHES + 1})"
    found = core.read_one(sql, {"match": match})
    return int(found[0]) if found else 0


def search_match(core: Core, search: str) -> tuple[str | None, int]:
    """The FTS query for a search and how many texts it matches: whole words, and only if that
    finds nothing, a last word of 4 letters or more as a prefix (``Okaf`` finds Okafor; ``bee``
    never finds "been")."""
    whole = fts_match(search)
    if whole is None:
        return None, 0
    found = _matches(core, whole)
    prefix = fts_match(search, prefix=True)
    if found or prefix == whole:
        return whole, found
    return prefix, _matches(core, prefix or whole)


def _search_clause(found: int) -> str:
    """A variant matches when its title or text does, or its article's title or text does."""
    # The unary + stops SQLite from driving the query by id, so it uses the sort index instead.
    plus = "" if found <= _FEW_MATCHES else "+"
    return f"({plus}v.id IN ({_MATCHES}) OR {plus}v.article_id IN ({_ARTICLE_MATCHES}))"


def site_range(site: str) -> tuple[str, str]:
    """Bounds of the sites that begin with ``site`` (``spinwire`` -> ``spinwire.example``), so the
    site index answers a prefix."""
    site = site.lower()
    return site, site + "\U0010ffff"


# A member of family ``:family``: listed under it in ``variant_families`` (its family_id index), or,
# not yet assigned (a store from before families), the variant whose id it is (a family of one).
_FAMILY_MEMBER = (
    "(v.id IN (SELECT variant_id FROM variant_families WHERE family_id = :family)"
    " OR (v.id = :family AND NOT EXISTS (SELECT 1 FROM variant_families vf WHERE vf.variant_id = v.id)))"
)


def filter_clauses(core: Core, query: InboxQuery, params: dict[str, object]) -> list[str]:
    """The WHERE clauses, over ``variants v``, that pick the variants ``query`` lists.

    Their parameters are added to ``params``, which must already hold ``:now`` (leases are live
    until then). Every query shaped like the inbox (pages, counts, positions) starts from these,
    so "what the inbox lists" has one definition. A search may run one small FTS count first.
    """
    clauses: list[str] = []
    if query.state:
        clauses.append(_STATE[query.state])
    if query.verdict:
        clauses.append("v.verdict = :verdict")
        params["verdict"] = query.verdict
    if query.site:
        clauses.append("v.site >= :site AND v.site < :site_end")
        params["site"], params["site_end"] = site_range(query.site)
    if query.conflict:
        clauses.append("v.id IN (SELECT variant_id FROM conflicts)")
    if query.family is not None:
        clauses.append(_FAMILY_MEMBER)
        params["family"] = query.family
    match, found = search_match(core, query.search or "")
    if match:
        clauses.append(_search_clause(found))
        params["match"] = match
    return clauses


def _past(sort: Sort, key: PageKey, params: dict[str, object], *, before: bool = False) -> str:
    """The clause for rows listed after ``key`` (or, with ``before``, ahead of it)."""
    expr, descending = ordering(sort)
    params.update(value=key.value, id=key.id)
    # Down the listing, keys fall when it lists the highest first.
    lower = descending != before
    return f"({expr}, v.id) {'<' if lower else '>'} (:value, :id)"


def _order_by(sort: Sort, *, backwards: bool = False) -> str:
    """ORDER BY of the listing, or reversed to walk it backwards."""
    expr, descending = ordering(sort)
    direction = "DESC" if descending != backwards else "ASC"
    return f" ORDER BY {expr} {direction}, v.id {direction}"


def _where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


# InboxRow's fields that _SELECT reads as they are: the state is derived, the note mark a flag.
_COLUMNS = tuple(f.name for f in dataclasses.fields(InboxRow) if f.name not in ("state", "noted"))


def _row(row: sqlite3.Row) -> InboxRow:
    # _SELECT names its columns after InboxRow's fields; the state is derived from two of them.
    state = "held" if row["holder"] else "decided" if row["verdict"] else "new"
    return InboxRow(state=state, noted=bool(row["noted"]), **{name: row[name] for name in _COLUMNS})


def page(
    core: Core,
    query: InboxQuery,
    *,
    after: PageKey | None = None,
    before: PageKey | None = None,
    limit: int = 50,
) -> InboxPage:
    """Up to ``limit`` rows after ``after`` (or before ``before``), riskiest or newest first."""
    # One row more than asked tells whether another page follows in the direction of travel.
    params: dict[str, object] = {"now": core.now(), "limit": limit + 1}
    clauses = filter_clauses(core, query, params)
    backwards = before is not None
    edge = before if backwards else after
    if edge is not None:
        clauses.append(_past(query.sort, edge, params, before=backwards))
    sql = _SELECT + _where(clauses) + _order_by(query.sort, backwards=backwards) + " LIMIT :limit"
    rows = [_row(r) for r in core.read(sql, params)]
    beyond = len(rows) > limit
    del rows[limit:]
    if backwards:
        rows.reverse()
    if not rows:
        return InboxPage((), None, None)
    more_after = True if backwards else beyond
    more_before = beyond if backwards else edge is not None
    return InboxPage(
        tuple(rows),
        next=rows[-1].key(query.sort) if more_after else None,
        previous=rows[0].key(query.sort) if more_before else None,
    )


def count(core: Core, query: InboxQuery) -> int:
    """How many variants the query lists (the inbox's virtual height)."""
    params: dict[str, object] = {"now": core.now()}
    clauses = filter_clauses(core, query, params)
    return _count(core, clauses, params)


def _count(core: Core, clauses: list[str], params: dict[str, object]) -> int:
    row = core.read_one("SELECT count(*) AS n FROM variants v" + _where(clauses), params)
    return int(row["n"]) if row else 0


def position(core: Core, query: InboxQuery, key: PageKey) -> int:
    """How many rows of the listing sort before ``key`` (its index, if the row is listed)."""
    params: dict[str, object] = {"now": core.now()}
    clauses = [*filter_clauses(core, query, params), _past(query.sort, key, params, before=True)]
    return _count(core, clauses, params)


def undecided(core: Core, query: InboxQuery) -> int:
    """How many variants of the listing have no current verdict (held ones included)."""
    params: dict[str, object] = {"now": core.now()}
    return _count(core, [*filter_clauses(core, query, params), "v.verdict IS NULL"], params)


def listed(core: Core, query: InboxQuery, variant_id: int) -> bool:
    """Whether the listing still shows the variant (a verdict may have filtered it out)."""
    params: dict[str, object] = {"now": core.now(), "anchor": variant_id}
    clauses = [*filter_clauses(core, query, params), "v.id = :anchor"]
    return core.read_one("SELECT 1 FROM variants v" + _where(clauses), params) is not None


def key_at(core: Core, query: InboxQuery, index: int) -> PageKey | None:
    """The key of the row at ``index`` of the listing, or None past the end."""
    params: dict[str, object] = {"now": core.now(), "offset": max(0, index)}
    where = _where(filter_clauses(core, query, params))
    expr, _descending = ordering(query.sort)
    sql = f"SELECT {expr} AS value, v.id FROM variants v{where}{_order_by(query.sort)} LIMIT 1 OFFSET :offset"
    row = core.read_one(sql, params)
    return PageKey(row["value"], row["id"]) if row else None


def newer_than(core: Core, query: InboxQuery, variant_id: int) -> int:
    """How many listed variants arrived after ``variant_id`` (ids grow with intake)."""
    params: dict[str, object] = {"now": core.now(), "newest": variant_id}
    return _count(core, [*filter_clauses(core, query, params), "v.id > :newest"], params)


def newest_id(core: Core) -> int:
    """The highest variant id so far (0 for an empty store)."""
    row = core.read_one("SELECT max(id) AS newest FROM variants")
    return int(row["newest"] or 0) if row else 0


def rows(core: Core, ids: Sequence[int]) -> list[InboxRow]:
    """Fresh rows for the given ids, in that order (refresh what is on screen after a change)."""
    if not ids:
        return []
    params: dict[str, object] = {"now": core.now()}
    params.update({f"id{n}": i for n, i in enumerate(ids)})
    marks = ", ".join(f":id{n}" for n in range(len(ids)))
    found = {r["id"]: _row(r) for r in core.read(_SELECT + f" WHERE v.id IN ({marks})", params)}
    return [found[i] for i in ids if i in found]


def counts(core: Core) -> InboxCounts:
    """Totals by state for the whole store."""
    now = core.now()
    total = core.read_one("SELECT count(*) AS n FROM variants")
    decided = core.read_one("SELECT count(*) AS n FROM variants WHERE verdict IS NOT NULL")
    held = core.read_one(
        "SELECT count(*) AS n, count(v.verdict) AS decided FROM leases l JOIN variants v ON v.id = l.variant_id"
        " WHERE l.expires_at > ?",
        (now,),
    )
    assert total and decided and held
    held_all, held_decided = held["n"], held["decided"]
    decided_free = decided["n"] - held_decided
    return InboxCounts(total=total["n"], new=total["n"] - decided_free - held_all, decided=decided_free, held=held_all)
