"""The fetch stage: every feed not backing off, fetched, parsed and stored as it lands."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from sqlmodel import col, select

from extractors.langid import detect_language
from models import Article, ArticleFeed, Database, Feed
from models.tables import as_utc, utcnow
from pipeline.config import FeedConfig, Settings
from pipeline.feeds import decode_feed, page_text
from pipeline.fetch import Conditional, Fetcher, FetchResult
from pipeline.links import LinkGuard, on_private_network, scheme_refusal
from pipeline.storage import parse_result, store_result, sync_feeds
from pipeline.summary import Reporter, RunSummary
from pipeline.workers import parser_pool


def fetch_stage(db: Database, settings: Settings, summary: RunSummary, report: Reporter,
                 progress: Callable[[str, int], Callable[[int], None]] | None) -> None:
    """Fetch every feed not backing off; parse and store each result as it lands.

    Everything is fetched by `run_deadline` seconds from now: a feed not done by then is
    recorded as failed (and tried again next run, with the usual backoff).
    """
    run_end = time.monotonic() + settings.run_deadline if settings.run_deadline else None
    stored = sync_feeds(db, settings)
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
    parser = parser_pool(len(todo))
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimlog-store")

    async def landed(result: FetchResult) -> None:
        loop = asyncio.get_running_loop()
        fc = by_name[result.feed]
        parsed = None
        if parser and result.status == "ok" and hashlib.sha256(result.body).hexdigest() != hashes.get(fc.name):
            parsed = await loop.run_in_executor(parser, parse_result, fc, result)
        await loop.run_in_executor(writer, store_result, db, fc, result, summary, report, parsed)
        if advance:
            advance(1)

    try:
        asyncio.run(Fetcher(settings, run_end=run_end).fetch_all(todo, on_done=landed))
    finally:
        writer.shutdown(wait=True)
        if parser:
            parser.shutdown(wait=True)
    linked = [fc for fc in settings.feeds if fc.fetch_linked and fc.name in by_name]
    if linked:
        _fetch_linked_pages(db, settings, linked, report, run_end)


def _fetch_linked_pages(db: Database, settings: Settings, feeds: list[FeedConfig], report: Reporter,
                        run_end: float | None) -> None:
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
        return await Fetcher(settings, guards=guards, run_end=run_end).fetch_all(jobs)

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
