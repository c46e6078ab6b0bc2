"""The lines above the review panes, as plain ``Text``: what the variant is, where it is, how it scored.

Three lines, each cut at the terminal's edge by the info bar: the title with the verdict or the
lease, then where to act (the copy's URL and found date, the article's title, URL and published
date, one compact line at 80 columns), then the counts and scores. A page that copies next to
nothing of its article says first that it is likely not a copy at all.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from claimdesk.safe_text import clean
from claimdesk.store import VariantDetail
from claimdesk.tui.components.styles import ALERT, DIM, MISMATCH_WORD, STATE_GLYPH


def _one_line(value: str | None) -> str:
    return clean(value or "", keep_newlines=False).strip()


def short_url(url: str | None) -> str:
    """A URL without its scheme (``https://``): the part an editor reads."""
    url = _one_line(url)
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return url[len(scheme) :]
    return url


def day(stamp: str | None) -> str:
    """The date part of an ISO stamp (``2026-03-01``), ``?`` when unknown."""
    return _one_line(stamp)[:10] or "?"


URL_CELLS = 36  # a longer URL is shown with its middle cut out (y copies it whole)


def squeeze(value: str, cells: int) -> str:
    """``value`` in at most ``cells`` characters, its middle replaced by "…" (ends are telling)."""
    if len(value) <= cells:
        return value
    head = (cells - 1) * 2 // 3
    return value[:head] + "…" + value[len(value) - (cells - 1 - head) :]


def context_line(detail: VariantDetail) -> Text:
    """``found 2026-03-01 site1.example/copy/1 │ of “Story 1” pub 2026-02-27 news.example/1``:
    dates first (short, and cut last at 80 columns), then where to go."""
    text = Text("found ", DIM)
    text.append(day(detail.found_at or detail.created_at) + " ")
    text.append(squeeze(short_url(detail.url) or _one_line(detail.site) or "(no URL)", URL_CELLS))
    article = detail.article
    text.append(" │ of ", DIM)
    text.append("“" + squeeze(_one_line(article.title) or "untitled", URL_CELLS) + "”")
    text.append(" pub ", DIM)
    text.append(day(article.published) + " ")
    text.append(squeeze(short_url(article.url) or "(no URL)", URL_CELLS))
    return text


def title_line(detail: VariantDetail, read_only: str | None, note: str | None, label: Callable[[str], str]) -> Text:
    """Title, id, site, then why verdict keys are off (``read_only``) or the current verdict, and
    the pending note."""
    text = Text(_one_line(detail.title) or "(untitled)", style="bold")
    text.append(f"  #{detail.id}  " + _one_line(detail.site), DIM)
    text.append("  ")
    if read_only:
        text.append(f"READ-ONLY: {_one_line(read_only)}", ALERT)
    else:
        verdict = detail.verdict
        text.append("verdict: " + (label(verdict.verdict) if verdict else "none"), "bold")
        text.append(f" by {_one_line(verdict.editor)}" if verdict else "")
    if note:
        text.append("  note: " + _one_line(note), DIM)
    return text


def scores_line(detail: VariantDetail) -> Text:
    """Counts and scores; a likely mismatch (coverage near 0) says so first, loudly."""
    scores, counts = detail.scores, detail.scores.counts
    text = Text()
    if detail.mismatch:
        text.append(f"{STATE_GLYPH['mismatch']} {MISMATCH_WORD.upper()} not a copy of this article", ALERT)
        text.append(" │ ")
    text.append(
        f"!{counts.get('altered', 0)} altered -{counts.get('dropped', 0)} dropped "
        f"+{counts.get('added', 0)} added │ risk {scores.risk:.2f} fidelity {scores.fidelity:.2f} "
        f"coverage {scores.coverage:.2f} spin {scores.spin:.2f}"
    )
    return text
