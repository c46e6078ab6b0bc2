"""A claim as a ``claims`` row and back: the store's one converter for the engine's Claim.

The row is the score contract's JSON form (``claims.serialise.claim_to_dict``) laid flat: each
span as ``<side>_start``/``<side>_end`` columns and the reasons as the contract's JSON list, so
the fields of a claim are written down once, by the engine, and not again here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from claimdesk.claims import Claim, Reason, Span

_SIDES = ("original", "variant")
_COLUMNS = (
    "variant_id",
    "number",
    "status",
    "score",
    *(f"{s}_{e}" for s in _SIDES for e in ("start", "end")),
    "reasons",
)
_INSERT = f"INSERT INTO claims ({', '.join(_COLUMNS)}) VALUES ({', '.join(':' + c for c in _COLUMNS)})"


def to_row(variant_id: int, number: int, claim: Claim) -> dict[str, object]:
    """The ``claims`` row of claim ``number`` (1-based) of a variant."""
    # Imported here: the serialiser loads the engine, which the review app does not need to read.
    from claimdesk.claims.serialise import claim_to_dict

    data = claim_to_dict(claim)
    row: dict[str, object] = {"variant_id": variant_id, "number": number, "status": data["status"]}
    row["score"] = data["score"]
    for side in _SIDES:
        span = data[side] or {}
        row[f"{side}_start"], row[f"{side}_end"] = span.get("start"), span.get("end")
    row["reasons"] = json.dumps(data["reasons"], ensure_ascii=False)
    return row


def from_row(row: sqlite3.Row) -> Claim:
    """A ``claims`` row back into the engine's Claim."""
    spans = {
        side: None if row[f"{side}_start"] is None else Span(row[f"{side}_start"], row[f"{side}_end"])
        for side in _SIDES
    }
    reasons = tuple(Reason(**reason) for reason in json.loads(row["reasons"]))
    return Claim(row["status"], row["score"], spans["original"], spans["variant"], reasons)


def insert(conn: sqlite3.Connection, variant_id: int, claims: Iterable[Claim]) -> None:
    """Store a variant's claims, numbered from 1 in the engine's order."""
    # A generator: a long variant's rows are made as SQLite takes them, never all held at once.
    conn.executemany(_INSERT, (to_row(variant_id, n, claim) for n, claim in enumerate(claims, 1)))
