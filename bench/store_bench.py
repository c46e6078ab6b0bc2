"""Store benchmark: build a big store fast, then time intake, verdicts, inbox pages and export.

    .venv/bin/python bench/store_bench.py --n 1000000 --db /tmp/claimdesk-bench/desk.db

The builder bulk-inserts realistic synthetic rows (articles, spun variants with summary scores,
claims with spans and reasons, a verdict log, a few leases) without running the engine, so a
million variants take minutes. ``build_store(path, n)`` is importable for other benchmarks.
An existing store with the right size is reused, so the timings can be rerun cheaply.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from claimdesk.claims import ENGINE_VERSION
from claimdesk.store import InboxQuery, PageKey, Store
from claimdesk.store.connection import iso
from claimdesk.store.export import export_query
from claimdesk.store.models import VARIANT_VERDICTS

NAMES = (
    "Mira Stone",
    "Tomas Berg",
    "Ada Kerr",
    "Lena Ortiz",
    "Jonas Weil",
    "Ruth Achebe",
    "Omar Haddad",
    "Ines Moreau",
)
PLACES = ("the harbour", "the old quarter", "the county hall", "the river port", "the east ring road", "the airport")
NOUNS = ("budget", "contract", "report", "plan", "survey", "ruling", "study", "tender", "strike", "audit")
VERBS = ("approved", "rejected", "delayed", "published", "questioned", "defended", "announced", "cut")
MONTHS = ("January", "March", "April", "June", "September", "November")
SITES = tuple(
    f"{w}.example" for w in ("copycat", "newsmill", "spinwire", "mirrorpost", "feedfarm", "rehash", "clipper")
)
SWAPS = (("the ", "a "), (" said", " pronounced"), (" approved", " authorised"), (" plan", " scheme"))


def _sentence(rng: random.Random) -> tuple[str, str, str]:
    """A factual sentence, its spun wording (same facts), and an altered version (a number changed)."""
    n = rng.randint(2, 900)
    text = (
        f"{rng.choice(NAMES)} said the {rng.choice(NOUNS)} for {rng.choice(PLACES)} was {rng.choice(VERBS)} "
        f"after {n} residents wrote to the council in {rng.choice(MONTHS)}, and that a further review of the "
        f"{rng.choice(NOUNS)} would follow before the end of the year."
    )
    spun = text
    for old, new in SWAPS:
        spun = spun.replace(old, new, 1)
    return text, spun, spun.replace(f" {n} ", f" {n + rng.randint(1, 90)} ", 1)


class _Pool:
    """Pre-made sentences, so generating a million texts is string joins, not string building."""

    def __init__(self, rng: random.Random, size: int = 20_000) -> None:
        self.sentences = [_sentence(rng) for _ in range(size)]


def _article(rng: random.Random, pool: _Pool) -> list[int]:
    return rng.sample(range(len(pool.sentences)), rng.randint(9, 15))


def _variant(rng: random.Random, pool: _Pool, picks: list[int]) -> tuple[str, list[tuple], dict[str, float]]:
    """A spun copy of an article: its text, claim rows (without variant id) and summary scores."""
    counts = dict.fromkeys(("kept", "reworded", "altered", "dropped", "added"), 0)
    parts: list[str] = []
    claims: list[tuple] = []
    o_pos = v_pos = 0
    for index in picks:
        original, spun, altered = pool.sentences[index]
        roll = rng.random()
        status = "kept" if roll < 0.15 else "reworded" if roll < 0.8 else "altered" if roll < 0.9 else "dropped"
        o_span = (o_pos, o_pos + len(original))
        o_pos += len(original) + 1
        if status == "dropped":
            claims.append((status, 0.0, *o_span, None, None, "[]"))
        else:
            text = original if status == "kept" else altered if status == "altered" else spun
            reasons = "[]"
            score = 1.0 if status == "kept" else 0.9
            if status == "altered":
                reasons = json.dumps([{"kind": "number", "original": "?", "variant": "?"}])
                score = 0.4
            claims.append((status, score, *o_span, v_pos, v_pos + len(text), reasons))
            parts.append(text)
            v_pos += len(text) + 1
        counts[status] += 1
    for _ in range(rng.choice((0, 0, 0, 1, 2))):
        text = pool.sentences[rng.randrange(len(pool.sentences))][1]
        claims.append(("added", 0.0, None, None, v_pos, v_pos + len(text), "[]"))
        parts.append(text)
        v_pos += len(text) + 1
        counts["added"] += 1
    total = len(claims)
    fidelity = round((counts["kept"] + 0.9 * counts["reworded"] + 0.4 * counts["altered"]) / total, 3)
    coverage = round(1 - counts["dropped"] / len(picks), 3)
    flagged = counts["altered"] + counts["dropped"] + counts["added"]
    risk = round(min(1.0, flagged / total + 0.3 * counts["altered"] / total + rng.random() * 0.05), 3)
    scores = {"fidelity": fidelity, "coverage": coverage, "spin": round(rng.uniform(0.2, 0.6), 3), "risk": risk}
    return " ".join(parts), claims, {**scores, **counts}


_TEMPLATES = 4096  # distinct articles; each has four distinct spun variants
_BATCH = 5000


def _templates(rng: random.Random, count: int) -> list[tuple[str, list[tuple[str, list[tuple], dict[str, float]]]]]:
    """Article texts, each with four scored variants: generated once, reused across the store."""
    pool = _Pool(rng)
    made = []
    for _ in range(count):
        picks = _article(rng, pool)
        made.append((" ".join(pool.sentences[i][0] for i in picks), [_variant(rng, pool, picks) for _ in range(4)]))
    return made


def bulk_connection(path: Path, *, cache_kib: int) -> tuple[sqlite3.Connection, str]:
    """A connection for loading a bench store in bulk, and the FTS trigger it dropped.

    No syncing, no foreign key checks; indexing the texts once at the end is about twice as fast
    as row by row through the trigger, so :func:`finish_bulk` puts it back.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(f"PRAGMA synchronous=OFF; PRAGMA cache_size=-{cache_kib}; PRAGMA foreign_keys=OFF")
    fts_trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'variants_fts_insert'").fetchone()[0]
    conn.execute("DROP TRIGGER variants_fts_insert")
    return conn, fts_trigger


def finish_bulk(conn: sqlite3.Connection, fts_trigger: str) -> None:
    """Index the texts once, restore the trigger, checkpoint and analyse: the store as production reads it."""
    conn.execute("INSERT INTO variants_fts (variants_fts) VALUES ('rebuild')")
    conn.execute(fts_trigger)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA analysis_limit=1000")
    conn.execute("ANALYZE")
    conn.close()


def build_store(path: str | Path, n: int, *, decided: float = 0.8, seed: int = 7) -> Path:
    """Create a store at ``path`` with ``n`` variants (four per article), claims and verdicts.

    A share ``decided`` of the variants has a current verdict; a quarter of those also have an
    earlier verdict it replaced, so with the default there are ``n`` verdict events in all.
    Texts come from 4,096 article templates with four spun variants each; ids, titles, URLs, sites
    and times are unique per row. Rows go in by ``executemany`` in batches, one transaction each.
    """
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Store.open(path).close()  # schema and migrations exactly as in production
    rng = random.Random(seed)
    templates = _templates(rng, min(_TEMPLATES, n // 4 + 1))
    conn, fts_trigger = bulk_connection(path, cache_kib=1_000_000)
    start = datetime.now(UTC) - timedelta(days=60)
    verdict_id = 0
    for first in range(1, n + 1, _BATCH):
        articles, variants, claims, verdicts = [], [], [], []
        for variant_id in range(first, min(first + _BATCH, n + 1)):
            article_id = (variant_id + 3) // 4
            article_text, spun = templates[article_id % len(templates)]
            created = start + timedelta(seconds=variant_id * 5)
            if variant_id % 4 == 1:
                title = f"{rng.choice(NAMES)} on the {rng.choice(NOUNS)} ({article_id})"
                url = f"https://news.example/{article_id}"
                articles.append((article_id, f"bench-{article_id}", url, title, iso(start), iso(start), article_text))
            text, claim_rows, scores = spun[variant_id % 4]
            claims += [(variant_id, number, *claim) for number, claim in enumerate(claim_rows, 1)]
            verdict = current = None
            if rng.random() < decided:
                previous = None
                for e in range(2 if rng.random() < 0.25 else 1):
                    verdict_id += 1
                    verdict = rng.choice(VARIANT_VERDICTS)
                    note = "checked against the original" if e else None
                    decided_at = iso(created + timedelta(hours=1 + e))
                    editor = f"editor{rng.randrange(12)}"
                    verdicts.append(
                        (verdict_id, f"bench-{verdict_id}", variant_id, verdict, editor, note, decided_at, previous)
                    )
                    previous = verdict_id
                current = verdict_id
            site = rng.choice(SITES)
            title = f"{rng.choice(NAMES)} {rng.choice(VERBS)} {rng.choice(NOUNS)} ({variant_id})"
            risk = min(1.0, round(scores["risk"] + rng.random() * 0.01, 3))  # spread ties across templates
            variants.append((
                variant_id, article_id, f"bench-{variant_id}", f"https://{site}/{variant_id}", title, site,
                iso(created - timedelta(hours=3)), iso(created), scores["fidelity"], scores["coverage"],
                scores["spin"], risk, scores["kept"], scores["reworded"], scores["altered"], scores["dropped"],
                scores["added"], ENGINE_VERSION, verdict, current, text,
            ))  # fmt: skip
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO articles (id, content_hash, url, title, published, created_at, text)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", articles)  # fmt: skip
        conn.executemany(
            "INSERT INTO verdicts (id, uid, variant_id, claim, verdict, editor, note, decided_at, replaces)"
            " VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)",
            verdicts,
        )
        conn.executemany(
            "INSERT INTO variants (id, article_id, content_hash, url, title, site, found_at, created_at, fidelity,"
            " coverage, spin, risk, kept, reworded, altered, dropped, added, engine, verdict, verdict_id, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            variants,
        )
        conn.executemany(
            "INSERT INTO claims (variant_id, number, status, score, original_start, original_end, variant_start,"
            " variant_end, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            claims,
        )
        conn.execute("COMMIT")
    finish_bulk(conn, fts_trigger)
    return path


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _pairs(count: int) -> Iterator[tuple[str, str]]:
    rng = random.Random()  # fresh pairs each run: a rerun on the same store must not just skip them
    pool = _Pool(rng, 3000)
    for _ in range(count):
        picks = _article(rng, pool)
        yield " ".join(pool.sentences[i][0] for i in picks), _variant(rng, pool, picks)[0]


def bench_ingest(db: Path, count: int) -> str:
    """Pairs/s through the real intake path (engine scoring included), into the big store."""
    from claimdesk.ingest.jsonl import ingest_lines

    lines = [
        json.dumps(
            {"article": {"text": a, "title": "bench"}, "variant": {"text": v, "url": f"https://in.example/{i}"}}
        ).encode()
        for i, (a, v) in enumerate(_pairs(count))
    ]
    with Store.open(db) as store:
        start = time.perf_counter()
        tally = ingest_lines(store, lines, lambda _n, reason: print(reason))
        elapsed = time.perf_counter() - start
    return f"ingest with scoring: {count} pairs ({tally}) in {elapsed:.1f} s = {count / elapsed:.0f} pairs/s"


def _verdict_worker(db: str, editor: str, ids: list[int], queue: multiprocessing.Queue) -> None:
    latencies = []
    with Store.open(db) as store:
        for n, variant_id in enumerate(ids):
            t = time.perf_counter()
            store.record_verdict(variant_id, VARIANT_VERDICTS[n % 4], editor, note="bench")
            latencies.append(time.perf_counter() - t)
    queue.put(latencies)


def bench_verdicts(db: Path, n: int, writers: int = 4, each: int = 500) -> str:
    """Verdict transactions/s and p99 latency with ``writers`` processes writing at once."""
    rng = random.Random(3)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [
        ctx.Process(target=_verdict_worker, args=(str(db), f"w{i}", [rng.randint(1, n) for _ in range(each)], queue))
        for i in range(writers)
    ]
    start = time.perf_counter()
    for p in procs:
        p.start()
    latencies = sorted(x for _ in procs for x in queue.get())
    elapsed = time.perf_counter() - start
    for p in procs:
        p.join()
    p99 = latencies[int(len(latencies) * 0.99)]
    return (
        f"verdicts, {writers} writer processes: {len(latencies)} in {elapsed:.1f} s = "
        f"{len(latencies) / elapsed:.0f} tx/s, p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms (synchronous=FULL, includes process start)"
    )


def bench_inbox(db: Path, n: int, repeats: int = 30) -> list[str]:
    """Median and worst latency of a first page and a deep page (middle of the store), per sort."""
    lines = []
    with Store.open(db) as store:
        for sort in ("risk", "time"):
            query = InboxQuery(sort=sort)  # type: ignore[arg-type]
            order = "risk DESC, id DESC" if sort == "risk" else "id DESC"
            value, vid = store.conn.execute(
                f"SELECT {'risk' if sort == 'risk' else 'id'}, id FROM variants ORDER BY {order} LIMIT 1 OFFSET ?",
                (n // 2,),
            ).fetchone()
            deep = PageKey(value, vid)
            for label, after in (("first", None), ("deep", deep)):
                times = sorted(_timed(lambda q=query, a=after: store.inbox_page(q, after=a)) for _ in range(repeats))
                lines.append(
                    f"inbox page of 50, by {sort}, {label}: median {statistics.median(times) * 1000:.2f} ms,"
                    f" max {times[-1] * 1000:.2f} ms"
                )
        for label, query in (
            ("filter site", InboxQuery(site=SITES[0])),
            ("filter new", InboxQuery(state="new")),
            ("search, rare word", InboxQuery(search="4711")),
            ("search, word in most texts", InboxQuery(search="Haddad")),
        ):
            times = sorted(_timed(lambda q=query: store.inbox_page(q)) for _ in range(5))
            lines.append(f"inbox page of 50, {label}: median {statistics.median(times) * 1000:.2f} ms")
        times = sorted(_timed(store.counts) for _ in range(5))
        lines.append(f"inbox counts: median {statistics.median(times) * 1000:.1f} ms")
    return lines


def bench_export(db: Path, rounds: int = 3) -> list[str]:
    """`claimdesk export --history` (default jobs, and one process) against `sqlite3 -csv` on the same query.

    One untimed pass first, so no contender pays for reading the file into the page cache; then
    ``rounds`` rounds taking turns, and the median of each.
    """
    out_dir = Path(tempfile.mkdtemp(prefix="claimdesk-export-"))
    try:
        query = export_query("history")
        conn = sqlite3.connect(db)
        rows = conn.execute("SELECT count(*) FROM verdicts").fetchone()[0]
        first, last = conn.execute("SELECT min(id), max(id) FROM verdicts").fetchone()
        conn.close()
        ours = [sys.executable, "-m", "claimdesk", "--db", str(db), "export", "--history"]
        contenders = {
            "default jobs": [*ours, "--out", str(out_dir / "ours.csv")],
            "--jobs 1": [*ours, "--jobs", "1", "--out", str(out_dir / "ours.csv")],
        }
        sqlite3_cli = shutil.which("sqlite3")
        if sqlite3_cli:
            bind = ["-cmd", f".parameter set :first {first}", "-cmd", f".parameter set :last {last}"]
            cli = [sqlite3_cli, "-csv", "-header", *bind, str(db), query.sql]
            contenders["sqlite3 -csv"] = ["sh", "-c", 'exec "$@" > "$0"', str(out_dir / "cli.csv"), *cli]
            subprocess.run(contenders["sqlite3 -csv"], check=True)  # the untimed pass
        times: dict[str, list[float]] = {label: [] for label in contenders}
        for _ in range(rounds):
            for label, command in contenders.items():
                times[label].append(_timed(lambda c=command: subprocess.run(c, check=True)))
        median = {label: statistics.median(values) for label, values in times.items()}
        size = (out_dir / "ours.csv").stat().st_size >> 20
        lines = [
            f"export --history, {label}: {rows} rows in {median[label]:.1f} s ({size} MB; median of {rounds})"
            for label in ("default jobs", "--jobs 1")
        ]
        if sqlite3_cli:
            theirs = median["sqlite3 -csv"]
            ratios = ", ".join(f"{label} {median[label] / theirs:.2f}x" for label in ("default jobs", "--jobs 1"))
            lines.append(f"sqlite3 -csv, same query: {theirs:.1f} s; ratio {ratios} (goal <= 1.5x)")
        return lines
    finally:
        shutil.rmtree(out_dir)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="variants in the big store (default 100000)")
    parser.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "claimdesk-bench", "desk.db"))
    parser.add_argument("--rebuild", action="store_true", help="build even if a store of that size exists")
    parser.add_argument("--ingest", type=int, default=300, help="real pairs through the intake path")
    args = parser.parse_args()
    db = Path(args.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    existing = 0
    if db.exists() and not args.rebuild:
        existing = sqlite3.connect(db).execute("SELECT count(*) FROM variants").fetchone()[0]
    if args.rebuild or existing < args.n:
        elapsed = _timed(lambda: build_store(db, args.n))
        size = db.stat().st_size / 2**30
        print(f"built {args.n} variants in {elapsed:.0f} s ({size:.1f} GiB)", flush=True)
    for line in bench_inbox(db, args.n):
        print(line, flush=True)
    for line in bench_export(db):
        print(line, flush=True)
    print(bench_verdicts(db, args.n), flush=True)
    print(bench_ingest(db, args.ingest), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
