"""The claim engine: text in, scores out. Pure: no I/O, no SQLite, no Textual.

Use :func:`score_pair` for one article/variant pair and :func:`report_to_dict` for the JSON
shape of the score contract (DESIGN.md, "Score contract").

The value types load with the package; the engine itself (``score_pair``, ``ENGINE_VERSION``,
``report_to_dict``) loads on first use, so code that only reads stored claims, like the review
app, never pays for importing the pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from claimdesk.claims.model import FLAGGED, STATUSES, Claim, Reason, Report, Span, Summary

if TYPE_CHECKING:
    from claimdesk.claims.engine import ENGINE_VERSION, score_pair
    from claimdesk.claims.serialise import report_to_dict

# Engine names -> the module that defines them, imported when one is first asked for.
_ENGINE = {
    "ENGINE_VERSION": "claimdesk.claims.engine",
    "score_pair": "claimdesk.claims.engine",
    "report_to_dict": "claimdesk.claims.serialise",
}


def __getattr__(name: str) -> object:
    if name in _ENGINE:
        return getattr(importlib.import_module(_ENGINE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ENGINE_VERSION",
    "FLAGGED",
    "STATUSES",
    "Claim",
    "Reason",
    "Report",
    "Span",
    "Summary",
    "report_to_dict",
    "score_pair",
]
