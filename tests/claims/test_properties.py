"""Properties that hold for any input: the engine never crashes, never lies about offsets,
and says "kept" for a verbatim copy and "dropped" for an empty one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import pairwise

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from claimdesk.claims import Report, Span, report_to_dict, score_pair
from claimdesk.claims.segment import segment

BOUNDED = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NAMES = ["Ines Moreau", "Dev Anand", "Harrowgate", "Corvale", "the Dunmere Trust", "Petra Holm", "Marlow"]
SUBJECTS = ["The council", "Police", "The mill", "Officials", "The ferry company", "Residents", "The union"]
VERBS = ["said", "reported", "confirmed", "denied", "announced", "expected", "warned"]
OBJECTS = ["workers", "homes", "tonnes of grain", "passengers", "schools", "jobs", "trees"]
NUMBERS = ["5", "40", "1,500", "£3.2m", "12 per cent", "two hundred", "a million", "3.5%", "2031"]


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    """A sentence with the facts spinners leave alone: a name, a number, sometimes a quote or a negation."""
    subject = draw(st.sampled_from(SUBJECTS))
    verb = draw(st.sampled_from(VERBS))
    name = draw(st.sampled_from(NAMES))
    number = draw(st.sampled_from(NUMBERS))
    thing = draw(st.sampled_from(OBJECTS))
    negated = draw(st.booleans())
    body = f"{subject} in {name} {'did not' if negated else 'will'} {verb} {number} {thing}"
    if draw(st.booleans()):
        return f'"{body}," {draw(st.sampled_from(NAMES))} said.'
    return body + draw(st.sampled_from([".", "!", "?"]))


@st.composite
def news_text(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.lists(news_sentence(), min_size=1, max_size=4), min_size=1, max_size=5))
    return "\n\n".join(" ".join(p) for p in paragraphs)


TEXTS = st.one_of(news_text(), st.text(max_size=400))


def sides(report: Report) -> list[tuple[str, Span]]:
    return [(side, span) for c in report.claims for side, span in (("o", c.original), ("v", c.variant)) if span]


def check_spans(text: str, spans: list[Span]) -> None:
    """Each span is a non-empty, trimmed slice inside a sentence; together they cover every sentence."""
    sentences = segment(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        claim = text[span.start : span.end]
        assert claim.strip() == claim and any(ch.isalnum() for ch in claim)
        assert any(s.start <= span.start < s.end for s in sentences)
        assert any(s.start < span.end <= s.end for s in sentences)
    ordered = sorted(spans, key=lambda s: s.start)
    assert all(a.end <= b.start for a, b in pairwise(ordered)), "claims of one text overlap"
    for s in sentences:
        assert any(span.start < s.end and s.start < span.end for span in spans), f"sentence lost: {s}"


@BOUNDED
@given(TEXTS)
def test_identical_texts_are_all_kept_with_fidelity_one(text: str) -> None:
    assume(segment(text))
    report = score_pair(text, text)
    assert {c.status for c in report.claims} == {"kept"}
    assert report.summary.fidelity == 1.0
    for c in report.claims:
        assert text[c.original.start : c.original.end] == text[c.variant.start : c.variant.end]
    assert sorted((c.original for c in report.claims), key=lambda s: s.start) == list(segment(text))


@BOUNDED
@given(TEXTS)
def test_empty_variant_drops_every_sentence(text: str) -> None:
    report = score_pair(text, "")
    assert all(c.status == "dropped" and c.variant is None for c in report.claims)
    assert [c.original for c in report.claims] == list(segment(text))
    assert report.summary.counts["dropped"] == len(segment(text))
    # An article with no sentence has nothing to cover: vacuously complete.
    assert report.summary.coverage == (0.0 if segment(text) else 1.0)


@BOUNDED
@given(TEXTS)
def test_empty_article_makes_every_sentence_added(text: str) -> None:
    report = score_pair("", text)
    assert all(c.status == "added" and c.original is None for c in report.claims)
    assert [c.variant for c in report.claims] == list(segment(text))


@BOUNDED
@given(TEXTS, TEXTS)
def test_any_pair_scores_with_valid_offsets(original: str, variant: str) -> None:
    report = score_pair(original, variant)
    check_spans(original, [s for side, s in sides(report) if side == "o"])
    check_spans(variant, [s for side, s in sides(report) if side == "v"])
    for c in report.claims:
        assert 0.0 <= c.score <= 1.0
        assert (c.original is None) == (c.status == "added")
        assert (c.variant is None) == (c.status == "dropped")
        assert bool(c.reasons) == (c.status == "altered")
    s = report.summary
    assert all(0.0 <= x <= 1.0 for x in (s.fidelity, s.coverage, s.spin, s.risk))
    assert sum(s.counts.values()) == len(report.claims)
    json.dumps(report_to_dict(report, 7))  # the contract serialises whatever the text


@BOUNDED
@given(st.text(), st.text())
def test_arbitrary_unicode_never_crashes(original: str, variant: str) -> None:
    score_pair(original, variant)
    score_pair(original, original + variant)


@BOUNDED
@given(TEXTS, TEXTS)
def test_same_input_gives_the_same_report(original: str, variant: str) -> None:
    assert score_pair(original, variant) == score_pair(original, variant)


@BOUNDED
@given(
    news_text(),
    st.integers(min_value=0),
    st.sampled_from([("1,500", "1,800"), ("£3.2m", "£3.9m"), ("3.5%", "5.3%"), ("40", "14"), ("2031", "2013")]),
)
def test_a_changed_number_is_always_reported_with_both_values(text: str, where: int, change: tuple[str, str]) -> None:
    before, after = change
    paragraphs = text.split("\n\n")
    k = where % (len(paragraphs) + 1)
    sentence = "The Corvale ferry carried {} cars through the storm."
    original = "\n\n".join([*paragraphs[:k], sentence.format(before), *paragraphs[k:]])
    variant = "\n\n".join([*paragraphs[:k], sentence.format(after), *paragraphs[k:]])
    report = score_pair(original, variant)
    values = [(r.original, r.variant) for c in report.claims for r in c.reasons]
    assert (before, after) in values, values


def test_the_same_report_in_processes_with_other_hash_seeds() -> None:
    """Sets of words iterate in a per-process order; scores stored by one run must match the next."""
    script = (
        "import json, random, sys\n"
        "from claimdesk.claims import report_to_dict, score_pair\n"
        "rng = random.Random(5)\n"
        f"words = {(NAMES + SUBJECTS + VERBS + OBJECTS + NUMBERS)!r}\n"
        "def text(): return '\\n\\n'.join(' '.join(rng.choice(words) for _ in range(12)) + '.' for _ in range(60))\n"
        "a = text(); b = a.replace('1,500', '1,800') + ' ' + text()\n"
        "print(json.dumps(report_to_dict(score_pair(a, b))))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
