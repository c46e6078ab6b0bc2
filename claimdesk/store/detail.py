"""One variant in full, for the review screen: texts, scores, claims in order, verdicts, lease."""

from __future__ import annotations

from claimdesk.claims import STATUSES
from claimdesk.store import claim_rows, leases, verdicts
from claimdesk.store.connection import Core
from claimdesk.store.errors import NotFound
from claimdesk.store.models import Article, Scores, StoredClaim, VariantDetail

_VARIANT = f"""
SELECT v.id, v.url, v.title, v.site, v.text, v.found_at, v.created_at, v.fidelity, v.coverage, v.spin, v.risk,
       {", ".join("v." + s for s in STATUSES)}, v.engine,
       a.id AS a_id, a.url AS a_url, a.title AS a_title, a.text AS a_text, a.published AS a_published,
       a.created_at AS a_created_at
FROM variants v JOIN articles a ON a.id = v.article_id WHERE v.id = ?
"""


def variant(core: Core, variant_id: int) -> VariantDetail:
    """The variant, its article and its scores; raises NotFound for an unknown id."""
    row = core.read_one(_VARIANT, (variant_id,))
    if not row:
        raise NotFound(f"no variant {variant_id}")
    article = Article(**{name[2:]: row[name] for name in row.keys() if name.startswith("a_")})  # noqa: SIM118 - a Row iterates values
    scores = Scores(
        fidelity=row["fidelity"],
        coverage=row["coverage"],
        spin=row["spin"],
        risk=row["risk"],
        counts={status: row[status] for status in STATUSES},
        engine=row["engine"],
    )
    return VariantDetail(
        id=row["id"],
        article=article,
        url=row["url"],
        title=row["title"],
        site=row["site"],
        text=row["text"],
        found_at=row["found_at"],
        created_at=row["created_at"],
        scores=scores,
        verdict=verdicts.current(core, variant_id),
        lease=leases.holder(core, variant_id),
    )


def claims(core: Core, variant_id: int) -> list[StoredClaim]:
    """The variant's claims in the engine's order, each with its current claim verdict."""
    rows = core.read("SELECT * FROM claims WHERE variant_id = ? ORDER BY number", (variant_id,))
    decided = verdicts.claim_verdicts(core, variant_id)
    return [StoredClaim(row["number"], claim_rows.from_row(row), decided.get(row["number"])) for row in rows]


def article(core: Core, article_id: int) -> Article:
    """One article; raises NotFound for an unknown id."""
    row = core.read_one("SELECT id, url, title, text, published, created_at FROM articles WHERE id = ?", (article_id,))
    if not row:
        raise NotFound(f"no article {article_id}")
    return Article(**dict(row))
