"""A hand-made article with ten copies, in families, for the grouped inbox, family verdict and
spread tests.

The harbour article has six claims. Its copies: four near copies of one spin posted on four sites
(the "spinwire" network: 35,000 -> 30,000, the trust sentence dropped), three near copies of
another spin (the "echo" network: 35,000 -> 25,000 and 48 million -> 84 million), one copy of the
article word for word, and two spins of their own (one turns June into July). Near copies differ
by a sign-off line only, so the store's MinHash puts each network in one family; the spins are
far apart, so they do not join. Reports are written by hand so the counts are known exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimdesk.claims import Reason
from claimdesk.store import ArticleIn, Store, VariantIn
from tests.tui.conftest import Line, add, build

ARTICLE = (
    "The harbour council approved a budget of 48 million on Tuesday after a long debate.",
    "The expansion protects 35,000 jobs across the region, the mayor said.",
    "Work on the new berths starts in June and lasts five years.",
    "The harbour is owned by a local trust founded in 1921.",
    "Fishermen welcomed the plan at a crowded meeting in the old town hall.",
    "Libraries and schools near the quay will stay open during the works.",
)

SPINWIRE = (
    ("reworded", "A harbour assembly authorised a budget of 48 million on Tue following a lengthy argument."),
    ("altered", "The enlargement shields 30,000 jobs throughout the area, the mayor pronounced."),
    ("reworded", "Labour on the fresh berths begins in June and endures five years."),
    ("dropped", None),
    ("reworded", "Anglers greeted the scheme at a packed gathering in the aged city hall."),
    ("reworded", "Libraries and academies close to the wharf will remain open throughout the works."),
)
ECHO = (
    ("altered", "Councillors passed an 84 million harbour budget on Tuesday, ending a long row."),
    ("altered", "According to the mayor, 25,000 regional jobs are safe thanks to the expansion."),
    ("reworded", "Berth construction begins this June and will run for five years."),
    ("reworded", "A local trust, set up in 1921, owns the harbour."),
    ("reworded", "At a busy meeting in the old town hall, fishermen cheered the plan."),
    ("dropped", None),
)
LONER_JULY = (
    ("reworded", "Budget of 48 million approved by the harbour council Tuesday, after much debate."),
    ("reworded", "The mayor says the expansion keeps 35,000 jobs in the region safe."),
    ("altered", "Building of the berths is due to start in July, taking five years."),
    ("reworded", "Owner of the harbour: a local trust dating from 1921."),
    ("dropped", None),
    ("dropped", None),
)
LONER_KIND = (
    ("reworded", "On Tuesday, following long debate, the council for the harbour okayed 48 million."),
    ("reworded", "Some 35,000 jobs around the region are protected, said the mayor."),
    ("dropped", None),
    ("dropped", None),
    ("reworded", "The plan won praise from fishermen who packed the old town hall."),
    ("reworded", "Nearby libraries and schools stay open while work goes on."),
)

REASONS = {
    "30,000": Reason("number", "35,000", "30,000"),
    "25,000": Reason("number", "35,000", "25,000"),
    "84 million": Reason("number", "48 million", "84 million"),
    "July": Reason("date", "June", "July"),
}


def _lines(spin, sign_off: str) -> list[Line]:
    lines = []
    for original, (status, copied) in zip(ARTICLE, spin, strict=True):
        reasons = tuple(reason for value, reason in REASONS.items() if copied and value in copied)
        score = 0.3 if status == "altered" else 0.0 if status == "dropped" else 0.8
        lines.append(Line(status, original, copied, reasons, score))
    lines.append(Line("added", None, sign_off, score=0.0))
    return lines


@dataclass(frozen=True)
class Harbour:
    """Ids in the store built by :func:`harbour_store`."""

    article_id: int
    spinwire: tuple[int, ...]  # the four-copy family, riskiest first
    echo: tuple[int, ...]
    verbatim: int
    loners: tuple[int, ...]
    others: tuple[int, ...]  # copies of other articles, one each


SPINWIRE_SITES = ("spinwire.example", "newsfarm.example", "dailyclone.example", "quickpost.example")
ECHO_SITES = ("echo-one.example", "echo-two.example", "echo-three.example")


def _copy(store: Store, lines: list[Line], risk: float, site: str, found: str, title: str) -> int:
    original, variant, report = build(lines, risk)
    article = ArticleIn(text=original, url="https://harbour-news.example/budget", title="Harbour budget approved")
    copy = VariantIn(text=variant, url=f"https://{site}/harbour", title=title, site=site, found=found)
    return store.add_pair(article, copy, report).variant_id


def harbour_store(path: Path, *, others: int = 3) -> Harbour:
    """The harbour article's ten copies, and ``others`` articles with one copy each."""
    with Store.open(path) as store:
        spinwire = tuple(
            _copy(
                store,
                _lines(SPINWIRE, f"Shared by {site} readers."),
                0.9 - i / 100,
                site,
                f"2026-03-0{i + 1}T08:00:00Z",
                "Harbour assembly authorises budget",
            )
            for i, site in enumerate(SPINWIRE_SITES)
        )
        echo = tuple(
            _copy(
                store,
                _lines(ECHO, f"Posted on {site} today."),
                0.8 - i / 100,
                site,
                f"2026-02-2{i + 5}T09:00:00Z",
                "Councillors pass harbour budget",
            )
            for i, site in enumerate(ECHO_SITES)
        )
        kept = [Line("kept", sentence, sentence, score=1.0) for sentence in ARTICLE]
        original, _variant, report = build(kept, 0.05)
        verbatim = store.add_pair(
            ArticleIn(text=original, url="https://harbour-news.example/budget", title="Harbour budget approved"),
            VariantIn(
                text=original,
                url="https://mirror.example/harbour",
                site="mirror.example",
                found="2026-02-24T07:00:00Z",
                title="Harbour budget approved",
            ),
            report,
        ).variant_id
        loners = (
            _copy(
                store,
                _lines(LONER_JULY, "Read more local news."),
                0.6,
                "lonely.example",
                "2026-03-03T10:00:00Z",
                "Harbour berths to start in July",
            ),
            _copy(
                store,
                _lines(LONER_KIND, "Thanks for reading."),
                0.4,
                "kindly.example",
                "2026-03-04T10:00:00Z",
                "Fishermen praise harbour plan",
            ),
        )
        rest = tuple(add(store, n, risk=0.5 - n / 100) for n in range(1, others + 1))
        article_id = store.variant(spinwire[0]).article.id
    return Harbour(article_id, spinwire, echo, verbatim, loners, rest)
