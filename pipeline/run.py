"""The nightly run: lock, scan notes, fetch, store, extract, dedup, queue, summary.

Every stage commits its own work (per feed, per batch of articles), so a run killed at
any point loses nothing already stored, and the next run finishes the rest without
duplicates: articles are unique by key, claims by fingerprint, and an article is marked
extracted in the same transaction that queues its claims.
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import insert, or_
from sqlmodel import Session, col, select

from extractors.claims import Extractor
from extractors.langid import detect_language
from extractors.money import local_currency
from extractors.spans import Extraction
from models import Article, ArticleFeed, Database, Feed, RunRecord, database_url
from models.migrate import article_key
from models.tables import as_utc, utcnow
from pipeline.config import FeedConfig, Settings
from pipeline.dedup import EvidenceIndex
from pipeline.errors import FeedParseError
from pipeline.feeds import Entry, ParsedFeed, decode_feed, page_text, parse_feed
from pipeline.fetch import Conditional, Fetcher, FetchResult
from pipeline.links import LinkGuard, on_private_network, scheme_refusal
from pipeline.lock import run_lock
from pipeline.queue import QueueStats, queue_claims
from pipeline.vault import alias_table, evidence_index, read_vault, routing_table, scan

BACKOFF_AFTER = 3  # consecutive failures before a feed is backed off
EXTRACT_BATCH = 16  # articles per transaction
EXTRACT_ROUND = 512  # articles read and extracted at a time
PARALLEL_PARSE_FEEDS = 50  # from this many feeds on, parse in a second process


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
    failed_articles: dict[str, str] = field(default_factory=dict)
    notes: int = 0
    evidence_rows: int = 0
    stats: QueueStats = field(default_factory=QueueStats)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    @property
    def exit_code(self) -> int:
        """0 when every feed was read (or there are none), 5 when some failed, 1 when all did.

        A feed backing off counts as failed: it was not read.
        """
        ok = self.read + self.not_modified
        if ok == self.feeds:
            return 0
        return 5 if ok else 1

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


def _parse_result(fc: FeedConfig, result: FetchResult) -> ParsedFeed | FeedParseError:
    """Parse a fetched body (in a worker process); the error is returned, not raised."""
    try:
        return parse_feed(fc.name, result.body, result.charset, fc.encoding, fc.lang, fc.identity)
    except FeedParseError as exc:
        return exc


def _store_result(db: Database, fc: FeedConfig, result: FetchResult, summary: RunSummary,
                  report: Reporter, parsed: ParsedFeed | FeedParseError | None = None) -> None:
    """Record a fetch on its feed and store the entries, in one transaction."""
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
            parsed = _parse_result(fc, result)
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
    if rows:
        s.execute(insert(Article), rows)
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
        s.execute(insert(ArticleFeed), links)
    return len(rows)


def extract_pending(db: Database, extractor: Extractor, index: EvidenceIndex,
                    routes: list[tuple[str, set[str], bool]], summary: RunSummary, report: Reporter,
                    advance: Callable[[int], None] | None = None,
                    currencies: dict[str, str] | None = None) -> None:
    """Extract and queue every article not yet extracted.

    Articles are read and extracted in rounds (on two cores when a round is large) and
    stored a small batch per transaction, so a kill loses at most the round in flight.
    """
    while True:
        with db.session() as s:
            rows = s.exec(select(col(Article.id), Article.summary, Article.body, col(Article.published))
                          .where(Article.extracted == False)  # noqa: E712
                          .order_by(col(Article.id)).limit(EXTRACT_ROUND)).all()
        if not rows:
            return
        items = [("\n".join(p for p in (summary_, body) if p), None, pub) for _, summary_, body, pub in rows]
        ids = [r[0] for r in rows]
        local = _feed_currencies(db, ids, currencies) if currencies else {}
        results = _extract_by_currency(extractor, items, ids, local, report)
        for start in range(0, len(rows), EXTRACT_BATCH):
            part = list(zip(rows[start:start + EXTRACT_BATCH], results[start:start + EXTRACT_BATCH], strict=True))
            with db.session() as s:
                for (art_id, *_), ex in part:
                    art = s.get(Article, art_id)
                    if art is None or art.extracted:
                        continue
                    if isinstance(ex, Exception):
                        art.extract_error = f"{type(ex).__name__}: {ex}"
                        summary.failed_articles[art.title or str(art_id)] = art.extract_error
                    else:
                        queue_claims(s, art, list(ex.claims), index, routes, summary.stats)
                    art.extracted = True
                    s.add(art)
            summary.extracted += len(part)
            if advance:
                advance(len(part))


def _feed_currencies(db: Database, ids: list[int | None], currencies: dict[str, str]) -> dict[int, str]:
    """Article id -> the `currency` of the feeds that carried it, when they agree."""
    with db.session() as s:
        pairs = s.exec(select(ArticleFeed.article_id, Feed.name).join(Feed, col(Feed.id) == ArticleFeed.feed_id)
                       .where(col(ArticleFeed.article_id).in_([i for i in ids if i is not None]))).all()
    found: dict[int, set[str]] = {}
    for art_id, name in pairs:
        if name in currencies:
            found.setdefault(art_id, set()).add(currencies[name])
    return {art_id: codes.pop() for art_id, codes in found.items() if len(codes) == 1}


def _extract_by_currency(extractor: Extractor, items: list[tuple[str, None, date | None]], ids: list[int | None],
                         local: dict[int, str], report: Reporter) -> list[Extraction | Exception]:
    """Extract a round; articles of feeds with a `currency` setting under that default."""
    groups: dict[str | None, list[int]] = {}
    for i, art_id in enumerate(ids):
        groups.setdefault(local.get(art_id) if art_id is not None else None, []).append(i)
    out: list[Extraction | Exception | None] = [None] * len(items)
    for code, positions in groups.items():
        with local_currency(code):
            part = _extract_round(extractor, [items[i] for i in positions], [ids[i] for i in positions], report)
        for i, ex in zip(positions, part, strict=True):
            out[i] = ex
    return [ex for ex in out if ex is not None]


def _extract_round(extractor: Extractor, items: list[tuple[str, None, date | None]], ids: list[int | None],
                   report: Reporter) -> list[Extraction | Exception]:
    """Extract a round; if it fails, article by article, so one bad text stops nothing else."""
    try:
        return list(extractor.extract_parallel(items))
    except Exception:  # a bug or pathological text somewhere in the round: find it
        out: list[Extraction | Exception] = []
        for art_id, item in zip(ids, items, strict=True):
            try:
                out.append(extractor.extract_many([item])[0])
            except Exception as exc:  # reported with the article, then the run goes on
                report("failed", f"article {art_id}: extraction failed: {type(exc).__name__}: {exc}")
                out.append(exc)
        return out


def pending_count(db: Database) -> int:
    with db.session() as s:
        return len(s.exec(select(Article.id).where(Article.extracted == False)).all())  # noqa: E712


def run(settings: Settings, report: Reporter | None = None,
        progress: Callable[[str, int], Callable[[int], None]] | None = None) -> RunSummary:
    """The nightly job. `report` gets log lines; `progress(stage, total)` gives an advance().

    Report stages: "error" for a failure not in the summary; "failed" and "backoff" for the
    feeds and articles the summary lists; anything else is progress.
    """
    report = _safe_reporter(report)
    summary = RunSummary(feeds=len(settings.feeds))
    with run_lock(settings.lock_path):
        db = Database(database_url(settings.database))
        try:
            with db.session() as s:
                record = RunRecord()
                s.add(record)
            clock = time.perf_counter()
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
            clock = _lap(summary, "notes", clock)

            _fetch_stage(db, settings, summary, report, progress)
            clock = _lap(summary, "fetch", clock)
            total = pending_count(db)
            advance = progress("extract", total) if progress and total else None
            currencies = {f.name: f.currency for f in settings.feeds if f.currency}
            extract_pending(db, extractor, index, routes, summary, report, advance, currencies)
            _lap(summary, "extract", clock)
            with db.session() as s:
                rec = s.get(RunRecord, record.id)
                if rec:
                    rec.finished_at = utcnow()
                    rec.status = {0: "ok", 5: "partial"}.get(summary.exit_code, "failed")
                    rec.stats = summary.as_dict()
                    s.add(rec)
        finally:
            db.close()
    return summary


def _safe_reporter(report: Reporter | None) -> Reporter:
    """A reporter that cannot stop the run: a line it fails to print goes to stderr as is.

    Messages carry feed text; a failure here once aborted storing the very failure it reported.
    """
    if report is None:
        return lambda stage, msg: None
    inner = report

    def safe(stage: str, message: str) -> None:
        try:
            inner(stage, message)
        except Exception:
            sys.stderr.write(f"{stage}: {message}\n")

    return safe


def _fetch_stage(db: Database, settings: Settings, summary: RunSummary, report: Reporter,
                 progress: Callable[[str, int], Callable[[int], None]] | None) -> None:
    """Fetch every feed not backing off; parse and store each result as it lands."""
    stored = _sync_feeds(db, settings)
    now = utcnow()
    todo: list[tuple[FeedConfig, Conditional, str]] = []
    for fc in settings.feeds:
        feed = stored[fc.name]
        until = as_utc(feed.backoff_until)
        if until and until > now:
            summary.backing_off[fc.name] = (f"{feed.error_count} failures in a row, "
                                            f"next try after {until:%Y-%m-%d %H:%M} UTC")
            report("backoff", f"{fc.name}: backing off ({feed.last_error})")
            continue
        todo.append((fc, Conditional(feed.etag, feed.last_modified), feed.url))
    by_name = {fc.name: fc for fc, _, _ in todo}
    advance = progress("fetch", len(todo)) if progress else None

    # Bodies that changed are parsed in a worker process (feedparser is pure Python: a second
    # core), and one writer thread stores results while the event loop keeps fetching:
    # SQLite wants one writer, the network wants no waits.
    hashes = {name: f.body_hash for name, f in stored.items()}
    parser = _parser_pool(len(todo))
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimlog-store")

    async def landed(result: FetchResult) -> None:
        loop = asyncio.get_running_loop()
        fc = by_name[result.feed]
        parsed = None
        if parser and result.status == "ok" and hashlib.sha256(result.body).hexdigest() != hashes.get(fc.name):
            parsed = await loop.run_in_executor(parser, _parse_result, fc, result)
        await loop.run_in_executor(writer, _store_result, db, fc, result, summary, report, parsed)
        if advance:
            advance(1)

    try:
        asyncio.run(Fetcher(settings).fetch_all(todo, on_done=landed))
    finally:
        writer.shutdown(wait=True)
        if parser:
            parser.shutdown(wait=True)
    linked = [fc for fc in settings.feeds if fc.fetch_linked and fc.name in by_name]
    if linked:
        _fetch_linked_pages(db, settings, linked, report)


def _fetch_linked_pages(db: Database, settings: Settings, feeds: list[FeedConfig], report: Reporter) -> None:
    """For feeds that carry only titles, fetch each new article's page and keep its text.

    The links are the feed's word, so only http(s) pages on the public internet are read,
    unless the feed itself is on a private network or the user allows private links.
    """
    names = {fc.name for fc in feeds}
    with db.session() as s:
        rows = s.exec(select(col(Article.id), Article.url, Feed.name, Feed.url)
                      .where(ArticleFeed.article_id == Article.id, ArticleFeed.feed_id == Feed.id)
                      .where(Article.extracted == False, Article.body == "", Article.summary == "")  # noqa: E712
                      .where(col(Article.url).is_not(None))).all()
    pages: dict[tuple[int | None, str], str] = {}
    feed_urls: dict[str, str] = {}
    for art_id, url, name, feed_url in rows:
        if name not in names or not url:
            continue
        why = scheme_refusal(url)
        if why:
            report("error", f"{name}: linked page {url}: refused: {why}")
            continue
        pages[(art_id, url)] = name
        feed_urls[name] = feed_url
    if not pages:
        return

    async def fetch() -> list[FetchResult]:
        private = {name: settings.allow_private_links or await on_private_network(u) for name, u in feed_urls.items()}
        jobs: list[tuple[FeedConfig, Conditional, str]] = []
        guards: dict[str, LinkGuard] = {}
        for (_, url), name in pages.items():
            job = FeedConfig(f"{name}: {url}", url)
            guards[job.name] = LinkGuard(private[name])
            jobs.append((job, Conditional(), url))
        return await Fetcher(settings, guards=guards).fetch_all(jobs)

    results = asyncio.run(fetch())
    with db.session() as s:
        for ((art_id, url), name), result in zip(pages.items(), results, strict=True):
            if result.status != "ok":
                report("error", f"{name}: linked page {url}: {result.error}")
                continue
            text = page_text(decode_feed(result.body, result.charset))
            art = s.get(Article, art_id)
            if art is not None and text:
                art.body = text
                art.lang = detect_language(text)
                s.add(art)
    report("fetch", f"fetched {len(pages)} linked pages")


def _parser_pool(feeds: int) -> ProcessPoolExecutor | None:
    """A worker process for parsing when there are enough feeds to pay for it."""
    if feeds < PARALLEL_PARSE_FEEDS or (os.cpu_count() or 1) < 2:
        return None
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))


def _lap(summary: RunSummary, stage: str, since: float) -> float:
    now = time.perf_counter()
    summary.timings[stage] = now - since
    return now


def feed_status(db: Database) -> list[Feed]:
    """Every stored feed, for `claimlog feeds`."""
    with db.session() as s:
        return list(s.exec(select(Feed).order_by(col(Feed.name))).all())


