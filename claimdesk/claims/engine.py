"""Placeholder engine (being replaced): exact-match alignment only."""

from __future__ import annotations

import re

from claimdesk.claims.model import STATUSES, Claim, Report, Span, Summary

ENGINE_VERSION = "0.0.1"

_SENT = re.compile(r"[^.!?\n]+[.!?]*")


def _spans(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in _SENT.finditer(text) if m.group().strip()]


def score_pair(original: str, variant: str) -> Report:
    """Score a pair: identical sentences are kept, the rest dropped or added."""
    o, v = _spans(original), _spans(variant)
    vtexts = {variant[s.start : s.end].strip(): s for s in v}
    used: set[Span] = set()
    claims: list[Claim] = []
    for s in o:
        match = vtexts.get(original[s.start : s.end].strip())
        if match and match not in used:
            used.add(match)
            claims.append(Claim("kept", 1.0, s, match))
        else:
            claims.append(Claim("dropped", 0.0, s, None))
    claims += [Claim("added", 0.0, None, s) for s in v if s not in used]
    counts = {k: sum(c.status == k for c in claims) for k in STATUSES}
    n = max(1, len(claims))
    fidelity = counts["kept"] / n
    return Report(Summary(fidelity, fidelity, 0.0, 1 - fidelity, counts), tuple(claims))
