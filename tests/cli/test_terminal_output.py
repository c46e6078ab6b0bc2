"""No stored or fetched byte reaches the terminal as a control: every command's output, asserted on bytes.

The hostile store is written behind the store's back (raw SQL), as an older version or a hand
edit could have left it, so the output side is tested on its own, not only the entry checks.
"""

from __future__ import annotations

import ast
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk import cli as cli_package
from claimdesk.store import ArticleIn, Store, VariantIn

# What a hostile string carries: retitle (OSC 0), DSR request, bell, C1 CSI, bidi override, clipboard (OSC 52).
HOSTILE = "\x1b]0;PWNED\x07\x1b[6n\x07\x9b31m\u202eevil\u202c\x1b]52;c;cHduZWQ=\x07"
_ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def claimdesk(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "claimdesk", *args], capture_output=True, timeout=120, **kwargs)


def assert_inert(output: bytes) -> None:
    """No ESC, BEL or other C0 control but newline/tab/CR, no C1 or bidi character, in ``output``."""
    assert b"\x1b" not in output and b"\x07" not in output
    text = output.decode("utf-8")
    assert not _ACTIVE.search(text.replace("\r\n", "\n")), repr(_ACTIVE.search(text.replace("\r\n", "\n")))


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "hostile.db"
    with Store.open(db) as store:
        for n in range(2):
            store.add_pair(
                ArticleIn(text=f"The board approved {n + 3} berths.", url="https://news.example/a", title="Board"),
                VariantIn(
                    text=f"A board authorised {n + 30} berths. {HOSTILE}",
                    url=f"https://copy.example/{n}?{HOSTILE}",
                    title=f"Title {HOSTILE}",
                    site=f"site{HOSTILE}",
                ),
            )
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO verdicts (uid, variant_id, claim, verdict, editor, note, decided_at, replaces)"
            " VALUES (?, 1, NULL, 'distorted', ?, ?, '2026-03-01T09:00:00.000000Z', NULL)",
            (f"uid{HOSTILE}", f"eve{HOSTILE}", f"note {HOSTILE}"),
        )
        conn.execute("UPDATE variants SET verdict = 'distorted', verdict_id = last_insert_rowid() WHERE id = 1")
    return db


def test_stats_prints_hostile_editor_names_inert(hostile_db: Path) -> None:
    for extra in ((), ("--json",)):
        done = claimdesk("--db", str(hostile_db), "stats", *extra)
        assert done.returncode == 0, done.stderr
        assert b"eve" in done.stdout
        assert_inert(done.stdout + done.stderr)
    data = json.loads(claimdesk("--db", str(hostile_db), "stats", "--json").stdout)
    assert f"eve{HOSTILE}" in data["editor"]  # JSON keeps the data; only its encoding is inert


@pytest.mark.parametrize("kind", ["current", "history"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_to_stdout_and_file_is_inert(hostile_db: Path, tmp_path: Path, kind: str, fmt: str) -> None:
    flags = ["--history"] if kind == "history" else []
    done = claimdesk("--db", str(hostile_db), "export", "--format", fmt, *flags)
    assert done.returncode == 0, done.stderr
    assert b"note" in done.stdout and b"eve" in done.stdout
    assert_inert(done.stdout + done.stderr)
    out = tmp_path / f"out.{fmt}"
    done = claimdesk("--db", str(hostile_db), "export", "--format", fmt, "--out", str(out), *flags)
    assert done.returncode == 0, done.stderr
    assert_inert(out.read_bytes())


def test_score_report_json_and_batch_ids_are_inert(tmp_path: Path) -> None:
    original, variant = tmp_path / "a.txt", tmp_path / "b.txt"
    original.write_text("The board approved 3 berths.", encoding="utf-8")
    variant.write_text(f"A board authorised 30 berths. {HOSTILE}", encoding="utf-8")
    for extra in ((), ("--json",)):
        done = claimdesk("score", str(original), str(variant), *extra)
        assert done.returncode == 0, done.stderr
        assert_inert(done.stdout + done.stderr)
    batch = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": f"p{HOSTILE}", "original": "A 1.", "variant": f"A 2. {HOSTILE}"}),
        json.dumps({"id": f"bad{HOSTILE}", "original": 5}),
    ]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for extra in ((), ("--json",)):
        done = claimdesk("score", "--batch", str(batch), *extra)
        assert done.returncode == 1
        assert b"line 2" in done.stderr
        assert_inert(done.stdout + done.stderr)
    first = json.loads(claimdesk("score", "--batch", str(batch), "--json").stdout.splitlines()[0])
    assert first["id"] == f"p{HOSTILE}"


def test_error_lines_are_inert(hostile_db: Path, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"article": {"text": "A."}, "variant": {HOSTILE: HOSTILE}}) + "\n" + HOSTILE + "\n")
    for args in (
        ("--db", str(hostile_db), "ingest", str(pairs)),
        ("--db", str(hostile_db), "verdict", "1", HOSTILE),
        ("--db", str(hostile_db), "export", "--since", HOSTILE),
        ("score", HOSTILE, HOSTILE),
    ):
        done = claimdesk(*args)
        assert done.returncode != 0 and done.stderr
        assert_inert(done.stdout + done.stderr)


def test_cli_prints_only_through_the_output_module() -> None:
    """One sanitiser for every line: a bare print() or .write() in a command would bypass it."""
    package = Path(cli_package.__file__).parent
    bare = []
    for module in sorted(package.glob("*.py")):
        if module.name == "output.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                bare.append(f"{module.name}:{node.lineno}")
    assert bare == []
