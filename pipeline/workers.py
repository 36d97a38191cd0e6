"""Extraction rounds and the worker processes the run starts (parsing, extraction)."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy import select as core_select
from sqlmodel import col, select

from extractors.claims import Extractor
from extractors.spans import Extraction
from models import Article, ArticleFeed, Database, Feed
from pipeline.dedup import EvidenceIndex
from pipeline.extract_worker import (
    Failed,
    Item,
    Result,
    extract,
    extract_here,
    has_chinese,
    start_worker,
)
from pipeline.queue_batch import queue_batch
from pipeline.summary import Reporter, RunSummary
from pipeline.translation import check_article

EXTRACT_BATCH = 64  # articles per transaction
EXTRACT_ROUND = 512  # articles read and extracted at a time
PARALLEL_EXTRACT = 200  # from this many pending articles on, a second process extracts too
PARALLEL_PARSE_FEEDS = 50  # from this many feeds on, parse in a second process


@dataclass
class _Row:
    """An unextracted article as extraction, queueing and the translation check read it."""

    id: int
    title: str | None
    summary: str
    body: str
    published: date | None
    translation_flags: list[dict[str, Any]] | None = None  # set by the translation check

    @property
    def text(self) -> str:
        return "\n".join(p for p in (self.summary, self.body) if p)


def extract_pending(db: Database, extractor: Extractor, index: EvidenceIndex,
                    routes: list[tuple[str, set[str], bool]], summary: RunSummary, report: Reporter,
                    advance: Callable[[int], None] | None = None,
                    currencies: dict[str, str] | None = None, pending: int | None = None) -> None:
    """Extract and queue every article not yet extracted.

    Articles are read and extracted in rounds and stored a small batch per transaction, so a
    kill loses at most the round in flight. With enough articles, a second process
    (pipeline.extract_worker) extracts part of each round, and this one queues the previous
    round while it does: the share it hands over follows the time queueing takes, so both
    cores finish together. It takes every text with Chinese in it, so that only it loads the
    Chinese pipelines.
    """
    if pending is None:
        with db.session() as s:
            pending = len(s.exec(select(Article.id).where(Article.extracted == False)).all())  # noqa: E712
    order = _pending_order(db)
    ready: tuple[list[_Row], list[Result]] | None = None
    share = 0.5  # of each round, extracted by the second process
    with _second_process(extractor, pending) as worker:
        # one round more than there are, empty: it queues the last round's claims
        for start in [*range(0, len(order), EXTRACT_ROUND), len(order)]:
            chunk = order[start:start + EXTRACT_ROUND]
            rows = _read_round(db, chunk)
            items: list[Item] = [(r.text, None, r.published) for r in rows]
            found = _feed_currencies(db, [r.id for r in rows], currencies) if currencies and rows else {}
            codes = [found.get(r.id) for r in rows]
            theirs_at: list[int] = []
            future = None
            if rows and worker is not None:
                theirs_at = _split(items, share)
                future = worker.submit(extract_here, [items[i] for i in theirs_at], [codes[i] for i in theirs_at])
            queueing = 0.0
            if ready is not None:
                started = time.perf_counter()
                _queue_round(db, *ready, index, routes, summary, advance)
                queueing = time.perf_counter() - started
                summary.spent("queue", queueing)
                ready = None
            if not chunk:
                return
            if not rows:
                continue  # another run extracted them meanwhile
            taken = set(theirs_at)
            mine_at = [i for i in range(len(rows)) if i not in taken]
            results: list[Result | None] = [None] * len(rows)
            for i, res in zip(mine_at, extract(extractor, [items[i] for i in mine_at], [codes[i] for i in mine_at]),
                              strict=True):
                results[i] = res
            if future is not None:
                try:
                    theirs, seconds = future.result()
                except BrokenProcessPool:  # the second process died (memory?): this one does its share
                    worker = None
                    theirs = extract(extractor, [items[i] for i in theirs_at], [codes[i] for i in theirs_at])
                else:
                    share = _next_share(seconds / len(theirs_at), queueing, len(rows))
                for i, res in zip(theirs_at, theirs, strict=True):
                    results[i] = res
            done = [res for res in results if res is not None]
            for row, res in zip(rows, done, strict=True):
                if isinstance(res, Failed):
                    report("failed", f"article {row.id}: extraction failed: {res.error}")
            ready = (rows, done)


def _split(items: Sequence[Item], share: float) -> list[int]:
    """Positions of the round the second process extracts: about `share` of it, and every text
    with Chinese in it, so that this process never loads the Chinese pipelines."""
    want = max(1, min(len(items) - 1, round(len(items) * share)))
    chinese = [i for i, (text, _, _) in enumerate(items) if has_chinese(text)]
    taken = set(chinese)
    english = [i for i in range(len(items)) if i not in taken]
    return sorted(chinese + english[:max(0, want - len(chinese))])


def _next_share(per_article: float, queueing: float, size: int) -> float:
    """The second process's share of a round: both processes busy for the same time.

    This one queues the last round (`queueing` seconds) and extracts the rest of this one.
    """
    if per_article <= 0:
        return 0.5
    return min(0.9, max(0.5, 0.5 * (1 + queueing / (size * per_article))))


def _pending_order(db: Database) -> list[int]:
    """Unextracted articles by date, then key: not by id, which follows the order fetches
    landed in. A claim several articles state is queued with its first source's period and
    sentence, so the same articles must give the same queue whatever order they were stored in."""
    t = Article.__table__.c  # type: ignore[attr-defined]
    with db.session() as s:
        found = s.connection().execute(
            core_select(t.id).where(t.extracted == False)  # noqa: E712
            .order_by(t.published.is_(None), t.published, t.key)).all()
    return [art_id for (art_id,) in found]


def _read_round(db: Database, ids: list[int]) -> list[_Row]:
    """The unextracted articles among `ids`, in that order."""
    if not ids:
        return []
    t = Article.__table__.c  # type: ignore[attr-defined]
    with db.session() as s:
        found = s.connection().execute(
            core_select(t.id, t.title, t.summary, t.body, t.published).where(t.extracted == False)  # noqa: E712
            .where(t.id.in_(ids))).all()
    rank = {art_id: i for i, art_id in enumerate(ids)}
    found = sorted(found, key=lambda row: rank[row[0]])
    return [_Row(art_id or 0, title, summary or "", body or "", published)
            for art_id, title, summary, body, published in found]


def _queue_round(db: Database, rows: list[_Row], results: list[Result], index: EvidenceIndex,
                 routes: list[tuple[str, set[str], bool]], summary: RunSummary,
                 advance: Callable[[int], None] | None) -> None:
    """Queue a round's claims and mark its articles extracted, a batch per transaction."""
    table = Article.__table__  # type: ignore[attr-defined]
    for start in range(0, len(rows), EXTRACT_BATCH):
        part = list(zip(rows[start:start + EXTRACT_BATCH], results[start:start + EXTRACT_BATCH], strict=True))
        with db.session() as s:
            # Another run may have finished some (a killed run's round, taken up twice).
            live = {i for i in s.exec(select(col(Article.id)).where(col(Article.id).in_([r.id for r, _ in part]))
                                      .where(Article.extracted == False)).all() if i is not None}  # noqa: E712
            part = [(r, ex) for r, ex in part if r.id in live]
            queue_batch(s, [(r, ex.claims) for r, ex in part if isinstance(ex, Extraction)],
                        index, routes, summary.stats)
            errors, flags = [], []
            for row, ex in part:
                if isinstance(ex, Failed):
                    summary.failed_articles[row.title or str(row.id)] = ex.error
                    errors.append({"rid": row.id, "error": ex.error})
                    continue
                summary.translation += check_article(row, ex)
                if row.translation_flags is not None:
                    flags.append({"rid": row.id, "flags": row.translation_flags})
            by_id = table.c.id == bindparam("rid")
            if live:
                s.execute(update(table).where(table.c.id.in_(sorted(live))).values(extracted=True))
            if errors:
                s.execute(update(table).where(by_id).values(extract_error=bindparam("error")), errors)
            if flags:
                s.execute(update(table).where(by_id).values(translation_flags=bindparam("flags")), flags)
        done = min(EXTRACT_BATCH, len(rows) - start)
        summary.extracted += done
        if advance:
            advance(done)


def _feed_currencies(db: Database, ids: list[int], currencies: dict[str, str]) -> dict[int, str]:
    """Article id -> the `currency` of the feeds that carried it, when they agree."""
    with db.session() as s:
        pairs = s.exec(select(ArticleFeed.article_id, Feed.name).join(Feed, col(Feed.id) == ArticleFeed.feed_id)
                       .where(col(ArticleFeed.article_id).in_(ids))).all()
    found: dict[int, set[str]] = {}
    for art_id, name in pairs:
        if name in currencies:
            found.setdefault(art_id, set()).add(currencies[name])
    return {art_id: codes.pop() for art_id, codes in found.items() if len(codes) == 1}


# --- the second process ------------------------------------------------------------------

@contextmanager
def _second_process(extractor: Extractor, pending: int) -> Iterator[ProcessPoolExecutor | None]:
    """A second extracting process, when there is enough to extract (see pipeline.extract_worker)."""
    if pending < PARALLEL_EXTRACT or (os.cpu_count() or 1) < 2:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=start_worker, initargs=(dict(extractor.aliases.canonical), extractor.use_ner, os.getpid()))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def parser_pool(feeds: int) -> ProcessPoolExecutor | None:
    """A worker process for parsing when there are enough feeds to pay for it."""
    if feeds < PARALLEL_PARSE_FEEDS or (os.cpu_count() or 1) < 2:
        return None
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
