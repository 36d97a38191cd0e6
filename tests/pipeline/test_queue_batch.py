"""Queueing a batch of articles at once decides exactly as queueing them one by one: repeats
inside the batch, facts restated in two of its articles, items stored before it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from extractors.spans import Claim
from models import Article, ClaimRecord, ClaimSource, Database, database_url
from pipeline.conflicts import Known
from pipeline.dedup import EvidenceIndex, fingerprint, loose_fingerprint
from pipeline.queue import QueueStats, queue_claims
from pipeline.queue_batch import queue_batch

ROUTES = [("Labs.md", {"openai", "xai"}, True), ("Reading.md", {"openai", "meta"}, False)]


def _claim(subject: str, metric: str, value: float, period: str | None, start: int, *, lang: str = "en",
           confidence: float = 0.5, sentence: str = "") -> Claim:
    return Claim(subject, metric, value, value, "USD", "exact", None, period,
                 sentence or f"{subject} {metric} {value:g} {period}", lang, start, start + 4, confidence=confidence)


def _index() -> EvidenceIndex:
    """The notes: one fact known outright, one row text a claim nearly repeats, one value to conflict with."""
    idx = EvidenceIndex()
    idx.add_claim(fingerprint("Oracle", "debt_issuance", "FY2026", "USD", 25e9, 25e9),  # Oracle's year ends in May
                  loose_fingerprint("Oracle", "debt_issuance", "USD", 25e9, 25e9), True)
    idx.add_text("Tesla holds $44B cash but faces a free cash flow deficit", [("USD", 44e9)])
    idx.facts.add(Known("Meta", "capex", "2026", "USD", 135e9, 135e9, None, date(2026, 2, 1), "AI.md, 2026-02-01"))
    return idx


# Three articles of one batch; the first is also stated by an article queued before the batch.
ARTICLES: list[tuple[str, date, list[Claim]]] = [
    ("a", date(2026, 2, 1), [
        _claim("OpenAI", "funding", 40e9, None, 0),
        _claim("OpenAI", "funding", 40e9, None, 0),  # the same mention twice: one source
        _claim("OpenAI", "funding", 40e9, None, 30, confidence=0.9),  # restated later in the article
        _claim("Meta", "capex", 120e9, "2026", 60),  # conflicts with the notes' $135B
        _claim("xAI", "valuation", 230e9, None, 90),
        _claim("Oracle", "debt_issuance", 25e9, "2026", 120),  # known: dropped
        _claim("Tesla", "cash", 44e9, None, 150, sentence="Tesla holds $44B cash but faces a free cash flow deficit"),
        _claim("Tesla", "cash", 44e9, None, 190, sentence="Tesla has $44B of cash, but it faces a cash flow deficit"),
    ]),
    ("b", date(2026, 2, 6), [
        _claim("OpenAI", "debt_issuance", 40e9, None, 0, lang="zh"),  # a family metric days later: merged
        _claim("xAI", "valuation", 230e9, "2026", 40),  # names the period the first report left out
        _claim("Meta", "capex", 120e9, "2026", 80, confidence=0.7),
        _claim("Microsoft", "capex", 37.5e9, "Q2 FY2026", 120),
    ]),
    ("c", date(2026, 3, 30), [
        _claim("OpenAI", "debt", 40e9, None, 0),  # too late to be the same report: another item
        _claim("Microsoft", "capex", 37.5e9, "Q2 FY2026", 10, confidence=0.8),  # same fingerprint: always merged
        _claim("Anthropic", "funding", 13e9, None, 50),
    ]),
]


def _queue(db: Database, batches: list[list[int]]) -> QueueStats:
    """Queue ARTICLES in the given batches (indexes), each batch in one transaction."""
    stats = QueueStats()
    index = _index()
    with db.session() as s:  # stored before: a claim of the first article, from an earlier article
        early = Article(key="early", content_hash="early", title="early", published=date(2026, 1, 30), body="x" * 300)
        s.add(early)
        s.flush()
        queue_claims(s, early, [_claim("Anthropic", "funding", 13e9, None, 5)], index, ROUTES, stats)
    for batch in batches:
        with db.session() as s:
            arts = []
            for i in batch:
                key, published, claims = ARTICLES[i]
                art = Article(key=key, content_hash=key, title=key, published=published, body="y" * 300)
                s.add(art)
                s.flush()
                arts.append((art, claims))
            if len(arts) == 1:
                queue_claims(s, arts[0][0], arts[0][1], index, ROUTES, stats)
            else:
                queue_batch(s, arts, index, ROUTES, stats)
    return stats


def _stored(db: Database) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    with db.session() as s:
        claims = [{k: v for k, v in r.model_dump().items() if k != "created_at"}
                  for r in s.exec(select(ClaimRecord).order_by(col(ClaimRecord.id))).all()]
        sources = [(x.claim_id, x.article_id, x.lang, x.start, x.end, x.figure_text, x.sentence)
                   for x in s.exec(select(ClaimSource).order_by(col(ClaimSource.id))).all()]
    return claims, sources


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], Database]:
    opened: list[Database] = []

    def make(name: str) -> Database:
        url = (request.getfixturevalue("pg_server").database() if request.param == "postgres"
               else database_url(tmp_path / f"{name}.db"))
        opened.append(Database(url))
        return opened[-1]

    yield make  # type: ignore[misc]
    for db in opened:
        db.close()


def test_a_batch_queues_as_one_by_one(new_db: Callable[[str], Database]) -> None:
    one, batched = new_db("one"), new_db("batched")
    by_one = _queue(one, [[0], [1], [2]])
    at_once = _queue(batched, [[0, 1, 2]])
    assert at_once == by_one
    assert _stored(batched) == _stored(one)
    # What the batch met, so the comparison above is not vacuous (the one-by-one figures are
    # those of the per-claim queueing this replaced, run on the same articles).
    assert (by_one.found, by_one.known, by_one.queued, by_one.merged, by_one.same_article) == (16, 2, 7, 7, 2)
    assert (by_one.flagged, by_one.conflicts) == (1, 1)
    claims, sources = _stored(batched)
    assert len(sources) == 13
    openai = [c for c in claims if c["subject"] == "OpenAI"]
    assert [c["metric"] for c in openai] == ["funding", "debt"] and openai[0]["confidence"] == 0.9
    assert openai[0]["theses"] == ["Labs.md"]
    assert next(c for c in claims if c["subject"] == "xAI")["period"] == "2026"
    assert next(c for c in claims if c["subject"] == "Meta")["comparison"]["conflicts"][0]["other_value"] == "$135B"
    assert not any(c["subject"] == "Oracle" for c in claims)
    tesla = [c for c in claims if c["subject"] == "Tesla"]
    assert len(tesla) == 1 and tesla[0]["near_duplicate"]  # the verbatim row is known, the close one flagged


def test_a_batch_merges_into_items_it_stored_itself(new_db: Callable[[str], Database]) -> None:
    """Two articles of one batch stating one fact: one item with two sources, as across batches."""
    db = new_db("two")
    stats = QueueStats()
    claim = _claim("Meta", "capex", 150e9, "2027", 0)
    with db.session() as s:
        arts = [Article(key=k, content_hash=k, title=k, published=date(2026, 2, 2), body="z" * 10) for k in "pq"]
        s.add_all(arts)
        s.flush()
        queue_batch(s, [(arts[0], [claim]), (arts[1], [claim])], EvidenceIndex(), ROUTES, stats)
    with db.session() as s:
        recs = s.exec(select(ClaimRecord)).all()
        srcs = s.exec(select(ClaimSource)).all()
    assert (stats.queued, stats.merged, len(recs), len(srcs)) == (1, 1, 1, 2)
    assert stats.queued_ids == [recs[0].id]
    assert {x.article_id for x in srcs} == {a.id for a in arts}


def test_a_batch_sees_items_its_session_holds_unflushed(tmp_path: Path) -> None:
    """Stored items a caller changed through the ORM are read as changed, and re-read after."""
    db = Database(database_url(tmp_path / "orm.db"))
    stats = QueueStats()
    try:
        with db.session() as s:
            art = Article(key="k", content_hash="k", title="k", published=date(2026, 2, 2), body="w")
            s.add(art)
            s.flush()
            queue_claims(s, art, [_claim("xAI", "valuation", 1e9, None, 0)], EvidenceIndex(), ROUTES, stats)
            rec = s.exec(select(ClaimRecord)).one()
            rec.confidence = 0.6  # not flushed yet
            s.add(rec)
            art2 = Article(key="k2", content_hash="k2", title="k2", published=date(2026, 2, 3), body="w")
            s.add(art2)
            s.flush()
            queue_claims(s, art2, [_claim("xAI", "valuation", 1e9, "2026", 0, confidence=0.55)],
                         EvidenceIndex(), ROUTES, stats)
            assert (rec.confidence, rec.period) == (0.6, "2026")  # kept the higher one; took the period
    finally:
        db.close()
