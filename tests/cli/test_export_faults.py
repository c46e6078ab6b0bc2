"""A stopped or killed export leaves nothing behind: no .part, no scratch folder, no worker process."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimdesk.store import Store
from tests.store.conftest import fill

VERDICTS = 300_000
CLAIMDESK = (sys.executable, "-m", "claimdesk")


@pytest.fixture(scope="module")
def big_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose history export takes seconds: many verdicts on a few real variants."""
    db = tmp_path_factory.mktemp("big") / "desk.db"
    with Store.open(db) as store:
        ids = fill(store, 4)
        store.record_verdict(ids[0], "faithful", "ana")
    conn = sqlite3.connect(db)
    with conn:  # the verdict log is append-only by trigger, which inserts do not touch
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO verdicts (uid, variant_id, verdict, editor, note, decided_at)"
            " SELECT 'u' || i, 1 + i % 4, 'distorted', 'bob', 'a note, \"quoted\"', '2026-03-01T09:00:00Z' FROM n",
            (VERDICTS,),
        )
    conn.close()
    return db


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (read from /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    """True if ``pid`` runs (a zombie waiting for a reaper has stopped running)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start_export(db: Path, out: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """An export with three processes, returned once its workers are writing."""
    proc = subprocess.Popen(
        [*CLAIMDESK, "--db", str(db), "export", "--history", "--jobs", "3", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        folders = [p for p in out.parent.iterdir() if p.is_dir() and p.name.startswith(".claimdesk-")]
        if folders and any(p.name.endswith(".part") for p in folders[0].iterdir()):
            workers = _children(proc.pid)
            if len(workers) >= 2:
                return proc, workers
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    proc.kill()
    pytest.fail("the export never started its workers")


def _debris(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _gone(pids: set[int]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_stopped_export_removes_its_files_and_workers(big_desk: Path, tmp_path: Path, signum: int) -> None:
    out = tmp_path / "history.csv"
    proc, workers = _start_export(big_desk, out)
    proc.send_signal(signum)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert _debris(tmp_path) == []
    assert _gone(workers), [pid for pid in workers if _alive(pid)]


def test_a_single_process_export_under_sigterm_removes_its_part(big_desk: Path, tmp_path: Path) -> None:
    out = tmp_path / "history.csv"
    proc = subprocess.Popen(
        [*CLAIMDESK, "--db", str(big_desk), "export", "--history", "--jobs", "1", "--out", str(out)],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".part") and p.stat().st_size for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in err
    assert _debris(tmp_path) == []


def test_after_a_sigkill_the_workers_die_and_the_next_export_sweeps_the_debris(big_desk: Path, tmp_path: Path) -> None:
    out = tmp_path / "history.csv"
    proc, workers = _start_export(big_desk, out)
    proc.kill()
    proc.communicate(timeout=60)
    assert _gone(workers), "workers outlived their SIGKILLed parent"
    left = _debris(tmp_path)
    assert left and all(name.startswith(f".claimdesk-{proc.pid}-") for name in left)
    done = subprocess.run(
        [*CLAIMDESK, "--db", str(big_desk), "export", "--since", "2027-01-01", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert _debris(tmp_path) == ["history.csv"]
