"""The leaf sanitiser: text for screens (clean), data streams (inert) and JSON (inert_json)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from claimdesk.safe_text import clean, inert, inert_json

HOSTILE = "a\x1b]0;PWNED\x07b\x1b[6nc\x9b31md\u202ee\x1b]52;c;eA==\x07f\x07"


def test_inert_strips_escapes_but_keeps_the_layout_of_a_csv_line() -> None:
    assert inert(f'1,"{HOSTILE}\r\nline two",\tx\r\n') == '1,"abcdef\r\nline two",\tx\r\n'
    plain = '42,café,"quoted, text"\r\n'
    assert inert(plain) is plain  # nothing to remove: the same object, after one search


def test_clean_is_for_one_screen_line() -> None:
    assert clean(f"{HOSTILE}\tnext\r\nline", keep_newlines=False) == "abcdef next line"


@given(st.text())
def test_inert_json_decodes_to_the_same_data_with_nothing_raw(text: str) -> None:
    dumped = inert_json(json.dumps({"t": text}, ensure_ascii=False))
    assert json.loads(dumped) == {"t": text}
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert not any(0x7F <= ord(c) <= 0x9F or c in bidi for c in dumped)
    assert "\x1b" not in dumped and "\x07" not in dumped
