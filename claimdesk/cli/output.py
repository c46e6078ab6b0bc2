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
import sys
from typing import Any, TextIO

from claimdesk.safe_text import clean, inert_json


def say(text: str, *, err: bool = False, file: TextIO | None = None) -> None:
    """Print one line of human-readable text, cleaned of escapes and controls (stderr with ``err``)."""
    stream = file or (sys.stderr if err else sys.stdout)
    print(clean(str(text), keep_newlines=False), file=stream, flush=err)


def json_text(obj: Any) -> str:
    """``obj`` as one line of JSON, non-ASCII text kept readable, terminal-active characters escaped."""
    return inert_json(json.dumps(obj, ensure_ascii=False))


def say_json(obj: Any, *, file: TextIO | None = None) -> None:
    """Print ``obj`` as one JSON line (see :func:`json_text`)."""
    print(json_text(obj), file=file or sys.stdout)
