"""Copy families in the app: grouped inbox first paint, expanding a 5,000-copy article, its spread.

    .venv/bin/python bench/family_tui_bench.py                      # builds its own store
    .venv/bin/python bench/family_tui_bench.py --db BIG.db --article 17

Without ``--db`` it builds (once, in a temporary directory) one article with ``--copies`` copies in
families of 1 to 80 near copies, and ``--others`` articles of one to three copies each. Times are
measured in-process under Pilot, from the key to the refresh after the screen changed: ``v`` to
the grouped list's first page painted, ``enter`` on the big article to its families painted,
``S`` to its spread painted; and the store calls alone (``article_families``, ``spread``).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from claimdesk.claims import STATUSES, Claim, Reason, Report, Span, Summary
from claimdesk.store import ArticleIn, Store, VariantIn

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build one)")
    parser.add_argument("--article", type=int, help="the article to expand (with --db)")
    parser.add_argument("--copies", type=int, default=5000)
    parser.add_argument("--others", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
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
