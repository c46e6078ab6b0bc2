"""Writing an export's rows: in this process, or in key-range slices across several.

Python's csv writer spends about as long on a row as SQLite spends finding it, so one process
exports at half the speed of ``sqlite3 -csv``. A big export is cut into adjoining key ranges:
worker processes write the later slices to scratch files, each from its own connection and
cursor (memory stays flat), while this process writes the first; the scratch files are then
appended in key order. The bytes are exactly those one process would write.
"""

from __future__ import annotations

import contextlib
import csv
import json
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from pathlib import Path
from typing import TextIO

from claimdesk.safe_text import inert, inert_json
from claimdesk.store import scratch as scratch_names
from claimdesk.store.atomic import atomic_file
from claimdesk.store.connection import connect_reader
from claimdesk.store.export import ExportQuery, KeyRange, Kind, export_query, key_range, stream
from claimdesk.store.signals import stop_signals_raise
from claimdesk.store.store import Store
from claimdesk.store.workers import start_worker

# Below this many keys a slice takes less time to write than a worker process takes to start.
KEYS_PER_JOB = 100_000
MAX_JOBS = 4
_COPY_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Export:
    """One export: the store, its query, the format. Picklable, so a worker can run a slice."""

    db: str
    query: ExportQuery
    as_csv: bool


def auto_jobs(keys: KeyRange) -> int:
    """One process per CPU this process may use, up to MAX_JOBS, if each gets a big enough slice."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(MAX_JOBS, cpus, keys.size // KEYS_PER_JOB))


def write_header(out: TextIO, export: Export, *, bom: bool) -> None:
    """The CSV header row (and BOM if asked); JSON Lines carry their keys on every line."""
    if not export.as_csv:
        return
    if bom:
        out.write("\ufeff")
    csv.writer(out).writerow(export.query.header)


def write_rows(out: TextIO, export: Export, rows: Iterable[tuple]) -> None:
    """RFC 4180 CSV (CRLF, minimal quoting; ``out`` opened with newline='') or one JSON object a line.

    Either way no line carries a terminal escape or control character (stored text comes from the
    open web, and exports are read with `less` and `cat` too): CSV lines lose them, JSON escapes them.
    One regex search per line costs next to nothing beside the writer itself.
    """
    if export.as_csv:
        csv.writer(_Inert(out)).writerows(rows)
        return
    names = export.query.header
    for row in rows:
        out.write(inert_json(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False)) + "\n")


class _Inert:
    """The csv writer's file: every line it writes passes through :func:`claimdesk.safe_text.inert`."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, line: str) -> int:
        return self._out.write(inert(line))


def write_slice(out: TextIO, export: Export, keys: KeyRange) -> None:
    """The rows whose key is in ``keys``, from a connection of this slice's own."""
    conn = connect_reader(export.db)
    rows = stream(conn, export.query, keys)
    try:
        write_rows(out, export, rows)
    finally:
        rows.close()  # its cursor before its connection: a stop leaves the generator suspended
        conn.close()


def _write_part(export: Export, keys: KeyRange, path: str, report: Connection, parent: int) -> None:
    """A worker's job: one slice into its scratch file, then None (done) or the error down ``report``."""
    start_worker(parent)
    try:
        with open(path, "w", encoding="utf-8", newline="") as out:
            write_slice(out, export, keys)
    except Exception as exc:  # the parent raises it: the export's one line names the cause
        report.send(exc)
        raise SystemExit(1) from None
    report.send(None)


@dataclass(frozen=True, slots=True)
class _Part:
    """A running worker, the pipe it reports on, and the scratch file it writes."""

    process: SpawnProcess
    report: Connection
    path: str

    def wait(self) -> None:
        """Until the worker is done; its error raised here, or one for a worker that died silently."""
        try:
            failure = self.report.recv()
        except EOFError:  # killed, or died before it could say
            self.process.join()
            failure = ChildProcessError(f"an export worker stopped (exit code {self.process.exitcode})")
        if failure is not None:
            raise failure
        self.process.join()


def write_slices(out: TextIO, export: Export, slices: list[KeyRange], scratch: Path) -> None:
    """Every slice into ``out`` in key order; all but the first are written by worker processes.

    ``scratch`` holds the workers' files (next to the output, so appending stays on one disk).
    If anything fails (a SIGTERM or SIGHUP included), the workers are stopped and their files
    removed before the error goes on; a SIGKILL takes the workers with it (``start_worker``) and
    leaves a folder the next export removes (:mod:`claimdesk.store.scratch`). One process a slice,
    not a ``multiprocessing.Pool``: a pool left after a failed job can hang in its own clean-up
    (its task thread blocked on the queue of workers that had already exited).
    """
    first, *rest = slices
    if not rest:
        write_slice(out, export, first)
        return
    spawn = multiprocessing.get_context("spawn")  # never fork a process holding a SQLite connection
    parts: list[_Part] = []
    with tempfile.TemporaryDirectory(dir=scratch, prefix=scratch_names.prefix("export")) as folder:
        try:
            for n, keys in enumerate(rest):
                report, send = spawn.Pipe(duplex=False)
                path = os.path.join(folder, f"{n}.part")
                process = spawn.Process(target=_write_part, args=(export, keys, path, send, os.getpid()), daemon=True)
                parts.append(_Part(process, report, path))
                process.start()
                send.close()  # ours closed, so a worker's death is an EOF on ``report``
            write_slice(out, export, first)
            out.flush()
            for part in parts:
                part.wait()
                with open(part.path, "rb") as written:
                    shutil.copyfileobj(written, out.buffer, _COPY_CHUNK)
                os.unlink(part.path)
        finally:
            for part in parts:
                if part.process.is_alive():
                    part.process.kill()
                part.process.join()
                part.report.close()


def write_export(
    db: str,
    kind: Kind,
    target: str | TextIO,
    *,
    as_csv: bool,
    since: str | None = None,
    bom: bool = False,
    jobs: int | None = None,
) -> None:
    """One export of the store at ``db`` into ``target``: a path (replaced atomically) or a text stream.

    The key range is fixed first, so rows that arrive meanwhile are not half in the export. An
    OSError while writing (disk full, permission denied) names the output; the temporary files
    are already gone by then.
    """
    export = Export(db, export_query(kind, since, spreadsheet_safe=as_csv), as_csv)
    with Store.open(db, create=False) as store:
        keys = key_range(store.conn, kind)
    name = target if isinstance(target, str) else getattr(target, "name", "the output")
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(stop_signals_raise())
            if isinstance(target, str):
                out = stack.enter_context(atomic_file(target))
                scratch = Path(target).parent
            else:
                out = target
                out.reconfigure(newline="")  # type: ignore[attr-defined]  # csv writes its own CRLF
                scratch = Path(tempfile.gettempdir())
            scratch_names.sweep(scratch)
            write_header(out, export, bom=bom)
            if keys:
                write_slices(out, export, keys.split(jobs or auto_jobs(keys)), scratch)
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise type(exc)(exc.errno, exc.strerror, name) from None
