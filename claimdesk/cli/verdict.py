"""`claimdesk verdict VARIANT_ID VERDICT`: record a verdict from a script, as the app does."""

from __future__ import annotations

import argparse

from claimdesk.arguments import positive_count
from claimdesk.cli.errors import UserError
from claimdesk.cli.output import say

HELP = "record a verdict on a variant (or one claim); `undo` retracts your latest one"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """VARIANT_ID VERDICT [--note] [--claim N] [--uid]."""
    parser.add_argument(
        "variant_id", type=positive_count, metavar="VARIANT_ID", help="the variant's id (see the inbox or export)"
    )
    parser.add_argument(
        "verdict",
        metavar="VERDICT",
        help="faithful, distorted, unrelated, escalated; with --claim: confirmed, dismissed; or undo",
    )
    parser.add_argument("--note", help="a note kept with the verdict")
    parser.add_argument(
        "--claim", type=positive_count, metavar="N", help="the claim's number (from 1) instead of the variant"
    )
    parser.add_argument("--uid", help="a client-made id: repeating a command with the same uid records it once")
    parser.add_argument(
        "--force", action="store_true", help="record it even while another editor has the variant open (leased)"
    )


def run(args: argparse.Namespace) -> int:
    """Record or undo; print the event id. A variant another editor holds is refused unless ``--force``."""
    from claimdesk.store import LeaseHeld, Store
    from claimdesk.store.verdicts import check_name

    variant_id = args.variant_id
    undo = args.verdict == "undo"
    if not undo:
        check_name(args.verdict, args.claim)  # before creating a store file for nothing
    with Store.open(args.db, create=False) as store:
        if undo:
            event = store.undo(variant_id, args.editor, uid=args.uid)
        else:
            try:
                event = store.record_verdict(
                    variant_id,
                    args.verdict,
                    args.editor,
                    claim=args.claim,
                    note=args.note,
                    uid=args.uid,
                    respect_lease=not args.force,
                )
            except LeaseHeld as exc:
                lease = exc.lease
                raise UserError(
                    f"variant {variant_id} is open in {lease.editor}'s review (lease until {lease.expires_at}):"
                    " nothing recorded; --force records it anyway"
                ) from None
    say(f"{event.verdict} {event.uid}")
    return 0
