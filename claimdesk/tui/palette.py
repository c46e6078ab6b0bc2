"""The app's own commands in Textual's command palette (``ctrl+p``): sort, filter, group by article
and family, go to a variant by id, move between flags, act on a copy's URL, the article's spread,
export the current listing.

Each command calls the same screen method as its key, so the palette never does something a
key would do differently. Which commands show depends on the screen the palette was opened on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

_SORT_WORDS = {"risk": "risk", "time": "found date", "site": "site (A to Z)", "altered": "altered claims"}
_STATE_WORDS = {None: "every state", "new": "new", "held": "held", "decided": "decided"}
_VARIANT_ID = re.compile(r"#?(\d{1,18})\b")

Command = tuple[str, str, Callable[[], object]]


def _inbox_commands(inbox) -> Iterator[Command]:
    query = inbox.inbox.query
    for sort, word in _SORT_WORDS.items():
        yield f"Sort by {word}", "Order the inbox listing", partial(inbox.show_listing, replace(query, sort=sort))
    for state, word in _STATE_WORDS.items():
        yield f"Show {word}", "Filter the inbox by state", partial(inbox.show_listing, replace(query, state=state))
    if inbox.grouped:
        yield "Flat list of variants", "Every variant on its own line (v)", partial(inbox.set_grouped, False)
    else:
        yield (
            "Group by article and family",
            "One line per article, its families under it (v)",
            partial(inbox.set_grouped, True),
        )
    yield "Export the current listing", "Write the rows of this listing to a CSV file", inbox.export_listing


def _review_commands(review) -> Iterator[Command]:
    yield "Next flagged claim", "Go to the next altered, dropped or added claim", review.action_next_flag
    yield "Previous flagged claim", "Go back to the previous flagged claim", review.action_previous_flag
    yield "Copy the variant's URL", "To the clipboard (OSC 52, works over SSH)", review.action_copy_url
    yield "Open the variant's URL", "In a graphical browser, if there is one", review.action_open_url
    yield (
        "Spread of this article",
        "Its claims against all its copies: kept, altered, dropped (S)",
        review.action_spread,
    )


class DeskCommands(Provider):
    """Commands for the inbox and review screens, plus "go to variant #N" for any number typed."""

    def _commands(self) -> list[Command]:
        from claimdesk.tui.screens.inbox import InboxScreen
        from claimdesk.tui.screens.review import ReviewScreen

        screen = self.screen
        if isinstance(screen, InboxScreen):
            return list(_inbox_commands(screen))
        if isinstance(screen, ReviewScreen):
            return list(_review_commands(screen))
        return []

    def _go_to(self, variant_id: int) -> None:
        go = getattr(self.screen, "go_to_variant", None)
        if go is not None:
            go(variant_id)

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        number = _VARIANT_ID.search(query)
        if number and hasattr(self.screen, "go_to_variant"):
            variant_id = int(number.group(1))
            yield Hit(1.0, f"Go to variant #{variant_id}", partial(self._go_to, variant_id), help="Open it for review")
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_text)
