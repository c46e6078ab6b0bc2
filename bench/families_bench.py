"""Copy families benchmark: a store of 1M variants with realistic families, then the family costs.

    .venv/bin/python bench/families_bench.py --n 1000000

Builds (once; an existing store of that size is reused) a store under
/tmp/claimdesk-families-bench/ with ``store_bench``'s sentence pool and templates, laid out as
families come: one article with 5,000 copies (networks of 2,000, 800, 500 ... 50, forty of 10,
and hundreds of lone copies), 300 articles of 60 to 150 copies in two or three networks of 50 or
more, and the rest articles of one to four copies, mostly families of one, some of two. A spin
here is a real reword (a third of the words swapped by a per-spin seeded table), so two spins are
far apart and one network's posts (its spin under each site's own headline and footer) are near.
Band hashes are real MinHash sketches of each distinct text (made once per text and reused), and
families are set as the intake rule gives them (same spin: one family). Then it prints:

- family assignment per ingested variant (sketch + exact-copy check + lookup and insert, timed
  inside the real ``add_pair``, engine scoring beside it), median and p90;
- the grouped inbox's first page on the whole store, in this process and from a cold start;
- ``article_families`` and ``spread`` of the 5,000-copy article;
- a family verdict on its 2,000-copy network and the one undo that takes it back;
- the peak RSS of a fresh process doing those reads.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).parent))

from store_bench import NAMES, NOUNS, SITES, _templates, bulk_connection, finish_bulk  # the sibling's builder parts

from claimdesk.claims import ENGINE_VERSION
from claimdesk.store import ArticleIn, InboxQuery, Store, VariantIn, family_sketch
from claimdesk.store import families as families_module
from claimdesk.store.connection import iso
from claimdesk.store.models import VARIANT_VERDICTS

DEFAULT_DB = Path("/tmp/claimdesk-families-bench/desk.db")
BIG = 5000
BIG_NETWORKS = (2000, 800, 500, 300, 200, 100, 60, 50, 50, *([10] * 40))  # the rest of BIG are lone copies
NETWORK_ARTICLES = 300
_BATCH = 5000
_WORD = re.compile(r"[A-Za-z]+")
SYNONYMS = tuple(
    "stated declared remarked noted claimed voiced indicated reported added explained"
    " scheme proposal project programme blueprint agreement paper document finding verdict"
    " locals inhabitants citizens people townsfolk neighbours community members voters public".split()
)


def spun(text: str, spin: int) -> str:
    """A spinner's reword of ``text``: a third of the words swapped through a table seeded by ``spin``."""
    rng = random.Random(spin)
    table: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word not in table:
            table[word] = rng.choice(SYNONYMS) if rng.random() < 0.33 else word
        return table[word]

    return _WORD.sub(swap, text)


def dressed(text: str, site: int) -> str:
    """A post on site number ``site``: its own headline line and footer (site 0 posts it bare)."""
    if site == 0:
        return text
    name = SITES[site % len(SITES)]
    return f"{name} news desk {site}. {text} Read more stories like this on {name} every day ({site})."


def _reasons(article: str, variant: str, claims: list[tuple]) -> list[tuple]:
    """The template's claims with real altered values (store_bench writes "?"): the first number
    that differs between the article's and the copy's sentence."""
    out = []
    for status, score, o_start, o_end, v_start, v_end, reasons in claims:
        if status == "altered":
            before = re.findall(r"\d+", article[o_start:o_end])
            after = re.findall(r"\d+", variant[v_start:v_end])
            changed = next(((a, b) for a, b in zip(before, after, strict=False) if a != b), ("?", "?"))
            reasons = json.dumps([{"kind": "number", "original": changed[0], "variant": changed[1]}])
        out.append((status, score, o_start, o_end, v_start, v_end, reasons))
    return out


def layout(n: int, rng: random.Random, big: int = BIG, networks: int = NETWORK_ARTICLES) -> list[list[tuple[int, int]]]:
    """Articles as lists of copies, each copy (spin, site): one spin is one family. ``big`` and
    ``networks`` shrink the layout for the builder's test."""
    articles: list[list[tuple[int, int]]] = []
    sizes = [max(2, size * big // BIG) for size in BIG_NETWORKS]
    copies = [(spin, member % 7 + 1) for spin, size in enumerate(sizes) for member in range(size)]
    copies += [(len(sizes) + k, 0) for k in range(big - len(copies))]
    rng.shuffle(copies)
    articles.append(copies)
    left = n - len(copies)
    for _ in range(networks):
        sizes = [rng.randint(50, 70) for _ in range(rng.choice((1, 2, 2, 3)))] + [1] * rng.randint(0, 10)
        copies = [(spin, member % 7 + (size > 1)) for spin, size in enumerate(sizes) for member in range(size)]
        rng.shuffle(copies)
        articles.append(copies)
        left -= len(copies)
    while left > 0:
        count = min(left, rng.choice((1, 1, 2, 3, 4)))
        if count >= 2 and rng.random() < 0.3:  # a family of two beside lone copies
            copies = [(0, 0), (0, 1)] + [(k, 0) for k in range(1, count - 1)]
        else:
            copies = [(k, 0) for k in range(count)]
        articles.append(copies)
        left -= count
    return articles


def build(path: Path, n: int, seed: int = 11, *, big: int = BIG, networks: int = NETWORK_ARTICLES) -> Path:
    """Create the store at ``path`` with ``n`` variants, their claims, families and band rows."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    Store.open(path).close()
    rng = random.Random(seed)
    templates = _templates(rng, min(4096, max(64, n // 4)))
    patterns = [[(text, _reasons(article, text, claims), scores) for text, claims, scores in spins]
                for article, spins in templates]  # fmt: skip
    bands: dict[tuple[int, int, int], tuple[int, ...]] = {}  # per distinct text: (template, spin, site)
    texts: dict[tuple[int, int], str] = {}  # per (template, spin)
    conn, fts_trigger = bulk_connection(path, cache_kib=400_000)
    start = datetime.now(UTC) - timedelta(days=60)
    variant_id = verdict_id = 0
    rows: dict[str, list[tuple]] = {"articles": [], "variants": [], "claims": [], "verdicts": [], "vf": [], "bands": []}

    def flush() -> None:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO articles (id, content_hash, url, title, published, created_at, text)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", rows["articles"])  # fmt: skip
        conn.executemany("INSERT INTO verdicts (id, uid, variant_id, claim, verdict, editor, note, decided_at)"
                         " VALUES (?, ?, ?, NULL, ?, ?, NULL, ?)", rows["verdicts"])  # fmt: skip
        conn.executemany(
            "INSERT INTO variants (id, article_id, content_hash, url, title, site, found_at, created_at, fidelity,"
            " coverage, spin, risk, kept, reworded, altered, dropped, added, engine, verdict, verdict_id, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows["variants"],
        )
        conn.executemany(
            "INSERT INTO claims (variant_id, number, status, score, original_start, original_end, variant_start,"
            " variant_end, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows["claims"],
        )
        conn.executemany("INSERT INTO variant_families (variant_id, article_id, family_id, verbatim)"
                         " VALUES (?, ?, ?, 0)", rows["vf"])  # fmt: skip
        conn.executemany("INSERT OR IGNORE INTO family_bands (article_id, band, hash, variant_id)"
                         " VALUES (?, ?, ?, ?)", rows["bands"])  # fmt: skip
        conn.execute("COMMIT")
        for batch in rows.values():
            batch.clear()

    for article_id, copies in enumerate(layout(n, rng, big, networks), 1):
        template = article_id % len(templates)
        article_text = f"{templates[template][0]} Story {article_id}."
        title = f"{rng.choice(NAMES)} on the {rng.choice(NOUNS)} ({article_id})"
        digest = hashlib.sha256(article_text.encode()).hexdigest()
        rows["articles"].append((article_id, digest, f"https://news.example/{article_id}", title, iso(start),
                                 iso(start), article_text))  # fmt: skip
        founders: dict[int, int] = {}
        for spin, site in copies:
            variant_id += 1
            base, claims, scores = patterns[template][spin % 4]
            if (template, spin) not in texts:
                texts[(template, spin)] = spun(base, template * 1000 + spin)
            text = dressed(texts[(template, spin)], site)
            key = (template, spin, site)
            if key not in bands:
                bands[key] = family_sketch.sketch(text).bands
            family = founders.setdefault(spin, variant_id)
            rows["vf"].append((variant_id, article_id, family))
            rows["bands"] += [(article_id, band, value, variant_id) for band, value in enumerate(bands[key])]
            rows["claims"] += [(variant_id, number, *claim) for number, claim in enumerate(claims, 1)]
            created = start + timedelta(seconds=variant_id * 5)
            verdict = current = None
            if rng.random() < 0.5:
                verdict_id += 1
                verdict, current = rng.choice(VARIANT_VERDICTS), verdict_id
                rows["verdicts"].append((verdict_id, f"bench-{verdict_id}", variant_id, verdict,
                                         f"editor{rng.randrange(12)}", iso(created + timedelta(hours=1))))  # fmt: skip
            host = SITES[site % len(SITES)] if site else f"site{variant_id % 997}.example"
            risk = min(1.0, round(scores["risk"] + rng.random() * 0.01, 3))
            rows["variants"].append((
                variant_id, article_id, f"bench-{variant_id}", f"https://{host}/{variant_id}",
                f"{title} ({variant_id})", host, iso(created - timedelta(hours=3)), iso(created),
                scores["fidelity"], scores["coverage"], scores["spin"], risk, scores["kept"], scores["reworded"],
                scores["altered"], scores["dropped"], scores["added"], ENGINE_VERSION, verdict, current, text,
            ))  # fmt: skip
            if len(rows["variants"]) >= _BATCH:
                flush()
    flush()
    finish_bulk(conn, fts_trigger)
    return path


T = TypeVar("T")


def _median_ms(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median and worst of ``repeats`` timed calls, in milliseconds."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def _cold_then_median(fn: Callable[[], T], repeats: int) -> tuple[T, float, float]:
    """The first call's result and milliseconds (a cold cache), then the median of ``repeats`` more."""
    first = time.perf_counter()
    result = fn()
    cold = (time.perf_counter() - first) * 1000
    return result, cold, _median_ms(fn, repeats)[0]


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


def bench_assignment(db: Path, count: int) -> list[str]:
    """The family part of intake, timed inside the real ``add_pair`` (scoring timed beside it)."""
    from claimdesk.store import intake

    spent: dict[str, float] = {}

    def timed(name: str, fn: Callable) -> Callable:
        """Wall time, and the thread's CPU time (the machine is shared: wall time includes waiting)."""

        def wrapper(*args: object, **kwargs: object) -> object:
            t, cpu = time.perf_counter(), time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
                spent[name + " cpu"] = spent.get(name + " cpu", 0.0) + time.thread_time() - cpu

        return wrapper

    real = (intake.score_pair, family_sketch.sketch, family_sketch.is_verbatim, families_module.assign)
    intake.score_pair = timed("score", real[0])
    family_sketch.sketch = timed("family", real[1])
    family_sketch.is_verbatim = timed("family", real[2])
    families_module.assign = timed("family", real[3])
    rng = random.Random()
    run = f"{int(time.time())}"
    per: dict[str, list[float]] = {"big": [], "network": [], "small": []}
    cpu: list[float] = []
    scoring: list[float] = []
    try:
        with Store.open(db) as store:
            store.add_pair(ArticleIn(text="Warm-up article."), VariantIn(text="Warm-up copy."))  # loads datasketch
            big = store.article(1)
            rows = store.read("SELECT id, text FROM variants WHERE article_id = 1 ORDER BY id LIMIT 200")
            pair = "SELECT a.text AS a, v.text AS v FROM variants v JOIN articles a ON a.id = v.article_id WHERE "
            small = store.read(pair + "v.article_id > 400 ORDER BY v.id LIMIT ?", (count,))
            network = store.read(pair + "v.article_id BETWEEN 2 AND 301 ORDER BY random() LIMIT ?", (count,))
            pairs = [("big", big.text, rows[rng.randrange(len(rows))]["text"]) for _ in range(count)]
            pairs += [("network", row["a"], row["v"]) for row in network]
            pairs += [("small", row["a"], row["v"]) for row in small]
            for n, (kind, article, text) in enumerate(pairs):
                spent.clear()
                site = f"new{run}-{n}.example"  # unique per run: a rerun on the same store adds new copies
                copy = text + f" Reposted on {site}."  # a new near copy of a stored one
                added = store.add_pair(ArticleIn(text=article), VariantIn(text=copy, url=f"https://{site}/x"))
                assert added.added
                per[kind].append(spent["family"] * 1000)
                cpu.append(spent["family cpu"] * 1000)
                scoring.append(spent["score"] * 1000)
    finally:
        intake.score_pair, family_sketch.sketch, family_sketch.is_verbatim, families_module.assign = real
    lines = [
        f"family assignment per ingested variant, {label} ({len(values)} pairs): median"
        f" {statistics.median(values):.2f} ms, p90 {_p90(values):.2f} ms (goal <= 5 ms)"
        for label, values in (
            ("into the 5,000-copy article", per["big"]),
            ("into 60-150-copy articles", per["network"]),
            ("into 1-4-copy articles", per["small"]),
            ("all", per["big"] + per["network"] + per["small"]),
        )
    ]
    lines.append(
        f"family assignment, CPU time of the process's thread (all): median {statistics.median(cpu):.2f} ms,"
        f" p90 {_p90(cpu):.2f} ms (wall time above includes waiting for a core: load average {_load()})"
    )
    lines.append(f"engine scoring of the same pairs: median {statistics.median(scoring):.1f} ms (for scale)")
    return lines


_COLD = r"""
import re, sys, time
start = time.perf_counter()
from claimdesk.store import InboxQuery, Store
with Store.open(sys.argv[1], create=False) as store:
    count = store.article_groups_count(InboxQuery())
    page = store.article_groups_page(InboxQuery(), None, 50)
    first = time.perf_counter() - start
    store.article_families(1)
    store.spread(1)
    store.family_of(page.rows[0].key.variant_id)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec.
peak = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1))
print(f"{first * 1000:.0f} {count} {peak / 1024:.0f}")
"""


def bench_reads(db: Path) -> list[str]:
    """Grouped pages, the big article's families and spread, a family verdict and its undo."""
    lines = []
    with Store.open(db) as store:
        query = InboxQuery()
        store.article_groups_page(query, None, 50)
        med, worst = _median_ms(lambda: store.article_groups_page(query, None, 50), 20)
        lines.append(f"grouped inbox, first page of 50 articles on {store.inbox_count()} variants:"
                     f" median {med:.1f} ms, max {worst:.1f} ms")  # fmt: skip
        med, _ = _median_ms(lambda: store.article_groups_count(query), 5)
        lines.append(f"grouped inbox, article count: median {med:.1f} ms")
        after = None
        for _ in range(100):
            after = store.article_groups_page(query, after, 50).next
        med, _ = _median_ms(lambda: store.article_groups_page(query, after, 50), 10)
        lines.append(f"grouped inbox, page 101 (by key): median {med:.1f} ms")
        new = InboxQuery(state="new")
        med, _ = _median_ms(lambda: store.article_groups_page(new, None, 50), 5)
        lines.append(f"grouped inbox, first page, filter new: median {med:.1f} ms")
        med, _ = _median_ms(lambda: store.article_groups_count(new), 3)
        lines.append(f"grouped inbox, article count, filter new: median {med:.0f} ms")
        rows, cold, med = _cold_then_median(lambda: store.article_families(1), 10)
        lines.append(f"article_families of the 5,000-copy article ({len(rows)} families): first {cold:.0f} ms,"
                     f" median {med:.0f} ms (goal <= 300 ms)")  # fmt: skip
        spread, cold, med = _cold_then_median(lambda: store.spread(1), 10)
        lines.append(f"spread of the 5,000-copy article ({len(spread.claims)} claims): first {cold:.0f} ms,"
                     f" median {med:.0f} ms (goal <= 300 ms)")  # fmt: skip
        network = max(rows, key=lambda row: row.members)
        med, _ = _median_ms(lambda: store.family_of(network.family_id), 10)
        lines.append(f"family_of a member of the {network.members}-copy network: median {med:.1f} ms")
        med, _ = _median_ms(lambda: store.family_eligible(network.family_id, "bench"), 10)
        lines.append(f"family_eligible on it: median {med:.1f} ms")
        t = time.perf_counter()
        batch = store.record_family_verdict(network.family_id, "distorted", "bench")
        recorded = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        store.undo(network.family_id, "bench")
        undone = (time.perf_counter() - t) * 1000
        lines.append(f"family verdict on it: {batch.recorded} rows ({batch.skipped_decided} decided skipped) in"
                     f" {recorded:.0f} ms, one undo of the batch in {undone:.0f} ms")  # fmt: skip
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _COLD, str(db)], capture_output=True, text=True, check=True)
    wall = (time.perf_counter() - t) * 1000
    first_ms, count, rss = done.stdout.split()
    lines.append(f"fresh process: interpreter start to grouped first page (count {count} + page) {first_ms} ms"
                 f" after imports; whole process {wall:.0f} ms")  # fmt: skip
    lines.append(f"peak RSS of that process (groups, families and spread of the big article): {rss} MB (goal <= 150)")
    return lines


def bench_rescore(db: Path, articles: tuple[int, ...] = (1, *range(2, 12))) -> str:
    """`rescore --families` on the big article and ten network articles: time per variant, and how
    many variants the real rule puts in another family than the builder did (the builder's check)."""
    from claimdesk.store.family_rescore import recompute_article

    with Store.open(db) as store:
        family = "SELECT variant_id, family_id FROM variant_families WHERE article_id = ?"
        before = {a: store.read(family, (a,)) for a in articles}
        t = time.perf_counter()
        done = sum(recompute_article(store, a) for a in articles)
        elapsed = time.perf_counter() - t
        moved = sum(
            len({tuple(r) for r in before[a]} ^ {tuple(r) for r in store.read(family, (a,))}) // 2 for a in articles
        )
    return (
        f"rescore --families: {done} variants in {elapsed:.1f} s = {elapsed / done * 1000:.2f} ms per variant;"
        f" {moved} of them in another family than the builder put them"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="variants in the store (default 1000000)")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--rebuild", action="store_true", help="build even if a store of that size exists")
    parser.add_argument("--ingest", type=int, default=100, help="pairs ingested per kind of article (default 100)")
    args = parser.parse_args()
    existing = 0
    if args.db.exists() and not args.rebuild:
        existing = sqlite3.connect(args.db).execute("SELECT count(*) FROM variants").fetchone()[0]
    if args.rebuild or existing < args.n:
        t = time.perf_counter()
        build(args.db, args.n)
        print(f"built {args.n} variants in {time.perf_counter() - t:.0f} s"
              f" ({args.db.stat().st_size / 2**30:.1f} GiB)", flush=True)  # fmt: skip
    for line in bench_reads(args.db):
        print(line, flush=True)
    for line in bench_assignment(args.db, args.ingest):
        print(line, flush=True)
    print(bench_rescore(args.db), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
