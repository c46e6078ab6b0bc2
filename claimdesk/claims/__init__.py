"""The claim engine: text in, scores out. Pure: no I/O, no SQLite, no Textual.

Use :func:`score_pair` for one article/variant pair and :func:`report_to_dict` for the JSON
shape of the score contract (DESIGN.md, "Score contract").
"""

from claimdesk.claims.engine import ENGINE_VERSION, score_pair
from claimdesk.claims.model import FLAGGED, STATUSES, Claim, Reason, Report, Span, Summary
from claimdesk.claims.serialise import report_to_dict

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
