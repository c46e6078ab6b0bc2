"""Facts of a sentence: the "immutables" a spinner leaves alone and a distortion changes.

Each fact is normalised so that the same fact written another way compares equal: "five" and
"5", "1,500" and "1500", "a million" and "1 million", "£4.5bn" and "£4.5 billion", "per cent"
and "%", "January" and "Jan". Digits are *hard* facts (spinners never touch them); number words
are *soft* (a spinner may turn "two" into "dual"), so the comparison treats them asymmetrically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from claimdesk.claims.cast import name_key
from claimdesk.claims.words import FUNCTION_WORDS, NOT_NAMES

_TITLES = NOT_NAMES - FUNCTION_WORDS  # "Mr.", "Dr.": a full stop after one ends no sentence

WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f'’\-]*|\d[\d,.]*\d|\d")

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "hundred": 100,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "hundredth": 100,
}
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# Hard cues are never touched by a spinner; soft ones have synonyms it may swap in ("without" ->
# "but"), so only a soft cue that appears from nowhere counts. Soft cues include the negative
# words and verbs a paraphrase puts for a "not" ("unable to", "failed to", "has yet to", "lacks").
HARD_CUES = (r"[A-Za-z]*not['’]t", "not", "never", "cannot", r"[A-Za-z]+n['’]t")
SOFT_CUES = (
    "no",
    "nor",
    "without",
    "nobody",
    "nothing",
    "none",
    "neither",
    "nowhere",
    "noone",
    "unable",
    r"fail(?:s|ed|ing)?\s+to",
    r"yet\s+to",
    r"refus(?:e|es|ed|ing)\s+to",
    r"lack(?:s|ed|ing)?",
)
HARD_NEGATIONS = re.compile(r"\b(?:" + "|".join(HARD_CUES) + r")\b", re.IGNORECASE)
SOFT_NEGATIONS = re.compile(r"\b(?:" + "|".join(SOFT_CUES) + r")\b", re.IGNORECASE)
_NOT_ONLY = re.compile(r"not\s+(?:only|just|merely)\b", re.IGNORECASE)
_BUT = re.compile(r"\bbut\b", re.IGNORECASE)

_NUMBER = re.compile(
    r"(?P<cur>[$£€¥]|US\$|A\$|C\$)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|bn|mn|mln|tn|trn|m|k|b)\b)?"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?",
    re.IGNORECASE,
)
# Cheap test before the expensive pattern: most sentences hold no number word at all.
_NUMBER_WORD_HINT = re.compile(
    r"(?i)\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|"
    r"thousand|million|billion|trillion)\b"
)
_WORD_NUMBER = re.compile(
    r"\b(?P<a>an?\s+)?(?P<w>(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|dozen|thousand|million|billion|trillion)(?:[\s-]+(?:and\s+)?)?)+)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"“[^”]{2,}”|\"[^\"]{2,}\"|‘[^’]{3,}’(?!\w)|(?<!\w)'[^']{3,}'(?!\w)")


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric fact: its canonical key, the text as written, where it is, and how hard it is."""

    key: str
    surface: str
    start: int
    end: int
    hard: bool
    currency: str = ""
    alt: str = ""  # a second reading of the same text: "200m" is 200 million or 200 metres


@dataclass(frozen=True, slots=True)
class Name:
    """A capitalised word that is not there for grammar: part of a name, place or organisation."""

    key: str
    surface: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything checkable in one sentence, with offsets relative to the sentence."""

    numbers: tuple[Number, ...]
    names: tuple[Name, ...]
    negations: tuple[tuple[int, int], ...]
    soft_negations: tuple[tuple[int, int], ...]
    quotes: tuple[tuple[int, int], ...]
    initial: Name | None = None

    @property
    def checkable(self) -> bool:
        """Does the sentence carry anything an editor could check?"""
        return bool(self.numbers or self.names or self.quotes)


def _canonical(value: float) -> str:
    return f"{value:.6g}" if value != int(value) or abs(value) >= 1e15 else str(int(value))


def _words_value(words: str) -> float | None:
    """Value of a run of number words ("twenty-five", "a million", "two hundred thousand")."""
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[\s-]+", words.lower()):
        if not w or w == "and":
            continue
        if w in UNITS:
            current = (current or 1) * 100 if w == "hundred" else current + UNITS[w]
            seen = True
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current, seen = 0.0, True
    return total + current if seen else None


_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b(" + "|".join(ORDINALS) + r")\b", re.IGNORECASE)


def ordinals(text: str) -> list[Number]:
    """ "1st" (hard) and "first" (soft) compare equal; "first" may be spun to "initial"."""
    out = []
    for m in _ORDINAL.finditer(text):
        value = int(m.group(1)) if m.group(1) else ORDINALS[m.group(2).lower()]
        out.append(Number(f"ord:{value}", m.group(), m.start(), m.end(), hard=bool(m.group(1))))
    return out


def _times_sign(text: str, start: int) -> bool:
    """ "4x200m": a multiplication sign between digits, not an identifier."""
    return start > 1 and text[start - 1] in "xX" and text[start - 2].isdigit()


_PAIR = re.compile(r"(?<![\w,.])(\d+)\s?(?:[-–]|(?<=\d{4})/)\s?(\d+)(?![\w,]|\.\d)")


def pairs(text: str) -> list[Number]:
    """Score lines and ranges ("27-25", "4-17") keep their order: 25-27 is another result. A
    span of years may shorten its end ("1953-56", "2003/04" is "2003-2004")."""
    out = []
    for m in _PAIR.finditer(text):
        first, second = m.group(1), m.group(2)
        if len(first) == 4 and len(second) == 2 and int(second) >= int(first[2:]):
            second = first[:2] + second
        out.append(Number(f"{first}-{second}", m.group(), m.start(), m.end(), hard=True))
    return out


_CLOCK = re.compile(
    r"\b(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s?(?P<half>[ap])\.?m\b\.?"
    r"|(?P<h24>[01]?\d|2[0-3])[:.]?(?P<m24>[0-5]\d)\s?(?=(?:GMT|BST|UTC|CET|EST|EDT|PST|PDT|ET|hrs|hours|h)\b)"
    r"|(?P<hc>[01]?\d|2[0-3]):(?P<mc>[0-5]\d)\b)",
    re.IGNORECASE,
)


def clock_times(text: str) -> list[Number]:
    """ "0900 GMT", "9am GMT", "9:00 a.m." and "21:30" are times of day, compared as such."""
    out = []
    for m in _CLOCK.finditer(text):
        if m.group("half"):
            hour, minute = int(m.group("h")), int(m.group("m") or 0)
            hour = hour % 12 + (12 if m.group("half").lower() == "p" else 0)
        elif m.group("h24"):
            hour, minute = int(m.group("h24")), int(m.group("m24"))
        else:
            hour, minute = int(m.group("hc")), int(m.group("mc"))
        out.append(Number(f"time:{hour:02d}:{minute:02d}", m.group().strip(), m.start(), m.end(), hard=True))
    return out


_UNIT_MONTHS = {"year": 12, "month": 1, "decade": 120, "century": 1200}
_NUMBER_WORDS = "|".join(sorted((w for w in UNITS if w != "dozen"), key=len, reverse=True))
_DURATION = re.compile(
    rf"\b(?P<n>\d+(?:\.\d+)?|an?|(?:(?:{_NUMBER_WORDS})[\s-]+)*(?:{_NUMBER_WORDS}))"
    r"(?P<half>[\s-]+and[\s-]+a[\s-]+half)?(?P<sep>[\s-])(?P<u>year|month|decade|century|centuries)s?\b",
    re.IGNORECASE,
)


def durations(text: str) -> list[Number]:
    """ "12 months", "a year" and "one year" are one length of time; so are "40 years" and
    "four decades". A duration in digits is hard, in words soft; a hyphenated one may be an age
    ("21-year-old"), so it also reads as its plain number."""
    out = []
    for m in _DURATION.finditer(text):
        n = m.group("n").lower()
        value = float(n) if n[0].isdigit() else (1.0 if n in ("a", "an") else _words_value(n) or 0.0)
        value += 0.5 if m.group("half") else 0.0
        unit = m.group("u").lower().replace("centuries", "century")
        key = "dur:" + _canonical(value * _UNIT_MONTHS[unit])
        # "a 21-year-old" is an age, "21" in another sentence: the hyphenated form reads both ways.
        alt = _canonical(value) if m.group("sep") == "-" else ""
        out.append(Number(key, m.group(), m.start(), m.end(), hard=n[0].isdigit(), alt=alt))
    return out


_DECADE_WORDS = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_DECADE = re.compile(
    r"(?:\b(?:1[5-9]|20)(?P<d4>\d0)|['’](?P<d2>\d0)|\b(?P<d>\d0))['’]?s\b|\b(?P<w>" + "|".join(_DECADE_WORDS) + r")\b",
    re.IGNORECASE,
)


def decades(text: str) -> list[Number]:
    """ "the 1950s", "the '50s" and "the Fifties" are one decade."""
    out = []
    for m in _DECADE.finditer(text):
        if m.group("w"):
            value, hard = _DECADE_WORDS[m.group("w").lower()], False
        else:
            value, hard = int(m.group("d4") or m.group("d2") or m.group("d")), True
        out.append(Number(f"decade:{value}", m.group(), m.start(), m.end(), hard=hard))
    return out


_FRACTION = re.compile(
    r"\b(?:(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]+and[\s-]+a[\s-]+half"
    r"|an?\s+(?P<f>half|quarter)|(?P<q>\d+|one|two|three)[\s-]+quarters)\b",
    re.IGNORECASE,
)
_FRACTIONS = {"half": 0.5, "quarter": 0.25}


def fractions(text: str) -> list[Number]:
    """ "two and a half" is 2.5, "a quarter" 0.25, "three quarters" 0.75 (soft: words around)."""
    out = []
    for m in _FRACTION.finditer(text):
        if m.group("n"):
            n = m.group("n").lower()
            value = (float(n) if n.isdigit() else UNITS[n]) + 0.5
        elif m.group("f"):
            value = _FRACTIONS[m.group("f").lower()]
        else:
            q = m.group("q").lower()
            value = (float(q) if q.isdigit() else UNITS[q]) * 0.25
        out.append(Number(_canonical(value), m.group(), m.start(), m.end(), hard=False))
    return out


def numbers(text: str) -> list[Number]:
    """Numbers in ``text``: digits are hard facts, number words and ordinals soft ones."""
    out: list[Number] = []
    taken: list[tuple[int, int]] = []
    for found in (clock_times(text), durations(text), fractions(text), decades(text), ordinals(text), pairs(text)):
        for n in found:
            if not any(s < n.end and n.start < e for s, e in taken):
                out.append(n)
                taken.append((n.start, n.end))
    for m in _NUMBER.finditer(text):
        if any(s <= m.start("num") < e for s, e in taken):
            continue
        start, end = m.start("num"), m.end()
        if start > 0 and text[start - 1].isalpha() and not _times_sign(text, start):
            # "A5", "F1", "MP3": an identifier; compare it as a name-like token instead.
            continue
        raw = m.group("num")
        value = float(raw.replace(",", ""))
        scale = (m.group("scale") or "").lower()
        if scale:
            value *= SCALES[scale]
        # Trim a trailing sentence full stop that the decimal pattern never eats.
        key = _canonical(value) + ("%" if m.group("pct") else "")
        currency = (m.group("cur") or "")[-1:]
        # Without a currency "200m" may be metres: the plain number is a second reading.
        alt = _canonical(float(raw.replace(",", ""))) if scale == "m" and not currency else ""
        out.append(Number(key, text[m.start() : end].strip(), m.start(), end, hard=True, currency=currency, alt=alt))
        taken.append((m.start(), end))
    for m in _WORD_NUMBER.finditer(text) if _NUMBER_WORD_HINT.search(text) else ():
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        words = m.group("w").strip(" -")
        value = _words_value(words)
        if value is None:
            continue
        start = (
            m.start("w")
            if m.group("a")
            and re.split(r"[\s-]+", words.lower())[0]
            not in ("hundred", "dozen", "thousand", "million", "billion", "trillion")
            else m.start()
        )
        pct = re.match(r"\s?(%|per\s?cent\b|percent\b)", text[m.end() :], re.IGNORECASE)
        key = _canonical(value) + ("%" if pct else "")
        out.append(
            Number(key, re.sub(r"[\s-]+and$", "", text[start : m.end()].strip(" -")), start, m.end(), hard=False)
        )
    return sorted(out, key=lambda n: n.start)


def names(text: str, tokens: Iterable[re.Match[str]]) -> list[Name]:
    """Capitalised tokens that are not sentence- or quote-initial; months compare as dates.

    Only the token before each is looked at, so a whole long text's tokens can stream past.
    """
    out: list[Name] = []
    before: re.Match[str] | None = None
    for tok in tokens:
        prev, before = before, tok
        word = tok.group()
        if not word[0].isupper():
            continue
        if prev is None or _starts_clause(text, prev, tok.start()):
            continue
        low = name_key(word)
        if low in NOT_NAMES or (len(low) < 2 and low.isalpha()) or _rank(text, tok):
            continue  # grammar words, initials ("Donald J. Trump" is Donald Trump), "No 7"
        if low in MONTHS and (word != "May" or _by_number(text, tok)):
            low = f"month:{MONTHS[low]}"
        elif low in UNITS:
            low = f"num:{UNITS[low]}"  # "World War Two" is "World War II"
        out.append(Name(low, word, tok.start(), tok.end()))
    return out


def _by_number(text: str, tok: re.Match[str]) -> bool:
    """ "May 5" or "5 May": the month, not the verb."""
    return bool(
        re.match(r"\s*\d", text[tok.end() :]) or re.search(r"\d\s*$", text[max(0, tok.start() - 8) : tok.start()])
    )


# "No 7", "No. 31": a rank, neither a name nor a negation.
_RANK = re.compile(r"\b[Nn]o\.?\s?(?=\d)")


def _rank(text: str, tok: re.Match[str]) -> bool:
    return tok.group() == "No" and bool(_RANK.match(text, tok.start()))


def _starts_clause(text: str, prev: re.Match[str], start: int) -> bool:
    """Is the gap after ``prev`` one after which any word is capitalised (": “", ". ")?"""
    gap = text[prev.end() : start]
    if gap.strip() == "." and (len(prev.group()) == 1 or prev.group().lower() in _TITLES):
        return False  # "Jeffrey P. Bezos", "Mr. Smith"
    if gap.endswith(('"', "'")):
        return True  # an opening quotation mark right before the word
    return any(ch in gap for ch in ".:;!?“‘(—–\n") or gap.strip() == "-"


def negations(text: str, cues: re.Pattern[str]) -> list[tuple[int, int]]:
    """Negation cues in ``text``: not, n't, no, never... A contraction counts once, and a
    doubled one ("cannot't": can + not + n't) twice. "No 7" is a rank and "not only ... but"
    adds, so neither counts."""
    out = []
    for m in cues.finditer(text):
        if _RANK.match(text, m.start()) or (_NOT_ONLY.match(text, m.start()) and _BUT.search(text, m.end())):
            continue
        out.append((m.start(), m.end()))
        if re.search(r"not['’]t$", m.group(), re.IGNORECASE):
            out.append((m.start(), m.end()))
    return out


def _closing(text: str, i: int) -> bool:
    if text[i] == "”":
        return True
    return text[i] == '"' and i > 0 and not text[i - 1].isspace() and (i + 1 == len(text) or not text[i + 1].isalnum())


def _opening(text: str, i: int) -> bool:
    if text[i] == "“":
        return True
    return text[i] == '"' and (i == 0 or text[i - 1].isspace()) and i + 1 < len(text) and not text[i + 1].isspace()


def quotes(text: str) -> tuple[tuple[int, int], ...]:
    """Quoted spans; a quotation that runs on from the sentence before, or into the next one,
    counts from the sentence's start or to its end ("We will reopen it," the mayor said.)."""
    spans = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    marks = [i for i, ch in enumerate(text) if ch in '"“”' and not any(s <= i < e for s, e in spans)]
    if marks and _closing(text, marks[0]):
        spans.insert(0, (0, marks[0] + 1))
    elif marks and _opening(text, marks[-1]):
        spans.append((marks[-1], len(text)))
    return tuple(spans)


def initial_name(text: str, tokens: list[re.Match[str]]) -> Name | None:
    """The sentence's first word if it is capitalised and not a grammar word: maybe a name."""
    if not tokens or not tokens[0].group()[0].isupper():
        return None
    word = tokens[0].group()
    key = name_key(word)
    return None if key in NOT_NAMES else Name(key, word, tokens[0].start(), tokens[0].end())


# Terminal escape sequences and control characters (hostile pages carry them): not text, not facts.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


# "&#233;", "&amp;": markup a scraper left in the text, a letter and not a number.
_ENTITY = re.compile(r"&#?\w{1,8};")


def _blank_controls(text: str) -> str:
    """``text`` with control sequences and HTML entities turned into spaces of the same length
    (offsets stay)."""
    return _ENTITY.sub(lambda m: " " * len(m.group()), _CONTROL.sub(lambda m: " " * len(m.group()), text))


@dataclass(frozen=True, slots=True)
class FactKind:
    """One kind of fact: where its extractor finds it in a sentence, and its fast-path cues: the
    token shapes (a regex) and the words that can carry it. Two sentences whose cue tokens are
    the same, in order, cannot differ in a fact of this kind."""

    name: str
    spans: Callable[[str], list[tuple[int, int]]]
    shapes: str = ""
    words: frozenset[str] = frozenset()
    joins: bool = False  # adjacent cues are read together ("4.5 mn", "two and a half years")


def _spans(items: Iterable[Number | Name]) -> list[tuple[int, int]]:
    return [(n.start, n.end) for n in items]


def _name_spans(text: str) -> list[tuple[int, int]]:
    tokens = list(WORD.finditer(text))
    return _spans([*names(text, tokens), *filter(None, [initial_name(text, tokens)])])


_DURATION_WORDS = ("year", "years", "month", "months", "decade", "decades", "century", "centuries")
_NEGATION_WORDS = ("not", "never", "cannot", *(c for c in SOFT_CUES if c.isalpha()))
_NEGATION_VERBS = (
    *("fail", "fails", "failed", "failing", "yet", "refuse", "refuses", "refused", "refusing"),
    *("lack", "lacks", "lacked", "lacking"),
)

# The engine's fact kinds, described once: `extract` runs their extractors, `signature` their cues.
FACT_KINDS = (
    FactKind(
        "number",
        lambda text: _spans(numbers(text)),
        shapes=r"\d[\w,.]*|[$£€¥%]",
        words=frozenset(
            (
                *UNITS,
                *ORDINALS,
                *SCALES,
                *_FRACTIONS,
                *_DECADE_WORDS,
                *_DURATION_WORDS,
                "quarters",
                "per",
                "cent",
                "percent",
            )
        ),
        joins=True,
    ),
    FactKind("name", _name_spans, shapes=r"[A-Z][\w'’.\-]*"),
    FactKind(
        "negation",
        lambda text: negations(text, HARD_NEGATIONS) + negations(text, SOFT_NEGATIONS),
        shapes=r"[\w'’]*n['’]t",
        words=frozenset(_NEGATION_WORDS + _NEGATION_VERBS),
    ),
    FactKind("quote", lambda text: list(quotes(text)), shapes=r"[\"“”]"),
)
_TOKEN = re.compile(r"\d[\w,.]*|[^\W\d_][\w'’.\-]*|[$£€¥%\"“”]")
_SHAPES = re.compile("|".join(f"(?:{k.shapes})" for k in FACT_KINDS if k.shapes))
_CUE_WORDS = frozenset().union(*(k.words for k in FACT_KINDS))
_JOINED = next(k for k in FACT_KINDS if k.joins)
_JOINED_SHAPE = re.compile(_JOINED.shapes)
_JOIN_GAP = re.compile(r"[\s-]+(?:and[\s-]+(?:an?[\s-]+)?)?", re.IGNORECASE)


def cue_spans(text: str) -> list[tuple[int, int]]:
    """Where `FACT_KINDS`' cue tokens are in ``text``; number cues side by side count as one."""
    out: list[tuple[int, int]] = []
    last_joins = False
    for m in _TOKEN.finditer(text):
        token = m.group().rstrip(".") or m.group()  # a sentence's full stop is no part of a cue
        parts = token.lower().split("-")  # "nine-year", "two-thirds": each part may be a cue
        if not (any(p in _CUE_WORDS for p in parts) or _SHAPES.fullmatch(token)):
            continue
        joins = any(p in _JOINED.words for p in parts) or bool(_JOINED_SHAPE.fullmatch(token))
        if joins and last_joins and _JOIN_GAP.fullmatch(text, out[-1][1], m.start()):
            out[-1] = (out[-1][0], m.end())
        else:
            out.append((m.start(), m.end()))
        last_joins = joins
    return out


def signature(text: str) -> list[str]:
    """The fact-bearing tokens of ``text`` in order. Two texts with the same signature cannot
    differ in any fact, so the full extraction can be skipped (most spun sentences). A leading
    grammar word ("The" -> "A") is no fact and is left out."""
    text = _blank_controls(text)
    # "No 4" is a rank and "No, 4" or "No the 4" a negation: the cue says which it is.
    out = [text[s:e] + ("#" if _RANK.match(text, s) else "") for s, e in cue_spans(text)]
    if out and text.lstrip().startswith(out[0]) and out[0].lower() in NOT_NAMES:
        return out[1:]
    return out


def extract(text: str) -> Facts:
    """All facts of one sentence's text."""
    text = _blank_controls(text)
    tokens = list(WORD.finditer(text))
    return Facts(
        numbers=tuple(numbers(text)),
        names=tuple(names(text, tokens)),
        initial=initial_name(text, tokens),
        negations=tuple(negations(text, HARD_NEGATIONS)),
        soft_negations=tuple(negations(text, SOFT_NEGATIONS)),
        quotes=quotes(text),
    )
