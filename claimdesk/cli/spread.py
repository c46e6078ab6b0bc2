"""`claimdesk spread ARTICLE_ID`: where each claim of an article was kept, altered or dropped across its
copies, and where each altered value first appeared. Never imports Textual."""

from __future__ import annotations

import argparse
import dataclasses

from claimdesk.cli.errors import UserError
from claimdesk.cli.output import say, say_json

HELP = "an article's claims against all its copies: kept, reworded, altered, dropped, and where each change began"
EXCERPT = 72  # characters of the article claim shown in the text report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """ARTICLE_ID [--json]."""
    parser.add_argument("article_id", metavar="ARTICLE_ID", help="the article's id (see export or the grouped inbox)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def article_id(value: str) -> int:
    """The id as a number, or one line saying why it is not one (a usage error would print two)."""
    from claimdesk.arguments import positive_count

    try:
        return positive_count(value)
    except argparse.ArgumentTypeError as exc:
        raise UserError(f"article id {exc}") from None


def _excerpt(text: str, start: int, end: int) -> str:
    claim = " ".join(text[start:end].split())
    return claim if len(claim) <= EXCERPT else claim[: EXCERPT - 1] + "…"


def run(args: argparse.Namespace) -> int:
    """Print the spread as a report, or as one JSON object with ``--json``."""
    from claimdesk.store import Store

    wanted = article_id(args.article_id)
    with Store.open(args.db, create=False) as store:
        spread = store.spread(wanted)
        article = store.article(wanted)
    if args.json:
        say_json({**dataclasses.asdict(spread), "title": article.title})
        return 0
    say(f"article {spread.article_id}: {article.title or '(untitled)'} ({spread.copies} copies)")
    for claim in spread.claims:
        say(
            f"claim {claim.number}: kept {claim.kept}, reworded {claim.reworded}, altered {claim.altered},"
            f" dropped {claim.dropped}"
        )
        say(f"  {_excerpt(article.text, claim.start, claim.end)}")
        for value in claim.values:
            where = f"first on {value.earliest_site or '(no site)'} {value.earliest_found[:10]}"
            copies = "copy" if value.count == 1 else "copies"
            say(f"    {value.kind}: {value.original} → {value.variant}  {value.count} {copies}, {where}")
    return 0
