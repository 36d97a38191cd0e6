"""Extraction rounds and the worker pools the run forks (parsing, extraction)."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy import select as core_select
from sqlmodel import col, select

from extractors.claims import Extractor
from extractors.money import local_currency
from extractors.spans import Extraction
from models import Article, ArticleFeed, Database, Feed
from pipeline.dedup import EvidenceIndex
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


@dataclass(frozen=True)
class _Failed:
    """An article whose extraction raised: the error, as the summary lists it."""

    error: str


_Result = Extraction | _Failed


def extract_pending(db: Database, extractor: Extractor, index: EvidenceIndex,
                    routes: list[tuple[str, set[str], bool]], summary: RunSummary, report: Reporter,
                    advance: Callable[[int], None] | None = None,
                    currencies: dict[str, str] | None = None, pending: int | None = None) -> None:
    """Extract and queue every article not yet extracted.

    Articles are read and extracted in rounds and stored a small batch per transaction, so a
    kill loses at most the round in flight. With enough articles, a forked second process
    extracts part of each round, and this one queues the previous round while it does: the
    share it hands over follows the time queueing takes, so both cores finish together.
    """
    if pending is None:
        with db.session() as s:
            pending = len(s.exec(select(Article.id).where(Article.extracted == False)).all())  # noqa: E712
    last = 0
    ready: tuple[list[_Row], list[_Result]] | None = None
    share = 0.5  # of each round, extracted by the second process
    with _second_process(extractor, pending) as worker:
        while True:
            rows = _read_round(db, last)
            items = [(r.text, None, r.published) for r in rows]
            codes = _feed_currencies(db, [r.id for r in rows], currencies) if currencies and rows else {}
            cut, future = 0, None
            if rows and worker is not None:
                cut = max(1, min(len(rows) - 1, round(len(rows) * share)))
                future = _submit(worker, items[:cut], rows[:cut], codes)
            queueing = 0.0
            if ready is not None:
                started = time.perf_counter()
                _queue_round(db, *ready, index, routes, summary, advance)
                queueing = time.perf_counter() - started
                summary.spent("queue", queueing)
                ready = None
            if not rows:
                return
            last = rows[-1].id
            mine = _extract(extractor, items[cut:], rows[cut:], codes)
            theirs: list[_Result] = []
            if future is not None:
                try:
                    theirs, seconds = future.result()
                except BrokenProcessPool:  # the second process died (memory?): this one does its share
                    worker = None
                    theirs = _extract(extractor, items[:cut], rows[:cut], codes)
                else:
                    share = _next_share(seconds / cut, queueing, len(rows))
            results = theirs + mine
            for row, res in zip(rows, results, strict=True):
                if isinstance(res, _Failed):
                    report("failed", f"article {row.id}: extraction failed: {res.error}")
            ready = (rows, results)


def _next_share(per_article: float, queueing: float, size: int) -> float:
    """The second process's share of a round: both processes busy for the same time.

    This one queues the last round (`queueing` seconds) and extracts the rest of this one.
    """
    if per_article <= 0:
        return 0.5
    return min(0.9, max(0.5, 0.5 * (1 + queueing / (size * per_article))))


def _read_round(db: Database, after: int) -> list[_Row]:
    t = Article.__table__.c  # type: ignore[attr-defined]
    with db.session() as s:
        found = s.connection().execute(
            core_select(t.id, t.title, t.summary, t.body, t.published).where(t.extracted == False)  # noqa: E712
            .where(t.id > after).order_by(t.id).limit(EXTRACT_ROUND)).all()
    return [_Row(art_id or 0, title, summary or "", body or "", published)
            for art_id, title, summary, body, published in found]


def _queue_round(db: Database, rows: list[_Row], results: list[_Result], index: EvidenceIndex,
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
                if isinstance(ex, _Failed):
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


def _extract(extractor: Extractor, items: Sequence[tuple[str, None, date | None]], rows: Sequence[_Row],
             codes: dict[int, str]) -> list[_Result]:
    """Extract articles; those of feeds with a `currency` setting under that default."""
    groups: dict[str | None, list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(codes.get(row.id), []).append(i)
    out: list[_Result | None] = [None] * len(items)
    for code, positions in groups.items():
        with local_currency(code):
            part = _extract_group(extractor, [items[i] for i in positions])
        for i, ex in zip(positions, part, strict=True):
            out[i] = ex
    return [ex for ex in out if ex is not None]


def _extract_group(extractor: Extractor, items: list[tuple[str, None, date | None]]) -> list[_Result]:
    """Extract together; if that fails, article by article, so one bad text stops nothing else."""
    try:
        return list(extractor.extract_many(items))
    except Exception:  # a bug or pathological text somewhere in the round: find it
        out: list[_Result] = []
        for item in items:
            try:
                out.append(extractor.extract_many([item])[0])
            except Exception as exc:  # reported with the article, then the run goes on
                out.append(_Failed(f"{type(exc).__name__}: {exc}"))
        return out


# --- the second process ------------------------------------------------------------------

_FORKED: Extractor | None = None  # the extractor a forked worker inherits, pipelines loaded


def _extract_forked(items: list[tuple[str, None, date | None]], rows: list[_Row],
                    codes: dict[int, str]) -> tuple[list[_Result], float]:
    assert _FORKED is not None
    started = time.perf_counter()
    out = _extract(_FORKED, items, rows, codes)
    return out, time.perf_counter() - started


def _submit(worker: ProcessPoolExecutor, items: list[tuple[str, None, date | None]], rows: list[_Row],
            codes: dict[int, str]) -> Future[tuple[list[_Result], float]]:
    mine = {r.id: codes[r.id] for r in rows if r.id in codes}
    return worker.submit(_extract_forked, items, rows, mine)


@contextmanager
def _second_process(extractor: Extractor, pending: int) -> Iterator[ProcessPoolExecutor | None]:
    """A forked process that inherits the loaded pipelines, when there is enough to extract."""
    if pending < PARALLEL_EXTRACT or (os.cpu_count() or 1) < 2:
        yield None
        return
    global _FORKED
    extractor.warm()
    _FORKED = extractor
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _FORKED = None


def parser_pool(feeds: int) -> ProcessPoolExecutor | None:
    """A worker process for parsing when there are enough feeds to pay for it."""
    if feeds < PARALLEL_PARSE_FEEDS or (os.cpu_count() or 1) < 2:
        return None
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
