"""Schema migrations with Alembic, run whenever a database opens.

A fresh database gets the current tables and is stamped at the newest revision. A database
made before claimlog used Alembic (tables, no `alembic_version`) is stamped at the revision
its tables show, then upgraded like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

# Alembic loads only when a database is not at the newest revision: its import cost every
# command that opens a current database more than the rest of its start.
if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
FIRST = "0001"  # the schema of the first release: no claim.modality, global article keys
FIRST_TABLES = {"feed", "article", "articlefeed", "claim", "claimsource", "decision", "thesis",
                "evidencerow", "evidenceclaim", "runrecord"}
# Serialises schema changes of processes that open one PostgreSQL database at once.
PG_MIGRATION_LOCK = 0x636C6D6967  # "clmig"


# Columns that revisions after the first added: an unversioned database may lack them.
ADDED_SINCE_FIRST = {"claim": {"modality", "comparison"}, "article": {"translation_flags"}}


class ForeignSchemaError(Exception):
    """The database's tables are not claimlog's (of any release)."""


@dataclass(frozen=True)
class Migrated:
    """The revision a database was at when it opened, and the one it is at now."""

    before: str | None
    after: str | None


def _config(conn: Connection) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def head() -> str | None:
    """The newest revision this build knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


_REVISION = re.compile(r'^revision(?:: str)? = "(\w+)"\s*$', re.M)
_DOWN_REVISION = re.compile(r'^down_revision\b.*$', re.M)
_PARENT = re.compile(r'^down_revision(?:: [\w |]+)? = (?:"(\w+)"|None)\s*$')


def _head_on_disk() -> str | None:
    """The newest revision as the version files name it, read without Alembic; None (ask
    Alembic) unless every file names one revision and one parent or none, and one revision
    is no other's parent."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        if path.name == "__init__.py":
            continue
        source = path.read_text("utf-8")
        revision, down = _REVISION.findall(source), _DOWN_REVISION.findall(source)
        parent = _PARENT.match(down[0]) if len(down) == 1 else None
        if len(revision) != 1 or parent is None:
            return None
        revisions.add(revision[0])
        if parent.group(1):
            parents.add(parent.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stored_revision(conn: Connection) -> str | None:
    """The revision the database is stamped with, when it holds exactly one."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def upgrade(engine: Engine) -> Migrated:
    """Bring the database to the newest revision; a no-op on a current one."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
        current = _stored_revision(conn)
        if current is not None and current == _head_on_disk():
            return Migrated(current, current)
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        before = MigrationContext.configure(conn).get_current_revision()
        cfg = _config(conn)
        if before is None:
            ours = {t.name for t in SQLModel.metadata.sorted_tables}
            have = set(inspect(conn).get_table_names())
            if not ours & have or _creation_interrupted(conn, ours, have):
                SQLModel.metadata.create_all(conn)  # only the tables it lacks
                command.stamp(cfg, "head")
                return Migrated(None, head())
            _check_first_release(conn)
            command.stamp(cfg, inspected_revision(conn))
        command.upgrade(cfg, "head")
        return Migrated(before, MigrationContext.configure(conn).get_current_revision())


def _creation_interrupted(conn: Connection, ours: set[str], have: set[str]) -> bool:
    """A run killed while it created a new database: some of our tables, every one empty, no
    revision. SQLite commits each CREATE TABLE on its own, so the rest are simply missing."""
    if not have <= ours | {"alembic_version"}:
        return False
    return all(conn.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first() is None for name in have & ours)


def _check_first_release(conn: Connection) -> None:
    """An unversioned database must hold the first release's tables, or it is not ours."""
    found = inspect(conn)
    have = set(found.get_table_names())
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in have:
            continue
        columns = {c["name"] for c in found.get_columns(table.name)}
        missing = sorted(set(table.columns.keys()) - ADDED_SINCE_FIRST.get(table.name, set()) - columns)
        if missing:
            raise ForeignSchemaError(f"has a table {table.name!r} without {', '.join(missing)}")
    for name in sorted(FIRST_TABLES - have):
        raise ForeignSchemaError(f"has no table {name!r}")


def inspected_revision(conn: Connection) -> str:
    """The revision whose schema an unversioned database of an older build has.

    Revision 0002 added claim.modality and made article keys per feed (`3|guid:1`, where
    they were `guid:1`): old keys start with a letter, new ones with a digit.
    """
    found = inspect(conn)
    if "claim" not in found.get_table_names() or "article" not in found.get_table_names():
        return FIRST
    if "modality" not in {c["name"] for c in found.get_columns("claim")}:
        return FIRST
    old_key = conn.execute(text(f"SELECT 1 FROM article WHERE {OLD_KEY} LIMIT 1")).first()
    return FIRST if old_key else "0002"


# An article key of the first release: it starts with a letter, not a feed id.
OLD_KEY = "SUBSTR(key, 1, 1) NOT IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9')"
