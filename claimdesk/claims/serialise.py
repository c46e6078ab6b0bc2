"""The score contract's JSON shape, shared by `claimdesk score` and the store."""

from __future__ import annotations

from typing import Any

from claimdesk.claims.engine import ENGINE_VERSION
from claimdesk.claims.model import Claim, Report, Span


def _span(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """One claim as the contract prints it."""
    return {
        "status": claim.status,
        "score": claim.score,
        "original": _span(claim.original),
        "variant": _span(claim.variant),
        "reasons": [{"kind": r.kind, "original": r.original, "variant": r.variant} for r in claim.reasons],
    }


def report_to_dict(report: Report, id: Any = None) -> dict[str, Any]:
    """The whole report; ``id`` is echoed back so batch callers can match lines."""
    s = report.summary
    return {
        "id": id,
        "engine": f"claimdesk {ENGINE_VERSION}",
        "summary": {
            "fidelity": s.fidelity,
            "coverage": s.coverage,
            "spin": s.spin,
            "risk": s.risk,
            "counts": dict(s.counts),
        },
        "claims": [claim_to_dict(c) for c in report.claims],
    }
