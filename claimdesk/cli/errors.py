"""The command line's one error boundary: every failure a user can cause becomes one line and an exit code.

Scripts branch on the exit code, so the codes are named here and nowhere else. A traceback is
a bug report, not a message: it is shown only with the global ``--debug`` flag.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path

from claimdesk.cli.output import say


class Exit(IntEnum):
    """Exit codes `claimdesk` promises to scripts."""

    OK = 0
    BAD_INPUT = 1  # a file, line, id, verdict or option value that cannot be used
    USAGE = 2  # the command line itself is wrong (argparse's own code)
    STORE = 3  # the store cannot be opened or written
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


_SQLITE_FILES = ("", "-wal", "-shm", "-journal")


class UserError(Exception):
    """Bad input from the user, said in one line (commands raise it; the boundary prints it)."""


def _is_the_store(exc: OSError, db: str | None) -> bool:
    """True if ``exc`` is about the store file or a file SQLite keeps beside it.

    (A folder above it is not enough: ``--out`` may name the store's own folder. Failing to make
    the store's folder is already a StoreUnavailable.)
    """
    if db is None or exc.filename is None:
        return False
    store, failed = Path(db).absolute(), Path(exc.filename).absolute()
    return failed.parent == store.parent and failed.name in {store.name + end for end in _SQLITE_FILES}


def _os_cause(exc: OSError) -> str:
    reason = exc.strerror or errno.errorcode.get(exc.errno or 0) or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename is not None else reason


def explain(exc: BaseException, db: str | None) -> tuple[str, Exit] | None:
    """The one line and the exit code for ``exc``, or None if it is a bug (let it propagate)."""
    import sqlite3  # here, not above: `claimdesk score` starts without the store

    from claimdesk.store.errors import StoreError, StoreUnavailable

    if isinstance(exc, UserError):
        return str(exc), Exit.BAD_INPUT
    if isinstance(exc, StoreUnavailable):
        return str(exc), Exit.STORE
    if isinstance(exc, StoreError):  # no such variant, unknown verdict, nothing to undo, held
        return str(exc), Exit.BAD_INPUT
    if isinstance(exc, sqlite3.Error):  # locked, full, read-only, corrupt: the store is the file
        return f"store {db}: {exc}", Exit.STORE
    if isinstance(exc, OSError):
        return _os_cause(exc), Exit.STORE if _is_the_store(exc, db) else Exit.BAD_INPUT
    if isinstance(exc, UnicodeError):
        return f"not UTF-8 text ({exc})", Exit.BAD_INPUT
    if isinstance(exc, ValueError):
        return str(exc), Exit.BAD_INPUT
    return None


def guarded(run: Callable[[], int], *, db: str | None, debug: bool) -> int:
    """Run a command; report what the user can fix as ``claimdesk: <cause>`` and its exit code."""
    try:
        return int(run() or Exit.OK)
    except KeyboardInterrupt:
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # Piped into `head`: the reader has all it wanted; not an error worth a line.
        sys.stderr.close()
        return Exit.OK
    except Exception as exc:
        said = explain(exc, db)
        if said is None or debug:
            raise
        line, code = said
        say(f"claimdesk: {line}", err=True)
        return code
