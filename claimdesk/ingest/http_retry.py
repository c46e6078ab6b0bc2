"""Exponential backoff with full jitter, shared by page retries and the feed-polling loop.

Jitter spreads out many watchers (or many pages on one host) that failed at the same moment,
so they do not all come back together and knock the server over again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Backoff:
    """Delay before retry ``attempt`` (0-based): uniform in ``[0, min(cap, base * 2**attempt)]``."""

    base: float = 1.0
    cap: float = 60.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, attempt: int) -> float:
        """Seconds to wait before the next try; grows twofold per attempt, never beyond ``cap``."""
        return self.rng.uniform(0.0, min(self.cap, self.base * 2 ** min(attempt, 32)))
