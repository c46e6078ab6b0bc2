"""The spread of a distortion: an article's claims against all of its copies.

Read from the stored claims rows only (their status, article-side offsets and reasons JSON), so
an article with 5,000 copies is one indexed read of its variants' claims and a pass in Python: the
engine is not run. An article claim is identified by its span in the article text; every copy's
claim row with that span (kept, reworded, altered or dropped) counts for it. Each distinct
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
    copies = core.read_one("SELECT count(*) FROM variants WHERE article_id = ?", (article_id,))
    rows = core.conn.execute(
        "SELECT c.original_start, c.original_end, c.status, c.reasons, v.id, v.site,"
        " coalesce(v.found_at, v.created_at) AS found"
        " FROM variants v JOIN claims c ON c.variant_id = v.id"
        " WHERE v.article_id = ? AND c.original_start IS NOT NULL",
        (article_id,),
    ).fetchall()
    claims: dict[tuple[int, int], _Claim] = defaultdict(_Claim)
    for start, end, status, reasons, variant_id, site, found in rows:
        claim = claims[(start, end)]
        if status in claim.counts:
            claim.counts[status] += 1
        if status != "altered":
            continue
        for reason in json.loads(reasons):
            value = claim.values[(reason.get("kind", ""), reason.get("original", ""), reason.get("variant", ""))]
            value.copies.add(variant_id)
            here = (found, variant_id, site)
            if value.earliest is None or here[:2] < value.earliest[:2]:
                value.earliest = here
    return Spread(
        article_id=article_id,
        copies=int(copies[0]) if copies else 0,
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
