"""Extraction rounds and the worker pools the run forks (parsing, extraction)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from sqlmodel import col, select

from extractors.claims import Extractor
from extractors.money import local_currency
from extractors.spans import Extraction
from models import Article, ArticleFeed, Database, Feed
from pipeline.dedup import EvidenceIndex
from pipeline.queue import queue_claims
from pipeline.summary import Reporter, RunSummary
from pipeline.translation import check_article

EXTRACT_BATCH = 16  # articles per transaction
EXTRACT_ROUND = 512  # articles read and extracted at a time
PARALLEL_PARSE_FEEDS = 50  # from this many feeds on, parse in a second process


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
                        summary.translation += check_article(art, ex)
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


def parser_pool(feeds: int) -> ProcessPoolExecutor | None:
    """A worker process for parsing when there are enough feeds to pay for it."""
    if feeds < PARALLEL_PARSE_FEEDS or (os.cpu_count() or 1) < 2:
        return None
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
