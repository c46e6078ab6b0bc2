"""Everything the command line prints passes through here, so no stored or fetched byte can drive the terminal.

Editor names, notes, titles, sites, URLs and batch ids come from other people and the open web.
A line printed raw could retitle the terminal, write the clipboard (OSC 52) or type a reply into
the shell (DSR). Text lines are cleaned with :func:`claimdesk.safe_text.clean`; JSON keeps its
data but escapes the characters JSON itself leaves raw (C1 controls, bidi overrides, line
separators), so a consumer decodes exactly the stored text while a terminal sees only ASCII
escapes.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

from claimdesk.safe_text import clean

# json.dumps escapes C0 and DEL-free ASCII already; these it leaves raw with ensure_ascii=False.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def say(text: str, *, err: bool = False, file: TextIO | None = None) -> None:
    """Print one line of human-readable text, cleaned of escapes and controls (stderr with ``err``)."""
    stream = file or (sys.stderr if err else sys.stdout)
    print(clean(str(text), keep_newlines=False), file=stream, flush=err)


def json_text(obj: Any) -> str:
    """``obj`` as one line of JSON, non-ASCII text kept readable, terminal-active characters escaped."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False))


def say_json(obj: Any, *, file: TextIO | None = None) -> None:
    """Print ``obj`` as one JSON line (see :func:`json_text`)."""
    print(json_text(obj), file=file or sys.stdout)
