"""Copy families at intake: near copies join, spins do not, the threshold holds on both sides,
exact copies of the article keep to their own family, and the lookup is an index seek."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.store import ArticleIn, InboxQuery, Store, VariantIn
from claimdesk.store.family_sketch import FAMILY_THRESHOLD, shingles, similarity
from tests.store.family_texts import ARTICLE, SPINNER_A, SPINNER_B, mixed, repost, spin

SITES = ("copy.example", "spin.example", "mirror.example", "feed.example", "clip.example")
SPUN_A, SPUN_B = spin(ARTICLE, SPINNER_A), spin(ARTICLE, SPINNER_B)


def add(store: Store, text: str, site: str, article: str = ARTICLE) -> int:
    return store.add_pair(
        ArticleIn(text=article, title="Tram"), VariantIn(text=text, url=f"https://{site}/tram")
    ).variant_id


def sim(a: str, b: str) -> float:
    return similarity(shingles(a), shingles(b))


def test_near_copies_from_different_sites_join_one_family(store: Store) -> None:
    ids = [add(store, repost(SPUN_A, site), site) for site in SITES[:3]]
    families = {store.family_of(i).family_id for i in ids}
    assert families == {ids[0]}  # the family is named after its first member
    info = store.family_of(ids[2])
    assert (info.members, sorted(info.sites)) == (3, sorted(SITES[:3]))


def test_different_spins_of_the_article_do_not_join(store: Store) -> None:
    assert sim(SPUN_A, SPUN_B) < FAMILY_THRESHOLD
    a, b = add(store, SPUN_A, SITES[0]), add(store, SPUN_B, SITES[1])
    assert store.family_of(a).family_id == a and store.family_of(b).family_id == b
    assert store.family_of(a).members == store.family_of(b).members == 1


def test_pairs_just_either_side_of_the_threshold(tmp_path: Path) -> None:
    """Copies partway between two spins: the nearest pair above the threshold joins, the nearest below does not."""
    similarities = [(sim(SPUN_A, mixed(SPUN_A, SPUN_B, k)), k) for k in range(13)]
    above = min((s, k) for s, k in similarities if s >= FAMILY_THRESHOLD)
    below = max((s, k) for s, k in similarities if s < FAMILY_THRESHOLD)
    assert FAMILY_THRESHOLD <= above[0] < FAMILY_THRESHOLD + 0.07
    assert FAMILY_THRESHOLD - 0.07 < below[0] < FAMILY_THRESHOLD
    for (_s, k), joins in ((above, True), (below, False)):
        with Store.open(tmp_path / f"k{k}.db") as store:
            first, second = add(store, SPUN_A, SITES[0]), add(store, mixed(SPUN_A, SPUN_B, k), SITES[1])
            assert (store.family_of(second).family_id == first) is joins


def test_exact_copies_of_the_article_are_their_own_family(store: Store) -> None:
    verbatim = [add(store, ARTICLE, SITES[0]), add(store, "  " + ARTICLE.upper() + " ", SITES[1])]
    near = add(store, ARTICLE.replace("62 million", "68 million"), SITES[2])  # one changed figure
    assert sim(ARTICLE, ARTICLE.replace("62 million", "68 million")) > 0.9
    assert {store.family_of(i).family_id for i in verbatim} == {verbatim[0]}
    assert store.family_of(near).family_id == near  # near is not exact: never in the article's own family
    rows = {f.family_id: f for f in store.article_families(1)}
    assert rows[verbatim[0]].verbatim and rows[verbatim[0]].members == 2 and not rows[near].verbatim


def test_a_new_copy_finds_its_family_by_an_index_seek(store: Store) -> None:
    add(store, SPUN_A, SITES[0])
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT variant_id FROM family_bands WHERE article_id = ? AND band = ? AND hash = ? LIMIT 8",
        (1, 0, 0),
    ).fetchall()
    detail = " ".join(row["detail"] for row in plan)
    assert "SEARCH family_bands USING PRIMARY KEY (article_id=? AND band=? AND hash=?)" in detail
    assert store.conn.execute("SELECT count(*) FROM family_bands").fetchone()[0] == 10  # one row per band


def test_families_are_per_article(store: Store) -> None:
    first = add(store, SPUN_A, SITES[0])
    other_article = ARTICLE + " A later paragraph was added to this edition of the story."
    elsewhere = add(store, SPUN_A, SITES[1], article=other_article)
    assert store.family_of(elsewhere).family_id == elsewhere != first


def test_article_families_list_members_sites_and_shared_distortions(store: Store) -> None:
    network = SPUN_A.replace("62 million", "68 million")
    members = [add(store, repost(network, site), site) for site in SITES[:4]]
    lone = add(store, SPUN_B, SITES[4])
    store.record_verdict(members[0], "distorted", "ana")
    rows = store.article_families(1)
    by_id = {row.family_id: row for row in rows}
    family = by_id[members[0]]
    assert (family.members, family.undecided, set(family.sites)) == (4, 3, set(SITES[:4]))
    assert family.shared and family.shared[0].startswith("number: 62 million") and "68 million" in family.shared[0]
    assert by_id[lone].members == 1 and not by_id[lone].shared
    assert [row.worst_risk for row in rows] == sorted((row.worst_risk for row in rows), reverse=True)


def test_reading_and_family_verdicts_never_load_datasketch(db_path: Path) -> None:
    """The review side reads families from the store: only intake and rescore make sketches."""
    with Store.open(db_path) as store:
        first = add(store, repost(SPUN_A, SITES[0]), SITES[0])
        add(store, repost(SPUN_A, SITES[1]), SITES[1])
    code = (
        "import sys\nfrom claimdesk.store import InboxQuery, Store\n"
        "with Store.open(sys.argv[1], create=False) as store:\n"
        "    store.inbox_page(); store.article_groups_page(InboxQuery(), None, 50); store.article_families(1)\n"
        f"    store.family_of({first}); store.spread(1); store.record_family_verdict({first}, 'faithful', 'ana')\n"
        f"    store.undo({first}, 'ana')\n"
        "print('datasketch' in sys.modules, 'numpy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def test_two_processes_posting_one_network_at_once_make_one_family(db_path: Path) -> None:
    """Assignment runs inside intake's write transaction, so concurrent intakes see each other's bands."""
    Store.open(db_path).close()
    code = (
        "import sys\nfrom claimdesk.store import ArticleIn, Store, VariantIn\n"
        "from tests.store.family_texts import ARTICLE, SPINNER_A, repost, spin\n"
        "with Store.open(sys.argv[1]) as store:\n"
        "    for n in range(5):\n"
        "        site = f'{sys.argv[2]}{n}.example'\n"
        "        store.add_pair(ArticleIn(text=ARTICLE), VariantIn(text=repost(spin(ARTICLE, SPINNER_A), site),"
        " url=f'https://{site}/t'))\n"
    )
    root = str(Path(__file__).parents[2])
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(db_path), name], cwd=root, stderr=subprocess.PIPE)
        for name in ("left", "right")
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with Store.open(db_path) as store:
        families = store.read("SELECT variant_id, family_id FROM variant_families ORDER BY variant_id")
        assert len(families) == 10
        assert {row["family_id"] for row in families} == {families[0]["variant_id"]}
        assert store.family_of(families[-1]["variant_id"]).members == 10


def test_the_family_filter_lists_its_members_alone(store: Store, db_path: Path) -> None:
    """``InboxQuery.family``: the flat listing, its count and the grouped page hold the family's
    members and nothing else; a variant not yet assigned is a family of one under its own id."""
    near = [add(store, repost(SPUN_A, site), site) for site in SITES[:3]]
    other = add(store, SPUN_B, SITES[3])
    query = InboxQuery(family=near[0])
    assert sorted(row.id for row in store.inbox_page(query, limit=10).rows) == sorted(near)
    assert store.inbox_count(query) == 3
    for sort in ("time", "site", "altered"):
        assert store.inbox_count(InboxQuery(sort=sort, family=near[0])) == 3
    (group,) = store.article_groups_page(query, limit=10).rows
    assert (group.copies, group.families) == (3, 1)
    assert [row.id for row in store.inbox_page(InboxQuery(family=other), limit=10).rows] == [other]
    assert store.inbox_count(InboxQuery(family=near[1])) == 0  # a member's id is not its family's
    with sqlite3.connect(db_path) as conn:  # as before `rescore --families`: no family row
        conn.execute("DELETE FROM variant_families WHERE variant_id = ?", (other,))
    assert [row.id for row in store.inbox_page(InboxQuery(family=other), limit=10).rows] == [other]


def test_a_sketch_read_a_batch_at_a_time_equals_one_minhash_of_the_whole_shingle_set() -> None:
    """Intake hashes a long text's shingles as it reads them, repeats included; the bands must be
    those of the whole set hashed at once, or stored families stop matching new copies."""
    from datasketch import MinHash

    from claimdesk.store import family_sketch

    # More distinct shingles than one batch, and the whole text again after it (repeats).
    words = " ".join(f"w{n % 97} w{n % 89}" for n in range(6000))
    text = " ".join([ARTICLE, words, spin(ARTICLE, SPINNER_A), words])
    whole = sorted(shingles(text))
    assert len(whole) > family_sketch._BATCH
    minhash = MinHash(num_perm=family_sketch.NUM_PERM, seed=family_sketch.SEED, scheme="affine32")
    minhash.update_batch([s.encode("utf-8") for s in whole])
    rows = family_sketch.ROWS
    expected = tuple(
        family_sketch._band_hash(minhash.hashvalues[b * rows : (b + 1) * rows].tobytes())
        for b in range(family_sketch.BANDS)
    )
    sketch = family_sketch.sketch(text)
    assert sketch.bands == expected
    assert sketch.shingles() == frozenset(whole)


# Letters that normalisation composes, decomposes, folds or splits, and spaces of several kinds.
TRICKY = "aeZ \n\u0301\u0308\u00e9\u00c5\ufb01\u00bd\u03a3\u03c2\u1100\u1161\u11a8\u3000\u00a0\u0130\u00df\u33de-."


@given(st.text(alphabet=TRICKY, max_size=200), st.integers(min_value=1, max_value=9))
@settings(max_examples=300, deadline=None)
def test_a_text_normalised_a_piece_at_a_time_has_the_words_of_the_whole_text_normalised(text: str, piece: int) -> None:
    """Intake never holds a normalised copy of a long text; its words (and so its shingles and
    bands) must still be those of the whole text normalised at once."""
    from claimdesk.store import family_sketch

    whole = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(family_sketch, "_PIECE", piece)
        assert family_sketch.words(text) == whole
