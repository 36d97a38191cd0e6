"""In-place schema upgrades of existing databases, run when a database opens.

Each step is idempotent and cheap on a current database, so it runs at every start.
"""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

# Columns added since the first release: table -> (column, SQL type and default).
ADDED_COLUMNS = {
    "claim": [("modality", "VARCHAR NOT NULL DEFAULT 'reported'")],
}
ADDED_COLUMNS["claim"].append(("comparison", "JSON"))  # conflicts and change (issue 14)


def article_key(feed_id: int | None, identity: str) -> str:
    """An article's key: the feed's id, then the item's GUID, link or content hash in that feed."""
    return f"{feed_id or 0}|{identity}"


def upgrade(engine: Engine) -> None:
    """Bring an older database up to the current schema; a no-op on a current one.

    1. Columns added since the first release are added with their defaults.
    2. Article keys were global (`guid:1`), so two feeds publishing the same GUID kept one
       article. They become per feed (`3|guid:1`) under the first feed that carried them.
       Old keys start with a letter, new ones with a digit, so the range test finds only
       old keys, through the key's index, and running this twice changes nothing.
    """
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
        conn.execute(text(
            "UPDATE article SET key = (SELECT CAST(MIN(af.feed_id) AS VARCHAR) FROM articlefeed af "
            "WHERE af.article_id = article.id) || '|' || key "
            "WHERE key >= 'a' AND EXISTS (SELECT 1 FROM articlefeed af WHERE af.article_id = article.id)"))
