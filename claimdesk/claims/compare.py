"""Comparison of an aligned pair: which facts changed, and how much of the wording did.

The asymmetry is the core idea: a spinner rewrites words but leaves digits, names and
quotation marks alone, and never adds or removes a negation. A digit that is gone or new, a
name replaced by another, a negation cue more or fewer: that is a distortion. A number word
that vanished without a new number in its place ("two" -> "dual") is just spinning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from claimdesk.claims import word_compare
from claimdesk.claims.cast import Cast, name_key, same_phrase
from claimdesk.claims.facts import MONTHS, WORD, Facts, Name, Number, quotes
from claimdesk.claims.lexicon import lexicon
from claimdesk.claims.model import Reason
from claimdesk.claims.words import NOT_NAMES

CONTEXT = 2  # words either side of a negation cue in its reason
_NOT_UNTIL = re.compile(r"(?:\bnot|n['’]t)\b(?:\s+\w+){0,4}?\s+(?:until|till)\b", re.IGNORECASE)
_ONLY = re.compile(r"\bonly\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Side:
    """One side of an aligned claim: its text, its facts (offsets relative to the text), the
    words its whole document writes in lowercase somewhere (its common words, not names) and the
    names its document uses mid-sentence (so a sentence may also start with one), the
    pair's cast (which names are one person, place or body), and the words its document writes
    capitalised anywhere, as name keys."""

    text: str
    facts: Facts
    common: frozenset[str] = frozenset()
    known_names: frozenset[str] = frozenset()
    cast: Cast | None = None
    capitals: frozenset[str] = frozenset()


def _number_reasons(o: Side, v: Side) -> list[Reason]:
    missing, extra = _unmatched(o.facts.numbers, v.facts.numbers)
    hard_missing = [n for n in missing if n.hard]
    found = _currency_reasons(o, v)
    if not (hard_missing or any(n.hard for n in extra) or (missing and extra)):
        return found
    return _paired("number", missing, extra) + found


def _unmatched(a: tuple[Number, ...], b: tuple[Number, ...]) -> tuple[list[Number], list[Number]]:
    """Numbers of each side with no equal one left on the other (by value or its other
    reading), each used once: "two" twice against "two" and "three" leaves a "two" and "three"."""
    left = list(b)
    missing = []
    for n in a:
        keys = {n.key, n.alt} - {""}
        partner = next((m for m in left if keys & ({m.key, m.alt} - {""})), None)
        if partner is None:
            missing.append(n)
        else:
            left.remove(partner)
    return missing, left


def _currency_reasons(o: Side, v: Side) -> list[Reason]:
    """The same sum in another currency ("£4.5bn" -> "$4.5bn"), when both sides name one."""
    v_money = {n.key: n for n in v.facts.numbers if n.currency}
    return [
        Reason("number", n.surface, v_money[n.key].surface)
        for n in o.facts.numbers
        if n.currency and n.key in v_money and v_money[n.key].currency != n.currency
    ]


def _paired(kind: str, missing: list[Number], extra: list[Number]) -> list[Reason]:
    """Pair lost and new values in reading order: "35,000" -> "30,000"."""
    reasons = []
    for k in range(max(len(missing), len(extra))):
        before = missing[k].surface if k < len(missing) else ""
        after = extra[k].surface if k < len(extra) else ""
        reasons.append(Reason(kind, before, after))
    return reasons


def _name_reasons(o: Side, v: Side) -> list[Reason]:
    """Names of one side that the other side's sentence never writes, in any case or place,
    and that the pair's cast does not link to a name there: a name replaced by another."""
    o_words, v_words = _word_keys(o), _word_keys(v)
    missing_names = _more(_names(o), o_words, v_words)
    first_lost = o.facts.initial is not None and o.facts.initial in missing_names
    extra_names = _more(_names(v, first_lost), v_words, o_words)
    if o.cast is not None:
        beside = _beside(v, o_words)
        missing_names, extra_names = _without_cast(missing_names, extra_names, o.cast, beside, o_words)
    if o.capitals:
        extra_names = [n for n in extra_names if not _article_adjective(n, v, o.capitals)]
    missing = _runs(missing_names, o.text)
    extra = _runs(extra_names, v.text)
    missing, extra = _without_acronyms(missing, extra)
    missing, extra = _without_spun_words(missing, extra, o.common, v.common)
    if not (missing and extra):
        # A name left out, or one added around spun words, is not a swap of one name for another;
        # spinners also swap in capitalised synonyms ("water" -> "H2O"), so a lone new name is noise.
        return []
    return [
        Reason("date" if _is_date(a) and _is_date(b) else "entity", a, b) for a, b in zip(missing, extra, strict=False)
    ]


def _article_adjective(name: Name, side: Side, known: frozenset[str]) -> bool:
    """A lone capitalised adjective of belonging ("Italian", "Conservative", "Conservatives")
    that the article itself writes capitalised: another of the article's words for a side it
    names ("the Azzurri", "the Tories"), not a name new to the article. A name in a run of
    capitals ("Australian Open") or a word that is also a verb is left to the name check."""
    key = name.key.removesuffix("s")
    if not {key, key + "s"} & known or _next_to_capital(side.text, name):
        return False
    pos = lexicon().pos_of(key)
    return "a" in pos and "v" not in pos


def _next_to_capital(text: str, name: Name) -> bool:
    before = text[: name.start].rstrip().rsplit(" ", 1)[-1]
    after = text[name.end :].lstrip().split(" ", 1)[0]
    return any(w[:1].isupper() and w.lower() not in NOT_NAMES for w in (before, after) if w)


def _names(side: Side, first_lost: bool = False) -> list[Name]:
    """The sentence's names, with its first word when its document uses that word as a name
    mid-sentence and never writes it in lowercase, or when it stands where the article's
    sentence opened with a name it lost ("Quill said" -> "Vance said")."""
    first = side.facts.initial
    if first is None or first.key in side.common:
        return list(side.facts.names)
    if first.key not in side.known_names and not first_lost:
        return list(side.facts.names)
    return [first, *side.facts.names]


def _more(names: list[Name], own: Counter[str], other: Counter[str]) -> list[Name]:
    """Names whose key one sentence writes more often than the other, each as often as it is
    in excess (counting every word, so a name that opens one sentence and not the other is
    still the same count)."""
    left = {key: own[key] - other[key] for key in own}
    out = []
    for n in names:
        if left.get(n.key, 0) > 0:
            left[n.key] -= 1
            out.append(n)
    return out


def _word_keys(side: Side) -> Counter[str]:
    """Every word of a sentence as a name key, in any case or place ("Spain's" opening it too),
    its months and number names as the values their keys hold, and a compound both joined and
    apart ("Super-Size" and "Super Size")."""
    words = [name_key(m.group()) for m in WORD.finditer(side.text)]
    keys = Counter(words)
    keys.update(n.key for n in side.facts.names if ":" in n.key)
    keys.update(part for w in words if "-" in w for part in w.split("-"))
    keys.update(f"{a}-{b}" for a, b in pairwise(words))
    return keys


def _beside(side: Side, other_words: Counter[str]) -> dict[int, frozenset[str]]:
    """For each name (by its start), the keys of the names written right next to it that the
    other sentence also has ("Chris" beside "Paterson")."""
    names = side.facts.names
    out = {}
    for k, n in enumerate(names):
        near = [
            m.key
            for m in names[max(0, k - 1) : k + 2]
            if m is not n and not side.text[min(m.end, n.end) : max(m.start, n.start)].strip() and other_words[m.key]
        ]
        out[n.start] = frozenset(near)
    return out


def _with(name: Name, beside: dict[int, frozenset[str]]) -> list[tuple[str, str]]:
    return [(min(name.key, k), max(name.key, k)) for k in beside.get(name.start, ())]


def _without_cast(
    missing: list[Name], extra: list[Name], cast: Cast, beside: dict[int, frozenset[str]], own: Counter[str]
) -> tuple[list[Name], list[Name]]:
    """Drop each lost name the cast links to a new one ("Prime Minister" -> "Tony"), and the new
    names linked to any lost one or written beside a name both sentences have, as the article
    writes them together ("Paterson" -> "Chris Paterson")."""
    # A new name the other sentence also writes (an extra "Energy" where "BlueCurrent Energy"
    # became "BlueWave Energy") is no other name for the lost one.
    fresh = [e for e in extra if not own[e.key]]
    linked = [n for n in missing if any(cast.same(n.key, e.key) for e in fresh)]
    kept_extra = [
        e
        for e in extra
        if not any(cast.same(n.key, e.key) for n in missing)
        and not any(pair in cast.together for pair in _with(e, beside))
    ]
    return [n for n in missing if n not in linked], kept_extra


def _initials(value: str) -> str:
    value = re.sub(r"['’]s?(?=\s|$)", "", value.strip())
    words = re.findall(r"[^\W_]+", value)
    if len(words) > 1 and all(len(w) == 1 for w in words):
        return "".join(words).lower()  # "U.S." -> "us"
    if len(words) == 1 and value.isupper():
        return value.lower()  # "US", "NHS"
    return "".join(w[0] for w in words if w[0].isupper()).lower()


def _without_acronyms(missing: list[str], extra: list[str]) -> tuple[list[str], list[str]]:
    """ "United States" and "U.S." (or "US", or "America") are one name: drop such pairs."""
    out_extra = list(extra)
    kept_missing = []
    for name in missing:
        partner = next(
            (
                e
                for e in out_extra
                if (" " in name.strip() + e.strip() and _initials(e) == _initials(name)) or same_phrase(name, e)
            ),
            None,
        )
        if partner is None:
            kept_missing.append(name)
        else:
            out_extra.remove(partner)
    return kept_missing, out_extra


def _without_spun_words(
    missing: list[str], extra: list[str], o_common: frozenset[str], v_common: frozenset[str]
) -> tuple[list[str], list[str]]:
    """A capitalised common word swapped for another ("New York" -> "Fresh York") is spinning.

    A spinner swaps words for synonyms whatever their case; a distortion swaps in a name. When the
    lost word is written in lowercase elsewhere in the article and its replacement in lowercase
    elsewhere in the variant, both are ordinary words of their texts, so the pair is spin.
    """
    pairs = list(zip(missing, extra, strict=False))
    spun = [(a, b) for a, b in pairs if _common(a, o_common) and _common(b, v_common)]
    return [a for a in missing if not any(a == x for x, _ in spun)], [
        b for b in extra if not any(b == y for _, y in spun)
    ]


def _common(value: str, common: frozenset[str]) -> bool:
    words = [w.lower().removesuffix("'s").removesuffix("’s") for w in re.findall(r"[^\W_]+(?:['’]s)?", value)]
    return bool(words) and all(w in common for w in words)


def _surplus(names: list[Name] | tuple[Name, ...], other: Counter) -> list[Name]:
    """Names beyond what the other side has of the same key (a multiset difference)."""
    left = Counter(other)
    out = []
    for n in names:
        if left[n.key] > 0:
            left[n.key] -= 1
        else:
            out.append(n)
    return out


def _is_date(value: str) -> bool:
    return value.lower().rstrip(".") in MONTHS


def _runs(names: list[Name], text: str) -> list[str]:
    """Join adjacent name tokens into one value ("General Motor", not "General", "Motor")."""
    out: list[str] = []
    last_end = -10
    for n in names:
        if out and text[last_end : n.start].strip() in ("", "-"):
            out[-1] = out[-1] + text[last_end : n.end]
        else:
            out.append(n.surface)
        last_end = n.end
    return out


def _negation_reasons(o: Side, v: Side) -> list[Reason]:
    o_cues, v_cues = o.facts.negations, v.facts.negations
    if _same_polarity(o, v):
        return []  # the same polarity in other words: "not be able" / "unable", "not a" / "no"
    if len(o_cues) == len(v_cues):
        o_cues, v_cues = o.facts.soft_negations, v.facts.soft_negations
        if len(v_cues) <= len(o_cues):
            return []  # a soft cue that vanished was spun away ("without" -> "but")
    more, fewer = (v, o) if len(v_cues) > len(o_cues) else (o, v)
    more_cues, fewer_cues = (v_cues, o_cues) if more is v else (o_cues, v_cues)
    # The cue that has no counterpart: the first one whose word is not on the other side.
    other = Counter(fewer.text[s:e].lower() for s, e in fewer_cues)
    cue = next(
        ((s, e) for s, e in more_cues if not _take(other, more.text[s:e].lower())),
        more_cues[-1],
    )
    with_cue = _context(more.text, cue, keep=True)
    without = _context(more.text, cue, keep=False)
    if more is v:
        return [Reason("negation", without, with_cue)]
    return [Reason("negation", with_cue, without)]


def _same_polarity(o: Side, v: Side) -> bool:
    """The side with fewer "not"s has at least as many more negative words in their place
    ("did not want or need" / "neither wanted nor needed")."""
    gap = len(o.facts.negations) - len(v.facts.negations)
    if gap == 0:
        return False
    fewer, more = (v, o) if gap > 0 else (o, v)
    # "not drawn up until May" says "only drawn up in May": the "not" is a time's bound.
    until = min(len(_NOT_UNTIL.findall(more.text)), len(_ONLY.findall(fewer.text)))
    return _stands_for_not(fewer) - _stands_for_not(more) + until >= abs(gap)


def _stands_for_not(side: Side) -> int:
    """Soft cues a paraphrase writes for a "not"; "without" is left out, spinners swap it."""
    return sum(side.text[s:e].lower() != "without" for s, e in side.facts.soft_negations)


def _take(counter: Counter, key: str) -> bool:
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


def _context(text: str, cue: tuple[int, int], keep: bool) -> str:
    before = text[: cue[0]].split()[-CONTEXT:]
    after = text[cue[1] :].split()[:CONTEXT]
    middle = [text[cue[0] : cue[1]]] if keep else []
    return " ".join(before + middle + after)


def _in_quote(side: Side, value: str) -> tuple[int, int] | None:
    """The quotation in ``side`` that holds ``value``, if any."""
    if not value:
        return None
    at = side.text.find(value)
    for s, e in side.facts.quotes:
        if s <= at < e:
            return s, e
    return None


def _as_quote(o: Side, v: Side, reason: Reason) -> Reason:
    """A changed fact inside quotation marks is a misquote: report the quotes themselves."""
    vq = _in_quote(v, reason.variant)
    oq = _in_quote(o, reason.original)
    if vq is None and oq is None:
        return reason
    o_text = o.text[oq[0] : oq[1]] if oq else reason.original
    v_text = v.text[vq[0] : vq[1]] if vq else reason.variant
    return Reason("quote", o_text, v_text)


def wording_reasons(o_text: str, v_text: str) -> tuple[Reason, ...]:
    """Word-level changes of a pair whose facts are the same (one signature): the fast path,
    which needs no fact extraction but the quotations."""
    o, v = Side(o_text, _quotes_only(o_text)), Side(v_text, _quotes_only(v_text))
    return tuple(_as_quote(o, v, r) for r in word_compare.revise(o, v, ()))


def _quotes_only(text: str) -> Facts:
    return Facts(numbers=(), names=(), negations=(), soft_negations=(), quotes=quotes(text))


def reasons(o: Side, v: Side) -> tuple[Reason, ...]:
    """Every changed fact between two aligned texts; empty when only the wording changed."""
    found = _number_reasons(o, v) + _name_reasons(o, v) + _negation_reasons(o, v)
    return tuple(_as_quote(o, v, r) for r in word_compare.revise(o, v, tuple(found)))
