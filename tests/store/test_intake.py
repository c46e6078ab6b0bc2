"""Adding pairs: shared articles, skipped duplicates, claims and scores stored as the engine gave them."""

from __future__ import annotations

import json

from claimdesk.claims import ENGINE_VERSION, Claim, Reason, Report, Span, Summary, score_pair
from claimdesk.store import ArticleIn, InboxQuery, Store, VariantIn
from tests.store.conftest import article_text, variant_text


def test_pair_is_stored_with_engine_scores_and_claims(store: Store) -> None:
    original, copy = article_text(1), variant_text(1)
    added = store.add_pair(ArticleIn(text=original, title="T"), VariantIn(text=copy, url="https://www.spin.example/a"))
    assert added.added
    report = score_pair(original, copy)
    detail = store.variant(added.variant_id)
    assert detail.site == "spin.example"
    assert detail.scores.risk == report.summary.risk
    assert detail.scores.fidelity == report.summary.fidelity
    assert detail.scores.counts == {k: report.summary.counts.get(k, 0) for k in detail.scores.counts}
    assert detail.scores.engine == ENGINE_VERSION
    stored = store.claims(added.variant_id)
    assert [c.number for c in stored] == list(range(1, len(report.claims) + 1))
    assert tuple(c.claim for c in stored) == report.claims


def test_articles_are_shared_by_content_and_duplicates_skipped(store: Store) -> None:
    article = ArticleIn(text=article_text(2), url="https://news.example/2")
    first = store.add_pair(article, VariantIn(text=variant_text(2)))
    second = store.add_pair(ArticleIn(text=article_text(2)), VariantIn(text=variant_text(3)))
    again = store.add_pair(article, VariantIn(text=variant_text(2)))
    assert first.added and second.added and not again.added
    assert first.article_id == second.article_id == again.article_id
    assert again.variant_id == first.variant_id
    assert store.counts().total == 2


def test_same_url_for_the_same_article_is_skipped(store: Store) -> None:
    article = ArticleIn(text=article_text(4))
    assert store.add_pair(article, VariantIn(text=variant_text(4), url="https://copy.example/x")).added
    assert not store.add_pair(article, VariantIn(text=variant_text(5), url="https://copy.example/x")).added


def test_find_article_by_url(store: Store) -> None:
    store.add_pair(ArticleIn(text=article_text(6), url="https://news.example/6", title="Six"), VariantIn(text="Copy."))
    found = store.find_article_by_url("https://news.example/6")
    assert found is not None and found.title == "Six" and found.text == article_text(6)
    assert store.find_article_by_url("https://news.example/none") is None


def test_feed_state_and_seen_entries(store: Store) -> None:
    feed = "https://feeds.example/rss"
    assert store.feed_state(feed) is None
    store.save_feed_state(feed, '"abc"', "Mon, 02 Mar 2026 10:00:00 GMT")
    state = store.feed_state(feed)
    assert state is not None and state.etag == '"abc"' and state.last_modified.startswith("Mon")
    assert store.unseen_entries(feed, ["a", "b", "a"]) == ["a", "b"]
    store.mark_entries_seen(feed, ["a"])
    store.mark_entries_seen(feed, ["a"])
    assert store.unseen_entries(feed, ["a", "b"]) == ["b"]
    assert store.unseen_entries("https://other.example", ["a"]) == ["a"]


def test_claims_without_a_side_and_with_reasons_come_back_as_given(store: Store) -> None:
    """The claims row round trip for what a scored text may not contain: missing spans, non-ASCII reasons."""
    claims = (
        Claim("dropped", 0.0, Span(0, 12), None),
        Claim("added", 0.0, None, Span(0, 9)),
        Claim("altered", 0.41, Span(13, 30), Span(10, 25), (Reason("number", "£4.5 mn", "£4.5 tn"),)),
    )
    report = Report(Summary(0.5, 0.6, 0.3, 0.7, {"dropped": 1, "added": 1, "altered": 1}), claims)
    added = store.add_pair(
        ArticleIn(text="Original one. It cost £4.5 mn."), VariantIn(text="New line. It cost £4.5 tn."), report
    )
    assert tuple(c.claim for c in store.claims(added.variant_id)) == claims
    row = store.read_one("SELECT reasons FROM claims WHERE variant_id = ? AND number = 3", (added.variant_id,))
    assert json.loads(row["reasons"]) == [{"kind": "number", "original": "£4.5 mn", "variant": "£4.5 tn"}]
    assert "£" in row["reasons"]  # stored as text, not \u escapes


def test_texts_outside_ascii_are_stored_as_text_and_found_by_search(store: Store) -> None:
    """Intake binds a non-ASCII text as UTF-8 bytes cast to TEXT (a bound str caches its own
    UTF-8 copy): the stored value must still be text, equal to what was given, and indexed."""
    original = "Der Bürgermeister sagte, die Brücke in Zürich koste 4,5 Mio. Euro. Ça coûte “cher”."
    copy = "Der Bürgermeister erklärte, die Brücke in Zürich koste 4,5 Mio. Euro. Ça coûte “cher”."
    added = store.add_pair(ArticleIn(text=original, title="Zürich"), VariantIn(text=copy, title="Brücke"))
    types = store.conn.execute(
        "SELECT typeof(a.text), typeof(v.text) FROM variants v JOIN articles a ON a.id = v.article_id"
    ).fetchall()
    assert [tuple(row) for row in types] == [("text", "text")]
    assert store.variant(added.variant_id).text == copy
    assert store.article(added.article_id).text == original
    assert [r.id for r in store.inbox_page(InboxQuery(search="erklärte")).rows] == [added.variant_id]
