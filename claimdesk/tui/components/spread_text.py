"""The spread of an article as plain ``Text`` blocks, one per article claim: which copies keep,
reword, alter or drop it, and each distinct altered value with its count and earliest copy.

Pure functions over the store's ``Spread`` record: no widget, no store. Every count carries its
word and glyph (``! ALTERED 3``), so the view reads the same without colour; stored text (the
claim's sentence, the altered values, site names) is cleaned and appended as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from claimdesk.safe_text import clean
from claimdesk.store import Spread, SpreadClaim
from claimdesk.tui.components.review_context import day, squeeze
from claimdesk.tui.components.styles import DIM, PLAIN, STATUS_MARK, Palette

VALUE_CELLS = 28  # an altered value longer than this shows with its middle cut out
SITE_CELLS = 30
_COUNTED = ("kept", "reworded", "altered", "dropped")


@dataclass(frozen=True)
class Block:
    """One claim's lines; ``changed`` when some copy alters or drops it (what ``tab`` goes to)."""

    number: int
    lines: tuple[Text, ...]
    changed: bool


def _one_line(value: str | None) -> str:
    return clean(value or "", keep_newlines=False).strip()


def _counts(claim: SpreadClaim, palette: Palette) -> Text:
    text = Text("  ")
    for status in _COUNTED:
        glyph, word = STATUS_MARK[status]
        count = getattr(claim, status)
        style = palette.status[status] if count else DIM
        text.append(f"{glyph} {word} {count}", style)
        text.append("  ")
    return text


def _value_line(value, palette: Palette) -> Text:  # value: store AlteredValue
    copies = "copy" if value.count == 1 else "copies"
    text = Text("    ")
    text.append(f"{STATUS_MARK['altered'][0]} {_one_line(value.kind)} ", palette.status["altered"])
    text.append(squeeze(_one_line(value.original) or "—", VALUE_CELLS))
    text.append(" → ", DIM)
    text.append(squeeze(_one_line(value.variant) or "—", VALUE_CELLS), palette.fact)
    text.append(f"  {value.count:,} {copies}", Style(bold=True))
    text.append("  first ", DIM)
    text.append(day(value.earliest_found) + " ")
    text.append(squeeze(_one_line(value.earliest_site) or "(no site)", SITE_CELLS))
    return text


def claim_block(claim: SpreadClaim, article_text: str, palette: Palette = PLAIN) -> Block:
    """The lines of one article claim: its number and sentence, the counts, the altered values."""
    sentence = _one_line(article_text[claim.start : claim.end]) or "(no text)"
    head = Text(f"Claim {claim.number} ", Style(bold=True))
    head.append("“" + sentence + "”")
    values = sorted(claim.values, key=lambda v: (-v.count, v.earliest_found or "", v.variant or ""))
    lines = [head, _counts(claim, palette), *(_value_line(v, palette) for v in values)]
    return Block(claim.number, tuple(lines), bool(claim.altered or claim.dropped))


def summary(spread: Spread, title: str | None) -> Text:
    """``Spread “Title” #3: 10 copies · 6 claims, 2 altered/dropped`` (in some copy)."""
    changed = sum(1 for c in spread.claims if c.altered or c.dropped)
    text = Text("Spread ", Style(bold=True))
    text.append("“" + squeeze(_one_line(title) or "untitled", 40) + "”", Style(bold=True))
    copies = "copy" if spread.copies == 1 else "copies"
    claims = "claim" if len(spread.claims) == 1 else "claims"
    text.append(f" #{spread.article_id}: {spread.copies:,} {copies} · {len(spread.claims):,} {claims}, ")
    text.append(f"{changed:,} altered/dropped")
    return text


LEGEND = Text.assemble(
    ("copies per claim: ", DIM),
    "keep/reword/alter/drop",
    (" · altered values: ", DIM),
    "copies, first seen",
)


def blocks(spread: Spread, article_text: str, palette: Palette = PLAIN) -> list[Block]:
    """Every article claim's block, in article order."""
    return [claim_block(c, article_text, palette) for c in sorted(spread.claims, key=lambda c: c.number)]
