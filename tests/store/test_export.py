"""`claimdesk export`: RFC 4180 CSV that reads back to the stored values, safe in spreadsheets."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.cli import main
from claimdesk.store import ArticleIn, Store, VariantIn
from claimdesk.store.atomic import atomic_file
from tests.store.conftest import article_text, fill, variant_text

HOSTILE = '=HYPERLINK("http://x","y")'


@pytest.fixture
def desk(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        ids = fill(store, 3)
        hostile = store.add_pair(
            ArticleIn(text=article_text(50), title="\tTabbed title", url="https://news.example/50"),
            VariantIn(text=variant_text(50), title=HOSTILE, site="@evil.example", url="https://evil.example/1"),
        ).variant_id
        store.record_verdict(ids[0], "faithful", "ana", note='He said "yes",\nthen left')
        store.record_verdict(ids[1], "distorted", "ana")
        store.undo(ids[1], "ana")
        store.record_verdict(hostile, "distorted", "bob", note="+1 -2 @3")
        store.record_verdict(hostile, "confirmed", "bob", claim=1, note="=SUM(A1)")
    return db_path


def _export(db: Path, out: Path, *args: str) -> list[dict[str, str]]:
    assert main(["--db", str(db), "export", "--out", str(out), *args]) == 0
    with out.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_current_verdicts_read_back_as_stored(desk: Path, tmp_path: Path) -> None:
    rows = _export(desk, tmp_path / "out.csv")
    assert [r["verdict"] for r in rows] == ["faithful", "distorted"]
    with Store.open(desk) as store:
        for row in rows:
            detail = store.variant(int(row["variant_id"]))
            assert float(row["fidelity"]) == detail.scores.fidelity
            assert float(row["risk"]) == detail.scores.risk
            assert int(row["altered"]) == detail.scores.counts["altered"]
            assert row["decided_at"] == detail.verdict.decided_at and row["decided_at"].endswith("Z")
            assert row["variant_url"] == detail.url and row["article_url"] == detail.article.url
    assert rows[0]["note"] == 'He said "yes",\nthen left'
    assert rows[0]["variant_title"] == "Harbour story 0"


def test_formula_cells_come_out_as_text(desk: Path, tmp_path: Path) -> None:
    hostile = _export(desk, tmp_path / "out.csv")[1]
    assert hostile["variant_title"] == "'" + HOSTILE
    assert hostile["site"] == "'@evil.example"
    assert hostile["article_title"] == "'\tTabbed title"
    assert hostile["note"] == "'+1 -2 @3"
    assert not hostile["risk"].startswith("'")
    raw = (tmp_path / "out.csv").read_bytes()
    assert b"\r\n" in raw and not raw.startswith(b"\xef\xbb\xbf")


def test_bom_only_when_asked(desk: Path, tmp_path: Path) -> None:
    _export(desk, tmp_path / "bom.csv", "--bom")
    assert (tmp_path / "bom.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_history_has_every_event_including_undone(desk: Path, tmp_path: Path) -> None:
    rows = _export(desk, tmp_path / "history.csv", "--history")
    assert [r["verdict"] for r in rows] == ["faithful", "distorted", "undo", "distorted", "confirmed"]
    assert [r["undone"] for r in rows] == ["0", "1", "0", "0", "0"]
    assert rows[2]["replaces"] == rows[1]["event_id"]


def test_claims_export_has_claim_texts(desk: Path, tmp_path: Path) -> None:
    [row] = _export(desk, tmp_path / "claims.csv", "--claims")
    assert (row["claim"], row["verdict"], row["note"]) == ("1", "confirmed", "'=SUM(A1)")
    with Store.open(desk) as store:
        detail = store.variant(int(row["variant_id"]))
        claim = store.claims(detail.id)[0].claim
    assert row["status"] == claim.status
    if claim.original:
        assert row["original_claim"] == detail.article.text[claim.original.start : claim.original.end]


def test_since_and_jsonl(desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _export(desk, tmp_path / "future.csv", "--since", "2999-01-01") == []
    assert main(["--db", str(desk), "export", "--format", "jsonl", "--since", "2000-01-01T00:00:00Z"]) == 0
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["verdict"] for o in objects] == ["faithful", "distorted"]
    assert objects[1]["variant_title"] == HOSTILE  # JSON is not a spreadsheet: values as stored
    assert isinstance(objects[1]["risk"], float)


def test_bad_since_is_one_line_error(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(desk), "export", "--since", "yesterday"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_unwritable_out_is_one_line_error(desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(desk), "export", "--out", str(tmp_path)]) == 1
    assert main(["--db", str(desk), "export", "--out", str(tmp_path / "no" / "x.csv")]) == 1
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code = main(["--db", str(desk), "export", "--out", str(locked / "x.csv")])
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == [f"claimdesk: {tmp_path}: is a directory", f"claimdesk: {tmp_path / 'no'}: no such directory"]
    if os.geteuid() != 0:  # root may write anywhere
        assert code == 1 and err[2].endswith("Permission denied")


def test_failed_export_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("previous export\n")
    with pytest.raises(RuntimeError), atomic_file(str(target)) as out:
        out.write("half a row")
        raise RuntimeError("disk full")
    assert target.read_text() == "previous export\n"
    assert list(tmp_path.iterdir()) == [target]


def test_export_and_ingest_never_import_textual(desk: Path, tmp_path: Path) -> None:
    pairs = tmp_path / "p.jsonl"
    pairs.write_text(json.dumps({"article": {"text": "A."}, "variant": {"text": "B."}}) + "\n")
    code = (
        "import sys\nfrom claimdesk.cli import main\n"
        f"main(['--db', {str(desk)!r}, 'ingest', {str(pairs)!r}])\n"
        f"main(['--db', {str(desk)!r}, 'export', '--out', {str(tmp_path / 'x.csv')!r}])\n"
        "main(['--db', sys.argv[1], 'stats'])\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(desk)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
