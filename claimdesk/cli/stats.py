"""`claimdesk stats`: counts by state, by current verdict and by editor, of conflicting variants and of families."""

from __future__ import annotations

import argparse

from claimdesk.cli.output import say, say_json

HELP = "counts of variants by state and verdict, and of verdicts by editor"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--json."""
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    """Print the three tables (or one JSON object)."""
    from claimdesk.store import Store, stats

    with Store.open(args.db, create=False) as store:
        report = {
            "state": stats.by_state(store),
            "verdict": stats.by_verdict(store),
            "editor": stats.by_editor(store),
            "conflicts": stats.conflicts(store),
            "families": stats.families(store),
        }
    if args.json:
        say_json(report)
        return 0
    say("variants by state")
    for name, n in report["state"].items():
        say(f"  {name:<12} {n:>9}")
    say("variants by current verdict")
    for name, n in report["verdict"].items() or [("(none)", 0)]:
        say(f"  {name:<12} {n:>9}")
    say(f"variants whose editors disagree {report['conflicts']:>5}")
    families = report["families"]
    say(
        f"copy families {families['families']:>9} ({families['shared']} of two or more, largest"
        f" {families['largest']}, {families['unassigned']} variants not yet assigned)"
    )
    say("verdicts by editor (variants, claims, undos)")
    for name, row in report["editor"].items():
        say(f"  {name:<20} {row['variants']:>7} {row['claims']:>7} {row['undos']:>7}")
    return 0
