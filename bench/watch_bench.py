"""Watch benchmark: SIGTERM during a 5,000-entry poll from a real server on 127.0.0.1.

    .venv/bin/python bench/watch_bench.py --tries 20

Each try starts `claimdesk watch` on a fresh store, waits until some pairs are stored (1 to 33,
varying per try), sends SIGTERM and times the exit. Prints, per try and overall: seconds from
the signal to the exit, and pairs stored before the signal and kept after it (each pair is stored
as it is scored, so none finished is lost). The acceptance asks for every exit within 5 s.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the loopback server of the tests

from tests.ingest.httpserver import LoopbackServer, serve_copies, serve_feed

ENTRIES = 5000


def stored(db: Path) -> int:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)) as conn:
            return conn.execute("SELECT count(*) FROM variants").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def one_try(feed: str, db: Path, want: int) -> tuple[float | None, int, int]:
    command = [sys.executable, "-m", "claimdesk", "watch", feed, "--db", str(db), "--allow-private"]
    proc = subprocess.Popen([*command, "--interval", "600"], stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while stored(db) < want and time.monotonic() - started < 120:
        time.sleep(0.02)
    before = stored(db)
    proc.send_signal(signal.SIGTERM)
    sent = time.monotonic()
    try:
        proc.wait(timeout=60)
        took: float | None = time.monotonic() - sent
    except subprocess.TimeoutExpired:
        took = None
        proc.kill()
        proc.wait()
    return took, before, stored(db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=20)
    args = parser.parse_args()
    times: list[float] = []
    with LoopbackServer() as server, tempfile.TemporaryDirectory() as scratch:
        feed = serve_feed(server, "jsonfeed", serve_copies(server, ENTRIES))
        for n in range(args.tries):
            took, before, kept = one_try(feed, Path(scratch) / f"desk{n}.db", 1 + n % 5 * 8)
            shown = "did not exit in 60 s" if took is None else f"{took:.2f} s"
            print(f"try {n + 1}: exit {shown}; pairs stored before the signal {before}, kept {kept}")
            if took is not None:
                times.append(took)
    within = sum(t < 5 for t in times)
    median, worst = statistics.median(times), max(times)
    print(f"{within} of {args.tries} exited within 5 s; median {median:.2f} s, max {worst:.2f} s")


if __name__ == "__main__":
    main()
