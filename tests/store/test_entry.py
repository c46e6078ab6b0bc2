"""Editor names, notes and uids are checked where they enter the store: nothing unprintable is kept."""

from __future__ import annotations

import pytest

from claimdesk.store import Store
from claimdesk.store.entry import EDITOR_MAX, NOTE_MAX, UID_MAX, check_editor, check_note, check_uid
from claimdesk.store.errors import BadEntry

from .conftest import fill


@pytest.mark.parametrize(
    "name",
    ["", " ana", "ana ", "a" * (EDITOR_MAX + 1), "eve\x1b]0;x\x07", "eve\u202e", "eve\u200b", "ana\nbob", "x\x9b"],
)
def test_unfit_editor_names_are_refused(name: str) -> None:
    with pytest.raises(BadEntry):
        check_editor(name)


@pytest.mark.parametrize("name", ["ana", "Zoë Ångström", "李雷", "o'brien-smith", "a" * EDITOR_MAX])
def test_printable_editor_names_pass(name: str) -> None:
    assert check_editor(name) == name


def test_notes_keep_line_breaks_but_no_controls() -> None:
    assert check_note("first line\nsecond") == "first line\nsecond"
    assert check_note(None) is None
    for bad in ("x" * (NOTE_MAX + 1), "bell\x07", "tab\tnote", "\x1b[2J", "rtl \u202e"):
        with pytest.raises(BadEntry):
            check_note(bad)


def test_uids_are_a_safe_alphabet() -> None:
    assert check_uid("3f2c1a9e-0b4d-4c1e-9a55-2f6d8e7b1c00") == "3f2c1a9e-0b4d-4c1e-9a55-2f6d8e7b1c00"
    assert check_uid("script:run.7_a") == "script:run.7_a"
    for bad in ("=2+3", "-1+1", "@SUM(1)", "cmd|' /C calc'!A0", "a b", "", "x" * (UID_MAX + 1), "ä"):
        with pytest.raises(BadEntry):
            check_uid(bad)


def test_the_store_refuses_them_on_every_write_and_keeps_nothing(store: Store) -> None:
    variant = fill(store, 1)[0]
    for attempt in (
        lambda: store.record_verdict(variant, "faithful", "eve\x1b]0;x\x07"),
        lambda: store.record_verdict(variant, "faithful", "ana", note="\x1b[6n"),
        lambda: store.record_verdict(variant, "faithful", "ana", uid="=HYPERLINK(1)"),
        lambda: store.undo(variant, "eve\x07"),
        lambda: store.take_lease(variant, "eve\x1b"),
    ):
        with pytest.raises(BadEntry):
            attempt()
    assert store.conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM leases").fetchone()[0] == 0
