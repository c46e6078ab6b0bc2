"""Word-level comparison of an aligned claim: the changes a digit-and-name check cannot see.

Which way a figure moved (antonym), how many (quantity), how sure (modality), when (time), who
said it (attribution), who did what to whom (role). Each is a change of meaning a spinner's
synonym swap never makes, so each is found as a *value* that differs between the two sides:
the closed classes of ``closed_class`` give the values of quantity, modality, time and
direction words; speakers and roles are read off the words around a verb of saying and around
a verb both sides share.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from claimdesk.claims.closed_class import (
    DIRECTION_OPPOSITES,
    MONTH_NAMES,
    QUANTITY_NEAR,
    SAY_VERBS,
    SEASONS,
    WEEKDAYS,
    Cue,
    cues,
    speaker_verbs,
)
from claimdesk.claims.facts import UNITS
from claimdesk.claims.lexicon import lexicon
from claimdesk.claims.model import Reason
from claimdesk.claims.word_align import Edit, Token, edits, lemma, tokens
from claimdesk.claims.words import STOPWORDS

if TYPE_CHECKING:
    from claimdesk.claims.compare import Side

# Values of one class that stand in the same slot: only a value replaced by another of its slot
# is a change ("last week" -> "next week"), never one class of word trading for another.
_QUANTITY_SLOT = {
    **dict.fromkeys(("all", "nearly-all", "most", "many", "some", "few", "half"), "share"),
    **dict.fromkeys(("more", "less"), "comparison"),
    **dict.fromkeys(("far", "slightly"), "degree"),
    **dict.fromkeys(("over", "under", "nearly", "about"), "bound"),
    **dict.fromkeys(("x2", "x3", "x4", "x0.5"), "multiple"),
}
_TIME_SLOT = {
    **dict.fromkeys(("yesterday", "today", "tomorrow", "last", "this", "next"), "deixis"),
    **dict.fromkeys(("early", "late"), "phase"),
    **dict.fromkeys(("before", "after"), "order"),
    **dict.fromkeys(WEEKDAYS, "weekday"),
    **dict.fromkeys(MONTH_NAMES, "month"),
    **dict.fromkeys(SEASONS, "season"),
}
# Modal values a rewrite may trade without changing how sure the claim is.
# Reported speech shifts tenses ("will" -> "would", "can" -> "could"), so those pairs are one value.
_MODAL_NEAR = frozenset(
    {
        frozenset({"will", "certain"}),
        frozenset({"will", "would"}),
        frozenset({"may", "can"}),
        frozenset({"can", "would"}),
        frozenset({"likely", "should"}),
    }
)
# How sure the speaker is ("probably", "perhaps", "reportedly"): what a misquote slips in.
_HEDGES = frozenset({"may", "likely", "unlikely", "certain", "alleged"})
_PRONOUNS = frozenset("he she they it we i you him her them us this that who which one".split())
_MONTH_STEMS = frozenset(m[:3] for m in MONTH_NAMES)
_NEXT_WORD = re.compile(r"\W+(\w+)")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_CLAUSE_MARK = re.compile(r"[,;:()\"“”‘—–]|['’](?!s\b)")
# Inside a quotation "our" and "their" are the speaker's words, not grammar to skip.
_PERSONS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers they them their theirs".split()
)
STEM = 5  # letters two words of one stem share ("operator", "operative")
MAX_PAIRINGS = 36  # a longer unequal edit is a rewritten clause, not a word swapped
# Subject and object forms of a pronoun are one party: "he ... against the chancellor" swaps
# roles with "the chancellor ... against him".
_PRONOUN_CASE = {
    **dict.fromkeys(("he", "him"), "pron:he"),
    **dict.fromkeys(("she", "her"), "pron:she"),
    **dict.fromkeys(("they", "them"), "pron:they"),
    **dict.fromkeys(("we", "us"), "pron:we"),
    **dict.fromkeys(("i", "me"), "pron:i"),
    "it": "pron:it",
}
_POSSESSIVES = {
    "his": "pron:he",
    "her": "pron:she",
    "their": "pron:they",
    "our": "pron:we",
    "my": "pron:i",
    "its": "pron:it",
}
_PLURAL_INITIALS = re.compile(r"[A-Z]{2,}s")
_ARTICLES = frozenset(("the", "a", "an"))
ARTICLE_WINDOW = 24  # characters after an article that a closed-class phrase on it may take
_RELATIVES = frozenset("who whom which that whose".split())
MOVE_BEFORE = 8  # words from a doer to its verb, within one clause
MOVE_AFTER = 4  # words from a verb to its receiver ("offered a prime minister")
# A speaker's aside inside a sentence: ", he said," / ", the minister added,".
_ASIDE = re.compile(r",\s*(?:[\w'’.-]+\s+){1,4}?(?:" + "|".join(SAY_VERBS) + r")\s*,")
_PREPOSITIONS = frozenset("in at on for to with from by of into against over".split())
_DETERMINERS = frozenset("the a an his her their its our my your this that these those".split())
_COLLECTIVES = frozenset("police staff people public government press".split())
_BE_FORMS = frozenset("is are was were be been being".split())
_HAVE_FORMS = frozenset("has have had having".split())
_AUXILIARIES = _BE_FORMS | _HAVE_FORMS | frozenset("to will would may might can could must should did does do".split())
# Past forms without "-ed" that name an action between two parties.
_IRREGULAR = frozenset("beat won lost took led hit met sent sold bought told gave made paid left caught struck".split())


def _left(a: tuple[Cue, ...], b: tuple[Cue, ...]) -> list[Cue]:
    """Cues of ``a`` whose value ``b`` does not have (a multiset difference, in reading order)."""
    budget = Counter(c.value for c in b)
    out = []
    for c in a:
        if budget[c.value]:
            budget[c.value] -= 1
        else:
            out.append(c)
    return out


def _surface(text: str, cue: Cue | None) -> str:
    return text[cue.start : cue.end] if cue else ""


def _slot_pairs(
    o_left: list[Cue], v_left: list[Cue], slot_of: dict[str, str], near: frozenset[frozenset[str]] = frozenset()
) -> list[tuple[Cue, Cue]]:
    """Pairs of left-over cues in one slot whose values differ in meaning, in reading order."""
    pairs = []
    taken: set[int] = set()
    for a in o_left:
        slot = slot_of.get(a.value, a.value.split(":")[0])
        for i, b in enumerate(v_left):
            if i in taken or slot_of.get(b.value, b.value.split(":")[0]) != slot:
                continue
            if frozenset({a.value, b.value}) in near:
                continue
            pairs.append((a, b))
            taken.add(i)
            break
    return pairs


def _same_next(o: Side, v: Side, a: Cue, b: Cue) -> bool:
    """Do the words right after two cues match ("before chairing" / "after chairing")?"""
    after_a = _NEXT_WORD.match(o.text, a.end)
    after_b = _NEXT_WORD.match(v.text, b.end)
    return bool(after_a and after_b) and lemma(after_a.group(1)) == lemma(after_b.group(1))


def _class_reasons(o: Side, v: Side) -> list[Reason]:
    """Quantity, modality, time and direction: a closed-class value replaced by another."""
    out: list[Reason] = []
    for kind in ("quantity", "modality", "time", "direction"):
        oc, vc = cues(o.text, kind), cues(v.text, kind)
        o_left, v_left = _left(oc, vc), _left(vc, oc)
        if not (o_left or v_left):
            continue
        if kind == "quantity":
            pairs = _slot_pairs(o_left, v_left, _QUANTITY_SLOT, QUANTITY_NEAR)
        elif kind == "time":
            # Clauses swap places in a rewrite ("after X, Y" -> "X before Y"): an order word only
            # changed if it still governs the same words.
            pairs = [
                (a, b)
                for a, b in _slot_pairs(o_left, v_left, _TIME_SLOT)
                if _TIME_SLOT.get(a.value) != "order" or _same_next(o, v, a, b)
            ]
        elif kind == "direction":
            pairs = [
                (a, b)
                for a, b in _slot_pairs(o_left, v_left, dict.fromkeys(("up", "down", "win", "lose"), "way"))
                if frozenset({a.value, b.value}) in DIRECTION_OPPOSITES
            ][:1]
        else:
            pairs = _modal_pairs(o_left, v_left)
        label = "antonym" if kind == "direction" else kind
        out += [Reason(label, _surface(o.text, a), _surface(v.text, b)) for a, b in pairs]
        if not pairs:
            out += _quoted_class_change(o, v, o_left, v_left)
    return out


def _quoted_class_change(o: Side, v: Side, o_left: list[Cue], v_left: list[Cue]) -> list[Reason]:
    """Inside quotation marks the speaker's exact words count: a closed-class word traded for
    another of its class in any slot ("more of them" -> "nearly all of them") is a misquote."""
    a = next((c for c in o_left if any(s <= c.start < e for s, e in o.facts.quotes)), None)
    b = next((c for c in v_left if any(s <= c.start < e for s, e in v.facts.quotes)), None)
    if (a is None and b is None) or _spun(o, v, o.facts.quotes, v.facts.quotes):
        return []  # a quote spun all through trades closed-class words too ("much" -> "many")
    if a is None:
        # A hedge put into the speaker's words: "would not" -> "probably would not". Only one
        # put in: a spinner swaps a modal for a modal (or for nonsense), it does not add one, and a
        # hedge left out is as often a quotation cut short in reported speech.
        if b.value not in _HEDGES or not o.facts.quotes or o_left:
            return []
        qo, qv = o.facts.quotes[0], _quote_at(v.facts.quotes, b.start)
        return [Reason("quote", o.text[qo[0] : qo[1]], v.text[qv[0] : qv[1]])]
    if b is None:
        return []
    qo = _quote_at(o.facts.quotes, a.start)
    qv = _quote_at(v.facts.quotes, b.start)
    return [Reason("quote", o.text[qo[0] : qo[1]], v.text[qv[0] : qv[1]])]


def _quote_at(quotes: tuple[tuple[int, int], ...], at: int) -> tuple[int, int]:
    """The quotation holding offset ``at``."""
    return next(q for q in quotes if q[0] <= at < q[1])


def _modal_pairs(o_left: list[Cue], v_left: list[Cue]) -> list[tuple[Cue, Cue]]:
    """One modal value in place of another (a hedge that merely went is often a merge's doing,
    and on its own too often spin: measured, it cost more false alarms than it found)."""
    if o_left and v_left:
        a, b = o_left[0], v_left[0]
        return [] if frozenset({a.value, b.value}) in _MODAL_NEAR else [(a, b)]
    return []


def _speakers(text: str, toks: tuple[Token, ...]) -> list[tuple[int, int]]:
    """Token ranges of the speakers of the verbs of saying in ``text``."""
    low = text.lower()
    starts = [t.start for t in toks]
    out = []
    for s, e in speaker_verbs(low):
        i = bisect_left(starts, s)
        if i == len(toks) or low[s:e].endswith("ing"):
            continue  # "..., saying the plan was sound": whose saying is a clause away
        j = bisect_left(starts, e)
        if low[s:e] == "according to" or _speaker_follows(low, toks, i):
            span = _noun_phrase(low, toks, j, forward=True)
        else:
            span = _noun_phrase(low, toks, i - 1, forward=False)
        if span:
            out.append(span)
    return out


def _speaker_follows(low: str, toks: tuple[Token, ...], i: int) -> bool:
    """'"...," said the minister': the verb follows a quotation (or opens the text), so its
    speaker comes after it. "Told" never: the one after it is who was told."""
    if toks[i].text.lower().startswith("t"):
        return False
    if i == 0:
        return True
    return any(ch in low[toks[i - 1].end : toks[i].start] for ch in "\"“”'’")


def _noun_phrase(low: str, toks: tuple[Token, ...], k: int, forward: bool) -> tuple[int, int] | None:
    """Up to five words from token ``k`` on, stopping at punctuation or a word of grammar; an
    "of" or "and" inside a name goes on ("World Travel and Tourism Council")."""
    step = 1 if forward else -1
    skip = ("has", "have", "had", "also", "was", "is", "ha") + (("the", "a", "an") if forward else ())
    while 0 <= k < len(toks) and toks[k].text.lower() in skip:
        k += step  # auxiliaries between a speaker and the verb, an article before the speaker
    picked: list[int] = []
    while 0 <= k < len(toks) and len(picked) < 5:
        word = toks[k].text.lower()
        if picked:
            prev, nxt = (toks[picked[-1]], toks[k]) if forward else (toks[k], toks[picked[-1]])
            if any(ch in low[prev.end : nxt.start] for ch in ',.;:"“”()'):
                break
        if forward and picked and word in ("of", "and", "for") and _capital_at(toks, k + 1):
            k += step
            continue
        if (word in STOPWORDS and word not in _PRONOUNS) or any(ch.isdigit() for ch in word) or word in UNITS:
            break
        picked.append(k)
        if word in _PRONOUNS:
            break
        k += step
    if not picked:
        return None
    return min(picked), max(picked) + 1


def _capital_at(toks: tuple[Token, ...], k: int) -> bool:
    return k < len(toks) and toks[k].text[0].isupper()


def _words(toks: tuple[Token, ...], span: tuple[int, int]) -> set[str]:
    return {t.lemma for t in toks[span[0] : span[1]]}


def _acronyms(toks: tuple[Token, ...]) -> set[str]:
    """Initials of each run of capitalised words ("Football Association" -> "fa"): an acronym
    on the other side names the same speaker."""
    out, run = set(), ""
    for t in [*toks, None]:
        if t is not None and t.text[0].isupper() and t.text.lower() not in STOPWORDS:
            run += t.text[0].lower()
            continue
        if len(run) > 1:
            out.add(run)
        run = ""
    return out


def _phrase(text: str, toks: tuple[Token, ...], span: tuple[int, int]) -> str:
    return text[toks[span[0]].start : toks[span[1] - 1].end]


def _plural(word: str) -> bool:
    """A plural or collective noun: sources of a report as a body ("analysts", "police"),
    which a rewrite has no reason to trade for another body."""
    low = word.lower()
    if low in _COLLECTIVES or _PLURAL_INITIALS.fullmatch(word):
        return True
    if not low.endswith("s") or low.endswith("ss"):
        return False
    nouns = lexicon().lemmas(low, "n")
    return nouns[0] != low if nouns else lemma(low) != low  # "news" is no plural


def _differ(a: str, b: str) -> bool:
    """Two speakers' phrases that are two names: neither holds the other, last names differ."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    heads = a.split()[-1], b.split()[-1]
    return not (wa <= wb or wb <= wa) and all(h[0].isupper() for h in heads) and heads[0] != heads[1]


def _named_speaker(
    o: Side,
    v: Side,
    o_toks: tuple[Token, ...],
    v_toks: tuple[Token, ...],
    o_sp: list[tuple[int, int]],
    v_sp: list[tuple[int, int]],
    found: list[Reason],
) -> list[Reason]:
    """A name the fact check saw swapped, standing as the speaker on both sides."""
    o_phrases = [_phrase(o.text, o_toks, s) for s in o_sp]
    v_phrases = [_phrase(v.text, v_toks, s) for s in v_sp]
    for r in found:
        if r.kind != "entity":
            continue
        a = next((p for p in o_phrases if r.original in p), None)
        b = next((p for p in v_phrases if r.variant in p), None)
        if a and b and _differ(a, b):
            return [Reason("attribution", a, b)]
    return []


def _kin(a: str, b: str) -> bool:
    """Synonyms, or words of one stem ("operator", "operative")."""
    return a[:STEM].lower() == b[:STEM].lower() or lexicon().synonyms(a, b)


def _gone(
    toks: tuple[Token, ...], span: tuple[int, int], other: tuple[Token, ...], other_lemmas: set[str], acronyms: set[str]
) -> bool:
    """Is the speaker's head word (its last: "officials" of "Federal Reserve officials", "Council"
    of "Travel Council") absent from the other side, as itself, as an acronym or, for a common
    noun, as a synonym of a word there?"""
    head = toks[span[1] - 1]
    if head.lemma in other_lemmas or {t.text.lower() for t in toks[span[0] : span[1]]} & acronyms:
        return False
    if _is_name(head):
        return True  # "World Travel Council" -> "World Tourism Body": one shared word is not one body
    return not any(_content(t) and _kin(head.text, t.text) for t in other)


def _new_description(o: Side, a_head: Token, b_head: Token) -> bool:
    """A speaker named on one side and described on the other by a word, or named by a name,
    that the article never writes: not the article's way to refer to the same speaker."""
    if not o.common:
        return False  # no document around the claim: nothing to tell what the article writes
    written = o.common | o.known_names | o.capitals
    new = b_head.text.lower()
    return new not in written and lemma(new) not in {lemma(w) for w in written}


def _attribution_reasons(
    o: Side, v: Side, o_toks: tuple[Token, ...], v_toks: tuple[Token, ...], found: list[Reason]
) -> list[Reason]:
    """A verb of saying whose speaker on one side shares nothing with any speaker on the other."""
    o_sp, v_sp = _speakers(o.text, o_toks), _speakers(v.text, v_toks)
    if not (o_sp and v_sp):
        return []
    named = _named_speaker(o, v, o_toks, v_toks, o_sp, v_sp, found)
    if named:
        return named
    o_all, v_all = {t.lemma for t in o_toks}, {t.lemma for t in v_toks}
    o_sp = [sp for sp in o_sp if not _words(o_toks, sp) & _PRONOUNS]  # "he said": we cannot know who
    v_sp = [sp for sp in v_sp if not _words(v_toks, sp) & _PRONOUNS]
    o_acronyms, v_acronyms = _acronyms(o_toks), _acronyms(v_toks)
    o_lost = [sp for sp in o_sp if _gone(o_toks, sp, v_toks, v_all, v_acronyms)]
    v_new = [sp for sp in v_sp if _gone(v_toks, sp, o_toks, o_all, o_acronyms)]
    if not (o_lost and v_new) or len(o_sp) != len(o_lost) or len(v_sp) != len(v_new):
        return []  # a speaker both sides name is still there: the other one is someone quoted
    a_words, b_words = _words(o_toks, o_lost[0]), _words(v_toks, v_new[0])
    if a_words <= b_words or b_words <= a_words:
        return []  # "the chairman" and "the chairman Peter Nielson"
    a_head, b_head = o_toks[o_lost[0][1] - 1], v_toks[v_new[0][1] - 1]
    if _is_name(a_head) != _is_name(b_head) and not _new_description(o, a_head, b_head):
        return []  # "Mr Brown" and "the chancellor" may be one person, if the article says so
    if not _is_name(a_head) and not (_plural(a_head.text) or _plural(b_head.text)):
        return []  # "the group" -> "the organisation": a spinner's swap as often as a new source
    a, b = o_lost[0], v_new[0]
    return [
        Reason(
            "attribution",
            o.text[o_toks[a[0]].start : o_toks[a[1] - 1].end],
            v.text[v_toks[b[0]].start : v_toks[b[1] - 1].end],
        )
    ]


def _role_reasons(o: Side, v: Side, o_toks: tuple[Token, ...], v_toks: tuple[Token, ...]) -> list[Reason]:
    """Who did what to whom changed: two parties swapped places around a verb both sides share,
    one party moved from doing the action to receiving it (or back), or two owners traded what
    they own ("A's allegation that B's players" -> "B's allegation that A's players")."""
    o_at, v_at = _once(o_toks), _once(v_toks)
    parties = [w for w in o_at if w in v_at and _party(o_toks, o_at[w]) and _party(v_toks, v_at[w])]
    roles = _Roles(o, v, o_toks, v_toks, o_at, v_at, parties)
    return _swapped_parties(roles) or _moved_party(roles) or _swapped_owners(o, v, o_toks, v_toks)


class _Roles(NamedTuple):
    """Both sides of a claim as the role checks read them: texts, tokens, where each word that
    occurs once stands, and the parties (words that may act) both sides have once."""

    o: Side
    v: Side
    o_toks: tuple[Token, ...]
    v_toks: tuple[Token, ...]
    o_at: dict[str, int]
    v_at: dict[str, int]
    parties: list[str]


def _swapped_parties(roles: _Roles) -> list[Reason]:
    """Two parties that swapped places around a verb both sides share, in the same voice.

    Only parties in one run of words count: a comma or a quotation mark between them is an
    apposition or a title ("Neil Herron, a campaigner from Sunderland"), not an action; a
    speaker's aside (", he said,") is no break.
    """
    o, v, o_toks, v_toks, o_at, v_at, names = roles
    for x in range(len(names)):
        for y in range(x + 1, len(names)):
            a, b = sorted((names[x], names[y]), key=o_at.__getitem__)
            oa, ob, va, vb = o_at[a], o_at[b], v_at[a], v_at[b]
            if not vb < va or ob - oa > 12 or va - vb > 12:
                continue
            if _broken(o.text, o_toks[oa].end, o_toks[ob].start) or _broken(v.text, v_toks[vb].end, v_toks[va].start):
                continue
            verb = _shared_verb(o_toks, v_toks, o_at, v_at, (oa, ob), (vb, va))
            if verb is None:
                continue
            if _same_voice(o_toks, v_toks, o_at[verb], v_at[verb], ob, va):
                o_span = o.text[o_toks[oa].start : o_toks[ob].end]
                v_span = v.text[v_toks[vb].start : v_toks[va].end]
                return [Reason("role", o_span, v_span)]
    return []


def _same_voice(
    o_toks: tuple[Token, ...], v_toks: tuple[Token, ...], o_verb: int, v_verb: int, o_end: int, v_end: int
) -> bool:
    """The verb in one frame ("stars X" / "star in X" differ) and one voice on both sides."""
    same_frame = _frame(o_toks, o_verb) == _frame(v_toks, v_verb)
    return same_frame and _passive(o_toks, o_verb, o_end) == _passive(v_toks, v_verb, v_end)


def _moved_party(roles: _Roles) -> list[Reason]:
    """A party that does the action on one side (before the verb, in its clause) and receives it
    on the other (right after the verb), the verb shared and in the same voice: "X had offered"
    -> "he had offered X"."""
    o, v, o_toks, v_toks, o_at, v_at, parties = roles
    for verb, i in o_at.items():
        j = v_at.get(verb)
        if j is None or not (_action(o_toks, i) and _action(v_toks, j)):
            continue
        if not _same_voice(o_toks, v_toks, i, j, i + MOVE_AFTER + 1, j + MOVE_AFTER + 1):
            continue
        for p in parties:
            if p == verb:
                continue
            so, sv = _side_of(o.text, o_toks, o_at[p], i), _side_of(v.text, v_toks, v_at[p], j)
            if so and sv and so != sv:
                return [Reason("role", _clause(o.text, o_toks, o_at[p], i), _clause(v.text, v_toks, v_at[p], j))]
    return []


def _action(toks: tuple[Token, ...], i: int) -> bool:
    """A verb of the clause: inflected or after an auxiliary, and a verb in the lexicon."""
    word = toks[i]
    if not _verb_like(toks, i) or word.text.lower() in STOPWORDS or _is_name(word):
        return False
    return "v" in lexicon().pos_of(word.text)


def _side_of(text: str, toks: tuple[Token, ...], party: int, verb: int) -> int:
    """-1: the party is the verb's doer (before it in its clause, no relative pronoun between);
    1: its receiver (within a few words after it, no other verb between); 0: neither."""
    lo, hi = sorted((party, verb))
    if _broken(text, toks[lo].end, toks[hi].start) or toks[party].text.endswith(("'s", "’s")):
        return 0  # "Britain's history had given": the owner of the doer is not the doer
    between = [t.text.lower() for t in toks[lo + 1 : hi]]
    if party < verb:
        relative = any(w in _RELATIVES for w in between)
        return 0 if verb - party > MOVE_BEFORE or relative else -1
    # The receiver is the verb's object: nothing but a determiner or a describing word between.
    if party - verb > MOVE_AFTER or any(w in STOPWORDS and w not in _DETERMINERS for w in between):
        return 0
    return 0 if any(_verb_like(toks, k) for k in range(verb + 1, party)) else 1


def _clause(text: str, toks: tuple[Token, ...], a: int, b: int) -> str:
    lo, hi = sorted((a, b))
    return text[toks[lo].start : toks[hi].end]


def _swapped_owners(o: Side, v: Side, o_toks: tuple[Token, ...], v_toks: tuple[Token, ...]) -> list[Reason]:
    """The owner of a thing replaced by another name both sides write, while the first owner is
    still on the other side: "A's men ... B won" -> "B's men ... A won"."""
    o_own, v_own = _owners(o.text, o_toks), _owners(v.text, v_toks)
    o_keys = {_owner_key(t) for t in o_toks}
    v_keys = {_owner_key(t) for t in v_toks}
    for thing, (a, ai) in o_own.items():
        b, bi = v_own.get(thing, (a, -1))
        if b == a or b not in o_keys or a not in v_keys:
            continue
        if not _is_name(v_toks[bi]):
            continue  # "Kellan's plan" -> "his plan": a pronoun for a party named elsewhere
        if o.cast is not None and o.cast.same(a, b):
            continue
        return [Reason("role", _clause(o.text, o_toks, ai, ai + 1), _clause(v.text, v_toks, bi, bi + 1))]
    return []


def _owners(text: str, toks: tuple[Token, ...]) -> dict[str, tuple[str, int]]:
    """Each thing owned exactly once ("Kellan's players", "Rovers' staff", "his players"): its
    owner's key and place."""
    seen: dict[str, list[tuple[str, int]]] = {}
    for k in range(len(toks) - 1):
        word = toks[k].text
        marked = word.endswith(("'s", "’s")) or text[toks[k].end : toks[k].end + 1] in ("'", "’")
        if not (word.lower() in _POSSESSIVES or (_is_name(toks[k]) and marked)):
            continue
        thing = toks[k + 1]
        if thing.text.lower() in STOPWORDS or _is_name(thing):
            continue
        seen.setdefault(thing.lemma, []).append((_owner_key(toks[k]), k))
    return {thing: at[0] for thing, at in seen.items() if len(at) == 1}


def _owner_key(tok: Token) -> str:
    low = tok.text.lower()
    return _POSSESSIVES.get(low) or _PRONOUN_CASE.get(low) or tok.lemma


def _broken(text: str, start: int, end: int) -> bool:
    """A clause mark between two words, once a speaker's aside (", he said,") is set apart."""
    return bool(_CLAUSE_MARK.search(_ASIDE.sub(" ", text[start:end])))


def _party(toks: tuple[Token, ...], i: int) -> bool:
    """A name, a pronoun, or a noun right after a determiner ("the chancellor"): who may act."""
    if _is_name(toks[i]) or toks[i].text.lower() in _PRONOUN_CASE:
        return True
    word = toks[i].text.lower()
    return word not in STOPWORDS and i > 0 and toks[i - 1].text.lower() in _DETERMINERS


def _once(toks: tuple[Token, ...]) -> dict[str, int]:
    """Position of each lemma that occurs exactly once."""
    keys = [_PRONOUN_CASE.get(t.text.lower(), t.lemma) for t in toks]
    counts = Counter(keys)
    return {k: i for i, k in enumerate(keys) if counts[k] == 1}


def _is_name(tok: Token) -> bool:
    """Capitalised and not grammar; a plural of initials ("MPs", "CEOs") is a common noun."""
    return tok.text[0].isupper() and tok.text.lower() not in STOPWORDS and not _PLURAL_INITIALS.fullmatch(tok.text)


def _shared_verb(
    o_toks: tuple[Token, ...],
    v_toks: tuple[Token, ...],
    o_at: dict[str, int],
    v_at: dict[str, int],
    o_range: tuple[int, int],
    v_range: tuple[int, int],
) -> str | None:
    """A content word between the two names on both sides: the action they swapped roles in."""
    for i in range(o_range[0] + 1, o_range[1]):
        word = o_toks[i]
        if not _verb_like(o_toks, i):
            continue
        shared = word.lemma in v_at and word.text.lower() not in STOPWORDS and not _is_name(word)
        if shared and v_range[0] < v_at[word.lemma] < v_range[1]:
            return word.lemma
    return None


def _verb_like(toks: tuple[Token, ...], i: int) -> bool:
    """An inflected word, or one after an auxiliary or "to": most likely the clause's verb."""
    word = toks[i].text.lower()
    if word.endswith(("ed", "ing")) or (word.endswith("s") and not word.endswith("ss")) or word in _IRREGULAR:
        return True
    return i > 0 and toks[i - 1].text.lower() in _AUXILIARIES


def _frame(toks: tuple[Token, ...], verb: int) -> bool:
    """Does a preposition follow the verb? "X stars Y" and "Y stars in X" are one fact."""
    return verb + 1 < len(toks) and toks[verb + 1].text.lower() in _PREPOSITIONS


def _passive(toks: tuple[Token, ...], verb: int, end: int) -> bool:
    """A form of "be" before a participle, "by" after the verb, or a bare participle followed by
    a preposition ("Monologues banned in Uganda")."""
    word = toks[verb].text.lower()
    if word.endswith("ing"):
        return False
    before = {t.text.lower() for t in toks[max(0, verb - 2) : verb]}
    after = [t.text.lower() for t in toks[verb + 1 : end]]
    if before & _BE_FORMS or "by" in after:
        return True
    bare = not before & _HAVE_FORMS and word.endswith(("ed", "en"))
    return bare and bool(after) and after[0] in ("in", "at", "from", "for", "after", "over")


def _content(tok: Token) -> bool:
    word = tok.text.lower()
    return (word not in STOPWORDS or word in _PERSONS) and not any(ch.isdigit() for ch in word)


def _same_sense(a: str, b: str) -> bool:
    """The same word inflected, or a synonym in any sense (or an adjective of one head): what a
    spinner swaps in."""
    return lemma(a) == lemma(b) or a.lower() == b.lower() or lexicon().close(a, b)


def _one_stem(a: str, b: str) -> bool:
    """Words of one stem ("successful", "succeed"), long enough for the stem to mean something."""
    return min(len(a), len(b)) >= STEM and a[:STEM].lower() == b[:STEM].lower()


def _negated_form(a: str, b: str) -> bool:
    x, y = sorted((a.lower(), b.lower()), key=len)
    return any(y == prefix + x for prefix in ("un", "in", "im", "il", "ir", "dis", "non", "non-"))


def _antonym_reasons(pairs: list[tuple[Token, Token]]) -> list[Reason]:
    """A word replaced by its antonym, or by the antonym of one of its synonyms."""
    for a, b in pairs:
        if _content(a) and _content(b) and _opposites(a.text.lower(), b.text.lower()):
            return [Reason("antonym", a.text, b.text)]
    return []


@lru_cache(maxsize=65536)
def _opposites(a: str, b: str) -> bool:
    """Cached: a spinner's swaps repeat through a text."""
    if a == b or _negated_form(a, b):
        return False  # "unable" for "not able": the negation check weighs that
    lex = lexicon()
    if not lex.antonyms(a, b):
        return False
    # Adverbs of place and manner ("ahead", "back") move with the sentence.
    return "r" not in (lex.pos_of(a), lex.pos_of(b)) and not _same_sense(a, b)


def _substitutions(edit_list: list[Edit]) -> list[tuple[Token, Token]]:
    """Word pairs of each substitution: one for one in order, else every pairing."""
    out = []
    for e in edit_list:
        if not (e.a and e.b):
            continue
        if len(e.a) == len(e.b):
            out += list(zip(e.a, e.b, strict=True))
        elif len(e.a) * len(e.b) <= MAX_PAIRINGS:
            # A rewritten clause: an adverb of place or manner ("ahead", "back") moves with it, so
            # only words that cannot be adverbs are paired across it.
            lex = lexicon()
            out += [(x, y) for x in e.a for y in e.b if "r" not in lex.pos_of(x.text) + lex.pos_of(y.text)]
    return out


def _inside(tok: Token, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= tok.start < e for s, e in spans)


def _spun(o: Side, v: Side, o_quotes: tuple[tuple[int, int], ...], v_quotes: tuple[tuple[int, int], ...]) -> bool:
    """Were the quotations run through a spinner? A misquote changes one phrase of words copied
    as they were ("do not drive" -> "do not leave home"); a spinner swaps words all through,
    grammar words too ("the" -> "a"), and then the lexicon (WordNet, stricter than a spinner's
    thesaurus) cannot tell its swaps from a misquote. Counted as places where the quoted words
    differ, on the variant's quotes, which may quote only part of the article's."""
    o_words = [t.lemma for t in tokens(o.text) if _inside(t, o_quotes)]
    v_words = [t.lemma for t in tokens(v.text) if _inside(t, v_quotes)]
    matcher = SequenceMatcher(None, o_words, v_words, autojunk=False)
    changed = [(j1, j2) for op, _i1, _i2, j1, j2 in matcher.get_opcodes() if op in ("replace", "insert")]
    return len(changed) > 1


def _judged(word: str) -> bool:
    """A word that judges (an adjective: "vital", "painful") or says whose ("our", "their"):
    what a misquote changes, where a spinner's odd swaps are mostly nouns and verbs."""
    return word.lower() in _PERSONS or "a" in lexicon().pos_of(word)


def _acting(word: str) -> bool:
    """A verb as inflected in its clause ("nearing", "reached"): what the speaker says happens."""
    return word.lower().endswith(("ing", "ed")) and "v" in lexicon().pos_of(word)


def _quote_reasons(o: Side, v: Side, edit_list: list[Edit]) -> list[Reason]:
    """Inside quotation marks on both sides, a judging word replaced by one that is not its synonym.

    Spinners spin quotes too, so a synonym in any sense is still the speaker's word, and a quote
    spun all through is left to the closed classes and antonyms.
    """
    o_quotes, v_quotes = o.facts.quotes, v.facts.quotes
    if not (o_quotes and v_quotes) or _spun(o, v, o_quotes, v_quotes):
        return []
    for e in edit_list:
        # One word for one is a spinner's kind of swap ("win" -> "triumph in"): only a judging
        # word counts. More words for fewer ("drive" -> "leave home") rewrite the speaker's words.
        a = [t for t in e.a if _inside(t, o_quotes) and _content(t) and t.lemma not in UNITS]
        b = [t for t in e.b if _inside(t, v_quotes) and _content(t) and t.lemma not in UNITS]
        phrase = len(a) != len(b)  # number words aside: "four" -> "4" is the number check's
        if not phrase:
            # Word for word: a judging word, or in a longer stretch changed in one place ("is
            # nearing" -> "has reached") the verb too.
            keep = (lambda t: _judged(t.text) or _acting(t.text)) if len(a) > 1 else (lambda t: _judged(t.text))
            a, b = [t for t in a if keep(t)], [t for t in b if keep(t)]
        lost = [x for x in a if not any(_same_sense(x.text, y.text) for y in b)]
        new = [y for y in b if not any(_same_sense(x.text, y.text) or _one_stem(x.text, y.text) for x in a)]
        # "show it" -> "prove we have fixed it": words put in, not one a spinner swapped in
        if new and (lost or (phrase and a and len(new) > 1)):
            qo = next(q for q in o_quotes if q[0] <= (lost or a)[0].start < q[1])
            qv = next(q for q in v_quotes if q[0] <= new[0].start < q[1])
            return [Reason("quote", o.text[qo[0] : qo[1]], v.text[qv[0] : qv[1]])]
    return []


def _relabel(found: tuple[Reason, ...]) -> list[Reason]:
    """Facts the old checks found that are times: weekdays, months and years are `time`."""
    out = []
    for r in found:
        if r.kind in ("date", "entity", "number") and _is_time(r.original) and _is_time(r.variant):
            out.append(Reason("time", r.original, r.variant))
        else:
            out.append(r)
    return out


def _is_time(value: str) -> bool:
    low = value.lower().strip(" .")
    return bool(_YEAR.fullmatch(low)) or low in WEEKDAYS or low[:3] in _MONTH_STEMS


def _only_synonyms(o: Side, v: Side, edit_list: list[Edit]) -> bool:
    """Is every difference a spinner's swap: a content word for its synonym (or a word the
    lexicon does not know for another), one for one, or an article for an article ("the" ->
    "a") where no closed-class phrase hangs on it ("a few")?
    Then no word-level check can find anything (a synonym is no antonym, no misquote, moves no
    party and names no new speaker), and the claim needs none of them: most spun claims."""
    for e in edit_list:
        if len(e.a) != len(e.b):
            return False
        for x, y in zip(e.a, e.b, strict=True):
            lx, ly = x.text.lower(), y.text.lower()
            if lx in _ARTICLES and ly in _ARTICLES:
                if _cue_values(o.text, x) != _cue_values(v.text, y):
                    return False
                continue
            if any(ch.isdigit() for ch in lx + ly) or _is_name(x) or _is_name(y):
                return False
            if lx in STOPWORDS or ly in STOPWORDS:
                # A verb of saying swapped for a word of the spinner's ("told" -> "informed")
                # leaves the speaker where it was: only a reversal ("said" -> "denied") counts.
                saying = speaker_verbs(lx) and ly not in STOPWORDS
                if not saying or _opposites(lx, ly):
                    return False
            elif not (_same_sense(x.text, y.text) or _both_unknown(lx, ly)):
                return False
    return True


def _both_unknown(a: str, b: str) -> bool:
    """Two words the lexicon does not know: nothing it could say of them, so nothing to check."""
    lex = lexicon()
    return not (lex.known(a) or lex.known(b))


def _cue_values(text: str, tok: Token) -> list[str]:
    """Closed-class values of the few words from an article on ("a few", "the majority of")."""
    window = text[tok.start : tok.end + ARTICLE_WINDOW]
    return [c.value for kind in ("quantity", "time", "modality") for c in cues(window, kind)]


def _moved(edit_list: list[Edit], o_toks: tuple[Token, ...], v_toks: tuple[Token, ...]) -> bool:
    """Does a word the edits take out or put in stand elsewhere on the other side? Roles change
    only by moving words; a spinner's swaps bring in words the other side never has."""
    out = [t for e in edit_list for t in e.a if _may_act(t)]
    put_in = [t for e in edit_list for t in e.b if _may_act(t)]
    if not (out and put_in):
        return False
    o_keys = {_owner_key(t) for t in o_toks}
    v_keys = {_owner_key(t) for t in v_toks}
    return any(_owner_key(t) in v_keys for t in out) or any(_owner_key(t) in o_keys for t in put_in)


def _may_act(tok: Token) -> bool:
    """A word that can be a party: not grammar, unless a pronoun of a person or thing."""
    low = tok.text.lower()
    return low not in STOPWORDS or low in _PRONOUN_CASE or low in _POSSESSIVES


def revise(o: Side, v: Side, found: tuple[Reason, ...]) -> list[Reason]:
    """The fact reasons already found, plus every word-level change, each reported once."""
    out = _relabel(found)
    o_toks, v_toks = tokens(o.text), tokens(v.text)
    edit_list = edits(o_toks, v_toks)
    if not out and _only_synonyms(o, v, edit_list):
        return []
    speaker = _attribution_reasons(o, v, o_toks, v_toks, out)
    role = _role_reasons(o, v, o_toks, v_toks) if _moved(edit_list, o_toks, v_toks) else []
    for r in speaker + role:
        # A name swapped as the speaker is an attribution, names swapped around a verb a role:
        # not some other entity.
        out = [x for x in out if not (x.kind == "entity" and x.original in r.original and x.variant in r.variant)]
    seen = {(r.original.lower(), r.variant.lower()) for r in out}
    seen_values = {x.lower() for r in out for x in (r.original, r.variant) if x}
    lexical = _antonym_reasons(_substitutions(edit_list)) + _quote_reasons(o, v, edit_list)
    for r in _class_reasons(o, v) + lexical + speaker + role:
        if (r.original.lower(), r.variant.lower()) in seen:
            continue
        if r.kind == "time" and (r.original.lower() in seen_values or r.variant.lower() in seen_values):
            continue
        out.append(r)
        seen.add((r.original.lower(), r.variant.lower()))
    return out
