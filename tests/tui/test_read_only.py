"""The app on a store the editor cannot write: it browses, with verdict keys off and a banner.

The app runs in a subprocess without capabilities (see tests.privileges), so ``chmod`` binds even
when the tests run as root.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.privileges import without_capabilities

ROOT = Path(__file__).resolve().parents[2]


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def run_app_without_write_permission(db: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.tui.read_only_app", str(db)],
        cwd=ROOT,
        preexec_fn=without_capabilities,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_the_app_browses_a_read_only_store_with_verdict_keys_off(db, what):
    shared_dir = db.parent  # the store file alone in its folder
    if what == "file":
        db.chmod(0o444)
        reason = "file not writable"
    else:
        db.chmod(0o666)  # the file alone would be writable: the folder is what stops writes
        shared_dir.chmod(0o555)
        reason = "folder not writable"
    before = digest(shared_dir)
    try:
        shown = run_app_without_write_permission(db)
    finally:
        shared_dir.chmod(0o755)
    assert shown["banner"] == f"READ-ONLY STORE ({reason}): browse, search, export; verdict keys off"
    assert shown["sub_title"] == f"editor: ana · {db} (read-only)"
    assert shown["held_by"] == "read-only store"
    assert "READ-ONLY: read-only store" in shown["screen"]
    assert "Faithful" not in shown["screen"]  # the verdict keys are out of the footer
    assert shown["moved_to"] != 1  # browsing goes on
    assert shown["stored"] == {"verdicts": 0, "leases": 0}
    assert digest(shared_dir) == before  # nothing written, no side files left
