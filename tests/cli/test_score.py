"""`claimdesk score` as editors and scripts run it: a separate process, real files, real output."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.claims import score_pair
from claimdesk.cli.report import MAX_CHARS, print_report

ORIGINAL = (
    "Corvale ferry sets record\n\n"
    "The Corvale ferry carried 1,500 passengers on Friday, the operator said. "
    "Captain Ines Moreau said the crossing took four hours.\n\n"
    "The harbour master said the pier would be repaired by the Dunmere Trust.\n\n"
    "The operator will not raise fares this winter."
)
VARIANT = (
    "Corvale ferry sets record\n\n"
    "A Corvale ferry transported 1,800 travellers on Friday, the operator pronounced. "
    "Captain Ines Moreau said the crossing took four hours.\n\n"
    "Mayor Rolf Jansen promised 40 new berths by 2031.\n\n"
    "The operator will not raise fares this winter."
)
CONTRACT_KEYS = {"id", "engine", "summary", "claims"}


# The installed entry point, as editors type it; the same `main` through -c where it is not installed.
SCRIPT = Path(sys.executable).with_name("claimdesk")
COMMAND = (
    [str(SCRIPT)]
    if SCRIPT.exists()
    else [sys.executable, "-c", "import sys; from claimdesk.cli import main; sys.exit(main())"]
)


def claimdesk(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the command line in its own process, as a shell would (output piped, so no colour)."""
    return subprocess.run(
        [*COMMAND, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    a, b = tmp_path / "article.txt", tmp_path / "variant.txt"
    a.write_text(ORIGINAL, encoding="utf-8")
    b.write_text(VARIANT, encoding="utf-8")
    return str(a), str(b)


def test_readable_report_puts_altered_first_with_both_values(pair: tuple[str, str]) -> None:
    done = claimdesk("score", *pair)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "\x1b" not in out  # piped: plain text
    assert out.index("ALTERED") < out.index("ADDED") < out.index("DROPPED")
    (line,) = [ln for ln in out.splitlines() if "1,500" in ln and "1,800" in ln]
    assert "number: 1,500 -> 1,800" in line
    assert "Mayor Rolf Jansen promised 40 new berths by 2031." in out
    assert "The harbour master said the pier would be repaired by the Dunmere Trust." in out
    assert "fidelity" in out and "risk" in out
    assert "kept" in out.splitlines()[-1] and "reworded" in out.splitlines()[-1]


def test_readable_report_without_colour_even_when_forced(pair: tuple[str, str]) -> None:
    done = claimdesk("score", *pair, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[3" not in done.stdout  # no colour; status still in words
    assert "ALTERED" in done.stdout


def test_json_is_exactly_one_contract_object(pair: tuple[str, str]) -> None:
    done = claimdesk("score", "--json", *pair)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert set(obj) == CONTRACT_KEYS
    assert obj["id"] is None
    altered = [c for c in obj["claims"] if c["status"] == "altered"]
    assert [r for c in altered for r in c["reasons"]] == [{"kind": "number", "original": "1,500", "variant": "1,800"}]
    for claim in obj["claims"]:
        if claim["variant"]:
            assert VARIANT[claim["variant"]["start"] : claim["variant"]["end"]].strip()


def batch_lines() -> list[str]:
    return [
        json.dumps({"id": "p1", "original": ORIGINAL, "variant": VARIANT}),
        "{this is not json",
        json.dumps({"id": 2, "original": ORIGINAL, "variant": ORIGINAL}),
        json.dumps({"id": "p3", "original": ORIGINAL}),
        json.dumps({"id": None, "original": "", "variant": VARIANT}),
    ]


def test_batch_prints_one_object_per_line_in_order_and_errors_in_place(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(batch_lines()) + "\n", encoding="utf-8")
    done = claimdesk("score", "--batch", str(pairs), "--json")
    assert done.returncode == 1
    objs = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in objs] == ["p1", None, 2, "p3", None]
    good = [objs[0], objs[2], objs[4]]
    assert all(set(o) == CONTRACT_KEYS for o in good)
    assert objs[2]["summary"]["counts"]["kept"] == len(objs[2]["claims"])
    assert objs[4]["summary"]["counts"]["added"] == len(objs[4]["claims"])
    for bad in (objs[1], objs[3]):
        assert set(bad) == {"id", "error"} and bad["error"]
    assert "line 2" in objs[1]["error"]
    assert "Traceback" not in done.stderr


def test_batch_from_stdin_in_order() -> None:
    lines = [json.dumps({"id": n, "original": ORIGINAL, "variant": VARIANT[: 40 * n]}) for n in range(1, 6)]
    done = claimdesk("score", "--batch", "-", "--json", stdin="\n".join(lines) + "\n\n")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "args",
    [
        ["score", "no-such-article.txt", "no-such-variant.txt"],
        ["score", "--json", "no-such-article.txt", "no-such-variant.txt"],
        ["score", "--batch", "no-such-pairs.jsonl", "--json"],
    ],
)
def test_missing_file_is_one_line_on_stderr(tmp_path: Path, args: list[str]) -> None:
    done = subprocess.run([*COMMAND, *args], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "no-such" in done.stderr
    assert done.stdout == ""


def test_score_path_never_imports_textual(pair: tuple[str, str]) -> None:
    code = (
        "import sys\n"
        "import claimdesk.cli.score, claimdesk.cli.report\n"
        "from claimdesk.cli import main\n"
        f"assert main(['score', {pair[0]!r}, {pair[1]!r}]) == 0\n"
        f"assert main(['score', '--json', {pair[0]!r}, {pair[1]!r}]) == 0\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))\n"
        "print('no textual')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("no textual")


def render(original: str, variant: str) -> str:
    out = io.StringIO()
    print_report(score_pair(original, variant), original, variant, file=out)
    return out.getvalue()


def test_report_shows_untrusted_text_as_plain_text() -> None:
    original = "Councillor Dev Anand opened the Corvale pier on Monday."
    variant = (
        "Councillor Dev Anand opened the Corvale pier on Monday. [bold red]Oscar Vance[/] paid \x1b]8;;x\x07£9m\x1b[2J."
    )
    out = render(original, variant)
    assert "ADDED" in out
    assert "[bold red]Oscar Vance[/] paid £9m." in out
    assert "\x1b" not in out and "\x07" not in out


def test_report_shortens_long_sentences_to_one_line() -> None:
    long_sentence = "The Dunmere Trust said " + "the pier and the harbour wall " * 20 + "would cost £2m."
    out = render("Captain Ines Moreau sailed.", "Captain Ines Moreau sailed.\n" + long_sentence)
    (line,) = [ln for ln in out.splitlines() if "Dunmere" in ln]
    assert line.endswith("…")
    assert len(line) < MAX_CHARS + 40
