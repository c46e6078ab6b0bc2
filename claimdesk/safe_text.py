"""Make untrusted text safe for a terminal: no escape sequences, no C0/C1 controls, no bidi tricks.

Articles, titles, notes and URLs come from the open web. Anything shown to an editor passes
through :func:`clean` and is rendered as plain text (``rich.text.Text``), never as markup.
"""

from __future__ import annotations

import re

# ESC-introduced sequences first (CSI, OSC ... ST/BEL, other two-byte escapes), then lone controls.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, terminated by BEL or ST (or not at all)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"  # other escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
# C0 except tab/newline, DEL, C1, and the bidi marks, embeddings, overrides and isolates.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The same but keeping CR too: for data streams (CSV) whose line ends must survive.
_ACTIVE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal acts on, plus the line separators.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` without terminal escapes, control characters or bidi overrides.

    Tabs become spaces; carriage returns are dropped; with ``keep_newlines=False`` newlines
    become spaces (for one-line cells such as titles).
    """
    text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\t", " ")
    text = _CONTROLS.sub("", text)
    if not keep_newlines:
        text = text.replace("\n", " ")
    return text


def inert(text: str) -> str:
    """``text`` without terminal escapes or control characters, its tabs, CRs and newlines kept.

    For data written as it is stored (CSV lines): the layout stays, nothing can drive a terminal
    that displays it. Text with nothing to remove (nearly all) is returned after one search.
    """
    if not _ACTIVE.search(text):
        return text
    return _ACTIVE.sub("", _ESCAPES.sub("", text))


def inert_json(json_text: str) -> str:
    """A JSON document (``ensure_ascii=False``) with the characters a terminal acts on escaped as ``\\uXXXX``.

    json.dumps already escapes C0; C1 controls and bidi marks it leaves raw. Escaped, the data a
    consumer decodes is unchanged.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
