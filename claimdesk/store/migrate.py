"""Bringing a store file up to the current schema when it is opened, cheaply when it already is.

Nearly every open finds the schema current, so the check reads the migration log with plain
sqlite3 and takes no write lock. The migrations themselves (:mod:`claimdesk.store.schema`, built
on sqlite-utils, which costs a tenth of a second to import) load only when one is pending.
"""

from __future__ import annotations

from claimdesk.store.connection import Core
from claimdesk.store.errors import ReadOnlyStore

# sqlite-utils' log of applied migrations, our set's name in it, and our migrations in order.
# A migration added to ``schema`` is named here too; tests/store/test_schema.py checks they agree.
LOG_TABLE = "_sqlite_migrations"
MIGRATION_SET = "claimdesk"
MIGRATION_NAMES: tuple[str, ...] = (
    "001_core",
    "002_feeds",
    "003_sorts_and_article_search",
    "004_conflicts",
    "005_families",
)


def _applied(core: Core) -> set[str]:
    if not core.read("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (LOG_TABLE,)):
        return set()
    rows = core.read(f"SELECT name FROM {LOG_TABLE} WHERE migration_set = ?", (MIGRATION_SET,))
    return {row["name"] for row in rows}


def pending(core: Core) -> list[str]:
    """Names of the migrations this file still needs, in order (all of them for a new file)."""
    applied = _applied(core)
    return [name for name in MIGRATION_NAMES if name not in applied]


def newer(core: Core) -> list[str]:
    """Migrations the file has that this code does not know: a newer claimdesk wrote it."""
    return sorted(_applied(core) - set(MIGRATION_NAMES))


def migrate(core: Core) -> None:
    """Apply pending migrations in one ``BEGIN IMMEDIATE`` transaction; nothing to do, no lock taken.

    A store from a newer claimdesk is left as it is and closed to writes (reads still work: its
    verdicts can be exported): our writes could break rules its schema added.
    """
    ahead = newer(core)
    if ahead:
        core.newer_schema = (
            f"store {core.path} has schema {ahead[-1]}, newer than this claimdesk writes"
            f" (it knows up to {MIGRATION_NAMES[-1]}); upgrade claimdesk to write to it"
        )
        return
    if pending(core):
        if core.read_only:
            raise ReadOnlyStore(
                f"cannot open store {core.path}: it needs upgrading to this version's schema but is read-only"
                f" ({core.read_only})"
            )
        from claimdesk.store import schema

        core.write(lambda _conn: schema.apply(core))
