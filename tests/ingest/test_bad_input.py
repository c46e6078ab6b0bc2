"""Intake that cannot blow up: each bad line is named and skipped, good lines are kept, memory stays
bounded. Real processes under an address-space limit, so a runaway read fails the test instead
of the machine."""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MEMORY_LIMIT = 1 << 30  # the old /dev/zero read passed 3 GB


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def claimdesk(*args: str, stdin: bytes | None = None, source: str | None = None) -> subprocess.CompletedProcess[bytes]:
    """A claimdesk process under the memory limit, fed ``stdin`` bytes or the file ``source``."""
    with open(source or "/dev/null", "rb") as feed:
        return subprocess.run(
            [sys.executable, "-m", "claimdesk", *args],
            input=stdin,
            stdin=None if stdin is not None else feed,
            capture_output=True,
            timeout=300,
            preexec_fn=_limit_memory,
        )


def _good(n: int) -> bytes:
    article = f"The council approved {n + 100} new homes on Monday. The mayor said work starts in May."
    variant = f"A council authorised {n + 100} new homes on Monday. The mayor pronounced work starts in June {n}."
    return json.dumps(
        {"article": {"text": article}, "variant": {"text": variant, "url": f"https://copy.example/{n}"}}
    ).encode()


def _with(extra: dict | None = None, article: dict | None = None, variant: dict | None = None) -> bytes:
    record = {
        "article": {"text": "A.", **(article or {})},
        "variant": {"text": "B.", **(variant or {})},
        **(extra or {}),
    }
    return json.dumps(record).encode()


# (line, the reason claimdesk gives) for every case the fault-injection pass found.
REGRESSIONS = [
    (
        b'{"x": ' + b"[" * 3000 + b"]" * 3000 + b', "article": {"text": "A."}, "variant": {"text": "B."}}',
        "nested deeper than 64 levels",
    ),
    (
        _with(article={"published": "0001-01-01T00:00:00+14:00"}),
        "article.published: '0001-01-01T00:00:00+14:00' is not an ISO 8601 date in years 1 to 9999 (UTC)",
    ),
    (
        _with(variant={"found": "9999-12-31T23:59:59-14:00"}),
        "variant.found: '9999-12-31T23:59:59-14:00' is not an ISO 8601 date in years 1 to 9999 (UTC)",
    ),
    (
        b'{"n": ' + b"7" * 5000 + b', "article": {"text": "A."}, "variant": {"text": "B."}}',
        "a number with more than 40 digits",
    ),
    (_with(article={"url": "http://[::1"}), "article.url: not a valid URL (Invalid IPv6 URL)"),
    (
        _with(variant={"url": "http://[zz]/"}),
        "variant.url: not a valid URL ('zz' does not appear to be an IPv4 or IPv6 address)",
    ),
    (b"[1e999]", "1e999 is out of range"),
    (b"\xff\xfe{}", "not UTF-8"),
]


def test_every_regression_is_one_named_line_and_the_good_lines_are_kept(tmp_path: Path) -> None:
    lines = [_good(0), *(line for line, _ in REGRESSIONS), _good(1)]
    done = claimdesk(
        "--db", str(tmp_path / "desk.db"), "ingest", "-", stdin=b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n"
    )
    assert done.returncode == 1
    assert done.stdout == f"added 2, skipped 0, bad {len(REGRESSIONS)}\n".encode()
    expected = [f"LINE {n}: {reason}" for n, (_, reason) in enumerate(REGRESSIONS, 2)]
    assert done.stderr.decode().splitlines() == expected


def test_a_bom_before_the_first_line_is_not_part_of_it(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + _good(0) + b"\n")
    done = claimdesk("--db", str(tmp_path / "desk.db"), "ingest", str(path))
    assert (done.returncode, done.stdout, done.stderr) == (0, b"added 1, skipped 0, bad 0\n", b"")


def test_a_line_over_the_cap_is_skipped_and_the_next_one_kept(tmp_path: Path) -> None:
    long = _with({"junk": "x" * 5000})
    path = tmp_path / "pairs.jsonl"
    path.write_bytes(_good(0) + b"\n" + long + b"\n" + _good(1) + b"\n")
    done = claimdesk("--db", str(tmp_path / "desk.db"), "ingest", str(path), "--max-line-bytes", "4096")
    assert done.returncode == 1 and done.stdout == b"added 2, skipped 0, bad 1\n"
    assert done.stderr == b"LINE 2: longer than 4096 bytes (--max-line-bytes)\n"


def test_dev_zero_stops_at_the_cap_with_one_line(tmp_path: Path) -> None:
    done = claimdesk("--db", str(tmp_path / "desk.db"), "ingest", "-", source="/dev/zero")
    assert done.returncode == 1 and done.stdout == b"added 0, skipped 0, bad 1\n"
    assert re.fullmatch(
        rb"LINE 1: longer than 10485760 bytes \(--max-line-bytes\), no line end in \d+ bytes: rest of input not read\n",
        done.stderr,
    ), done.stderr


def _batch(n: int) -> bytes:
    return json.dumps(
        {"id": n, "original": f"The council built {n} homes.", "variant": f"A council built {n} homes."}
    ).encode()


def test_score_batch_scores_each_line_alone(tmp_path: Path) -> None:
    bad = [
        b"\xff\xfe",
        b'{"id": 3, "original": "A\\udc00", "variant": "x"}',
        b'{"id": 4, "o": ' + b"[" * 2000,
        b'{"id": 5, "n": ' + b"9" * 5000 + b"}",
    ]
    lines = [_batch(1), *bad, _batch(6)]
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n")
    done = claimdesk("score", "--batch", str(path), "--json")
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o.get("id") for o in out] == [1, None, None, None, None, 6]
    assert "summary" in out[0] and "summary" in out[-1]
    assert [o["error"] for o in out[1:-1]] == [
        "line 2: not UTF-8",
        "line 3: a lone surrogate (\\ud800-\\udfff) in a string",
        "line 4: nested deeper than 64 levels",
        "line 5: a number with more than 40 digits",
    ]


# Fuzzing: good records mixed with lines built to break a parser.
_NASTY = st.one_of(
    st.binary(max_size=200),
    st.integers(1, 5000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(1, 6000).map(
        lambda n: b'{"article": {"text": "A."}, "variant": {"text": "B."}, "n": ' + b"9" * n + b"}"
    ),
    st.sampled_from([line for line, _ in REGRESSIONS]),
    st.text(max_size=80).map(lambda t: _with(article={"published": t})),
    st.text(max_size=80).map(lambda t: _with(variant={"url": t})),
    st.text(max_size=80).map(lambda t: json.dumps({"article": {"text": t}, "variant": {"text": t}}).encode()),
    st.recursive(
        st.none() | st.integers() | st.floats() | st.text(max_size=10),
        lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3),
        max_leaves=20,
    ).map(lambda v: json.dumps(v).encode()),
).map(lambda raw: raw.replace(b"\n", b" ").replace(b"\r", b" "))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(st.integers(0, 10_000).map(lambda n: ("good", n)), _NASTY.map(lambda b: ("bad", b))),
        min_size=1,
        max_size=12,
    )
)
def test_fuzzed_ingest_and_batch_lines_never_end_in_a_traceback(tmp_path: Path, lines: list) -> None:
    goods = {n for kind, n in lines if kind == "good"}
    raw = [_good(n) if kind == "good" else n for kind, n in lines]
    db = tmp_path / f"desk-{len(list(tmp_path.iterdir()))}.db"
    done = claimdesk("--db", str(db), "ingest", "-", "--max-line-bytes", "100000", stdin=b"\n".join(raw) + b"\n")
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode in (0, 1) and "Traceback" not in err, err
    assert all(re.fullmatch(r"LINE \d+: \S.*", line) for line in err.splitlines()), err
    named = {int(line.split()[1].rstrip(":")) for line in err.splitlines()}
    assert not named & {i for i, (kind, _) in enumerate(lines, 1) if kind == "good"}
    added = int(done.stdout.split()[1].rstrip(b","))
    assert added >= len(goods)  # every good line kept (a fuzzed line may be a good record too)

    batch = [_batch(n) if kind == "good" else n for kind, n in lines]
    scored = claimdesk("score", "--batch", "-", "--json", stdin=b"\n".join(batch) + b"\n")
    assert scored.returncode in (0, 1) and b"Traceback" not in scored.stderr, scored.stderr
    out = [json.loads(line) for line in scored.stdout.splitlines()]
    expected = [kind for (kind, value), line in zip(lines, batch, strict=True) if line.strip()]
    assert len(out) == len(expected)
    for kind, obj in zip(expected, out, strict=True):
        assert ("summary" in obj) if kind == "good" else ("summary" in obj or "error" in obj)
