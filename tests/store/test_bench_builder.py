"""The benchmark's store builder makes a store the real code reads like any other."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from claimdesk.store import ArticleIn, InboxQuery, Store, VariantIn

BENCH = Path(__file__).parents[2] / "bench" / "store_bench.py"


def test_built_store_is_complete_and_keeps_search_in_sync(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("store_bench", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = bench.build_store(tmp_path / "bench.db", 400)
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = store.counts()
        assert counts.total == 400 and 0 < counts.decided < 400
        first = store.inbox_page().rows[0]
        assert store.claims(first.id) and store.variant(first.id).scores.risk == first.risk
        assert store.inbox_count(InboxQuery(search=f"({first.id})")) >= 1
        store.add_pair(ArticleIn(text="A new article."), VariantIn(text="A zanzibar copy."))
        assert store.inbox_count(InboxQuery(search="zanzibar")) == 1
