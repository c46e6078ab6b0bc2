"""Review-app benchmark: launch to first painted inbox, verdict latency, memory, live visibility.

    .venv/bin/python bench/tui_bench.py --n 1000000

Stores come from the store bench's ``build_store`` (reused when already built). Launch and
visibility are measured end to end: the real ``claimdesk`` command in a pseudo-terminal, timed
until its output carries the painted rows. Verdict latency runs the app in-process under Pilot:
key press -> verdict committed (on the app's writer thread) -> next variant painted (the refresh
after the screen changed); each key is sent once the previous variant is painted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_bench import build_store

from claimdesk.claims import Report, Summary
from claimdesk.store import ArticleIn, Store, VariantIn

CLAIMDESK = Path(sys.executable).with_name("claimdesk")
CURSOR_MARK = "▶".encode()  # drawn on the cursor row only, so only once rows are painted


def ensure_store(path: Path, n: int) -> Path:
    """A store of ``n`` variants at ``path``, built unless one of that size is already there."""
    if path.exists():
        with Store(path) as store:
            if store.inbox_count() >= n:
                return path
    print(f"building {n:,} variants at {path} ...", flush=True)
    started = time.perf_counter()
    build_store(path, n)
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


class Terminal:
    """``claimdesk`` running in a pseudo-terminal; everything it writes is collected."""

    def __init__(self, db: Path, size: tuple[int, int] = (160, 50)) -> None:
        self.started = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update(TERM="xterm-256color", COLORTERM="truecolor")
            os.execv(str(CLAIMDESK), [str(CLAIMDESK), "--db", str(db), "--editor", "bench"])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.output = bytearray()

    def wait_for(self, needle: bytes, since: int = 0, timeout: float = 30.0) -> float:
        """Read until ``needle`` appears after offset ``since``; the monotonic time it did."""
        deadline = time.monotonic() + timeout
        while needle not in self.output[since:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{needle!r} not seen")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    raise TimeoutError("the app exited") from None
        return time.monotonic()

    def drain(self, seconds: float) -> None:
        """Keep reading for a while (so the app never blocks on a full pty)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    return

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def rss_mb(self) -> float:
        """Resident memory of the app process now, in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        self.send("\x11")  # ctrl+q
        self.drain(0.5)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def launch_to_paint(db: Path, runs: int) -> list[float]:
    """Seconds from fork to the first painted inbox row, ``runs`` times."""
    times = []
    for _ in range(runs):
        term = Terminal(db)
        painted = term.wait_for(CURSOR_MARK)
        times.append(painted - term.started)
        term.close()
    return times


def add_marked(db: Path, marker: str) -> None:
    """Commit, from this process, a variant riskier than any other, titled ``marker``."""
    # Full coverage: a page that copies nothing of its article ranks below every real copy.
    report = Report(Summary(0.0, 1.0, 0.0, 1.0, {}), ())
    with Store(db) as store:
        copy = VariantIn(text=f"Copy {marker}.", title=marker)
        store.add_pair(ArticleIn(text=f"Bench article {marker}."), copy, report)


def live_and_memory(db: Path, runs: int) -> tuple[list[float], float]:
    """Seconds until a variant committed elsewhere shows in the open inbox; RSS after browsing."""
    term = Terminal(db)
    term.wait_for(CURSOR_MARK)
    term.drain(1.0)
    latencies = []
    for i in range(runs):
        marker = f"zz-live-{os.getpid()}-{i}"
        since = len(term.output)
        committed = time.monotonic()
        add_marked(db, marker)
        latencies.append(term.wait_for(marker.encode(), since) - committed)
        term.drain(0.3)
    for keys in ("G", "g", "\x1b[6~" * 20, "G", "\x1b[5~" * 20, "g"):  # end, top, page down/up
        term.send(keys)
        term.drain(0.5)
    rss = term.rss_mb()
    term.close()
    return latencies, rss


def _verdicts_by(db: Path, editor: str) -> int:
    with Store(db) as store:
        return int(store.read("SELECT count(*) FROM verdicts WHERE editor = ?", (editor,))[0][0])


async def verdict_latencies(db: Path, count: int) -> list[float]:
    """Seconds from a verdict key to the next variant painted, ``count`` times, under Pilot."""
    from textual import events

    from claimdesk.tui.app import ClaimdeskApp
    from claimdesk.tui.screens.review import ReviewScreen

    app = ClaimdeskApp(db, "bench-verdicts", cursor_blink=False)
    before_all = _verdicts_by(db, "bench-verdicts")
    times: list[float] = []
    async with app.run_test(size=(160, 50)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if getattr(app.screen.query_one("InboxList"), "current", None) is not None:
                break
        await pilot.press("f")  # undecided only, so the first one opened is open for review
        await pilot.pause(0.5)
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        loop = asyncio.get_running_loop()
        for i in range(count):
            # A key before the variant is painted is dropped by design: wait as an editor's eye does.
            while not app.screen.painted or app.screen.busy:
                await asyncio.sleep(0)
            before = app.screen.variant_id
            key = "axne"[i % 4]
            started = time.perf_counter()
            # As the terminal driver does; Pilot.press would add its own idle waits to the figure.
            app._driver.send_message(events.Key(key, key))
            while app.screen.variant_id == before:
                await asyncio.sleep(0)
            painted: asyncio.Future[float] = loop.create_future()
            app.call_after_refresh(lambda fut=painted: fut.done() or fut.set_result(time.perf_counter()))
            times.append(await painted - started)
    assert _verdicts_by(db, "bench-verdicts") - before_all == count  # every key left its verdict
    return times


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100)[pct - 1] if len(values) >= 2 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="variants in the big store")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "claimdesk-tui-bench")
    parser.add_argument("--runs", type=int, default=5, help="launches per store, live commits")
    parser.add_argument("--verdicts", type=int, default=500)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    big = ensure_store(args.dir / f"desk{args.n}.db", args.n)
    small = ensure_store(args.dir / "desk100.db", 100)

    launch_small = launch_to_paint(small, args.runs)
    launch_big = launch_to_paint(big, args.runs)
    ratio = statistics.median(launch_big) / statistics.median(launch_small)
    print(
        f"launch -> first painted inbox, {args.n:,} variants: median {statistics.median(launch_big) * 1000:.0f} ms"
        f" (max {max(launch_big) * 1000:.0f} ms)"
    )
    print(
        f"launch -> first painted inbox, 100 variants: median {statistics.median(launch_small) * 1000:.0f} ms"
        f" (max {max(launch_small) * 1000:.0f} ms); ratio {ratio:.2f}x"
    )

    latencies, rss = live_and_memory(big, args.runs)
    print(
        f"variant committed by another process -> visible in the open inbox: median "
        f"{statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    print(f"RSS of the app on {args.n:,} variants after browsing (end, top, 20 pages down/up): {rss:.0f} MB")

    times = asyncio.run(verdict_latencies(big, args.verdicts))
    print(
        f"verdict key -> committed -> next variant painted, {len(times)} verdicts: "
        f"p50 {statistics.median(times) * 1000:.1f} ms, p90 {percentile(times, 90) * 1000:.1f} ms, "
        f"p99 {percentile(times, 99) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
