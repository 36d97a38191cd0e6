"""`claimlog db copy`: every table of one database into an empty other, ids kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select, text
from sqlmodel import SQLModel

from models import Database
from pipeline.errors import ClaimlogError

BATCH = 2000  # rows read and written at a time: a large database never sits in memory whole


class CopyError(ClaimlogError):
    """The copy cannot start: the target already holds data."""


@dataclass
class Copied:
    """Rows copied, per table."""

    rows: dict[str, int] = field(default_factory=dict)


def copy_database(source: Database, target: Database) -> Copied:
    """Copy every row of `source` into `target`, which must be empty; all or nothing."""
    tables = SQLModel.metadata.sorted_tables  # parents before children
    copied = Copied()
    with source.engine.connect() as src, target.engine.begin() as dst:
        for table in tables:
            held = dst.execute(select(func.count()).select_from(table)).scalar_one()
            if held:
                raise CopyError(f"database {target.where} is not empty (table {table.name} holds {held} rows); "
                                "copy only into a new, empty database")
        for table in tables:
            copied.rows[table.name] = 0
            result = src.execution_options(yield_per=BATCH).execute(select(table).order_by(*table.primary_key))
            for chunk in result.mappings().partitions(BATCH):
                dst.execute(table.insert(), [dict(row) for row in chunk])
                copied.rows[table.name] += len(chunk)
        if dst.dialect.name == "postgresql":
            _reset_sequences(dst)
    return copied


def _reset_sequences(conn: Connection) -> None:
    """Rows inserted with their ids leave each id sequence at 1: move it past the largest id."""
    for table in SQLModel.metadata.sorted_tables:
        for column in table.primary_key:
            if not column.autoincrement or column.type.python_type is not int:
                continue
            quoted = conn.dialect.identifier_preparer.quote(table.name)
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence(:t, :c), COALESCE(MAX({column.name}), 1), "
                f"MAX({column.name}) IS NOT NULL) FROM {quoted}"), {"t": quoted, "c": column.name})
