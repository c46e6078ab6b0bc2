"""Segmentation: split a text into sentence spans with offsets into the text as given.

Rules, in the order they matter for news copy: a line break always ends a sentence (headlines,
bylines, bullets); `.`, `!`, `?` or an ellipsis followed by space and a capital, digit or opening
quote ends one, unless the word before is a known abbreviation or a lone initial; a full stop
glued to the next sentence (`court.He`, scraped pages do this) ends one too. Both texts of a pair
go through the same rules, so consistency matters more than linguistic perfection.
"""

from __future__ import annotations

import re

from claimdesk.claims.model import Span

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
            # "Mr. Smith", "U.S. officials": not an end. A capital after "U.S." still may be one,
            # but a missed split costs less than a split name.
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


def segment(text: str) -> tuple[Span, ...]:
    """Sentence spans of ``text``, trimmed of surrounding white space, in order, never empty."""
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        cut = line.start()
        line_end = line.end()
        for m in _END.finditer(text, line.start(), line_end):
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
