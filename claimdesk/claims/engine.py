"""The pipeline: segment -> align -> refine -> facts -> compare -> score. Deterministic and pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimdesk.claims import facts, refine
from claimdesk.claims.align import Link, align, word_overlap
from claimdesk.claims.cast import Cast, name_key
from claimdesk.claims.compare import Side, reasons, wording_reasons
from claimdesk.claims.model import STATUSES, Claim, Report, Span
from claimdesk.claims.segment import segment
from claimdesk.claims.summary import summarise

ENGINE_VERSION = "2.2.4"

_SPACE = re.compile(r"\s+")
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
_CAPITAL = re.compile(r"\b[A-Z][\w'’-]*")


@dataclass(frozen=True, slots=True)
class _Pair:
    """The two texts, their sentences, the words each writes in lowercase somewhere, the names
    each uses mid-sentence, the words the article capitalises anywhere, the cast of names the two
    share, and the capitalised pairs they write more than once (names refinement never cuts)."""

    original: str
    variant: str
    o_spans: list[Span]
    v_spans: list[Span]
    o_common: frozenset[str]
    v_common: frozenset[str]
    o_names: frozenset[str]
    v_names: frozenset[str]
    o_capitals: frozenset[str]
    cast: Cast
    name_pairs: frozenset[tuple[str, str]]


def _known_names(text: str) -> frozenset[str]:
    return frozenset(n.key for n in facts.names(text, facts.WORD.finditer(text)))


def _common_words(text: str) -> frozenset[str]:
    return frozenset(_LOWER_WORD.findall(text))


def _span(spans: list[Span], ids: tuple[int, ...]) -> Span:
    """From the first to the last sentence of a claim."""
    return Span(spans[ids[0]].start, spans[ids[-1]].end)


def _claims(link: Link, pair: _Pair) -> list[Claim]:
    """The claim of one link, plus any unsourced part refinement cuts off it."""
    original, variant, o_spans, v_spans = pair.original, pair.variant, pair.o_spans, pair.v_spans
    if not link.variant:
        return [Claim("dropped", 0.0, _span(o_spans, link.original), None)]
    if not link.original:
        return [Claim("added", 0.0, None, _span(v_spans, link.variant))]
    o_span, v_span = _span(o_spans, link.original), _span(v_spans, link.variant)
    o_cut, dropped = refine.split(original, o_span, variant[v_span.start : v_span.end], pair.name_pairs)
    v_cut, added = refine.split(variant, v_span, original[o_cut.start : o_cut.end], pair.name_pairs)
    if not _same_end_cut(o_span, o_cut, v_span, v_cut):
        o_span, v_span = o_cut, v_cut
    else:  # both sides lose their head (or tail): those parts are each other's heavy spin
        dropped, added = [], []
    extra = [Claim("dropped", 0.0, s, None) for s in dropped] + [Claim("added", 0.0, None, s) for s in added]
    return [_compare(pair, o_span, v_span), *extra]


def _same_end_cut(o_span: Span, o_cut: Span, v_span: Span, v_cut: Span) -> bool:
    heads = o_cut.start > o_span.start and v_cut.start > v_span.start
    tails = o_cut.end < o_span.end and v_cut.end < v_span.end
    return heads or tails


def _compare(pair: _Pair, o_span: Span, v_span: Span) -> Claim:
    """Kept, reworded or altered: what happened to an article claim the variant copies."""
    o_text, v_text = pair.original[o_span.start : o_span.end], pair.variant[v_span.start : v_span.end]
    if _SPACE.sub(" ", o_text) == _SPACE.sub(" ", v_text):
        return Claim("kept", 1.0, o_span, v_span)
    if facts.signature(o_text) == facts.signature(v_text):
        found = wording_reasons(o_text, v_text)  # no fact differs; words still may
    else:
        found = reasons(
            Side(o_text, facts.extract(o_text), pair.o_common, pair.o_names, pair.cast, pair.o_capitals),
            Side(v_text, facts.extract(v_text), pair.v_common, pair.v_names, pair.cast),
        )
    overlap = word_overlap(o_text, v_text)
    if found:
        return Claim("altered", round(0.5 * overlap / len(found), 3), o_span, v_span, found)
    return Claim("reworded", round(0.8 + 0.2 * overlap, 3), o_span, v_span)


def score_pair(original: str, variant: str) -> Report:
    """Score how faithfully ``variant`` copies ``original``, claim by claim."""
    o_spans = list(segment(original))
    v_spans = list(segment(variant))
    links = align([original[s.start : s.end] for s in o_spans], [variant[s.start : s.end] for s in v_spans])
    pair = _Pair(
        original,
        variant,
        o_spans,
        v_spans,
        _common_words(original),
        _common_words(variant),
        _known_names(original),
        _known_names(variant),
        frozenset(name_key(w) for w in _CAPITAL.findall(original)),
        Cast.of(original),
        refine.name_pairs(original, variant),
    )
    claims = [c for link in links for c in _claims(link, pair)]
    claims = _reading_order(claims)
    return Report(summarise(claims, original, variant), tuple(claims))


def _reading_order(claims: list[Claim]) -> list[Claim]:
    """Claims as an editor reads the variant, with dropped ones where the article had them."""
    placed = sorted((c for c in claims if c.variant is not None), key=lambda c: c.variant.start)
    dropped = sorted((c for c in claims if c.variant is None), key=lambda c: c.original.start)
    out: list[Claim] = []
    for claim in placed:
        while dropped and claim.original is not None and dropped[0].original.start < claim.original.start:
            out.append(dropped.pop(0))
        out.append(claim)
    return out + dropped


__all__ = ["ENGINE_VERSION", "STATUSES", "score_pair"]
