"""Frozen records the store hands out and takes in.

Plain dataclasses rather than sqlite rows, so the app and intake never depend on column
order or on a connection staying open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from claimdesk.claims import Claim

# Verdicts an editor can give. `undo` is not among them: it is a log event, see Store.undo.
VARIANT_VERDICTS: tuple[str, ...] = ("faithful", "distorted", "unrelated", "escalated")
CLAIM_VERDICTS: tuple[str, ...] = ("confirmed", "dismissed")
UNDO = "undo"

Sort = Literal["risk", "time", "site", "altered"]
SORTS: tuple[str, ...] = ("risk", "time", "site", "altered")
# A variant whose text covers less than this share of its article is likely not a copy of it
# (a mismatched page): it is listed below every real copy in the risk order.
MISMATCH_COVERAGE = 0.05
State = Literal["new", "held", "decided"]


@dataclass(frozen=True, slots=True)
class ArticleIn:
    """An article as intake found it; ``text`` is already plain text (HTML reduced upstream)."""

    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class VariantIn:
    """A variant as intake found it; ``site`` defaults to the URL's host."""

    text: str
    url: str | None = None
    title: str | None = None
    site: str | None = None
    found: str | None = None


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add_pair` did: ``added`` False means the variant was already stored."""

    added: bool
    article_id: int
    variant_id: int


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article."""

    id: int
    url: str | None
    title: str | None
    text: str
    published: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class Lease:
    """A short hold on a variant by one editor; expired leases are ignored everywhere."""

    variant_id: int
    editor: str
    taken_at: str
    expires_at: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """One event of the append-only verdict log.

    ``claim`` is the 1-based claim number, None for a verdict on the whole variant.
    ``replaces`` points at the event this one undoes (``verdict == "undo"``) or supersedes.
    """

    id: int
    uid: str
    variant_id: int
    claim: int | None
    verdict: str
    editor: str
    note: str | None
    decided_at: str
    replaces: int | None
    batch: str | None = None  # the family verdict this row belongs to (and its undo), if any


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A verdict on the whole variant as the review lists it: the event and whether it was undone."""

    event: Verdict
    undone: bool


@dataclass(frozen=True, slots=True)
class Seen:
    """What the editor was shown when they pressed a verdict key: the current verdict's id (None: none)."""

    verdict_id: int | None


@dataclass(frozen=True, slots=True)
class PageKey:
    """Opaque position in an inbox listing: the sort value and id of a row (keyset paging)."""

    value: float | int | str | None
    id: int


@dataclass(frozen=True, slots=True)
class InboxQuery:
    """What the inbox shows: sort order and filters. ``search`` is plain words (FTS5 prefix match)."""

    sort: Sort = "risk"
    state: State | None = None
    verdict: str | None = None
    site: str | None = None
    search: str | None = None
    conflict: bool = False  # only variants whose editors' standing verdicts disagree
    family: int | None = None  # only the members of this copy family (its id)


def sort_key(
    sort: Sort, variant_id: int, risk: float, coverage: float, found: str, site: str | None, altered: int
) -> PageKey:
    """A variant's position under ``sort``: the value of ``inbox.ORDERINGS``' expression, and its id."""
    if sort == "risk":
        value: float | int | str = risk - (1 if coverage < MISMATCH_COVERAGE else 0)
    elif sort == "time":
        value = found
    elif sort == "site":
        value = site or ""
    else:
        value = altered
    return PageKey(value, variant_id)


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One line of the inbox; ``state`` is held (live lease) > decided (current verdict) > new."""

    id: int
    state: State
    risk: float
    fidelity: float
    altered: int
    dropped: int
    added: int
    site: str | None
    title: str | None
    found_at: str | None
    created_at: str
    holder: str | None
    verdict: str | None
    coverage: float = 1.0
    noted: bool = False  # the current verdict carries a note

    @property
    def mismatch(self) -> bool:
        """Whether the page is likely not a copy of its article at all (it copies next to nothing)."""
        return self.coverage < MISMATCH_COVERAGE

    def key(self, sort: Sort) -> PageKey:
        """This row's key under ``sort``, to page on from it (``inbox_page(after=...)``)."""
        found = self.found_at or self.created_at
        return sort_key(sort, self.id, self.risk, self.coverage, found, self.site, self.altered)


@dataclass(frozen=True, slots=True)
class InboxPage:
    """A page of rows and the keys to fetch the pages after and before it."""

    rows: tuple[InboxRow, ...]
    next: PageKey | None
    previous: PageKey | None


@dataclass(frozen=True, slots=True)
class InboxCounts:
    """Totals over the whole store, for the inbox header."""

    total: int
    new: int
    decided: int
    held: int


@dataclass(frozen=True, slots=True)
class Scores:
    """The engine's summary as stored on the variant row."""

    fidelity: float
    coverage: float
    spin: float
    risk: float
    counts: dict[str, int] = field(default_factory=dict)
    engine: str = ""


@dataclass(frozen=True, slots=True)
class VariantDetail:
    """Everything the review screen needs about one variant, except its claims."""

    id: int
    article: Article
    url: str | None
    title: str | None
    site: str | None
    text: str
    found_at: str | None
    created_at: str
    scores: Scores
    verdict: Verdict | None
    lease: Lease | None

    @property
    def mismatch(self) -> bool:
        """Whether the page is likely not a copy of its article (see ``InboxRow.mismatch``)."""
        return self.scores.coverage < MISMATCH_COVERAGE

    def key(self, sort: Sort) -> PageKey:
        """This variant's key in an inbox listing sorted by ``sort``."""
        s = self.scores
        found = self.found_at or self.created_at
        return sort_key(sort, self.id, s.risk, s.coverage, found, self.site, s.counts.get("altered", 0))


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim of a variant with its 1-based number and its current claim verdict, if any."""

    number: int
    claim: Claim
    verdict: Verdict | None = None


@dataclass(frozen=True, slots=True)
class FeedState:
    """HTTP validators remembered for a feed so polls can be conditional."""

    url: str
    etag: str | None
    last_modified: str | None
    checked_at: str | None


# Copy families -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleGroupKey:
    """Position in the grouped inbox: the rank and id of the article's riskiest listed copy."""

    rank: float
    variant_id: int


@dataclass(frozen=True, slots=True)
class ArticleGroupRow:
    """One article of the grouped inbox, counted over the copies the query lists.

    ``worst_risk`` is the stored risk of its riskiest listed copy; ``key`` pages on from this row.
    """

    article_id: int
    title: str | None
    copies: int
    undecided: int
    worst_risk: float
    families: int
    key: ArticleGroupKey


@dataclass(frozen=True, slots=True)
class ArticleGroupPage:
    """A page of article groups; ``next`` is None on the last page."""

    rows: tuple[ArticleGroupRow, ...]
    next: ArticleGroupKey | None


@dataclass(frozen=True, slots=True)
class FamilyRow:
    """One family of an article, as the expanded grouped inbox lists it.

    ``sites`` are its members' sites, most members first; ``shared`` the distortions (altered
    reasons, as "kind: original → variant") carried by more than half of its members, most
    carried first: near copies can each lose a sentence, so "every member" would hide the figure
    a network spread.
    """

    family_id: int
    members: int
    undecided: int
    sites: tuple[str, ...]
    shared: tuple[str, ...]
    worst_risk: float
    verbatim: bool = False  # the article's own text, copied word for word


@dataclass(frozen=True, slots=True)
class FamilyInfo:
    """The family a variant belongs to, for the review header: "family of N copies on M sites"."""

    family_id: int
    members: int
    sites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FamilyBatch:
    """What a family verdict did: ``recorded`` rows under batch id ``batch``, members skipped as
    held by another editor or already decided."""

    batch: str
    recorded: int
    skipped_held: int
    skipped_decided: int


@dataclass(frozen=True, slots=True)
class AlteredValue:
    """One distinct altered value of an article claim: how many copies carry it and the earliest
    copy that did (by found date, else stored date)."""

    kind: str
    original: str
    variant: str
    count: int
    earliest_site: str | None
    earliest_found: str
    earliest_variant: int = 0


@dataclass(frozen=True, slots=True)
class SpreadClaim:
    """One claim of the article (1-based ``number``, character span ``start``..``end`` of the
    article text) against its copies: how many keep, reword, alter or drop it."""

    number: int
    start: int
    end: int
    kept: int
    reworded: int
    altered: int
    dropped: int
    values: list[AlteredValue]


@dataclass(frozen=True, slots=True)
class Spread:
    """An article's claims against all of its ``copies``."""

    article_id: int
    copies: int
    claims: list[SpreadClaim]
