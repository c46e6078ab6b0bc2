"""Copy families: assigning a new variant to one, and reading them back (an article's families, a
variant's family, how many members a family verdict would reach).

A family's id is the id of its first member; a variant without a ``variant_families`` row (a
store from before families, until `claimdesk rescore --families`) is a family of one under its
own id, so every reader goes through ``FAMILY`` and never needs a special case.

Assignment (inside intake's write transaction): an exact copy of the article joins the article's
verbatim family; any other copy looks up its LSH band hashes within its article (an index seek per
band, at most ``PER_BAND`` rows each, so a 5,000-copy article costs what a small one does), checks
the best ``CHECKED`` candidates against ``FAMILY_THRESHOLD`` on their shingle sets, and joins the
family of the first that passes, else founds its own. Verbatim copies keep no bands, so a near copy
(one changed figure is near) never joins the article's own family.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from claimdesk.store.connection import Core
from claimdesk.store.errors import NotFound
from claimdesk.store.family_sketch import FAMILY_THRESHOLD, Sketch, similarity
from claimdesk.store.models import FamilyInfo, FamilyRow

PER_BAND = 8  # candidates read per band hash: members sharing a band are mostly one family
CHECKED = 3  # candidates checked exactly, most shared bands first
_CHUNK = 500  # variant ids per IN (...) list, well under SQLite's parameter limit
SHARED_SHARE = 0.5  # a distortion is the family's when more than this share of members carry it

# The family of ``v`` (a variants row joined to ``f``, its variant_families row, if any).
FAMILY = "coalesce(f.family_id, v.id)"
_WITH_FAMILY = "variants v LEFT JOIN variant_families f ON f.variant_id = v.id"

ShinglesOf = Callable[[int], frozenset[str]]


def _insert(conn: sqlite3.Connection, article_id: int, variant_id: int, family: int, sketch: Sketch | None) -> None:
    conn.execute(
        "INSERT INTO variant_families (variant_id, article_id, family_id, verbatim) VALUES (?, ?, ?, ?)",
        (variant_id, article_id, family, sketch is None),
    )
    if sketch is not None:
        conn.executemany(
            "INSERT OR IGNORE INTO family_bands (article_id, band, hash, variant_id) VALUES (?, ?, ?, ?)",
            [(article_id, band, value, variant_id) for band, value in enumerate(sketch.bands)],
        )


def candidates(conn: sqlite3.Connection, article_id: int, sketch: Sketch) -> list[int]:
    """Variants of the article sharing a band with the sketch, most shared bands first."""
    shared: Counter[int] = Counter()
    for band, value in enumerate(sketch.bands):
        rows = conn.execute(
            "SELECT variant_id FROM family_bands WHERE article_id = ? AND band = ? AND hash = ? LIMIT ?",
            (article_id, band, value, PER_BAND),
        )
        shared.update(row[0] for row in rows)
    return [variant_id for variant_id, _n in sorted(shared.items(), key=lambda item: (-item[1], item[0]))]


def assign(
    conn: sqlite3.Connection,
    article_id: int,
    variant_id: int,
    sketch: Sketch,
    *,
    verbatim: bool,
    shingles_of: ShinglesOf,
) -> int:
    """Give the new variant its family (inside the caller's write transaction); returns the family id.

    ``shingles_of`` gives a stored variant's shingle set (intake reads its text; rescore caches).
    """
    if verbatim:
        row = conn.execute(
            "SELECT family_id FROM variant_families WHERE article_id = ? AND verbatim LIMIT 1", (article_id,)
        ).fetchone()
        family = row[0] if row else variant_id
        _insert(conn, article_id, variant_id, family, None)
        return family
    family = variant_id
    found = [c for c in candidates(conn, article_id, sketch)[:CHECKED] if c != variant_id]
    mine = sketch.shingles() if found else frozenset()
    for candidate in found:
        if similarity(mine, shingles_of(candidate)) >= FAMILY_THRESHOLD:
            row = conn.execute("SELECT family_id FROM variant_families WHERE variant_id = ?", (candidate,)).fetchone()
            family = row[0] if row else candidate
            break
    _insert(conn, article_id, variant_id, family, sketch)
    return family


def forget_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Drop an article's families and bands (rescore assigns them again)."""
    conn.execute("DELETE FROM family_bands WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM variant_families WHERE article_id = ?", (article_id,))


def _family_of(core: Core, variant_id: int) -> tuple[int, bool]:
    """The variant's family id and whether it has a row (False: a family of one, not yet assigned)."""
    row = core.read_one(f"SELECT {FAMILY} AS family, f.variant_id IS NOT NULL AS assigned FROM {_WITH_FAMILY}"
                        " WHERE v.id = ?", (variant_id,))  # fmt: skip
    if row is None:
        raise NotFound(f"no variant {variant_id}")
    return int(row["family"]), bool(row["assigned"])


def members_sql(assigned: bool) -> str:
    """A subquery of the member ids of family ``:family`` (``:variant`` itself when not assigned)."""
    if assigned:
        return "SELECT variant_id AS id FROM variant_families WHERE family_id = :family"
    return "SELECT :variant AS id"


def _ranked_sites(counts: Counter[str]) -> tuple[str, ...]:
    return tuple(site for site, _n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def family_of(core: Core, variant_id: int) -> FamilyInfo:
    """The variant's family: its id, member count and sites (most members first)."""
    family, assigned = _family_of(core, variant_id)
    rows = core.read(
        f"SELECT v.site FROM ({members_sql(assigned)}) m JOIN variants v ON v.id = m.id",
        {"family": family, "variant": variant_id},
    )
    sites = Counter(row["site"] for row in rows if row["site"])
    return FamilyInfo(family, len(rows), _ranked_sites(sites))


def eligible(core: Core, variant_id: int, editor: str) -> int:
    """Undecided members of the variant's family that no other editor holds a live lease on."""
    family, assigned = _family_of(core, variant_id)
    row = core.read_one(
        f"SELECT count(*) FROM ({members_sql(assigned)}) m JOIN variants v ON v.id = m.id WHERE v.verdict IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.variant_id = v.id AND l.expires_at > :now"
        " AND l.editor != :editor)",
        {"family": family, "variant": variant_id, "now": core.now(), "editor": editor},
    )
    return int(row[0]) if row else 0


def reason_text(reason: dict[str, str]) -> str:
    """A reason as one line: "number: 35,000 → 30,000"."""
    return f"{reason.get('kind', '?')}: {reason.get('original', '')} → {reason.get('variant', '')}"


@dataclass
class _Tally:
    """A family's counts while an article's members are read."""

    members: int = 0
    undecided: int = 0
    worst: float = 0.0
    verbatim: bool = False
    sites: Counter[str] = field(default_factory=Counter)


def article_families(core: Core, article_id: int) -> list[FamilyRow]:
    """The article's families, riskiest first, with sites and shared distortions (NotFound if unknown)."""
    if core.read_one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is None:
        raise NotFound(f"no article {article_id}")
    # The article's copies come from ``variants_article_rank`` alone (it covers these columns) and
    # their families from ``variant_families``' own article index: no variant row (and text) is read.
    assigned = {
        variant_id: (family, verbatim)
        for variant_id, family, verbatim in core.read_tuples(
            "SELECT variant_id, family_id, verbatim FROM variant_families WHERE article_id = ?", (article_id,)
        )
    }
    copies = core.read_tuples(
        "SELECT id, site, verdict IS NULL, risk, altered FROM variants"
        " INDEXED BY variants_article_rank WHERE article_id = ?",
        (article_id,),
    )
    family_of = {variant_id: assigned.get(variant_id, (variant_id, 0))[0] for variant_id, *_rest in copies}
    altered = [variant_id for variant_id, _s, _u, _r, count in copies if count]
    carried: dict[int, Counter[str]] = defaultdict(Counter)
    for start in range(0, len(altered), _CHUNK):
        chunk = altered[start : start + _CHUNK]
        rows = core.read_tuples(
            f"SELECT variant_id, reasons FROM claims WHERE variant_id IN ({', '.join('?' * len(chunk))})"
            " AND status = 'altered'",
            tuple(chunk),
        )
        texts: dict[int, set[str]] = defaultdict(set)  # a member counts once per distortion
        for variant_id, reasons in rows:
            texts[variant_id].update(reason_text(reason) for reason in json.loads(reasons))
        for variant_id, found in texts.items():
            carried[family_of[variant_id]].update(found)
    tally: dict[int, _Tally] = defaultdict(_Tally)
    for variant_id, site, undecided, risk, _altered in copies:
        t = tally[family_of[variant_id]]
        t.members += 1
        t.undecided += undecided
        t.worst = max(t.worst, risk)
        t.verbatim = t.verbatim or bool(assigned.get(variant_id, (0, 0))[1])
        if site:
            t.sites[site] += 1
    families = []
    for family, t in tally.items():
        shared = sorted(
            ((text, n) for text, n in carried[family].items() if n > t.members * SHARED_SHARE),
            key=lambda item: (-item[1], item[0]),
        )
        families.append(
            FamilyRow(
                family_id=family,
                members=t.members,
                undecided=t.undecided,
                sites=_ranked_sites(t.sites),
                shared=tuple(text for text, _n in shared),
                worst_risk=t.worst,
                verbatim=t.verbatim,
            )
        )
    families.sort(key=lambda f: (-f.worst_risk, -f.members, f.family_id))
    return families
