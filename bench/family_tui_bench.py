"""Copy families in the app: grouped inbox first paint, expanding a 5,000-copy article, its spread.

    .venv/bin/python bench/family_tui_bench.py                      # builds its own store
    .venv/bin/python bench/family_tui_bench.py --db BIG.db --article 17
    .venv/bin/python bench/family_tui_bench.py --db /tmp/claimdesk-families-bench/desk.db --article 1 --terminal

Without ``--db`` it builds (once, in a temporary directory) one article with ``--copies`` copies in
families of 1 to 80 near copies, and ``--others`` articles of one to three copies each. Times are
measured in-process under Pilot, from the key to the refresh after the screen changed: ``v`` to
the grouped list's first page painted, ``enter`` on the big article to its families painted,
``S`` to its spread painted; and the store calls alone (``article_families``, ``spread``).

With ``--terminal`` the same steps run end to end instead, as an editor sees them: the real
``claimdesk`` command in a pseudo-terminal (``tui_bench``'s ``Terminal``), each step timed from
the keys written to the pty until its output carries what the step paints: launch to the flat
inbox and then ``v`` to the grouped first page, ``enter`` on the article to its family rows, ``S``
to the spread's summary; then ``G`` and back, and the app's resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tui_bench import CURSOR_MARK, Terminal

from claimdesk.claims import STATUSES, Claim, Reason, Report, Span, Summary
from claimdesk.store import ArticleIn, InboxQuery, Store, VariantIn

WORDS = [f"w{n}" for n in range(4000)]
SENTENCES = 12


def _report(article: list[str], copy: list[str], altered: dict[int, Reason], risk: float) -> tuple[str, str, Report]:
    """Both texts and a hand-made report (the engine is not what this bench measures)."""
    original = variant = ""
    claims = []
    for i, (a, v) in enumerate(zip(article, copy, strict=True)):
        original += " " if original else ""
        variant += " " if variant else ""
        o, w = Span(len(original), len(original) + len(a)), Span(len(variant), len(variant) + len(v))
        original, variant = original + a, variant + v
        reason = altered.get(i)
        claims.append(
            Claim("altered" if reason else "reworded", 0.3 if reason else 0.8, o, w, (reason,) if reason else ())
        )
    counts = {s: sum(c.status == s for c in claims) for s in STATUSES}
    return original, variant, Report(Summary(1 - risk, 0.9, 0.3, risk, counts), tuple(claims))


def build(path: Path, copies: int, others: int, seed: int = 5) -> int:
    """The big article's copies in families, and small articles; returns the big article's id."""
    rng = random.Random(seed)
    article = [" ".join(rng.choice(WORDS) for _ in range(14)) + f" {n}." for n in range(SENTENCES)]
    made = 0
    with Store.open(path) as store:
        family = 0
        while made < copies:
            size = min(copies - made, rng.choice([1, 1, 2, 3, 5, 8, 20, 50, 80]))
            spin = [" ".join(rng.choice(WORDS) if rng.random() < 0.6 else w for w in s.split()) for s in article]
            altered = {1: Reason("number", "35,000", f"{30_000 + family % 7 * 1000:,}")} if family % 3 == 0 else {}
            for member in range(size):
                copy = [*spin[:-1], spin[-1] + f" Posted by site{member % 40} reader {member}."]
                original, variant, report = _report(article, copy, altered, rng.uniform(0.2, 0.95))
                site = f"net{family}-site{member % 40}.example"
                found = f"2026-0{1 + member % 9}-1{member % 10}T08:00:00Z"
                copied = VariantIn(text=variant, site=site, found=found, title=f"Copy {made}")
                store.add_pair(ArticleIn(text=original, title="The big story"), copied, report)
                made += 1
            family += 1
        big = store.variant(1).article.id
        for n in range(others):
            small = [f"Story {n} sentence {k} about {rng.choice(WORDS)}." for k in range(4)]
            for c in range(1 + n % 3):
                copy = [s.replace("sentence", "line") + f" ({c})" for s in small]
                original, variant, report = _report(small, copy, {}, rng.uniform(0.1, 0.9))
                copied = VariantIn(text=variant, site=f"s{c}.example", title=f"Story {n} copy {c}")
                store.add_pair(ArticleIn(text=original, title=f"Story {n}"), copied, report)
    return big


async def app_times(db: Path, article_id: int) -> dict[str, float]:
    """Key -> painted, for ``v``, ``enter`` on the article, and ``S``."""
    from textual import events

    from claimdesk.tui.app import ClaimdeskApp
    from claimdesk.tui.components.group_list import GroupList
    from claimdesk.tui.screens.spread import SpreadScreen

    app = ClaimdeskApp(db, "bench-families", cursor_blink=False)
    out: dict[str, float] = {}
    loop = asyncio.get_running_loop()

    async def timed(key: str, done) -> float:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
        while not done():
            await asyncio.sleep(0)
        painted: asyncio.Future[float] = loop.create_future()
        app.call_after_refresh(lambda: painted.done() or painted.set_result(time.perf_counter()))
        return await painted - started

    async with app.run_test(size=(160, 50)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if getattr(app.screen.query_one("InboxList"), "current", None) is not None:
                break
        groups = app.screen.query_one(GroupList)
        out["grouped first page"] = await timed("v", lambda: groups.article_at(0) is not None)
        index = 0
        while groups.article_at(index) is not None and groups.article_at(index).article_id != article_id:
            index += 1
        groups.cursor = index
        await pilot.pause()
        out["expand the article"] = await timed("enter", lambda: groups.expanded is not None)
        out["families listed"] = len(groups.expanded.families)  # type: ignore[union-attr]
        out["spread"] = await timed("S", lambda: isinstance(app.screen, SpreadScreen) and app.screen.spread is not None)
    return out


GROUPED_MARK = b"families)"  # an article row's "(N families)": only the grouped list draws it
FAMILY_MARK = "├".encode()  # a family row under the expanded article
SPREAD_MARK = b"altered/dropped"  # the spread's summary, drawn once the spread is read


def grouped_index(db: Path, article_id: int) -> int:
    """Where the article sits in the grouped listing (read from the store, page by page)."""
    with Store(db) as store:
        index, after = 0, None
        while True:
            page = store.article_groups_page(InboxQuery(), after=after, limit=500)
            for row in page.rows:
                if row.article_id == article_id:
                    return index
                index += 1
            if page.next is None:
                raise SystemExit(f"article {article_id} is not in the grouped listing")
            after = page.next


def terminal_times(db: Path, article_id: int, index: int) -> dict[str, float]:
    """One launch of the real command: each step's seconds, and the RSS in MB after them."""
    out: dict[str, float] = {}
    term = Terminal(db)
    try:
        flat = term.wait_for(CURSOR_MARK, timeout=60)
        out["launch -> flat inbox"] = flat - term.started
        since = len(term.output)
        term.send("v")
        grouped = term.wait_for(GROUPED_MARK, since, timeout=60)
        out["v -> grouped page"] = grouped - flat
        out["launch -> grouped page"] = grouped - term.started
        term.drain(0.5)
        term.send("j" * index)
        term.drain(0.5)
        since, sent = len(term.output), time.monotonic()
        term.send("\r")
        out["enter -> families"] = term.wait_for(FAMILY_MARK, since, timeout=60) - sent
        term.drain(0.5)
        since, sent = len(term.output), time.monotonic()
        term.send("S")
        out["S -> spread"] = term.wait_for(SPREAD_MARK, since, timeout=60) - sent
        term.drain(0.5)
        for keys in ("q", "G", "g", "\x1b[6~" * 10):  # back, end of the grouped list, top, pages
            term.send(keys)
            term.drain(0.7)
        out["rss MB"] = term.rss_mb()
    finally:
        term.close()
    return out


def report_terminal(db: Path, article_id: int, runs: int) -> None:
    index = grouped_index(db, article_id)
    results = [terminal_times(db, article_id, index) for _ in range(runs)]
    print(f"real claimdesk in a pty, {runs} launches, article #{article_id} at grouped line {index}:")
    for name in ("launch -> flat inbox", "v -> grouped page", "launch -> grouped page", "enter -> families",
                 "S -> spread"):  # fmt: skip
        values = [r[name] for r in results]
        print(f"  {name:<24} median {statistics.median(values) * 1000:5.0f} ms, max {max(values) * 1000:5.0f} ms")
    print(f"  RSS after browsing        max {max(r['rss MB'] for r in results):5.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build one)")
    parser.add_argument("--article", type=int, help="the article to expand (with --db)")
    parser.add_argument("--copies", type=int, default=5000)
    parser.add_argument("--others", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--terminal", action="store_true", help="time the real command in a pty instead of Pilot")
    args = parser.parse_args()
    if args.db is None:
        args.db = Path(tempfile.gettempdir()) / "claimdesk-family-tui-bench" / f"big{args.copies}.db"
        args.db.parent.mkdir(exist_ok=True)
        if not args.db.exists():
            print(f"building {args.copies:,} copies of one article and {args.others:,} small articles ...")
            started = time.perf_counter()
            args.article = build(args.db, args.copies, args.others)
            print(f"  built in {time.perf_counter() - started:.0f} s")
        else:
            args.article = 1
    if args.terminal:
        report_terminal(args.db, args.article, args.runs)
        return 0
    with Store(args.db) as store:
        copies = store.spread(args.article).copies
        families, spread = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            store.article_families(args.article)
            families.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.spread(args.article)
            spread.append(time.perf_counter() - started)
    print(f"article #{args.article}: {copies:,} copies")
    print(f"store article_families: median {statistics.median(families) * 1000:.0f} ms")
    print(f"store spread:           median {statistics.median(spread) * 1000:.0f} ms")
    runs = [asyncio.run(app_times(args.db, args.article)) for _ in range(args.runs)]
    print(f"families listed: {runs[0]['families listed']:.0f}")
    for name in ("grouped first page", "expand the article", "spread"):
        values = [r[name] for r in runs]
        print(f"app {name:<20} median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
