"""`claimdesk export`: RFC 4180 CSV that reads back to the stored values, safe in spreadsheets."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.cli import main
from claimdesk.store import ArticleIn, Store, VariantIn
from claimdesk.store.atomic import atomic_file
from claimdesk.store.export import Kind, export_query, key_range, stream, text_columns
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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_UIDS = [
    '=HYPERLINK("http://evil.example/","x")',
    "=2+3",
    "cmd|' /C calc'!A0",
    "=cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1)",
]


def force_uids(db: Path, uids: list[tuple[str, int]]) -> None:
    """Give verdicts (uid, id) the uids a store written before uids were checked at entry may hold.

    The append-only trigger is lifted for the edit and put back, as someone editing the file by hand would.
    """
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'verdicts_no_update'").fetchone()[0]
        conn.execute("DROP TRIGGER verdicts_no_update")
        conn.executemany("UPDATE verdicts SET uid = ? WHERE id = ?", uids)
        conn.execute(trigger)


@pytest.fixture
def hostile_desk(db_path: Path) -> Path:
    """Every text a client or the web supplies starts like a formula: URLs, titles, site, texts, editor, note, uid."""
    with Store.open(db_path) as store:
        variant_id = store.add_pair(
            ArticleIn(
                text="-1+1 boats left the harbour on Monday. The mayor said 40 people came.",
                url="=A1",
                title="+Harbour",
            ),
            VariantIn(
                text="=2+3 boats departed the harbour on Monday. The mayor said 45 people came.",
                url="@evil",
                title="\tTitle",
                site="\rsite",
            ),
        ).variant_id
        first = store.record_verdict(variant_id, "distorted", "=cmd|' /C calc'!A0", note="-note")
        second = store.record_verdict(variant_id, "confirmed", "@editor", claim=1, note="+note")
        # A second editor who disagrees, so the conflict column holds (hostile) text too.
        store.record_verdict(variant_id, "faithful", "+other", note="=note")
        # A family verdict on a second copy, so the batch column holds text too.
        other = store.add_pair(
            ArticleIn(text="-1+1 boats left the harbour on Monday. The mayor said 40 people came."),
            VariantIn(text="=9 boats departed the harbour on Monday. The mayor said 41 people came.", url="@other"),
        ).variant_id
        store.record_family_verdict(other, "distorted", "=batcher")
    force_uids(db_path, [("=2+3", first.id), ("-1+1", second.id)])
    return db_path


@pytest.mark.parametrize("kind", ["current", "history", "claims"])
def test_every_text_column_of_each_export_is_guarded(hostile_desk: Path, kind: Kind) -> None:
    """Read each export's column list: every column that holds text must be guarded, and is."""
    raw, safe = export_query(kind, spreadsheet_safe=False), export_query(kind)
    with Store.open(hostile_desk) as store:
        keys = key_range(store.conn, kind)
        assert keys is not None
        raw_rows, safe_rows = list(stream(store.conn, raw, keys)), list(stream(store.conn, safe, keys))
    assert raw_rows and raw.header == safe.header
    holding_text = {
        name for row in raw_rows for name, value in zip(raw.header, row, strict=True) if isinstance(value, str)
    }
    assert holding_text == set(text_columns(kind))  # no text column left off the list (uids were)
    for raw_row, safe_row in zip(raw_rows, safe_rows, strict=True):
        for name, value, shown in zip(raw.header, raw_row, safe_row, strict=True):
            if name in holding_text and isinstance(value, str) and value.startswith(FORMULA_STARTS):
                assert shown == "'" + value, name
            else:
                assert shown == value, name  # numbers stay numbers, harmless text stays as it is
    assert any(v.startswith(FORMULA_STARTS) for row in raw_rows for v in row if isinstance(v, str))


def claimdesk_cli(db: Path, *args: str) -> str:
    command = [sys.executable, "-m", "claimdesk", "--db", str(db), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_hostile_uids_never_reach_a_spreadsheet_as_formulas(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        ids = fill(store, len(HOSTILE_UIDS))
    for variant_id, uid in zip(ids, HOSTILE_UIDS, strict=True):
        command = [sys.executable, "-m", "claimdesk", "--db", str(db_path), "verdict", str(variant_id), "faithful"]
        refused = subprocess.run([*command, f"--uid={uid}"], capture_output=True, text=True, timeout=120, check=False)
        assert (refused.returncode, refused.stderr.count("\n")) == (1, 1), refused.stderr  # refused at entry
        claimdesk_cli(db_path, "verdict", str(variant_id), "faithful", f"--uid=safe-{variant_id}")
    with Store.open(db_path) as store:
        stored = {row[1]: row[0] for row in store.conn.execute("SELECT id, uid FROM verdicts")}
    force_uids(db_path, [(uid, stored[f"safe-{vid}"]) for vid, uid in zip(ids, HOSTILE_UIDS, strict=True)])
    for args, column in ((), "verdict_uid"), (("--history",), "uid"):
        out = tmp_path / f"{column}.csv"
        claimdesk_cli(db_path, "export", "--out", str(out), *args)
        with out.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header, cells = rows[0], [cell for row in rows[1:] for cell in row]
        assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
        uids = [row[header.index(column)] for row in rows[1:]]
        assert uids == [uid if uid.startswith("cmd") else "'" + uid for uid in HOSTILE_UIDS]
