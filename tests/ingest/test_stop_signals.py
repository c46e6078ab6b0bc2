"""A stop signal reaches the event loop even when the loop's self-pipe is full (real signals, a real process)."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

# The loop's thread is kept busy (not awaiting) while another thread schedules thousands of
# callbacks: each writes a byte to the self-pipe, which holds a few hundred, so the byte the
# C-level signal handler then writes is dropped. A plain loop.add_signal_handler never hears of
# that signal; stop_on_signals must.
SCRIPT = """
import asyncio, os, signal, sys, threading
from claimdesk.ingest.stop_signals import stop_on_signals

async def main() -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    with stop_on_signals(stop):
        flood = threading.Thread(target=lambda: [loop.call_soon_threadsafe(int) for _ in range(5000)])
        flood.start()
        flood.join()
        os.kill(os.getpid(), signal.Signals[sys.argv[1]])
        await asyncio.wait_for(stop.wait(), 60)  # a guard against hanging, not a timing assertion
    print("stopped", signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)

asyncio.run(main())
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_the_loop_through_a_full_self_pipe(sig: signal.Signals) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, sig.name], capture_output=True, text=True, timeout=120, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "stopped True\n", "")  # no wakeup-fd warning either
