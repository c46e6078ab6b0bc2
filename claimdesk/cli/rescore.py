"""`claimdesk rescore`: score stored variants again after an engine change, or (``--families``)
recompute their copy families."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator

from claimdesk.cli.output import say

HELP = "re-score variants scored by an older engine (or --all), or recompute copy families (--families)"
PLAIN_STEPS = 10  # without a terminal, one progress line per tenth of the work


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--all, or --families."""
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="re-score every variant, not only stale ones")
    which.add_argument("--families", action="store_true", help="recompute the copy families of every variant")


@contextlib.contextmanager
def _progress(total: int, label: str = "rescore") -> Iterator[Callable[[], None]]:
    """A Rich bar on stderr when it is a terminal; otherwise plain "rescore N/TOTAL" lines a
    log can keep (a bar's redraws would fill it with carriage returns). ``label`` names the work."""
    if not total:
        yield lambda: None
        return
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(label, total=total)
            yield lambda: bar.advance(task)
        return
    done = 0
    step = max(1, -(-total // PLAIN_STEPS))

    def advance() -> None:
        nonlocal done
        done += 1
        if done % step == 0 or done == total:
            say(f"{label} {done}/{total}", err=True)

    yield advance


def run(args: argparse.Namespace) -> int:
    """Re-score one variant per transaction, so editors keep working meanwhile."""
    if args.families:
        return _families(args)
    from claimdesk.claims import ENGINE_VERSION
    from claimdesk.store import Store
    from claimdesk.store.rescore import rescore, stale

    with Store.open(args.db, create=False) as store:
        ids = stale(store, everything=args.all)
        with _progress(len(ids)) as advance:
            for variant_id in ids:
                rescore(store, variant_id)
                advance()
    say(f"rescored {len(ids)} with engine {ENGINE_VERSION}")
    return 0


def _families(args: argparse.Namespace) -> int:
    """Recompute families article by article, in short transactions."""
    from claimdesk.store import Store, stats
    from claimdesk.store.family_rescore import articles, recompute_article, total

    with Store.open(args.db, create=False) as store:
        with _progress(total(store), "families") as advance:
            done = sum(recompute_article(store, article_id, advance) for article_id in articles(store))
        counted = stats.families(store)
    say(f"families recomputed for {done} variants: {counted['families']} families, {counted['shared']} of two or more")
    return 0
