"""The pipeline: segment -> facts -> align -> compare -> score. Deterministic and pure."""

from __future__ import annotations

import re

from claimdesk.claims import facts
from claimdesk.claims.align import Link, align, content_words
from claimdesk.claims.compare import Side, reasons
from claimdesk.claims.model import STATUSES, Claim, Reason, Report, Span
from claimdesk.claims.segment import segment
from claimdesk.claims.summary import summarise

ENGINE_VERSION = "1.0.0"

_SPACE = re.compile(r"\s+")


def _side(text: str, spans: list[Span], ids: tuple[int, ...]) -> tuple[Span, Side]:
    """The span from the first to the last sentence of a claim, and its facts."""
    span = Span(spans[ids[0]].start, spans[ids[-1]].end)
    body = text[span.start : span.end]
    return span, Side(body, facts.extract(body))


def _claim(link: Link, original: str, variant: str, o_spans: list[Span], v_spans: list[Span]) -> Claim:
    if not link.variant:
        return Claim("dropped", 0.0, _side(original, o_spans, link.original)[0], None)
    if not link.original:
        return Claim("added", 0.0, None, _side(variant, v_spans, link.variant)[0])
    o_span, o_side = _side(original, o_spans, link.original)
    v_span, v_side = _side(variant, v_spans, link.variant)
    if _SPACE.sub(" ", o_side.text) == _SPACE.sub(" ", v_side.text):
        return Claim("kept", 1.0, o_span, v_span)
    found: tuple[Reason, ...] = reasons(o_side, v_side)
    overlap = _overlap(o_side.text, v_side.text)
    if found:
        return Claim("altered", round(0.5 * overlap / len(found), 3), o_span, v_span, found)
    return Claim("reworded", round(0.8 + 0.2 * overlap, 3), o_span, v_span)


def _overlap(a: str, b: str) -> float:
    """Share of content words the two sides have in common (1 - spin of this claim)."""
    wa, wb = content_words(a), content_words(b)
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa or wb else 1.0


def _order(claim: Claim) -> tuple[int, int]:
    """Reading order: by the article's position, added claims by the variant's."""
    if claim.original is not None:
        return claim.original.start, 0
    return -1, claim.variant.start if claim.variant else 0


def score_pair(original: str, variant: str) -> Report:
    """Score how faithfully ``variant`` copies ``original``, claim by claim."""
    o_spans = list(segment(original))
    v_spans = list(segment(variant))
    links = align([original[s.start : s.end] for s in o_spans], [variant[s.start : s.end] for s in v_spans])
    claims = [_claim(link, original, variant, o_spans, v_spans) for link in links]
    claims = _reading_order(claims)
    return Report(summarise(claims, original, variant), tuple(claims))


def _reading_order(claims: list[Claim]) -> list[Claim]:
    """Claims as an editor reads the variant, with dropped ones where the article had them."""
    placed = sorted((c for c in claims if c.variant is not None), key=lambda c: c.variant.start)
    dropped = sorted((c for c in claims if c.variant is None), key=lambda c: c.original.start)
    out: list[Claim] = []
    for claim in placed:
        while dropped and claim.original is not None and dropped[0].original.start < claim.original.start:
            out.append(dropped.pop(0))
        out.append(claim)
    return out + dropped


__all__ = ["ENGINE_VERSION", "STATUSES", "score_pair"]
