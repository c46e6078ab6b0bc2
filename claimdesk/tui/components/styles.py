"""How claim statuses and inbox states look: a glyph and a word always, colour only on top.

Editors work under ``NO_COLOR`` and 16 colours, so every state carries a glyph and a word;
the styles only add emphasis (bold, underline, reverse survive without colour).
"""

from __future__ import annotations

from rich.style import Style

# Claim status -> (glyph, short word).
STATUS_MARK: dict[str, tuple[str, str]] = {
    "kept": ("=", "kept"),
    "reworded": ("~", "reworded"),
    "altered": ("!", "ALTERED"),
    "dropped": ("-", "DROPPED"),
    "added": ("+", "ADDED"),
}

STATUS_STYLE: dict[str, Style] = {
    "kept": Style(dim=True),
    "reworded": Style(),
    "altered": Style(bold=True, color="red"),
    "dropped": Style(bold=True, color="yellow"),
    "added": Style(bold=True, color="magenta"),
}

# Inbox variant state -> glyph.
STATE_GLYPH: dict[str, str] = {"new": "•", "held": "◐", "decided": "✓", "conflicting": "≠"}
STATE_STYLE: dict[str, Style] = {
    "new": Style(bold=True),
    "held": Style(color="cyan"),
    "decided": Style(dim=True),
    "conflicting": Style(bold=True, color="red"),
}

CHANGED_WORD = Style(underline=True, color="yellow")
ALTERED_FACT = Style(bold=True, reverse=True, color="red")
CURSOR = Style(reverse=True)
DIM = Style(dim=True)
