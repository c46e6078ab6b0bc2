"""What an editor's name, a note and a client uid may hold: checked once, where they enter the store.

They are shown later on other editors' terminals (`stats`, the review's history) and in CSV
cells, so a name is a short line of printable text and a note a bounded one. Refusing at entry
means nothing stored needs trusting later; the output side still cleans, for stores written by
older versions or by hand.
"""

from __future__ import annotations

import re
import unicodedata

from claimdesk.store.errors import BadEntry

EDITOR_MAX = 64
NOTE_MAX = 2000
UID_MAX = 128
# A uid is a client's idempotency key: letters, digits and a few separators (UUIDs fit), never a formula.
_UID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
# Unicode categories that print nothing or steer the terminal: controls, format (bidi, zero-width),
# separators other than the space, unassigned and private-use code points, surrogates.
_UNPRINTABLE = {"Cc", "Cf", "Zl", "Zp", "Cn", "Co", "Cs"}


def _unprintable(text: str, allowed: str = "") -> str | None:
    for char in text:
        if unicodedata.category(char) in _UNPRINTABLE and char not in allowed:
            return f"U+{ord(char):04X}"
    return None


def check_editor(name: str) -> str:
    """``name`` if it is 1 to 64 printable characters with no leading or trailing space, else BadEntry."""
    if not name or name != name.strip():
        raise BadEntry("an editor's name must be non-empty, without leading or trailing spaces")
    if len(name) > EDITOR_MAX:
        raise BadEntry(f"an editor's name is at most {EDITOR_MAX} characters")
    if bad := _unprintable(name):
        raise BadEntry(f"an editor's name cannot hold the unprintable character {bad}")
    return name


def check_note(note: str | None) -> str | None:
    """``note`` if it is at most 2,000 printable characters (line breaks allowed; None stays None), else BadEntry."""
    if note is None:
        return None
    if len(note) > NOTE_MAX:
        raise BadEntry(f"a note is at most {NOTE_MAX} characters")
    if bad := _unprintable(note, allowed="\n"):
        raise BadEntry(f"a note cannot hold the unprintable character {bad}")
    return note


def check_uid(uid: str | None) -> str | None:
    """``uid`` if it is 1 to 128 of ``A-Z a-z 0-9 . _ : -``, starting with a letter or digit, else BadEntry."""
    if uid is None:
        return None
    if len(uid) > UID_MAX or not _UID.fullmatch(uid):
        raise BadEntry(
            f"a uid is 1 to {UID_MAX} letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
        )
    return uid
