"""The command line's side of copy families: `spread` (text and --json), `rescore --families`, the
export's family and batch columns, and `stats`' family counts, on real store files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.cli import main
from claimdesk.cli.errors import Exit
from claimdesk.store import ArticleIn, Store, VariantIn
from tests.store.family_texts import SENTENCES, SPINNER_A, SPINNER_B, repost, spin

ARTICLE = " ".join(SENTENCES[:5])
NETWORK = spin(ARTICLE, SPINNER_A).replace("62 million", "68 million")
SITES = ("copy.example", "spin.example", "mirror.example")


@pytest.fixture
def desk(db_path: Path) -> Path:
    """Three reposts of one altered spin (a family), a second spin and an exact copy."""
    with Store.open(db_path) as store:
        article = ArticleIn(text=ARTICLE, title="Tram line extended")
        for n, site in enumerate(SITES):
            found = f"2026-03-0{3 - n}T08:00:00Z"
            store.add_pair(article, VariantIn(text=repost(NETWORK, site), url=f"https://{site}/t", found=found))
        store.add_pair(article, VariantIn(text=spin(ARTICLE, SPINNER_B), url="https://else.example/t"))
        store.add_pair(article, VariantIn(text=ARTICLE, url="https://verbatim.example/t"))
    return db_path


def cli(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--editor", "ana", *args])


def test_spread_prints_each_claim_and_where_its_change_began(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(desk, "spread", "1") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "article 1: Tram line extended (5 copies)"
    assert out[1:3] == ["claim 1: kept 1, reworded 4, altered 0, dropped 0", f"  {SENTENCES[0][:71]}…"]  # cut at 72
    second = out.index("claim 2: kept 1, reworded 1, altered 3, dropped 0")
    assert out[second + 2] == "    number: 62 million → 68 million  3 copies, first on mirror.example 2026-03-01"


def test_spread_json_is_one_object_with_the_same_counts(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(desk, "spread", "1", "--json") == 0
    [line] = capsys.readouterr().out.splitlines()
    spread = json.loads(line)
    assert (spread["article_id"], spread["copies"], spread["title"]) == (1, 5, "Tram line extended")
    claim = spread["claims"][1]
    assert (claim["number"], claim["kept"], claim["reworded"], claim["altered"], claim["dropped"]) == (2, 1, 1, 3, 0)
    [value] = claim["values"]
    assert (value["original"], value["variant"], value["count"], value["earliest_site"]) == (
        "62 million", "68 million", 3, "mirror.example"
    )  # fmt: skip


@pytest.mark.parametrize(("article", "message"), [("9", "no article 9"), ("x", "article id 'x' is not a whole")])
def test_spread_of_a_bad_id_is_one_line(
    desk: Path, capsys: pytest.CaptureFixture[str], article: str, message: str
) -> None:
    assert cli(desk, "spread", article) == Exit.BAD_INPUT
    captured = capsys.readouterr()
    assert message in captured.err and captured.err.count("\n") == 1 and not captured.out


def test_spread_never_loads_textual(desk: Path) -> None:
    code = "import sys\nfrom claimdesk.cli import main\nmain(sys.argv[1:])\nprint('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code, "--db", str(desk), "spread", "1"],
                          capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    assert done.stdout.splitlines()[-1] == "False"


def families_of(db: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT variant_id, family_id FROM variant_families ORDER BY variant_id").fetchall()


def test_rescore_families_rebuilds_what_intake_assigned(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    at_intake = families_of(desk)
    assert [family for _v, family in at_intake] == [1, 1, 1, 4, 5]
    with sqlite3.connect(desk) as conn:  # as a store from before families has them: none
        conn.execute("DELETE FROM family_bands")
        conn.execute("DELETE FROM variant_families")
    assert cli(desk, "stats", "--json") == 0
    assert json.loads(capsys.readouterr().out)["families"]["unassigned"] == 5
    assert cli(desk, "rescore", "--families") == 0
    captured = capsys.readouterr()
    assert families_of(desk) == at_intake
    assert captured.err.splitlines()[-1] == "families 5/5"  # progress (plain lines without a terminal)
    assert captured.out.startswith("families recomputed for 5 variants: 3 families, 1 of two or more")
    assert cli(desk, "rescore", "--families") == 0  # again: the same families, nothing doubled
    assert families_of(desk) == at_intake
    with sqlite3.connect(desk) as conn:
        assert conn.execute("SELECT count(*) FROM family_bands").fetchone()[0] == 4 * 10  # the verbatim copy has none


def test_rescore_families_and_all_are_one_or_the_other(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli(desk, "rescore", "--families", "--all")
    assert stopped.value.code == Exit.USAGE and "not allowed with" in capsys.readouterr().err


def test_stats_counts_families(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(desk, "stats", "--json") == 0
    counted = json.loads(capsys.readouterr().out)["families"]
    assert counted == {"families": 3, "shared": 1, "largest": 3, "unassigned": 0}
    assert cli(desk, "stats") == 0
    assert "copy families         3 (1 of two or more, largest 3" in capsys.readouterr().out


def test_export_has_family_and_batch_columns(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(desk) as store:
        batch = store.record_family_verdict(2, "distorted", "ana").batch
        store.record_verdict(4, "faithful", "ana")
    assert cli(desk, "export") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["variant_id"], r["family"], r["batch"]) for r in rows] == [
        ("1", "1", batch), ("2", "1", batch), ("3", "1", batch), ("4", "4", "")
    ]  # fmt: skip
    assert cli(desk, "export", "--history", "--format", "jsonl") == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["variant_id"], e["family"], e["batch"]) for e in events] == [
        (1, 1, batch), (2, 1, batch), (3, 1, batch), (4, 4, None)
    ]  # fmt: skip
