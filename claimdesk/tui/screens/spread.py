"""The spread of a distortion: one article's claims against all its copies.

Opened from the review (or the grouped inbox) for the article on screen. The spread is read by
a worker with its own connection (an article with thousands of copies takes a moment), and
the screen shows "Reading the spread…" until it arrives. ``q`` or Esc goes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header

from claimdesk.store import Spread, Store, StoreError
from claimdesk.tui.components.info_bar import InfoBar
from claimdesk.tui.components.key_footer import KeyFooter
from claimdesk.tui.components.spread_text import LEGEND, blocks, summary
from claimdesk.tui.components.spread_view import SpreadView
from claimdesk.tui.components.styles import palette
from claimdesk.tui.keymap import SPREAD_BINDINGS, SPREAD_FOOTER

if TYPE_CHECKING:
    from claimdesk.tui.app import ClaimdeskApp


@dataclass
class SpreadRead(Message):
    """A worker read the article's spread and text (or failed: ``error``)."""

    spread: Spread | None
    text: str
    title: str | None
    error: str | None = None


class SpreadScreen(Screen[None]):
    """Per article claim: copies that keep, reword, alter, drop it; each altered value's count and
    earliest copy."""

    BINDINGS = SPREAD_BINDINGS
    FOOTER = SPREAD_FOOTER
    DEFAULT_CSS = """
    SpreadScreen #spread-info { height: 2; }
    """
    app: ClaimdeskApp

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.spread: Spread | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield InfoBar(id="spread-info")
        yield SpreadView(id="spread")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(SpreadView).focus()
        self.read_spread()

    @work(thread=True, group="spread", exclusive=True, exit_on_error=False)
    def read_spread(self) -> None:
        """Worker: the spread, and the article's text its claim offsets index into."""
        try:
            with Store(self.app.db_path) as store:
                spread = store.spread(self.article_id)
                article = store.article(self.article_id)
        except StoreError as exc:
            self.post_message(SpreadRead(None, "", None, error=str(exc)))
            return
        self.post_message(SpreadRead(spread, article.text, article.title))

    def on_spread_read(self, message: SpreadRead) -> None:
        view = self.query_one(SpreadView)
        if message.spread is None:
            view.say(f"The spread could not be read: {message.error}")
            return
        self.spread = message.spread
        head = summary(message.spread, message.title)
        head.append("\n")
        head.append_text(LEGEND)
        self.query_one(InfoBar).show(head)
        if not message.spread.claims:
            view.say("This article has no claims to follow.")
            return
        view.show(blocks(message.spread, message.text, palette(view)))

    # Keys ---------------------------------------------------------------------------------

    @property
    def view(self) -> SpreadView:
        """The scrolling body."""
        return self.query_one(SpreadView)

    def action_scroll_down(self) -> None:
        self.view.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.view.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.view.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.view.scroll_page_up(animate=False)

    def action_first(self) -> None:
        self.view.scroll_home(animate=False)

    def action_last(self) -> None:
        self.view.scroll_end(animate=False)

    def _jump(self, step: int) -> None:
        """To the next (previous) claim that some copy alters or drops."""
        found = self.view.changed_after(step)
        if found is None:
            where = "after" if step > 0 else "before"
            self.notify(f"No claim altered or dropped {where} this one.", markup=False, timeout=3)
        else:
            self.view.scroll_to_block(found)

    def action_next_changed(self) -> None:
        self._jump(1)

    def action_previous_changed(self) -> None:
        self._jump(-1)

    def action_help(self) -> None:
        from claimdesk.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("spread"))

    def action_back(self) -> None:
        self.dismiss()
