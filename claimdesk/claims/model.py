"""Frozen values that flow through the engine pipeline (segment -> facts -> align -> score).

Offsets are Python string indices into the texts exactly as given, so any caller can slice
the original or the variant and get the claim's text back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["kept", "reworded", "altered", "dropped", "added"]
STATUSES: tuple[Status, ...] = ("kept", "reworded", "altered", "dropped", "added")
FLAGGED: frozenset[str] = frozenset({"altered", "dropped", "added"})


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into one text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a claim is altered: the kind of fact and its value on each side."""

    kind: str
    original: str
    variant: str


@dataclass(frozen=True, slots=True)
class Claim:
    """One aligned unit: an article sentence, a variant sentence, or a pair of them."""

    status: Status
    score: float
    original: Span | None
    variant: Span | None
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    """Variant-level scores the inbox sorts and filters by, so it never recomputes."""

    fidelity: float
    coverage: float
    spin: float
    risk: float
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the engine says about one article/variant pair."""

    summary: Summary
    claims: tuple[Claim, ...]
