"""Feed state and backoff, and article storage: what the fetch stage writes per feed."""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import insert, or_
from sqlmodel import Session, col, select

from models import Article, ArticleFeed, Database, Feed
from models.migrate import article_key
from models.tables import utcnow
from pipeline.config import FeedConfig, Settings
from pipeline.errors import FeedParseError
from pipeline.feed_state import feed_status  # noqa: F401  (the run's module exports it)
from pipeline.feeds import Entry, ParsedFeed, parse_feed
from pipeline.fetch import FetchResult
from pipeline.summary import Reporter, RunSummary

BACKOFF_AFTER = 3  # consecutive failures before a feed is backed off


def sync_feeds(db: Database, settings: Settings) -> dict[str, Feed]:
    with db.session() as s:
        stored = {f.name: f for f in s.exec(select(Feed)).all()}
        for fc in settings.feeds:
            feed = stored.get(fc.name)
            if feed is None:
                feed = Feed(name=fc.name, source_url=fc.url, url=fc.url, lang=fc.lang)
            elif feed.source_url != fc.url:
                feed.source_url = feed.url = fc.url  # the user changed it: start afresh
                feed.etag = feed.last_modified = feed.body_hash = None
            feed.lang = fc.lang
            s.add(feed)
            stored[fc.name] = feed
    return stored


def parse_result(fc: FeedConfig, result: FetchResult) -> ParsedFeed | FeedParseError:
    """Parse a fetched body (in a worker process); the error is returned, not raised."""
    try:
        return parse_feed(fc.name, result.body, result.charset, fc.encoding, fc.lang, fc.identity)
    except FeedParseError as exc:
        return exc


def store_result(db: Database, fc: FeedConfig, result: FetchResult, summary: RunSummary,
                  report: Reporter, parsed: ParsedFeed | FeedParseError | None = None) -> None:
    """Record a fetch on its feed and store the entries, in one transaction."""
    started = time.perf_counter()
    try:
        _store_result(db, fc, result, summary, report, parsed)
    finally:
        summary.spent("store", time.perf_counter() - started)


def _store_result(db: Database, fc: FeedConfig, result: FetchResult, summary: RunSummary,
                  report: Reporter, parsed: ParsedFeed | FeedParseError | None) -> None:
    with db.session() as s:
        feed = s.exec(select(Feed).where(Feed.name == fc.name)).one()
        feed.last_attempt = utcnow()
        if result.moved_to:
            feed.url = result.moved_to
        if result.status == "error":
            _failed(feed, result.error or "failed", summary, report)
            s.add(feed)
            return
        if result.status == "not_modified":
            _succeeded(feed, "not modified (304)")
            summary.not_modified += 1
            s.add(feed)
            report("fetch", f"{fc.name}: not modified")
            return
        body_hash = hashlib.sha256(result.body).hexdigest()
        feed.etag, feed.last_modified = result.etag, result.last_modified
        if body_hash == feed.body_hash:
            _succeeded(feed, "unchanged body")
            summary.not_modified += 1
            s.add(feed)
            report("fetch", f"{fc.name}: unchanged")
            return
        if parsed is None:
            parsed = parse_result(fc, result)
        if isinstance(parsed, FeedParseError):
            feed.etag = feed.last_modified = None  # read it in full next time
            _failed(feed, str(parsed).split(": ", 1)[-1], summary, report)
            s.add(feed)
            return
        new = _store_entries(s, feed, parsed.entries, summary)
        feed.body_hash = body_hash
        feed.items = len(parsed.entries)
        feed.articles += new
        _succeeded(feed, f"ok, {len(parsed.entries)} items" + (" (malformed, recovered)" if parsed.bozo else ""))
        if parsed.bozo:
            summary.malformed[fc.name] = parsed.bozo_message or "malformed"
        summary.read += 1
        s.add(feed)
        report("fetch", f"{fc.name}: {len(parsed.entries)} items, {new} new"
               + (f" (malformed feed recovered: {parsed.bozo_message})" if parsed.bozo else ""))


def _succeeded(feed: Feed, status: str) -> None:
    feed.last_status = status
    feed.last_success = utcnow()
    feed.error_count = 0
    feed.last_error = None
    feed.backoff_until = None


def _failed(feed: Feed, error: str, summary: RunSummary, report: Reporter) -> None:
    feed.last_status = "error"
    feed.last_error = error
    feed.error_count += 1
    if feed.error_count >= BACKOFF_AFTER:
        hours = min(24, 2 ** (feed.error_count - BACKOFF_AFTER))
        feed.backoff_until = utcnow() + timedelta(hours=hours)
    summary.failed[feed.name] = error
    report("failed", f"{feed.name}: {error}")


def _store_entries(s: Session, feed: Feed, entries: list[Entry], summary: RunSummary) -> int:
    """Store a feed's new entries and link every entry to the feed: a few statements a feed.

    An entry's key is scoped to its feed (feed id + GUID, link or hash): two feeds that both
    say `<guid>1</guid>` keep two articles. The same content from any feed is one article.
    Core inserts rather than ORM objects: a large feed list is stored in the time it is fetched.
    """
    entries = [replace(e, key=article_key(feed.id, e.key)) for e in entries]
    keys = {e.key for e in entries}
    hashes = {e.content_hash for e in entries}
    ids: dict[str, int] = {}
    for art_id, key, chash in s.exec(select(col(Article.id), Article.key, Article.content_hash)
                                     .where(or_(col(Article.key).in_(keys), col(Article.content_hash).in_(hashes)))).all():
        ids[key] = ids[f"#{chash}"] = art_id or 0
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for e in entries:
        # The same content under a new GUID or link is the same article.
        if e.key in ids or f"#{e.content_hash}" in ids or e.key in seen or f"#{e.content_hash}" in seen:
            continue
        seen.update((e.key, f"#{e.content_hash}"))
        rows.append({"key": e.key, "content_hash": e.content_hash, "guid": e.guid, "url": e.url,
                     "title": e.title, "published": e.published, "lang": e.lang, "summary": e.summary,
                     "summary_lang": e.summary_lang, "body": e.body, "original_author": e.author,
                     "translator": e.translator, "fetched_at": utcnow(), "extracted": False})
    # Core inserts on the tables: the ORM's bulk path splits rows by which values are None,
    # a statement an article.
    conn = s.connection()
    if rows:
        conn.execute(insert(Article.__table__), rows)  # type: ignore[attr-defined]
        for art_id, key, chash in s.exec(select(col(Article.id), Article.key, Article.content_hash)
                                         .where(col(Article.key).in_([r["key"] for r in rows]))).all():
            ids[key] = ids[f"#{chash}"] = art_id or 0
    summary.new_articles += len(rows)
    created = {ids[str(r["key"])] for r in rows}
    wanted = {ids.get(e.key) or ids[f"#{e.content_hash}"] for e in entries}
    linked = set(s.exec(select(ArticleFeed.article_id).where(ArticleFeed.feed_id == feed.id)
                        .where(col(ArticleFeed.article_id).in_(wanted))).all())
    links = [{"article_id": a, "feed_id": feed.id} for a in sorted(wanted - linked)]
    summary.repeated_articles += sum(1 for a in wanted - linked if a not in created)
    if links:
        conn.execute(insert(ArticleFeed.__table__), links)  # type: ignore[attr-defined]
    return len(rows)


def pending_count(db: Database) -> int:
    with db.session() as s:
        return len(s.exec(select(Article.id).where(Article.extracted == False)).all())  # noqa: E712


