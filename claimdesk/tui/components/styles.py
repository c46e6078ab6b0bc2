"""How claim statuses and inbox states look: a glyph and a word always, colour only on top.

Editors work under ``NO_COLOR`` and 16 colours, so every state carries a glyph and a word, and
the colours come from the theme (component classes ``desk--*`` in ``claimdesk.tcss``), never
from here: under ``NO_COLOR`` the app runs an ANSI theme whose colours Textual strips to the
terminal's default, leaving bold, underline and reverse; in 16 colours red is a distortion only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from rich.style import Style

# Claim status -> (glyph, short word).
STATUS_MARK: dict[str, tuple[str, str]] = {
    "kept": ("=", "kept"),
    "reworded": ("~", "reworded"),
    "altered": ("!", "ALTERED"),
    "dropped": ("-", "DROPPED"),
    "added": ("+", "ADDED"),
}

# Inbox variant state -> glyph. A page that copies nothing of its article is not "new" work
# like the others: it has its own glyph (and the word "mismatch?" in the verdict column).
STATE_GLYPH: dict[str, str] = {"new": "•", "held": "◐", "decided": "✓", "conflicting": "≠", "mismatch": "⊘"}
MISMATCH_WORD = "mismatch?"

CURSOR = Style(reverse=True)
DIM = Style(dim=True)
ALERT = Style(bold=True, reverse=True)  # read-only and other warnings: loud without colour

# One component class per style the theme gives: ``desk--<status>``, ``desk--<state>``, and the
# marks inside a claim (``desk--changed`` words, ``desk--fact`` values of an altered fact).
_NAMES = (*STATUS_MARK, *STATE_GLYPH, "changed", "fact")
COMPONENT_CLASSES: frozenset[str] = frozenset(f"desk--{name}" for name in _NAMES)


@dataclass(frozen=True)
class Palette:
    """The rich styles one frame draws with, read from the theme."""

    status: Mapping[str, Style]
    state: Mapping[str, Style]
    changed: Style
    fact: Style


# Without a theme (pure functions, tests): emphasis only.
PLAIN = Palette(
    status={
        "kept": DIM,
        "reworded": Style(),
        "altered": Style(bold=True),
        "dropped": Style(bold=True),
        "added": Style(bold=True),
    },
    state={
        "new": Style(bold=True),
        "held": Style(italic=True),
        "decided": DIM,
        "conflicting": Style(bold=True),
        "mismatch": Style(italic=True),
    },
    changed=Style(underline=True),
    fact=Style(bold=True, reverse=True),
)


class _Styled(Protocol):
    def get_component_rich_style(self, *names: str, partial: bool = False, default: Style | None = None) -> Style: ...


def palette(widget: _Styled) -> Palette:
    """The theme's styles for a widget that declares :data:`COMPONENT_CLASSES` (cached by Textual)."""

    def get(name: str) -> Style:
        return widget.get_component_rich_style(f"desk--{name}", partial=True)

    return Palette(
        status={name: get(name) for name in STATUS_MARK},
        state={name: get(name) for name in STATE_GLYPH},
        changed=get("changed"),
        fact=get("fact"),
    )
