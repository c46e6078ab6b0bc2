"""The readable report of `claimdesk score`: what an editor must look at first, in words.

Altered claims come first with each changed fact side by side, then added and dropped sentences;
kept and reworded claims are only counted, since they need no attention. Every piece of article
or variant text is cleaned of terminal controls and printed as ``rich.text.Text``, never markup.
Status is always a word ("ALTERED"), so the report reads the same without colour (piped output,
``NO_COLOR``). Rich only: this module must not import Textual.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TextIO

from rich.console import Console
from rich.text import Text

from claimdesk.claims import ENGINE_VERSION, Claim, Reason, Report, Span
from claimdesk.safe_text import clean

MAX_CHARS = 200  # of a sentence shown in the report; the editor opens the pair for the rest
INDENT = "    "

# Status -> (word, style). The word carries the meaning; the style only adds emphasis.
LOOK: dict[str, tuple[str, str]] = {
    "altered": ("ALTERED", "bold red"),
    "added": ("ADDED", "bold magenta"),
    "dropped": ("DROPPED", "bold yellow"),
    "reworded": ("reworded", ""),
    "kept": ("kept", "dim"),
}


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """One safe line of at most ``limit`` characters, white space collapsed, cut with an ellipsis."""
    line = " ".join(clean(text, keep_newlines=False).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class _Lines:
    """Line numbers of offsets in one text, so an editor can find a sentence in the file."""

    def __init__(self, text: str) -> None:
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def of(self, offset: int) -> int:
        return bisect_right(self._breaks, offset - 1) + 1


def _summary(report: Report) -> list[Text]:
    s = report.summary
    scores = (("fidelity", s.fidelity), ("coverage", s.coverage), ("spin", s.spin), ("risk", s.risk))
    head = Text.assemble(
        (f"claimdesk {ENGINE_VERSION}", "bold"), *(f"  {label} {value:.2f}" for label, value in scores)
    )
    counts = Text("claims: ")
    parts = []
    for status in ("altered", "added", "dropped", "reworded", "kept"):
        n = s.counts.get(status, 0)
        parts.append(Text(f"{n} {status}", style=LOOK[status][1] if n else ""))
    counts.append(Text(", ").join(parts))
    return [head, counts]


def _heading(status: str, n: int) -> Text:
    word, style = LOOK[status]
    return Text(f"{word} ({n})", style=style)


def _sentence(label: str, text: str, span: Span, lines: _Lines) -> Text:
    return Text.assemble(
        (f"{INDENT}{label} line {lines.of(span.start)}: ", "dim"), shorten(text[span.start : span.end])
    )


def _reason(reason: Reason) -> Text:
    return Text.assemble(
        (f"{INDENT}{reason.kind}: ", "bold"),
        (shorten(reason.original), "red") if reason.original else ("(none)", "dim"),
        " -> ",
        (shorten(reason.variant), "green") if reason.variant else ("(none)", "dim"),
    )


def _claim(claim: Claim, original: str, variant: str, o_lines: _Lines, v_lines: _Lines) -> list[Text]:
    word, style = LOOK[claim.status]
    head = Text.assemble((f"  {word}", style))
    if claim.status == "altered":
        head.append(f"  score {claim.score:.2f}")
    out = [head]
    out += [_reason(r) for r in claim.reasons]
    if claim.original is not None:
        out.append(_sentence("article", original, claim.original, o_lines))
    if claim.variant is not None:
        out.append(_sentence("variant", variant, claim.variant, v_lines))
    return out


def render(report: Report, original: str, variant: str) -> list[Text]:
    """The report as lines of plain text with styles: summary, altered, added, dropped, the rest."""
    o_lines, v_lines = _Lines(original), _Lines(variant)
    out = _summary(report)
    for status in ("altered", "added", "dropped"):
        claims = [c for c in report.claims if c.status == status]
        if not claims:
            continue
        out += [Text(), _heading(status, len(claims))]
        for claim in claims:
            out += _claim(claim, original, variant, o_lines, v_lines)
    counts = report.summary.counts
    out += [Text(), Text(f"unflagged: {counts.get('reworded', 0)} reworded, {counts.get('kept', 0)} kept", style="dim")]
    return out


def print_report(report: Report, original: str, variant: str, file: TextIO | None = None) -> None:
    """Print the readable report to ``file`` (stdout by default); colour only on a terminal."""
    console = Console(file=file, highlight=False, emoji=False, markup=False)
    # Piped output keeps one item per line (for grep and diff); a terminal wraps to its width.
    soft_wrap = not console.is_terminal
    for line in render(report, original, variant):
        console.print(line, soft_wrap=soft_wrap)
