"""Variant-level scores: fidelity, coverage, spin, risk and counts per status.

Risk orders the inbox: altered facts weigh most, then added sentences that carry checkable
content (numbers, names, quotes), then dropped ones; a faithful spun copy ranks low. The curve
saturates slowly so that a copy with ten problems still ranks above one with three.
"""

from __future__ import annotations

import math

from claimdesk.claims import facts
from claimdesk.claims.align import word_overlap
from claimdesk.claims.model import STATUSES, Claim, Span, Summary

ALTERED_WEIGHT = 1.0  # per changed fact
ADDED_CHECKABLE_WEIGHT = 0.45
ADDED_PLAIN_WEIGHT = 0.15
DROPPED_CHECKABLE_WEIGHT = 0.25
DROPPED_PLAIN_WEIGHT = 0.08
RISK_SCALE = 3.0  # weight at which risk reaches 1 - 1/e


def _length(span: Span | None) -> int:
    return span.end - span.start if span else 0


def _text(text: str, span: Span) -> str:
    return text[span.start : span.end]


def _weight(claim: Claim, original: str, variant: str) -> float:
    """How much one claim should raise the variant's place in the review queue."""
    if claim.status == "altered":
        return ALTERED_WEIGHT * len(claim.reasons)
    if claim.status == "added" and claim.variant:
        checkable = facts.extract(_text(variant, claim.variant)).checkable
        return ADDED_CHECKABLE_WEIGHT if checkable else ADDED_PLAIN_WEIGHT
    if claim.status == "dropped" and claim.original:
        checkable = facts.extract(_text(original, claim.original)).checkable
        return DROPPED_CHECKABLE_WEIGHT if checkable else DROPPED_PLAIN_WEIGHT
    return 0.0


def summarise(claims: list[Claim], original: str, variant: str) -> Summary:
    """Scores of a whole variant from its claims, weighted by the length of the text they cover."""
    counts = {k: 0 for k in STATUSES}
    for c in claims:
        counts[c.status] += 1
    o_total = sum(_length(c.original) for c in claims) or 1
    v_total = sum(_length(c.variant) for c in claims) or 1
    copied = [c for c in claims if c.original and c.variant]
    copied_len = sum(_length(c.original) for c in copied)
    has_article = any(c.original for c in claims)
    coverage = copied_len / o_total if has_article else 1.0
    # An article with nothing to copy is copied faithfully unless the variant invents something.
    fidelity = sum(c.score * _length(c.original) for c in claims if c.original) / o_total if has_article else 1.0
    added_len = sum(_length(c.variant) for c in claims if c.status == "added")
    fidelity *= 1 - 0.5 * added_len / v_total  # invented text dilutes fidelity too
    swapped = sum(
        (1 - word_overlap(_text(original, c.original), _text(variant, c.variant))) * _length(c.original)
        for c in copied
        if c.status != "kept"
    )
    spin = swapped / copied_len if copied_len else 0.0
    risk = 1 - math.exp(-sum(_weight(c, original, variant) for c in claims) / RISK_SCALE)
    return Summary(
        fidelity=round(fidelity, 3),
        coverage=round(coverage, 3),
        spin=round(spin, 3),
        risk=round(risk, 3),
        counts=counts,
    )
