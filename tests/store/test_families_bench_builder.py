"""The families benchmark's builder makes the families the real intake rule makes, in a store the
real code reads like any other."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from claimdesk.store import InboxQuery, Store
from claimdesk.store.family_rescore import recompute_article

BENCH = Path(__file__).parents[2] / "bench"


def test_built_families_are_the_ones_intake_would_make(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("families_bench", BENCH / "families_bench.py")
        assert spec and spec.loader
        bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench)
    finally:
        sys.path.remove(str(BENCH))
    path = bench.build(tmp_path / "bench.db", 1200, big=400, networks=2)
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.inbox_count() == 1200
        family = "SELECT variant_id, family_id FROM variant_families WHERE article_id = ? ORDER BY variant_id"
        built = {a: [tuple(r) for r in store.read(family, (a,))] for a in (1, 2, 3, 4)}
        for article_id in built:
            recompute_article(store, article_id)
            assert [tuple(r) for r in store.read(family, (article_id,))] == built[article_id], article_id
        rows = store.article_families(1)
        assert sum(row.members for row in rows) == store.spread(1).copies >= 400
        assert max(row.members for row in rows) == 2000 * 400 // 5000
        assert any(row.shared for row in rows if row.members > 1)  # a network's changed figure is shared
        groups = store.article_groups_page(InboxQuery(), None, 50)
        articles = store.read("SELECT count(*) FROM articles")[0][0]
        assert groups.rows and store.article_groups_count(InboxQuery()) == articles
