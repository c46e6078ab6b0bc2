"""The answer key is a test: every line of `claimdesk/sample_data/README.md`'s table against the engine.

The table lists, for each pair of `claimdesk/sample_data/pairs.jsonl`, the claim statuses an editor should
see and the kind of every altered fact. This reads the table as written (so a change to the key or
to the engine that breaks their agreement fails here) and scores each pair with the engine.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import pytest

from claimdesk.claims import Report, score_pair

SAMPLE_DIR = resources.files("claimdesk") / "sample_data"  # as the demo reads it, package data
ROW = re.compile(r"^\| (\d+) \| \w+ \| [a-z0-9.-]+ \| .*? \| (.*?) \|$", re.M)
# A remark in parentheses that is not a count: "(split)", "(order changed; nothing dropped or added)".
REMARK = re.compile(r"\s*\((?!\d+\)|×\d+\))[^)]*\)")
ITEM = re.compile(r"\b(kept|reworded|dropped|added|altered:(\w+))(?: \((\d+)\))?(?: \(×(\d+)\))?")
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"]?\s+")


@dataclass(frozen=True)
class Expected:
    """One line of the key: statuses, altered kinds with how many, kept sentences, dropped claims."""

    statuses: frozenset[str]
    kinds: Counter
    kept: int | None
    dropped: int | None


def parse(cell: str) -> Expected:
    """The "expected" column: "reworded, kept (2), altered:number (×2), dropped (×2)"."""
    text = REMARK.sub("", cell).split(";")[0]
    if text.strip() == "kept only":
        return Expected(frozenset({"kept"}), Counter(), None, None)
    statuses, kinds, kept, dropped = set(), Counter(), None, None
    for m in ITEM.finditer(text):
        status = m.group(1).split(":")[0]
        statuses.add(status)
        times = int(m.group(4)) if m.group(4) else 1
        if m.group(2):
            kinds[m.group(2)] += times
        if status == "kept" and m.group(3):
            kept = int(m.group(3))
        if status == "dropped" and m.group(4):
            dropped = times
    return Expected(frozenset(statuses), kinds, kept, dropped)


def _key() -> dict[int, Expected]:
    text = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    return {int(n): parse(cell) for n, cell in ROW.findall(text)}


def _pairs() -> list[dict]:
    return [json.loads(line) for line in (SAMPLE_DIR / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]


def _kept_sentences(article: str, report: Report) -> int:
    """Article sentences (split as the README says) that lie inside a kept claim."""
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(article)]
    spans = [(s, e) for s, e in zip(starts, [*starts[1:], len(article)], strict=True) if article[s:e].strip()]
    kept = [c.original for c in report.claims if c.status == "kept"]
    return sum(any(k.start <= s and len(article[:e].rstrip()) <= k.end for k in kept) for s, e in spans)


def test_key_reads_every_line_and_every_kind() -> None:
    key = _key()
    assert sorted(key) == list(range(1, len(_pairs()) + 1))
    assert parse("reworded, kept (2) (split)") == Expected(frozenset({"reworded", "kept"}), Counter(), 2, None)
    assert parse("dropped (all article claims), added (all variant claims); coverage ≈ 0").statuses == {
        "dropped",
        "added",
    }
    assert parse("reworded, altered:number (×2), dropped (×2)").kinds == Counter({"number": 2})
    kinds = {k for e in key.values() for k in e.kinds}
    assert kinds >= {"number", "entity", "negation", "quote", "antonym", "quantity", "modality", "time"}
    assert kinds >= {"attribution", "role"}


@pytest.mark.parametrize("number", sorted(_key()))
def test_engine_agrees_with_the_key(number: int) -> None:
    expected = _key()[number]
    pair = _pairs()[number - 1]
    report = score_pair(pair["article"]["text"], pair["variant"]["text"])
    assert {c.status for c in report.claims} == expected.statuses
    kinds = Counter(r.kind for c in report.claims if c.status == "altered" for r in c.reasons)
    assert kinds == expected.kinds
    if expected.kept is not None:
        assert _kept_sentences(pair["article"]["text"], report) == expected.kept
    if expected.dropped is not None:
        assert sum(c.status == "dropped" for c in report.claims) == expected.dropped
