"""Real processes: 8 editors x 200 verdicts while an ingest runs; a writer SIGKILLed 50 times."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from claimdesk.cli import main
from claimdesk.store import Store
from tests.store.conftest import article_text, fill, variant_text

WORKER = str(Path(__file__).with_name("workers.py"))


def _pairs_file(path: Path, count: int) -> Path:
    lines = [
        json.dumps(
            {
                "article": {"text": article_text(1000 + n), "title": f"Fresh {n}"},
                "variant": {"text": variant_text(1000 + n), "url": f"https://late.example/{n}"},
            }
        )
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eight_editors_and_an_ingest_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with Store.open(db) as store:
        fill(store, 12)
    pairs = _pairs_file(tmp_path / "pairs.jsonl", 120)
    ingest = subprocess.Popen(
        [sys.executable, "-m", "claimdesk", "--db", str(db), "ingest", str(pairs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    editors = [f"ed{i}" for i in range(8)]
    writers = [
        subprocess.Popen([sys.executable, WORKER, "verdicts", str(db), e, "200"], stderr=subprocess.PIPE)
        for e in editors
    ]
    for proc in writers:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        assert b"locked" not in err
    out, err = ingest.communicate(timeout=120)
    assert ingest.returncode == 0, err.decode()
    assert out.decode().strip() == "added 120, skipped 0, bad 0"

    export = tmp_path / "history.csv"
    assert main(["--db", str(db), "export", "--history", "--out", str(export)]) == 0
    with export.open(newline="", encoding="utf-8") as f:
        uids = [row["uid"] for row in csv.DictReader(f)]
    assert sorted(uids) == sorted(f"{e}-{n}" for e in editors for n in range(200))
    with Store.open(db) as store:
        assert store.counts().total == 132


Request = tuple[int, str, int | None]


def _run_until_killed(db: Path, editor: str, rng: random.Random) -> tuple[dict[str, Request], list[str]]:
    """Start a writer, let it write for a random moment, SIGKILL it; its requests by uid, its acknowledged uids."""
    proc = subprocess.Popen(
        [sys.executable, WORKER, "forever", str(db), editor], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == b"ready\n"
    # Select-free wait: read a random number of lines (at least one attempt begun), then kill.
    for _ in range(rng.randint(1, 6)):
        proc.stdout.readline()
    os.kill(proc.pid, signal.SIGKILL)
    rest, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, err.decode()
    lines = rest.decode().splitlines()
    tried = {
        uid: (int(variant), verdict, None if claim == "-" else int(claim))
        for uid, variant, verdict, claim in (line.split()[1:] for line in lines if line.startswith("try "))
    }
    done = [line.split()[1] for line in lines if line.startswith("ok ")]
    return tried, done


def test_writer_killed_fifty_times_loses_no_acknowledged_verdict(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with Store.open(db) as store:
        fill(store, 6)
    rng = random.Random(20260301)
    acknowledged: list[str] = []
    attempted: dict[str, Request] = {}
    for round_ in range(50):
        tried, done = _run_until_killed(db, f"k{round_}", rng)
        attempted |= tried
        acknowledged += done
    with Store.open(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = dict(store.conn.execute("SELECT uid, count(*) FROM verdicts GROUP BY uid").fetchall())
        assert all(counts.get(uid) == 1 for uid in acknowledged), "an acknowledged verdict is missing or doubled"
        # A client retrying what it never saw acknowledged (the same request, the same uid) gets exactly
        # one copy, whether the killed attempt committed or not.
        for uid in set(attempted) - set(acknowledged):
            variant_id, verdict, claim = attempted[uid]
            store.record_verdict(variant_id, verdict, "retry", claim=claim, uid=uid)
        counts = dict(store.conn.execute("SELECT uid, count(*) FROM verdicts GROUP BY uid").fetchall())
        assert all(counts[uid] == 1 for uid in attempted)
        derived = store.conn.execute(
            "SELECT count(*) FROM variants WHERE verdict_id IS NOT (SELECT max(id) FROM verdicts v"
            " WHERE v.variant_id = variants.id AND v.claim IS NULL AND v.verdict != 'undo')"
        ).fetchone()[0]
        assert derived == 0, "the cached current verdict disagrees with the log"
