"""The nightly run: lock, scan notes, fetch, store, extract, dedup, queue, summary.

Every stage commits its own work (per feed, per batch of articles), so a run killed at
any point loses nothing already stored, and the next run finishes the rest without
duplicates: articles are unique by key, claims by fingerprint, and an article is marked
extracted in the same transaction that queues its claims.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from extractors.claims import Extractor
from models import Article, ArticleFeed, Database, Feed, RunRecord, database_url
from models.tables import as_utc, utcnow
from pipeline.config import FeedConfig, Settings
from pipeline.dedup import EvidenceIndex
from pipeline.errors import FeedParseError, LockedError
from pipeline.feeds import Entry, parse_feed
from pipeline.fetch import Conditional, Fetcher, FetchResult
from pipeline.queue import QueueStats, queue_claims
from pipeline.vault import alias_table, evidence_index, read_vault, routing_table, scan

BACKOFF_AFTER = 3  # consecutive failures before a feed is backed off
EXTRACT_BATCH = 16


@dataclass
class RunSummary:
    """What a run did, for the closing table and the exit code."""

    feeds: int = 0
    read: int = 0  # fetched and parsed
    not_modified: int = 0  # 304, or a body identical to the last one
    failed: dict[str, str] = field(default_factory=dict)
    backing_off: dict[str, str] = field(default_factory=dict)
    malformed: dict[str, str] = field(default_factory=dict)  # parsed despite errors (bozo)
    new_articles: int = 0
    repeated_articles: int = 0  # already stored, now also linked to this feed
    extracted: int = 0
    note_errors: list[str] = field(default_factory=list)
    notes: int = 0
    evidence_rows: int = 0
    stats: QueueStats = field(default_factory=QueueStats)

    @property
    def exit_code(self) -> int:
        """0 when at least one feed was read (or there are none), 1 when none could be."""
        if self.feeds == 0:
            return 0
        return 0 if (self.read + self.not_modified) > 0 else 1

    def as_dict(self) -> dict[str, object]:
        return {
            "feeds": self.feeds, "read": self.read, "not_modified": self.not_modified,
            "failed": self.failed, "backing_off": self.backing_off, "malformed": self.malformed,
            "new_articles": self.new_articles, "extracted": self.extracted,
            "claims_found": self.stats.found, "known": self.stats.known,
            "merged": self.stats.merged, "queued": self.stats.queued,
            "flagged": self.stats.flagged, "notes": self.notes,
            "evidence_rows": self.evidence_rows,
        }


@contextlib.contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """One run at a time: a second one fails at once with LockedError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
            raise LockedError(f"another claimlog run (pid {holder}) holds {path}; "
                              "this one exits without doing anything") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


Reporter = Callable[[str, str], None]  # (stage, message)


def _sync_feeds(db: Database, settings: Settings) -> dict[str, Feed]:
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


def _store_result(db: Database, fc: FeedConfig, result: FetchResult, summary: RunSummary,
                  report: Reporter) -> None:
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
        try:
            parsed = parse_feed(fc.name, result.body, result.charset, fc.encoding, fc.lang, fc.identity)
        except FeedParseError as exc:
            feed.etag = feed.last_modified = None  # read it in full next time
            _failed(feed, str(exc).split(": ", 1)[-1], summary, report)
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
    report("error", f"{feed.name}: {error}")


def _store_entries(s: Session, feed: Feed, entries: list[Entry], summary: RunSummary) -> int:
    new = 0
    for e in entries:
        art = s.exec(select(Article).where(Article.key == e.key)).first()
        if art is None:
            # The same content under a new GUID or link is the same article.
            art = s.exec(select(Article).where(Article.content_hash == e.content_hash)).first()
        created = art is None
        if art is None:
            art = Article(key=e.key, content_hash=e.content_hash, guid=e.guid, url=e.url,
                          title=e.title, published=e.published, lang=e.lang, summary=e.summary,
                          summary_lang=e.summary_lang, body=e.body, original_author=e.author,
                          translator=e.translator)
            s.add(art)
            s.flush()
            new += 1
            summary.new_articles += 1
        link = s.exec(select(ArticleFeed).where(ArticleFeed.article_id == art.id,
                                                ArticleFeed.feed_id == feed.id)).first()
        if link is None:
            if not created:
                summary.repeated_articles += 1
            s.add(ArticleFeed(article_id=art.id or 0, feed_id=feed.id or 0))
            s.flush()
    return new


def extract_pending(db: Database, extractor: Extractor, index: EvidenceIndex,
                    routes: list[tuple[str, set[str], bool]], summary: RunSummary, report: Reporter,
                    advance: Callable[[int], None] | None = None) -> None:
    """Extract and queue every article not yet extracted, a batch per transaction."""
    while True:
        with db.session() as s:
            batch = list(s.exec(select(Article).where(Article.extracted == False)  # noqa: E712
                                .order_by(col(Article.id)).limit(EXTRACT_BATCH)).all())
            if not batch:
                return
            results = extractor.extract_many([(a.text, None, a.published) for a in batch])
            for art, ex in zip(batch, results, strict=True):
                queue_claims(s, art, list(ex.claims), index, routes, summary.stats)
                art.extracted = True
                s.add(art)
            summary.extracted += len(batch)
        if advance:
            advance(len(batch))


def pending_count(db: Database) -> int:
    with db.session() as s:
        return len(s.exec(select(Article.id).where(Article.extracted == False)).all())  # noqa: E712


def run(settings: Settings, report: Reporter | None = None,
        progress: Callable[[str, int], Callable[[int], None]] | None = None) -> RunSummary:
    """The nightly job. `report` gets log lines; `progress(stage, total)` gives an advance()."""
    report = report or (lambda stage, msg: None)
    summary = RunSummary(feeds=len(settings.feeds))
    with run_lock(settings.lock_path):
        db = Database(database_url(settings.database))
        try:
            with db.session() as s:
                record = RunRecord()
                s.add(record)
            notes, summary.note_errors = read_vault(settings.vault)
            for err in summary.note_errors:
                report("error", err)
            aliases = alias_table(notes, settings.aliases)
            extractor = Extractor(aliases)
            scanned = scan(db, settings.vault, extractor, notes)
            summary.notes, summary.evidence_rows = len(notes), scanned.rows
            report("notes", f"{len(notes)} notes, {scanned.rows} evidence rows")
            index = evidence_index(db)
            routes = routing_table(notes, aliases)

            stored = _sync_feeds(db, settings)
            now = utcnow()
            todo: list[tuple[FeedConfig, Conditional, str]] = []
            for fc in settings.feeds:
                feed = stored[fc.name]
                until = as_utc(feed.backoff_until)
                if until and until > now:
                    summary.backing_off[fc.name] = (f"{feed.error_count} failures in a row, "
                                                    f"next try after {until:%Y-%m-%d %H:%M} UTC")
                    report("fetch", f"{fc.name}: backing off ({feed.last_error})")
                    continue
                todo.append((fc, Conditional(feed.etag, feed.last_modified), feed.url))
            by_name = {fc.name: fc for fc, _, _ in todo}
            advance = progress("fetch", len(todo)) if progress else None

            def landed(result: FetchResult) -> None:
                _store_result(db, by_name[result.feed], result, summary, report)
                if advance:
                    advance(1)

            asyncio.run(Fetcher(settings).fetch_all(todo, on_done=landed))
            total = pending_count(db)
            advance = progress("extract", total) if progress and total else None
            extract_pending(db, extractor, index, routes, summary, report, advance)
            with db.session() as s:
                rec = s.get(RunRecord, record.id)
                if rec:
                    rec.finished_at = utcnow()
                    rec.status = "ok" if summary.exit_code == 0 else "failed"
                    rec.stats = summary.as_dict()
                    s.add(rec)
        finally:
            db.close()
    return summary


def feed_status(db: Database) -> list[Feed]:
    """Every stored feed, for `claimlog feeds`."""
    with db.session() as s:
        return list(s.exec(select(Feed).order_by(col(Feed.name))).all())


