"""Segmentation: split a text into sentence spans with offsets into the text as given.

Rules, in the order they matter for news copy: a line break ends a sentence (headlines,
bylines, bullets) unless it breaks one in the middle (a lowercase word on both sides); `.`, `!`,
`?` or an ellipsis followed by space and a capital, digit or opening quote ends one, unless the
word before is a known abbreviation or a lone initial and the next word is no grammar word (an
abbreviation ends a sentence in "sold to Acme Corp. The deal", not in "Jan. 5"); a full stop
glued to the next sentence (`court.He`, scraped pages do this) ends one too. Both texts of a pair
go through the same rules, so consistency matters more than linguistic perfection.
"""

from __future__ import annotations

import re

from claimdesk.claims.model import Span
from claimdesk.claims.words import FUNCTION_WORDS

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "rev",
        "hon",
        "fr",
        "inc",
        "ltd",
        "co",
        "corp",
        "plc",
        "bros",
        "llc",
        "vs",
        "etc",
        "no",
        "nos",
        "vol",
        "fig",
        "approx",
        "dept",
        "est",
        "univ",
        "ave",
        "rd",
        "blvd",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "d.c",
        "u.s.a",
        "al",
        "cf",
        "op",
    ]
)

# Abbreviations always followed by a name: never a sentence's last word.
TITLES = frozenset("mr mrs ms mx dr prof st jr sr gen gov sen rep lt col sgt capt cmdr adm maj rev hon fr".split())

# Candidate ends: terminal punctuation, optional closing quotes/brackets.
_END = re.compile(r"(?:\.{3}|…|[.!?]+)[\"'”’)\]]*")
_OPENERS = "\"'“‘(["
_CLOSING_QUOTES = "\"'”’"


def _word_before(text: str, end: int) -> str:
    """The token that ends at ``end`` (the character before the full stop)."""
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    return text[start:end]


def _next_word(text: str, start: int) -> str:
    m = re.match(r"[\"'“‘(]?([^\W\d_]+)", text[start : start + 40])
    return m.group(1) if m else ""


def _is_abbreviation(word: str) -> bool:
    w = word.lower().strip("\"'“‘(")
    if not w:
        return False
    if w in ABBREVIATIONS:
        return True
    # Lone initials ("Jeffrey P. Bezos") and dotted acronyms ("U.S", "a.m").
    return (len(w) == 1 and w.isalpha()) or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", w))


def _boundary_after(text: str, m: re.Match[str]) -> int | None:
    """Where the next sentence starts if the punctuation in ``m`` ends a sentence, else None."""
    end = m.end()
    n = len(text)
    if end >= n:
        return None
    nxt = text[end]
    punct = m.group()
    if nxt.isspace():
        j = end
        while j < n and text[j] in " \t\u00a0":
            j += 1
        if j >= n or text[j] == "\n":
            return None  # the line break splits anyway
        start_char = text[j]
        if not (start_char.isupper() or start_char.isdigit() or start_char in _OPENERS):
            return None
        if punct.startswith(".") and not punct.startswith("...") and _is_abbreviation(_word_before(text, m.start())):
            # "Mr. Smith", "U.S. Treasury": not an end. A grammar word after the stop opens a
            # sentence ("in Jan. The talks"), except after a title, which always has a name next.
            title = _word_before(text, m.start()).lower().strip("\"'“‘(") in TITLES
            if title or _next_word(text, j).lower() not in FUNCTION_WORDS:
                return None
        return j
    # Glued: "court.He said" or 'Sport."I think' — only after a lowercase word or a closing mark.
    if punct[0] in ".!?" and (nxt.isupper() or nxt in '"“‘') and m.start() > 0:
        before = text[m.start() - 1]
        word = _word_before(text, m.start())
        if (before.islower() or before in "\"'”’)") and len(word) > 1 and not _is_abbreviation(word):
            if "." in word or "@" in word or "/" in word:
                return None  # a web address or e-mail: "www.example.com"
            # A straight quote after the stop with a letter right behind it opens the next sentence.
            if punct[-1] in "\"'" and len(punct) > 1 and nxt.isalpha():
                return end - 1
            return end
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the text's lines; a line that stops without terminal punctuation before one that
    opens in lowercase is one sentence broken across lines (scraped copy loses a link's text
    there), not a headline, so the two are joined."""
    out: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        body = line.group().strip()
        if not body:
            continue
        if out and body[0].islower() and text[out[-1][0] : out[-1][1]].rstrip()[-1:] in _RUNS_ON:
            out[-1] = (out[-1][0], line.end())
        else:
            out.append((line.start(), line.end()))
    return out


_RUNS_ON = frozenset("abcdefghijklmnopqrstuvwxyz,;")


def segment(text: str) -> tuple[Span, ...]:
    """Sentence spans of ``text``, trimmed of surrounding white space, in order, never empty."""
    spans: list[Span] = []
    for line_start, line_end in _lines(text):
        cut = line_start
        for m in _END.finditer(text, line_start, line_end):
            nxt = _boundary_after(text, m)
            if nxt is not None and nxt <= line_end:
                _append(text, spans, cut, m.end() if nxt > m.end() else nxt)
                cut = nxt
        _append(text, spans, cut, line_end)
    return tuple(spans)


def _append(text: str, spans: list[Span], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        spans.append(Span(start, end))
