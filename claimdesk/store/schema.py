"""The schema as an ordered list of migrations (sqlite-utils' built-in ``Migrations``).

Each migration is applied once and recorded in ``_sqlite_migrations``; new ones are appended,
never edited, and named in :mod:`claimdesk.store.migrate` too, whose cheap check at open decides
whether this module (and sqlite-utils) is loaded at all. All pending migrations run inside one
``BEGIN IMMEDIATE`` transaction, so two processes opening a fresh store at once do not both
create it.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

from claimdesk.store import verdicts
from claimdesk.store.connection import Core
from claimdesk.store.migrate import MIGRATION_SET

MIGRATIONS = Migrations(MIGRATION_SET)

_CORE = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,      -- sha256 of the text: articles are shared by content
    url TEXT,
    title TEXT,
    published TEXT,
    created_at TEXT NOT NULL,
    text TEXT NOT NULL                      -- last: listing never reads past the short columns
);
CREATE INDEX articles_url ON articles(url);

CREATE TABLE variants (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    content_hash TEXT NOT NULL,
    url TEXT,
    title TEXT,
    site TEXT,
    found_at TEXT,
    created_at TEXT NOT NULL,
    fidelity REAL NOT NULL,
    coverage REAL NOT NULL,
    spin REAL NOT NULL,
    risk REAL NOT NULL,
    kept INTEGER NOT NULL,
    reworded INTEGER NOT NULL,
    altered INTEGER NOT NULL,
    dropped INTEGER NOT NULL,
    added INTEGER NOT NULL,
    engine TEXT NOT NULL,
    verdict TEXT,                           -- derived from the log, same transaction: inbox filter
    verdict_id INTEGER REFERENCES verdicts(id),
    text TEXT NOT NULL
);
CREATE UNIQUE INDEX variants_article_hash ON variants(article_id, content_hash);
CREATE INDEX variants_url ON variants(url);
CREATE INDEX variants_risk ON variants(risk, id);
CREATE INDEX variants_verdict ON variants(verdict);
CREATE INDEX variants_verdict_risk ON variants(verdict, risk);
CREATE INDEX variants_site ON variants(site);
CREATE INDEX variants_site_risk ON variants(site, risk);

CREATE TABLE claims (
    variant_id INTEGER NOT NULL REFERENCES variants(id),
    number INTEGER NOT NULL,                -- 1-based, in the engine's order
    status TEXT NOT NULL CHECK (status IN ('kept', 'reworded', 'altered', 'dropped', 'added')),
    score REAL NOT NULL,
    original_start INTEGER,
    original_end INTEGER,
    variant_start INTEGER,
    variant_end INTEGER,
    reasons TEXT NOT NULL DEFAULT '[]',     -- JSON list of {kind, original, variant}
    PRIMARY KEY (variant_id, number)
) WITHOUT ROWID;

CREATE TABLE verdicts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,               -- made by the client: a retried write is not doubled
    variant_id INTEGER NOT NULL REFERENCES variants(id),
    claim INTEGER,                          -- claim number; NULL for the whole variant
    verdict TEXT NOT NULL,
    editor TEXT NOT NULL,
    note TEXT,
    decided_at TEXT NOT NULL,
    replaces INTEGER REFERENCES verdicts(id),
    CHECK (verdict != 'undo' OR replaces IS NOT NULL)
);
CREATE INDEX verdicts_variant ON verdicts(variant_id, claim);
CREATE INDEX verdicts_replaces ON verdicts(replaces);
CREATE INDEX verdicts_editor ON verdicts(editor, decided_at);
CREATE INDEX verdicts_decided ON verdicts(decided_at);
CREATE TRIGGER verdicts_no_update BEFORE UPDATE ON verdicts
BEGIN SELECT RAISE(ABORT, 'verdicts are append-only'); END;
CREATE TRIGGER verdicts_no_delete BEFORE DELETE ON verdicts
BEGIN SELECT RAISE(ABORT, 'verdicts are append-only'); END;

CREATE TABLE leases (
    variant_id INTEGER PRIMARY KEY REFERENCES variants(id),
    editor TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX leases_expires ON leases(expires_at);
"""

# sqlite-utils' own FTS triggers re-index on every UPDATE; ours only when the text changes, so
# recording a verdict (which updates variants.verdict) never re-tokenises a text.
_FTS_TRIGGERS = """
CREATE TRIGGER variants_fts_insert AFTER INSERT ON variants BEGIN
    INSERT INTO variants_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER variants_fts_delete AFTER DELETE ON variants BEGIN
    INSERT INTO variants_fts (variants_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER variants_fts_update AFTER UPDATE OF title, text ON variants BEGIN
    INSERT INTO variants_fts (variants_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO variants_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
"""

_FEEDS = """
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT
);
CREATE TABLE feed_entries (
    feed_url TEXT NOT NULL,
    entry TEXT NOT NULL,                    -- the entry's id, else its link
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, entry)
) WITHOUT ROWID;
"""


@MIGRATIONS(name="001_core")
def _core(db: sqlite_utils.Database) -> None:
    db.executescript(_CORE)
    # External-content FTS5 over the variant's title and text, kept in sync by triggers.
    db["variants"].enable_fts(["title", "text"], fts_version="FTS5", tokenize="unicode61 remove_diacritics 2")
    db.executescript(_FTS_TRIGGERS)


@MIGRATIONS(name="002_feeds")
def _feeds(db: sqlite_utils.Database) -> None:
    db.executescript(_FEEDS)


# Inbox sorts (see ``inbox.ORDERINGS``: the expressions must match exactly) and a search over
# the articles too: an editor searching for a name the copy changed finds the copy by its article.
_SORTS_AND_ARTICLE_SEARCH = """
CREATE INDEX variants_rank ON variants((risk - (coverage < 0.05)), id);
CREATE INDEX variants_verdict_rank ON variants(verdict, (risk - (coverage < 0.05)), id);
CREATE INDEX variants_found ON variants(coalesce(found_at, created_at), id);
CREATE INDEX variants_site_order ON variants(coalesce(site, ''), id);
CREATE INDEX variants_altered ON variants(altered, id);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
"""


@MIGRATIONS(name="003_sorts_and_article_search")
def _sorts_and_article_search(db: sqlite_utils.Database) -> None:
    db.executescript(_SORTS_AND_ARTICLE_SEARCH)


@MIGRATIONS(name="004_conflicts")
def _conflicts(db: sqlite_utils.Database) -> None:
    # Variants whose editors' standing verdicts disagree, kept by every verdict write, so the
    # inbox can filter conflicts and stats count them without a log scan. A table of its own, not
    # a column: ``variants`` keeps its text last, and a column after it would be read past the text.
    db.execute("CREATE TABLE conflicts (variant_id INTEGER PRIMARY KEY REFERENCES variants(id))")
    db.execute(f"INSERT INTO conflicts (variant_id) {verdicts.CONFLICTING.format(where='IS NOT NULL')}")


# Copy families (see ``families``). Tables of their own rather than columns on ``variants``: a
# column added there would land after ``text``, and every listing would read past the text to reach
# it. ``variant_families`` holds one row per variant once its family is known; ``family_id`` is the
# id of the family's first member, so a variant not yet assigned (a store from before this
# migration, until `claimdesk rescore --families`) reads as a family of one under its own id.
# ``family_bands`` holds each variant's MinHash LSH bands: a new copy finds its family by an index
# seek on (article, band, hash), never a scan. Exact copies of the article keep no bands: their
# family is found by ``verbatim`` and no near copy joins it (one changed figure is near, not exact).
# ``verdicts.batch`` ties together the rows of one family verdict, so one undo takes them all back;
# ADD COLUMN appends it and fires no row trigger, so the log stays append-only.
_FAMILIES = """
CREATE TABLE variant_families (
    variant_id INTEGER PRIMARY KEY REFERENCES variants(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    family_id INTEGER NOT NULL,
    verbatim INTEGER NOT NULL DEFAULT 0     -- 1: the text is the article's own, word for word
);
CREATE INDEX variant_families_article ON variant_families(article_id, family_id);
CREATE INDEX variant_families_family ON variant_families(family_id);
CREATE INDEX variant_families_verbatim ON variant_families(article_id) WHERE verbatim;

CREATE TABLE family_bands (
    article_id INTEGER NOT NULL,
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    variant_id INTEGER NOT NULL REFERENCES variants(id),
    PRIMARY KEY (article_id, band, hash, variant_id)
) WITHOUT ROWID;
CREATE INDEX family_bands_variant ON family_bands(variant_id);

ALTER TABLE verdicts ADD COLUMN batch TEXT;
CREATE INDEX verdicts_batch ON verdicts(batch) WHERE batch IS NOT NULL;

-- An article's copies in risk order, covering what the grouped inbox, an article's families and
-- its spread read of them: an article with 5,000 copies is read from this index, not from 5,000
-- variant rows (whose texts fill their pages). Its riskiest copy is the first of its article.
CREATE INDEX variants_article_rank
    ON variants(article_id, (risk - (coverage < 0.05)), id, verdict, risk, altered, site, found_at, created_at);
"""


@MIGRATIONS(name="005_families")
def _families(db: sqlite_utils.Database) -> None:
    db.executescript(_FAMILIES)


def apply(core: Core) -> None:
    """Apply whatever is pending, inside the caller's write transaction.

    sqlite-utils reads the log again here, under the write lock: another process may have
    migrated the file since our check.
    """
    MIGRATIONS.apply(sqlite_utils.Database(core.conn, execute_plugins=False))
