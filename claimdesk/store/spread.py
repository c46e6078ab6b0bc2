"""The spread of a distortion: an article's claims against all of its copies.

Read from the stored claims rows only (their status, article-side offsets and reasons JSON), so
an article with 5,000 copies is one grouped count of its variants' claims and a pass in Python
over the altered ones: the engine is not run. An article claim is identified by its span in the
article text; every copy's claim row with that span (kept, reworded, altered or dropped) counts
for it (counted by SQLite). Each distinct
altered value (kind, original, variant) is counted once per copy, with the earliest copy carrying
it (by found date, else the date it was stored; ties to the lower id).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from claimdesk.store.connection import Core
from claimdesk.store.errors import NotFound
from claimdesk.store.models import AlteredValue, Spread, SpreadClaim

_STATUSES = ("kept", "reworded", "altered", "dropped")


@dataclass
class _Value:
    copies: set[int] = field(default_factory=set)
    earliest: tuple[str, int, str | None] | None = None  # (found, variant id, site)


@dataclass
class _Claim:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_STATUSES, 0))
    values: dict[tuple[str, str, str], _Value] = field(default_factory=lambda: defaultdict(_Value))


def spread(core: Core, article_id: int) -> Spread:
    """Per article claim, how many copies keep, reword, alter or drop it, and its altered values."""
    if core.read_one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is None:
        raise NotFound(f"no article {article_id}")
    # Both reads are index-only on the variants side: ``variants_article_rank`` covers these columns
    # (named, so an unanalysed store does not read 5,000 variant rows through the narrower index).
    copies = {
        variant_id: (found, site)
        for variant_id, site, found in core.read_tuples(
            "SELECT id, site, coalesce(found_at, created_at) FROM variants"
            " INDEXED BY variants_article_rank WHERE article_id = ?",
            (article_id,),
        )
    }
    # The counts are grouped by SQLite (one step, the GIL released while it runs: the app's event
    # loop keeps painting); only the altered rows, with their reasons, come back to Python.
    mine = "c.variant_id IN (SELECT id FROM variants WHERE article_id = :article) AND c.original_start IS NOT NULL"
    claims: dict[tuple[int, int], _Claim] = defaultdict(_Claim)
    for start, end, status, n in core.read_tuples(
        f"SELECT c.original_start, c.original_end, c.status, count(*) FROM claims c WHERE {mine}"
        " GROUP BY c.original_start, c.original_end, c.status",
        {"article": article_id},
    ):
        claim = claims[(start, end)]
        if status in claim.counts:
            claim.counts[status] += n
    altered = core.read_tuples(
        f"SELECT c.variant_id, c.original_start, c.original_end, c.reasons FROM claims c WHERE {mine}"
        " AND c.status = 'altered'",
        {"article": article_id},
    )
    for variant_id, start, end, reasons in altered:
        claim = claims[(start, end)]
        found, site = copies[variant_id]
        for reason in json.loads(reasons):
            value = claim.values[(reason.get("kind", ""), reason.get("original", ""), reason.get("variant", ""))]
            value.copies.add(variant_id)
            if value.earliest is None or (found, variant_id) < value.earliest[:2]:
                value.earliest = (found, variant_id, site)
    return Spread(
        article_id=article_id,
        copies=len(copies),
        claims=[_claim(number, span, claims[span]) for number, span in enumerate(sorted(claims), 1)],
    )


def _claim(number: int, span: tuple[int, int], claim: _Claim) -> SpreadClaim:
    values = []
    for (kind, original, variant), value in claim.values.items():
        found, variant_id, site = value.earliest or ("", 0, None)
        values.append(AlteredValue(kind, original, variant, len(value.copies), site, found, variant_id))
    values.sort(key=lambda v: (-v.count, v.earliest_found, v.kind, v.original, v.variant))
    c = claim.counts
    return SpreadClaim(number, span[0], span[1], c["kept"], c["reworded"], c["altered"], c["dropped"], values)
