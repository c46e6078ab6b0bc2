"""`claimdesk ingest`: JSON Lines in, bad lines named and skipped, re-ingesting adds nothing."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from claimdesk.cli import main
from claimdesk.store import InboxQuery, Store

ARTICLE = "The council approved 240 new homes on Monday. Planner Ada Kerr said work starts in May."
COPY = "A council approved 420 new homes on Monday. Planner Ada Kerr pronounced work starts in May."
HTML = (
    "<html><head><title>x</title><script>var ad = 1;</script></head><body><nav>Home | News</nav>"
    "<article><p>A council approved 240 fresh homes on Monday, in a vote that took most of the evening"
    " and drew a large crowd of residents to the town hall.</p>"
    "<p>Planner Ada Kerr pronounced work starts in May, weather permitting, and should take two years.</p>"
    "</article><footer>Copyright</footer></body></html>"
)


def _line(article: dict, variant: dict) -> str:
    return json.dumps({"article": article, "variant": variant})


def _good(n: int) -> str:
    return _line(
        {"text": ARTICLE, "url": "https://news.example/homes", "title": "Homes", "published": "2026-02-01"},
        {
            "text": COPY + f" Copy {n}.",
            "url": f"https://copy.example/{n}",
            "title": f"Homes {n}",
            "found": "2026-02-02T08:30:00+01:00",
        },
    )


def _ingest(db: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--db", str(db), "ingest", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ingesting_the_same_file_twice_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, path = tmp_path / "desk.db", tmp_path / "pairs.jsonl"
    path.write_text("\n".join(_good(n) for n in range(3)) + "\n", encoding="utf-8")
    assert _ingest(db, path, capsys) == (0, "added 3, skipped 0, bad 0\n", "")
    assert _ingest(db, path, capsys) == (0, "added 0, skipped 3, bad 0\n", "")
    with Store.open(db) as store:
        assert store.counts().total == 3
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        detail = store.variant(1)
    assert detail.found_at == "2026-02-02T07:30:00Z"
    assert detail.article.published == "2026-02-01T00:00:00Z"
    assert detail.site == "copy.example"


def test_bad_lines_are_named_and_good_lines_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, path = tmp_path / "desk.db", tmp_path / "pairs.jsonl"
    lines = [
        _good(1).encode(),
        b"{not json",
        _line({"text": ARTICLE}, {"title": "no text"}).encode(),
        _line({"text": 5}, {"text": COPY}).encode(),
        b"\xff\xfe not utf-8",
        b"[1, 2]",
        b"",
        _line({"text": ARTICLE}, {"text": COPY, "found": "last week"}).encode(),
        _line({"text": "  "}, {"text": COPY}).encode(),
        _line({"text": ARTICLE}, {"text": COPY, "url": "http://a]b/"}).encode(),
        _line({"text": ARTICLE}, {"text": COPY, "found": "9999-12-31T23:30:00-01:00"}).encode(),
        _line({"text": ARTICLE, "published": "0001-01-01T00:00:00+01:00"}, {"text": COPY}).encode(),
        _good(2).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    code, out, err = _ingest(db, path, capsys)
    assert code == 1
    assert out == "added 2, skipped 0, bad 10\n"
    assert err.splitlines() == [
        "LINE 2: not JSON (Expecting property name enclosed in double quotes)",
        'LINE 3: variant needs "text" or "html"',
        "LINE 4: article.text must be a string",
        "LINE 5: not UTF-8",
        "LINE 6: not a JSON object",
        "LINE 8: variant.found: 'last week' is not an ISO 8601 date in years 1 to 9999 (UTC)",
        "LINE 9: article has no text",
        "LINE 10: variant.url: not a valid URL (Invalid IPv6 URL)",
        "LINE 11: variant.found: '9999-12-31T23:30:00-01:00' is not an ISO 8601 date in years 1 to 9999 (UTC)",
        "LINE 12: article.published: '0001-01-01T00:00:00+01:00' is not an ISO 8601 date in years 1 to 9999 (UTC)",
    ]


def test_stdin_and_html_reduced_to_main_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "desk.db"
    data = _line({"text": ARTICLE, "title": "Homes"}, {"html": HTML, "url": "https://www.blog.example/p"}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert main(["--db", str(db), "ingest", "-"]) == 0
    assert capsys.readouterr().out == "added 1, skipped 0, bad 0\n"
    with Store.open(db) as store:
        detail = store.variant(1)
        assert store.inbox_count(InboxQuery(search="residents")) == 1
    assert "240 fresh homes" in detail.text
    assert "var ad" not in detail.text and "Copyright" not in detail.text
    assert detail.site == "blog.example"


def test_missing_file_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "d.db"), "ingest", str(tmp_path / "none.jsonl")]) == 1
    assert capsys.readouterr().err.strip().endswith("no such file")


def test_sample_data_ingests_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = Path(__file__).parents[2] / "claimdesk" / "sample_data" / "pairs.jsonl"
    code, out, err = _ingest(tmp_path / "desk.db", sample, capsys)
    assert (code, err) == (0, "")
    assert out.startswith("added ") and out.endswith(", skipped 0, bad 0\n")


def test_a_lone_surrogate_refuses_its_line_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, path = tmp_path / "desk.db", tmp_path / "pairs.jsonl"
    bad = _line({"text": ARTICLE + " \ud800"}, {"text": COPY, "title": "Copy \udfff"})
    path.write_text(bad + "\n" + _line({"text": ARTICLE}, {"text": COPY}) + "\n")
    code, out, err = _ingest(db, path, capsys)
    assert (code, out) == (1, "added 1, skipped 0, bad 1\n")
    assert err.startswith("LINE 1: ") and "surrogate" in err and err.count("\n") == 1
    with Store.open(db) as store:
        [row] = store.inbox_page().rows
        assert "\ufffd" not in store.variant(row.id).article.text
