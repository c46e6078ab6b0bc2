"""The spread of a distortion on a hand-made article with ten copies, scored by the real engine."""

from __future__ import annotations

import pytest

from claimdesk.store import ArticleIn, NotFound, Store, VariantIn
from tests.store.family_texts import SENTENCES, SPINNER_A, SPINNER_B, repost, spin

ARTICLE = " ".join(SENTENCES[:5])
SPUN_A = spin(ARTICLE, SPINNER_A)
NETWORK = SPUN_A.replace("62 million", "68 million")  # one spun text with a changed figure, reposted
OTHER = spin(" ".join(SENTENCES[:4]), SPINNER_B).replace("62 million", "70 million")  # last sentence dropped


def ten_copies(store: Store) -> int:
    article = ArticleIn(text=ARTICLE, title="Tram line extended", url="https://news.example/tram")
    copies = [
        (repost(NETWORK, "copy.example"), "copy.example", "2026-03-03T08:00:00Z"),
        (repost(NETWORK, "spin.example"), "spin.example", "2026-03-01T08:00:00Z"),
        (repost(NETWORK, "mirror.example"), "mirror.example", "2026-03-02T08:00:00Z"),
        (OTHER, "other.example", "2026-03-04T08:00:00Z"),
        (OTHER + " Shared by readers.", "again.example", "2026-03-05T08:00:00Z"),
        (ARTICLE, "verbatim.example", "2026-03-06T08:00:00Z"),
        *((SPUN_A + f" Page {n}.", f"plain{n}.example", f"2026-03-0{n}T09:00:00Z") for n in range(1, 5)),
    ]
    ids = [
        store.add_pair(article, VariantIn(text=text, url=f"https://{site}/tram", found=found)).article_id
        for text, site, found in copies
    ]
    assert len(set(ids)) == 1
    return ids[0]


def test_spread_counts_each_article_claim_across_the_ten_copies(store: Store) -> None:
    spread = store.spread(ten_copies(store))
    assert spread.copies == 10
    counts = [(c.number, c.kept, c.reworded, c.altered, c.dropped) for c in spread.claims]
    assert counts == [(1, 1, 9, 0, 0), (2, 1, 4, 5, 0), (3, 1, 9, 0, 0), (4, 1, 9, 0, 0), (5, 1, 7, 0, 2)]
    article = store.article(spread.article_id).text
    assert [article[c.start : c.end] for c in spread.claims] == list(SENTENCES[:5])


def test_each_altered_value_has_its_count_and_earliest_copy(store: Store) -> None:
    claim = store.spread(ten_copies(store)).claims[1]
    values = [(v.kind, v.original, v.variant, v.count, v.earliest_site, v.earliest_found[:10]) for v in claim.values]
    assert values == [
        ("number", "62 million", "68 million", 3, "spin.example", "2026-03-01"),
        ("number", "62 million", "70 million", 2, "other.example", "2026-03-04"),
    ]
    assert all(not c.values for c in store.spread(1).claims if c.number != 2)


def test_a_copy_added_later_moves_the_counts(store: Store) -> None:
    article_id = ten_copies(store)
    store.add_pair(ArticleIn(text=ARTICLE), VariantIn(text=NETWORK, url="https://late.example/tram"))
    claim = store.spread(article_id).claims[1]
    assert (store.spread(article_id).copies, claim.altered, claim.values[0].count) == (11, 6, 4)


def test_an_unknown_article_is_not_found(store: Store) -> None:
    ten_copies(store)
    with pytest.raises(NotFound, match="no article 99"):
        store.spread(99)
