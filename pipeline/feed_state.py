"""Stored feed state for `claimlog feeds`: a light module, without the fetcher or the feed parser."""

from __future__ import annotations

from sqlmodel import col, select

from models import Database, Feed


def feed_status(db: Database) -> list[Feed]:
    """Every stored feed, for `claimlog feeds`."""
    with db.session() as s:
        return list(s.exec(select(Feed).order_by(col(Feed.name))).all())
