"""In-place schema upgrades of existing databases, run when a database opens.

Each step is idempotent and cheap on a current database, so it can run at every start.
"""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

# Columns added since the first release: table -> (column, SQL type and default).
ADDED_COLUMNS = {
    "claim": [("modality", "VARCHAR NOT NULL DEFAULT 'reported'")],
}


def upgrade(engine: Engine) -> None:
    """Bring an older database up to the current schema; a no-op on a current one."""
    found = inspect(engine)
    tables = set(found.get_table_names())
    with engine.begin() as conn:
        for table, columns in ADDED_COLUMNS.items():
            if table not in tables:
                continue
            have = {c["name"] for c in found.get_columns(table)}
            for name, ddl in columns:
                if name not in have:
                    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {ddl}"))
