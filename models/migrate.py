"""Article keys. Schema upgrades are Alembic revisions (models/migrations, models.schema)."""

from __future__ import annotations


def article_key(feed_id: int | None, identity: str) -> str:
    """An article's key: the feed's id, then the item's GUID, link or content hash in that feed.

    Keys of the first release had no feed id (`guid:1`); revision 0002 rewrote them.
    """
    return f"{feed_id or 0}|{identity}"
