"""The bundled sample data: every line is a well-formed ingest pair, and the README key matches the file.

The engine's verdicts are not tested here; `claimdesk/sample_data/README.md` is the answer key for those tests.
"""

import json
import re
import unicodedata
from datetime import UTC, datetime
from importlib import resources

import pytest

SAMPLE_DIR = resources.files("claimdesk") / "sample_data"  # as the demo reads it, package data
PAIRS = SAMPLE_DIR / "pairs.jsonl"
README = SAMPLE_DIR / "README.md"

ARTICLE_FIELDS = ("url", "title", "text", "published")
VARIANT_FIELDS = ("url", "title", "site", "text", "found")
HOSTILE_LINE = 8


def _lines() -> list[str]:
    return PAIRS.read_text(encoding="utf-8").splitlines()


def _pairs() -> list[dict]:
    return [json.loads(line) for line in _lines()]


def _utc(value: str) -> datetime:
    assert value.endswith("Z"), value
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None and parsed.utcoffset().total_seconds() == 0
    return parsed.astimezone(UTC)


def test_file_is_utf8_jsonl_with_enough_pairs() -> None:
    raw = PAIRS.read_bytes()
    raw.decode("utf-8")
    assert raw.endswith(b"\n")
    lines = _lines()
    assert len(lines) >= 20
    assert all(line.strip() for line in lines), "no blank lines"


@pytest.mark.parametrize("number", range(1, len(_lines()) + 1))
def test_line_has_required_fields_and_types(number: int) -> None:
    pair = json.loads(_lines()[number - 1])
    assert set(pair) == {"article", "variant"}
    article, variant = pair["article"], pair["variant"]
    assert set(article) == set(ARTICLE_FIELDS)
    assert set(variant) == set(VARIANT_FIELDS)
    for side in (article, variant):
        for key, value in side.items():
            assert isinstance(value, str) and value.strip(), f"line {number}: {key}"
        assert re.match(r"^https://[a-z0-9.-]+\.example(\.(org|com))?/", side["url"]), side["url"]
    assert variant["url"].startswith(f"https://{variant['site']}/")
    assert _utc(variant["found"]) > _utc(article["published"])


def test_lines_are_raw_escaped() -> None:
    """Control characters and bidi overrides appear only as JSON escapes, never raw in the file."""
    for number, line in enumerate(_lines(), 1):
        bad = [c for c in line if unicodedata.category(c) in ("Cc", "Cf")]
        assert not bad, f"line {number}: raw {bad!r}"


def test_no_duplicates() -> None:
    lines = _lines()
    assert len(set(lines)) == len(lines)
    pairs = _pairs()
    variant_urls = [p["variant"]["url"] for p in pairs]
    assert len(set(variant_urls)) == len(variant_urls)
    variant_texts = [p["variant"]["text"] for p in pairs]
    assert len(set(variant_texts)) == len(variant_texts)


def test_articles_are_consistent_and_varied() -> None:
    by_url: dict[str, dict] = {}
    for pair in _pairs():
        article = pair["article"]
        assert by_url.setdefault(article["url"], article) == article, "one article, one content"
    assert 8 <= len(by_url) <= 12
    for article in by_url.values():
        paragraphs = article["text"].split("\n\n")
        assert 2 <= len(paragraphs) <= 6, article["url"]
    counts = [sum(p["article"]["url"] == url for p in _pairs()) for url in by_url]
    assert sum(1 for c in counts if c >= 2) >= 3, "several articles have more than one variant"


def test_verbatim_copy_present() -> None:
    verbatim = [p for p in _pairs() if p["variant"]["text"] == p["article"]["text"]]
    assert len(verbatim) == 1


def test_hostile_pair_present() -> None:
    variant = json.loads(_lines()[HOSTILE_LINE - 1])["variant"]
    assert "[@click=app.quit]" in variant["title"]
    assert "[bold red]markup[/]" in variant["title"]
    assert "\x1b[2J" in variant["text"]
    assert "\x1b]8;;http://x\x1b\\" in variant["text"]
    assert "\u202e" in variant["text"]
    hostile = [n for n, p in enumerate(_pairs(), 1) if "\x1b" in p["variant"]["text"] + p["variant"]["title"]]
    assert hostile == [HOSTILE_LINE]


def test_readme_key_has_one_row_per_line() -> None:
    rows = re.findall(r"^\| (\d+) \| (\w+) \| ([a-z0-9.-]+) \|", README.read_text(encoding="utf-8"), re.M)
    pairs = _pairs()
    assert [int(n) for n, _, _ in rows] == list(range(1, len(pairs) + 1))
    for (_, _, site), pair in zip(rows, pairs, strict=True):
        assert site == pair["variant"]["site"]
    text = README.read_text(encoding="utf-8")
    for token in ("kept", "reworded", "dropped", "added"):
        assert text.count(token) >= 3, token
    for kind in ("number", "entity", "quote", "negation"):
        assert len(re.findall(rf"altered:{kind}\b", text)) >= 3, kind
