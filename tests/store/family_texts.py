"""Texts for the family tests: one fictional article, two spinners' rewordings of it, and reposts.

Written for these tests (never taken from elsewhere). A spinner swaps words through its own table,
so two spinners' copies share few 3-word runs; a network reposts one spun text on many sites, each
with its own headline line and footer, so its copies share nearly all of them.
"""

from __future__ import annotations

import re

SENTENCES = (
    "The city council of Varnholm voted on Thursday to extend the harbour tram line by 4 kilometres.",
    "Mayor Elsa Lindqvist said the extension would cost 62 million crowns and open in 2029.",
    "The new line will add six stops between the ferry terminal and the northern housing estates.",
    "Engineers from the regional transport office expect about 9,000 passengers on a normal weekday.",
    "Shop owners on Kanalgatan had asked for the tram for more than ten years, the mayor said.",
    "Two members of the opposition voted against the plan, citing the rising cost of steel.",
    "Construction is due to start next spring and will close parts of the coastal road for months.",
    "The council promised that buses would replace the closed sections while the work goes on.",
    "A public meeting about the route will be held in the old library on the first of March.",
    "Residents can also send written comments to the transport office until the end of April.",
    "The government in the capital has agreed to pay a third of the total bill, officials said.",
    "Local cyclists welcomed the decision but asked for a protected bike lane along the tracks.",
)
ARTICLE = " ".join(SENTENCES)

# Each spinner's table of swaps (whole words, case kept for the first letter).
SPINNER_A = {
    "city": "town", "voted": "decided", "extend": "lengthen", "said": "stated", "would": "will",
    "new": "fresh", "add": "include", "between": "amid", "expect": "anticipate", "about": "roughly",
    "normal": "typical", "had": "have", "asked": "requested", "more": "over", "members": "councillors",
    "against": "versus", "citing": "mentioning", "rising": "growing", "start": "begin", "close": "shut",
    "parts": "sections", "promised": "pledged", "replace": "stand in for", "held": "staged", "old": "former",
    "send": "submit", "written": "penned", "until": "till", "agreed": "consented", "total": "whole",
    "welcomed": "praised", "decision": "choice", "protected": "sheltered", "along": "beside",
}  # fmt: skip
SPINNER_B = {
    "city": "municipal", "council": "assembly", "voted": "chose", "harbour": "port", "tram": "streetcar",
    "line": "route", "said": "declared", "extension": "expansion", "cost": "price", "open": "launch",
    "stops": "stations", "ferry": "boat", "northern": "north", "engineers": "technicians",
    "passengers": "riders", "weekday": "workday", "shop": "store", "owners": "proprietors",
    "opposition": "minority", "plan": "scheme", "steel": "metal", "construction": "building",
    "next": "coming", "coastal": "seaside", "road": "highway", "months": "many weeks", "buses": "coaches",
    "work": "job", "public": "open", "meeting": "gathering", "route": "path", "residents": "locals",
    "comments": "remarks", "government": "state", "capital": "capital city", "bill": "tab",
    "officials": "authorities", "cyclists": "bikers", "bike": "cycle", "tracks": "rails",
}  # fmt: skip


def spin(text: str, table: dict[str, str]) -> str:
    """``text`` with every word in ``table`` swapped, as a spinner does."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        new = table.get(word.lower())
        if new is None:
            return word
        return new[0].upper() + new[1:] if word[0].isupper() else new

    return re.sub(r"[A-Za-z]+", swap, text)


def repost(text: str, site: str) -> str:
    """One network post: the spun text under the site's own headline line and over its footer."""
    return f"{site.split('.')[0].title()} News Desk. {text} Read more stories like this on {site} every day."


def mixed(first: str, second: str, taken: int) -> str:
    """``first``'s sentences with the last ``taken`` of them from ``second`` instead (same sentence
    count): a copy partway between two texts, to put a pair on either side of the threshold."""
    a, b = re.split(r"(?<=\.) ", first), re.split(r"(?<=\.) ", second)
    assert len(a) == len(b)
    return " ".join(a[: len(a) - taken] + b[len(b) - taken :])
