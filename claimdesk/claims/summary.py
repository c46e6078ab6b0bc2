"""Variant-level scores: fidelity, coverage, spin, risk and counts per status.

Risk orders the inbox: altered facts weigh most, then added sentences that carry checkable
content (numbers, names, quotes), then dropped ones; a faithful spun copy ranks low.
"""

from __future__ import annotations

import math

from claimdesk.claims import facts
from claimdesk.claims.model import STATUSES, Claim, Summary

ALTERED_WEIGHT = 1.0
ADDED_CHECKABLE_WEIGHT = 0.45
ADDED_PLAIN_WEIGHT = 0.15
DROPPED_CHECKABLE_WEIGHT = 0.25
DROPPED_PLAIN_WEIGHT = 0.08


def _length(claim: Claim, side: str) -> int:
    span = getattr(claim, side)
    return span.end - span.start if span else 0


def summarise(claims: list[Claim], original: str, variant: str) -> Summary:
    """Scores of a whole variant from its claims."""
    counts = {k: 0 for k in STATUSES}
    for c in claims:
        counts[c.status] += 1
    o_total = sum(_length(c, "original") for c in claims) or 1
    copied = [c for c in claims if c.original and c.variant]
    coverage = sum(_length(c, "original") for c in copied) / o_total
    fidelity = sum(c.score * _length(c, "original") for c in claims if c.original) / o_total
    added_len = sum(_length(c, "variant") for c in claims if c.status == "added")
    v_total = sum(_length(c, "variant") for c in claims) or 1
    fidelity *= 1 - 0.5 * added_len / v_total  # invented text dilutes fidelity too
    reworded = [c for c in copied if c.status != "kept"]
    spin = sum((1 - (c.score - 0.8) / 0.2) * _length(c, "original") for c in reworded if c.status == "reworded") / max(
        1, sum(_length(c, "original") for c in copied)
    )
    weight = 0.0
    for c in claims:
        if c.status == "altered":
            weight += ALTERED_WEIGHT * len(c.reasons)
        elif c.status == "added":
            text = variant[c.variant.start : c.variant.end]
            weight += ADDED_CHECKABLE_WEIGHT if facts.extract(text).checkable else ADDED_PLAIN_WEIGHT
        elif c.status == "dropped":
            text = original[c.original.start : c.original.end]
            weight += DROPPED_CHECKABLE_WEIGHT if facts.extract(text).checkable else DROPPED_PLAIN_WEIGHT
    risk = 1 - math.exp(-weight)
    return Summary(
        fidelity=round(fidelity, 3),
        coverage=round(coverage, 3),
        spin=round(min(1.0, max(0.0, spin)), 3),
        risk=round(risk, 3),
        counts=counts,
    )
