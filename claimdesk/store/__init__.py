"""The SQLite store: articles, variants with their scores, claims, the verdict log, leases.

Shortest use::

    from claimdesk.store import Store, ArticleIn, VariantIn

    with Store.open("desk.db") as store:
        added = store.add_pair(ArticleIn(text=original), VariantIn(text=copy, url=url))
        page = store.inbox_page()
        store.record_verdict(page.rows[0].id, "faithful", editor="ana")

Open one Store per thread. Every write is a short ``BEGIN IMMEDIATE`` transaction; reads
never keep a transaction open between calls. A ``ChangeProbe`` says whether anything was
committed since it last looked, from whichever thread polls.
"""

from claimdesk.store.changes import ChangeProbe
from claimdesk.store.errors import (
    BadVerdict,
    LeaseHeld,
    MissingStore,
    NotFound,
    NothingToUndo,
    ReadOnlyStore,
    StoreBusy,
    StoreError,
    StoreUnavailable,
    VerdictChanged,
)
from claimdesk.store.models import (
    CLAIM_VERDICTS,
    VARIANT_VERDICTS,
    AddResult,
    AlteredValue,
    Article,
    ArticleGroupKey,
    ArticleGroupPage,
    ArticleGroupRow,
    ArticleIn,
    FamilyBatch,
    FamilyInfo,
    FamilyRow,
    FeedState,
    HistoryEntry,
    InboxCounts,
    InboxPage,
    InboxQuery,
    InboxRow,
    Lease,
    PageKey,
    Scores,
    Seen,
    Spread,
    SpreadClaim,
    StoredClaim,
    VariantDetail,
    VariantIn,
    Verdict,
)
from claimdesk.store.store import Store

__all__ = [
    "CLAIM_VERDICTS",
    "VARIANT_VERDICTS",
    "AddResult",
    "AlteredValue",
    "Article",
    "ArticleGroupKey",
    "ArticleGroupPage",
    "ArticleGroupRow",
    "ArticleIn",
    "BadVerdict",
    "ChangeProbe",
    "FamilyBatch",
    "FamilyInfo",
    "FamilyRow",
    "FeedState",
    "HistoryEntry",
    "InboxCounts",
    "InboxPage",
    "InboxQuery",
    "InboxRow",
    "Lease",
    "LeaseHeld",
    "MissingStore",
    "NotFound",
    "NothingToUndo",
    "PageKey",
    "ReadOnlyStore",
    "Scores",
    "Seen",
    "Spread",
    "SpreadClaim",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreUnavailable",
    "StoredClaim",
    "VariantDetail",
    "VariantIn",
    "Verdict",
    "VerdictChanged",
]
