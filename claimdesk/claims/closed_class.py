"""Closed word classes that carry meaning a spinner must not touch: written here, not learnt.

A thesaurus spinner swaps open-class words (nouns, verbs, adjectives) for synonyms; it cannot
turn "most" into "some", "will" into "may", "last week" into "next week" or "rose" into "fell"
without changing the claim. Each class maps a *value* (the meaning, shared by the words that say
the same thing: "may", "might", "could") to the phrases that express it. Two sides that express
different values of one class at the same place changed a fact.

Phrases are regular-expression fragments over lowercased text; ``{be}`` stands for a form of
"to be" (and ``{have}`` of "to have"), so "is expected to", "were expected to" and "had been
expected to" are one entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

_BE = r"(?:is|are|was|were|be|been|being|['’]s|['’]re|am)"
_HAVE = r"(?:has|have|had|having)"
_ADV = r"(?:\s+(?:also|now|still|widely|already|not|never|generally|increasingly|currently))?"

# Modality and certainty: will / may / must... and how sure the writer is of a report.
MODALITY: dict[str, tuple[str, ...]] = {
    "will": ("will", "['’]ll", "shall", "won['’]t", r"{be}{adv} going to", r"{be}{adv} set to", r"{be}{adv} due to"),
    "would": ("would", "wouldn['’]t"),
    "may": (
        "may",
        "might",
        "could",
        "couldn['’]t",
        "mightn['’]t",
        "perhaps",
        "possibly",
        "maybe",
        r"{be}{adv} possible",
        "potentially",
    ),
    "can": ("can", "can['’]t", "cannot", r"{be}{adv} able to", r"{be}{adv} unable to"),
    "must": (
        "must",
        "mustn['’]t",
        r"{have}{adv} to",
        r"{have}{adv} got to",
        r"needs? to",
        r"{be}{adv} (?:required|obliged|forced|compelled) to",
    ),
    "should": ("should", "shouldn['’]t", "ought to"),
    "likely": (
        r"{be}{adv} (?:expected|likely|tipped|predicted|forecast|thought|believed) to",
        r"{be}{adv} (?:expected|thought|believed)",
        "likely",
        "probably",
        "probable",
        "presumably",
        "hopefully",
        r"{be}{adv} set for",
    ),
    "unlikely": ("unlikely", "improbable"),
    "certain": (
        r"{be}{adv} (?:certain|sure|bound|guaranteed|assured) to",
        "certainly",
        "definitely",
        "undoubtedly",
        "surely",
        "inevitably",
        "without doubt",
        "no doubt",
    ),
    "alleged": (
        "alleged",
        "allegedly",
        "suspected",
        "reportedly",
        "purported",
        "purportedly",
        r"{be}{adv} (?:said|reported|rumoured|claimed|accused) to",
        r"{be}{adv} accused of",
        "supposedly",
    ),
    "proven": (
        "confirmed",
        "proven",
        "proved",
        "established",
        r"{be}{adv} known to",
        "verified",
    ),
    "intend": (
        r"(?:plans?|planned|planning|plotting) to",
        r"(?:intends?|intended|intending) to",
        r"(?:aims?|aimed|aiming) to",
        r"(?:hopes?|hoped|hoping|wishe?s?|wished|wishing|wants?|wanted|wanting) to",
        r"(?:proposes?|proposed|proposing) to",
        r"(?:considers?|considering|weighing)",
        r"in talks (?:to|about|over|with)",
        r"(?:seeks?|seeking|sought) to",
    ),
    "committed": (
        r"(?:agreed|agrees|agree) to",
        r"(?:promised|promises|promise|pledged|pledges|pledge|vowed|vows|vow) to",
        r"(?:committed|commits) to",
        r"(?:decided|decides) to",
        r"(?:undertook|undertakes) to",
    ),
}

# Quantifiers, comparison, degree, bounds before a number, multipliers.
QUANTITY: dict[str, tuple[str, ...]] = {
    "all": ("all", "every", "each", "entire", "entirely", "everyone", "everybody", "everything", "whole of"),
    "nearly-all": (r"(?:almost|nearly|virtually|practically) (?:all|every|everyone|everything)",),
    "most": (
        "most",
        "mostly",
        r"(?:the|a) (?:vast |large |great |clear |big )?majority",
        "the bulk of",
        "largely",
        "mainly",
    ),
    "many": (
        "many",
        "numerous",
        r"a lot of",
        "lots of",
        r"plenty of",
        r"a (?:large|great|huge|big|good) (?:number|deal|many)",
        "countless",
        "myriad",
        "a great many",
    ),
    "some": (
        "some",
        "several",
        r"a number(?: of|(?= (?:were|are|have|had)\b))",
        "various",
        r"a fair (?:amount|number)",
        "a few",
        "a couple of",
        "a minority",
    ),
    "few": ("few", "fewest", r"a handful", r"(?<!a )little", "hardly any", "scarcely any", r"a small number"),
    "half": ("half",),
    # "more"/"less" and their kin compare one amount with another.
    "more": ("more", "greater", "larger", "bigger", "extra", "additional"),
    "less": ("less", "fewer", "smaller", "lesser"),
    # How far: "much greater" is another claim from "slightly greater".
    "far": (
        "much",
        "far",
        "well",
        "significantly",
        "substantially",
        "considerably",
        "greatly",
        "vastly",
        "sharply",
        "dramatically",
        "hugely",
        "massively",
        "heavily",
        "great",
        "huge",
        "vast",
        "massive",
        "enormous",
        "major",
        "substantial",
        "considerable",
        "significant",
        "dramatic",
        "sharp",
        "big",
    ),
    "slightly": (
        "slightly",
        "marginally",
        "a little",
        "a bit",
        "somewhat",
        "fractionally",
        "modestly",
        "barely",
        "only slightly",
        "slight",
        "modest",
        "marginal",
        "minor",
        "small",
        "limited",
    ),
    # Bounds only count in front of an amount (see ``BOUND_NEEDS_AMOUNT``).
    "over": (
        "more than",
        "over",
        "above",
        "at least",
        "upwards of",
        "in excess of",
        "exceeding",
        "no fewer than",
        "no less than",
        "beyond",
    ),
    "under": ("less than", "fewer than", "under", "below", "up to", "at most", "no more than", "not more than"),
    "nearly": ("nearly", "almost", "close to", "just under", "approaching", "just short of"),
    "about": ("about", "around", "roughly", "approximately", "some", "circa", "an estimated", "estimated", "or so"),
    "x2": ("double", "doubled", "doubles", "doubling", "twice", "two-fold", "twofold"),
    "x3": ("triple", "tripled", "triples", "tripling", "treble", "trebled", "trebling", "three-fold", "threefold"),
    "x4": ("quadruple", "quadrupled", "four-fold", "fourfold"),
    "x0.5": ("halve", "halved", "halves", "halving"),
}
BOUND_NEEDS_AMOUNT = frozenset({"over", "under", "nearly", "about"})
# Values that say nearly the same thing: a rewrite may trade one for the other.
QUANTITY_NEAR = frozenset(
    {
        frozenset({"nearly", "about"}),
        frozenset({"nearly", "under"}),
        frozenset({"all", "nearly-all"}),
        frozenset({"most", "nearly-all"}),
        frozenset({"many", "some"}),
        frozenset({"many", "far"}),
        frozenset({"many", "most"}),
        frozenset({"x2", "more"}),
    }
)

# Time: deixis ("last week"), units of a relative time, early/late, order, named days and months.
TIME: dict[str, tuple[str, ...]] = {
    "yesterday": ("yesterday",),
    "today": ("today", "tonight", "this morning", "this afternoon", "this evening"),
    "tomorrow": ("tomorrow",),
    "last": (r"last(?= (?:{unit}|{named}))", r"previous(?= (?:{unit}))", r"past(?= (?:{unit}))"),
    "this": (r"this(?= (?:{unit}|{named}))", r"current(?= (?:{unit}))"),
    "next": (r"next(?= (?:{unit}|{named}))", r"coming(?= (?:{unit}))", r"following(?= (?:{unit}))"),
    "ago": ("ago",),
    "early": ("early", "earlier"),
    "late": ("late", "later"),
    "before": ("before", "prior to", "ahead of"),
    "after": ("after", "following"),
}
# Units of time count where they place an event ("a week later", "last month"), not as any noun.
UNITS = ("minute", "hour", "day", "week", "weekend", "fortnight", "month", "quarter", "season", "year", "decade")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASONS = ("spring", "summer", "autumn", "winter")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# One class of its own pairs: before/after and early/late are opposites; a unit is replaced by a unit.
TIME_OPPOSITES = frozenset(
    {
        frozenset({"early", "late"}),
        frozenset({"before", "after"}),
        frozenset({"yesterday", "today"}),
        frozenset({"yesterday", "tomorrow"}),
        frozenset({"today", "tomorrow"}),
        frozenset({"last", "next"}),
        frozenset({"last", "this"}),
        frozenset({"this", "next"}),
        frozenset({"ago", "next"}),
    }
)

# Direction: which way a figure, a result or a decision went.
DIRECTION: dict[str, tuple[str, ...]] = {
    "up": (
        r"ris(?:e|es|en|ing)",
        "rose",
        r"increas(?:e|es|ed|ing)",
        r"gr(?:ow|ows|ew|own|owing)",
        "growth",
        r"gain(?:s|ed|ing)?",
        r"climb(?:s|ed|ing)?",
        r"jump(?:s|ed|ing)?",
        r"surg(?:e|es|ed|ing)",
        r"soar(?:s|ed|ing)?",
        r"ris(?:e|es)",
        r"rall(?:y|ies|ied|ying)",
        r"rebound(?:s|ed|ing)?",
        r"rais(?:e|es|ed|ing)",
        r"lift(?:s|ed|ing)?",
        r"boost(?:s|ed|ing)?",
        r"expan(?:d|ds|ded|ding|sion)",
        r"hik(?:e|es|ed|ing)",
        r"(?:edged|went|go|goes|going|moved|pushed|driven|up) up",
        "higher",
        "upward",
        "upwards",
        r"(?<!ed )(?<!went )up(?= (?:on|by|from|to|\d))",
    ),
    "down": (
        r"f(?:all|alls|ell|allen|alling)",
        r"drop(?:s|ped|ping)?",
        r"declin(?:e|es|ed|ing)",
        r"decreas(?:e|es|ed|ing)",
        r"shr(?:ink|inks|ank|unk|inking)",
        r"slip(?:s|ped|ping)?",
        r"slid(?:e|es|ing)?",
        r"cut(?:s|ting)?",
        r"reduc(?:e|es|ed|ing|tion)",
        r"lower(?:s|ed|ing)?",
        r"plung(?:e|es|ed|ing)",
        r"tumbl(?:e|es|ed|ing)",
        r"slump(?:s|ed|ing)?",
        r"dip(?:s|ped|ping)?",
        r"s(?:ink|inks|ank|unk|inking)",
        r"contract(?:s|ed|ing|ion)",
        r"fad(?:e|es|ed|ing)",
        r"slash(?:es|ed|ing)?",
        r"(?:edged|went|go|goes|going|moved|brought|come|came) down",
        "downward",
        "downwards",
        r"down(?= (?:on|by|from|to|\d))",
    ),
    "win": (r"w(?:in|ins|on|inning)", "victory", "victories", "victorious", r"beat(?:s|en|ing)?", "triumph(?:s|ed)?"),
    "lose": (r"los(?:e|es|ing)", "lost", "loss", "losses", "defeated by"),
}
DIRECTION_OPPOSITES = frozenset({frozenset({"up", "down"}), frozenset({"win", "lose"})})

# Verbs of saying: whoever stands next to one is the claim's speaker.
# Verbs of saying: whoever stands next to one is the claim's speaker. Forms that are as often a
# noun ("reports", "claims", "states", "thought") are left out: a noun has no speaker.
SAY_VERBS = (
    r"sa(?:y|ys|id|ying)",
    r"t(?:ell|ells|old|elling)",
    r"add(?:s|ed|ing)?",
    "claimed",
    "stated",
    r"insist(?:s|ed|ing)?",
    r"argu(?:e|es|ed|ing)",
    r"explain(?:s|ed|ing)?",
    r"announc(?:e|es|ed|ing)",
    "reported",
    "noted",
    r"pronounc(?:e|es|ed|ing)",
    r"declar(?:e|es|ed|ing)",
    r"contend(?:s|ed|ing)?",
    "commented",
    r"warn(?:s|ed|ing)?",
    r"believ(?:e|es|ed)",
    r"admit(?:s|ted|ting)?",
    r"confirm(?:s|ed|ing)?",
    r"suggest(?:s|ed|ing)?",
    r"predict(?:s|ed|ing)?",
    r"reckon(?:s|ed|ing)?",
    r"assert(?:s|ed|ing)?",
    r"acknowledg(?:e|es|ed|ing)",
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One closed-class phrase found in a text: its class, its value, and where it is."""

    kind: str
    value: str
    start: int
    end: int


def _unit_pattern() -> str:
    return "(?:" + "|".join(f"{u}s?" for u in UNITS) + ")"


def _named_pattern() -> str:
    return "(?:" + "|".join(WEEKDAYS + SEASONS + MONTH_NAMES) + ")"


def _fill(fragment: str) -> str:
    return fragment.format(be=_BE, have=_HAVE, adv=_ADV, unit=_unit_pattern(), named=_named_pattern())


def _compile(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """One alternation per class, longest phrases first, each in a group named by its value."""
    groups = []
    for i, phrases in enumerate(table.values()):
        body = "|".join(sorted((_fill(p) for p in phrases), key=len, reverse=True))
        groups.append((len(max(phrases, key=len)), f"(?P<v{i}>{body})"))
    # A longer phrase of one value must win over a shorter one of another ("a little" over "little").
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(g for _, g in sorted(groups, reverse=True)) + r")(?![\w'’-])")


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], tuple[str, ...]]]:
    tables = {"modality": MODALITY, "quantity": QUANTITY, "time": TIME, "direction": DIRECTION}
    return {kind: (_compile(table), tuple(table)) for kind, table in tables.items()}


_AMOUNT = re.compile(
    r"\s*(?:[$£€¥]|us\$)?\s*(?:\d|(?:a |an )?(?:half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|"
    r"dozen|a quarter|a third|per)\b)"
)
_SPEAKER_VERB = re.compile(r"(?<![\w'’-])(?:" + "|".join(SAY_VERBS) + r"|according to)(?![\w'’-])")
_NAMED_TIME = re.compile(r"(?<![\w'’-])(?:" + "|".join(WEEKDAYS + SEASONS + MONTH_NAMES) + r")(?![\w'’-])")
_UNIT_IN_TIME = re.compile(
    r"(?<![\w'’-])(?:(?:this|last|next|a|one|the|early|late|mid|previous|coming|following|same|that|past)[\s-]+"
    r"(?P<u1>" + _unit_pattern() + r")(?![\w'’-])|(?P<u2>" + _unit_pattern() + r")\s+(?:later|earlier|ago|before|after|"
    r"beforehand|afterwards|on)(?![\w'’-]))"
)


@lru_cache(maxsize=4096)
def cues(text: str, kind: str) -> tuple[Cue, ...]:
    """Closed-class phrases of one class in ``text`` (lowercased first), in reading order."""
    low = text.lower()
    pattern, values = _patterns()[kind]
    out = []
    for m in pattern.finditer(low):
        value = values[int(m.lastgroup[1:])]
        if kind == "quantity" and value in BOUND_NEEDS_AMOUNT and not _AMOUNT.match(low, m.end()):
            continue
        out.append(Cue(kind, value, m.start(), m.end()))
    if kind == "time":
        out += _named_times(low) + _time_units(low)
        out.sort(key=lambda c: c.start)
    return tuple(out)


def _named_times(low: str) -> list[Cue]:
    """Weekdays, months and seasons ("may" is left to modality: it is a verb far more often)."""
    return [Cue("time", m.group(), m.start(), m.end()) for m in _NAMED_TIME.finditer(low)]


_COUNTED = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|many))[\s-]*$"
)


def _time_units(low: str) -> list[Cue]:
    """Units that place an event ("a week later", "last month"); a counted one ("12 months
    later") is a number's business, and "a year later" says the same."""
    out = []
    for m in _UNIT_IN_TIME.finditer(low):
        group = "u1" if m.group("u1") else "u2"
        if group == "u2" and _COUNTED.search(low, max(0, m.start() - 12), m.start()):
            continue
        unit = m.group(group).removesuffix("s") if m.group(group) != "hours" else "hour"
        out.append(Cue("time", f"unit:{unit}", m.start(group), m.end(group)))
    return out


def speaker_verbs(low: str) -> list[tuple[int, int]]:
    """Where a verb of saying (or "according to") stands in a lowercased text."""
    return [(m.start(), m.end()) for m in _SPEAKER_VERB.finditer(low)]
