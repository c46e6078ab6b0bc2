"""Fixtures for the app tests: a real store file in tmp_path, filled through the store's intake.

Reports are written by hand (``add_pair(..., report=...)``) so what the screens show does not
shift when the engine improves; the store, its queries and the app are all real.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.css.query import NoMatches

from claimdesk.claims import STATUSES, Claim, Reason, Report, Span, Summary
from claimdesk.store import ArticleIn, Store, VariantIn
from claimdesk.tui.app import ClaimdeskApp, Colours
from claimdesk.tui.keymap import Config

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Line:
    """One claim of a hand-made pair: the article sentence, the variant sentence, or both."""

    status: str
    original: str | None
    variant: str | None
    reasons: tuple[Reason, ...] = ()
    score: float = 0.9


def build(lines: Sequence[Line], risk: float, coverage: float = 0.9) -> tuple[str, str, Report]:
    """Both texts and the report whose spans index into them."""
    original, variant, claims = "", "", []
    for line in lines:
        o = v = None
        if line.original is not None:
            if original:
                original += " "
            o = Span(len(original), len(original) + len(line.original))
            original += line.original
        if line.variant is not None:
            if variant:
                variant += " "
            v = Span(len(variant), len(variant) + len(line.variant))
            variant += line.variant
        claims.append(Claim(line.status, line.score, o, v, line.reasons))  # type: ignore[arg-type]
    counts = {s: sum(c.status == s for c in claims) for s in STATUSES}
    return original, variant, Report(Summary(1 - risk, coverage, 0.3, risk, counts), tuple(claims))


STORY = (
    Line(
        "reworded",
        "The council approved a budget of 48 million on Tuesday.",
        "A council authorised a budget of 48 million on Tue.",
    ),
    Line(
        "altered",
        "The plan protects 35,000 jobs, the mayor said.",
        "The plan protects 30,000 jobs, the mayor pronounced.",
        (Reason("number", "35,000", "30,000"),),
        0.35,
    ),
    Line("dropped", "The paper is owned by a local trust.", None, score=0.0),
    Line("kept", "Libraries will stay open.", "Libraries will stay open.", score=1.0),
    Line("added", None, "Residents wish jobs; the mayor wants to broach them.", score=0.0),
)


def add(
    store: Store,
    n: int,
    *,
    risk: float,
    title: str | None = None,
    lines: Sequence[Line] = STORY,
    coverage: float = 0.9,
) -> int:
    """Add variant ``n`` (its own article) and return its id."""
    original, variant, report = build(lines, risk, coverage)
    article = ArticleIn(text=f"{original} Story {n}.", url=f"https://news.example/{n}", title=f"Story {n}")
    copy = VariantIn(
        text=variant,
        url=f"https://site{n % 3}.example/copy/{n}",
        title=title or f"Copied story number {n}",
        found=f"2026-03-0{1 + n % 2}T0{n % 10}:00:00Z",
    )
    return store.add_pair(article, copy, report).variant_id


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store with six variants, risk falling with the number (so inbox order is 1..6)."""
    path = tmp_path / "desk.db"
    with Store.open(path) as store:
        for n in range(1, 7):
            add(store, n, risk=1 - n / 10)
    return path


@pytest.fixture
def make_app() -> Callable[..., ClaimdeskApp]:
    """An app with a fixed clock, no cursor blink and a quick poll."""

    def make(
        path: Path, editor: str = "ana", config: Config | None = None, colours: Colours | None = None, **options: object
    ) -> ClaimdeskApp:
        # Full colour unless a test asks otherwise: the test runner's terminal must not decide.
        colours = colours or ("none" if "NO_COLOR" in os.environ else "full")
        options = {"poll_seconds": 0.1, **options}
        return ClaimdeskApp(
            path,
            editor,
            config=config,
            now=lambda: NOW,
            cursor_blink=False,
            colours=colours,
            **options,  # type: ignore[arg-type]
        )

    return make


async def until(pilot, condition: Callable[[], object], what: str = "condition", tries: int = 200) -> None:
    """Let the app run until ``condition()`` holds (workers and polls finish on their own time)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def ready(pilot) -> None:
    """Wait until the inbox has painted its first page and the status line its totals."""
    await until(pilot, lambda: _inbox_ready(pilot.app), "the inbox")
    await pilot.pause()


async def settled(pilot) -> None:
    """Wait until the review screen has painted its variant and no store job is pending."""
    from claimdesk.tui.screens.review import ReviewScreen

    def done() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, ReviewScreen) and screen.painted and not screen.busy

    await until(pilot, done, "the review to settle")


def banner(app) -> str:
    """The review's banner line as plain text ("" while hidden)."""
    from claimdesk.tui.components.review_banner import ReviewBanner

    line = app.screen.query_one(ReviewBanner)
    return line.text.plain if line.display else ""


def feedback(app) -> str:
    """The review's feedback line: what the last key did (or why it did nothing)."""
    from claimdesk.tui.components.review_status import ReviewStatus

    return app.screen.query_one(ReviewStatus).message


def inbox(app):
    """The inbox list of the app's current screen (raises NoMatches on another screen)."""
    from claimdesk.tui.components.inbox_list import InboxList

    return app.screen.query_one(InboxList)


def _inbox_ready(app) -> bool:
    try:
        listing = inbox(app)
    except NoMatches:
        return False
    return listing.total > 0 and listing.current is not None and app.screen.totals is not None


def screen_text(app) -> str:
    """What the terminal shows now, as plain lines (no styles)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def verdict_rows(path: Path) -> list[tuple]:
    """Every verdict event as (variant_id, claim, verdict, editor, note), in order."""
    with Store(path) as store:
        rows = store.read("SELECT variant_id, claim, verdict, editor, note FROM verdicts ORDER BY id")
    return [tuple(r) for r in rows]
