"""Queueing the claims of many articles at once: the same decisions as one claim at a time,
with a few statements a batch instead of several a claim.

The queue items a batch can meet (same fingerprint, or same fact key) and the sources its
articles already have are read in three queries; every decision is then made in memory, in
the order the claims come, so a fact stated twice in one batch is merged exactly as it would
be across two batches. New items and sources are written with bulk inserts, changed items
with one bulk update.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from sqlalchemy import bindparam, insert, or_, select, update
from sqlmodel import Session

from extractors.spans import Claim
from models import ClaimRecord, ClaimSource
from models.tables import utcnow
from pipeline.dedup import (
    KNOWN_SIMILARITY,
    EvidenceIndex,
    claim_key,
    claim_loose,
    fingerprint,
)
from pipeline.facts import SAME_FACT_DAYS, claim_period, comparison
from pipeline.families import same_fact
from pipeline.fiscal import fiscal_period

CHUNK = 500  # ids per IN (...) list: under SQLite's bound-parameter limit on any build


class ArticleLike(Protocol):
    """What queueing reads of an article: a stored Article, or a row read for extraction."""

    @property
    def id(self) -> int | None: ...
    @property
    def published(self) -> date | None: ...
    @property
    def text(self) -> str: ...


@dataclass(eq=False)
class _Item:
    """A queue item as the batch sees it: a stored claim, or one this batch creates."""

    id: int | None
    subject: str
    metric: str
    period: str | None
    published: date | None
    sentence: str
    modality: str
    confidence: float
    row: dict[str, Any] | None = None  # the row to insert, for a new item
    changed: set[str] = field(default_factory=set)  # columns of a stored item to update

    @property
    def ref(self) -> object:
        """What its sources are keyed by: the stored id, or the item itself until it has one."""
        return self.id if self.id is not None else self

    def fiscal(self) -> str | None:
        return fiscal_period(self.subject, self.period, self.published, self.sentence, self.modality)

    def set(self, column: str, value: Any) -> None:
        setattr(self, column, value)
        if self.row is not None:
            self.row[column] = value
        else:
            self.changed.add(column)


_ROUTER: tuple[object, dict[str, list[str]]] | None = None  # the routes it was built from, and it


def _router(routes: list[tuple[str, set[str], bool]]) -> dict[str, list[str]]:
    """`route` for every name the notes know, built once per routing table: a dict probe a claim.

    Holding the table itself (not its id) means a later table can never be taken for it.
    """
    global _ROUTER
    if _ROUTER is None or _ROUTER[0] is not routes:
        hits: dict[str, list[tuple[str, bool]]] = {}
        for rel, names, has_log in routes:
            for name in names:
                hits.setdefault(name, []).append((rel, has_log))
        # As `route`: notes with an evidence log, else every note that names it.
        _ROUTER = (routes, {name: [rel for rel, log in found if log] or [rel for rel, _ in found]
                            for name, found in hits.items()})
    return _ROUTER[1]


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _near_in_time(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= SAME_FACT_DAYS


def queue_batch(s: Session, batch: Sequence[tuple[ArticleLike, Sequence[Claim]]], index: EvidenceIndex,
                routes: list[tuple[str, set[str], bool]], stats: Any) -> None:
    """Drop claims the notes hold, merge repeats into their queue item, queue the rest.

    `batch` is each article with its claims, in the order they are to be decided.
    """
    from pipeline.queue import METRIC_LABEL, format_money

    s.flush()  # ORM objects the caller added are seen by the queries below
    todo = []  # (article, claim, fiscal period, fingerprint, fact key) not known to the notes
    for art, claims in batch:
        for c in claims:
            stats.found += 1
            period = claim_period(c, art.published)
            fp = fingerprint(c.subject, c.metric, period, c.currency, c.low, c.high)
            if index.known(fp, claim_loose(c), period is not None) or index.facts.known(
                    c.subject, c.metric, period, c.currency, c.low, c.high):
                stats.known += 1
                continue
            todo.append((art, c, period, fp, claim_key(c)))
    if not todo:
        return
    by_fp, by_key = _stored_items(s, {t[3] for t in todo}, {t[4] for t in todo})
    art_ids = sorted({art.id for art, *_ in todo if art.id is not None})
    # Only a stored item can have stored sources: with none met, there are none to read.
    mentions, stated = _stored_sources(s, art_ids) if by_fp or by_key else (set(), set())
    new_items: list[_Item] = []
    sources: list[tuple[_Item, dict[str, Any]]] = []
    texts: dict[int, str] = {}
    for art, c, period, fp, key in todo:
        art_id = art.id or 0
        item = by_fp.get(fp)
        if item is None:
            item = next((it for it in by_key.get(key, ()) if same_fact(c.metric, period, it.metric, it.fiscal())
                         and _near_in_time(it.published, art.published)), None)
            if item is not None and item.period is None and c.period:
                item.set("period", c.period)  # the other source names the period
        near = index.near(c.sentence, c.currency, c.low)
        if item is None and near and near[0] >= KNOWN_SIMILARITY:
            stats.known += 1
            continue
        if item is None:
            value = format_money(c.low, c.high, c.currency, c.qualifier, c.per)
            row: dict[str, Any] = {"fingerprint": fp, "loose_fingerprint": key, "subject": c.subject, "metric": c.metric,
                   "low": c.low, "high": c.high, "currency": c.currency, "qualifier": c.qualifier, "per": c.per,
                   "period": c.period, "modality": c.modality, "lang": c.lang, "sentence": c.sentence,
                   "confidence": c.confidence, "published": art.published, "status": "pending",
                   "theses": list(_router(routes).get(c.subject.casefold(), ())), "observation": None, "implication": "", "original": None,
                   "near_duplicate": near[1] if near else None,
                   "comparison": comparison(index.facts, c, period, value, METRIC_LABEL.get(c.metric, c.metric)),
                   "created_at": utcnow(), "decided_at": None, "applied_at": None}
            item = _Item(None, c.subject, c.metric, c.period, art.published, c.sentence, c.modality,
                         c.confidence, row)
            by_fp[fp] = item
            by_key.setdefault(key, []).append(item)
            new_items.append(item)
            stats.queued += 1
            if near:
                stats.flagged += 1
            stats.conflicts += bool(row["comparison"] and row["comparison"].get("conflicts"))
        else:
            stats.merged += 1
            stats.same_article += (item.ref, art_id) in stated
            if c.confidence > item.confidence:
                item.set("confidence", c.confidence)
        if (item.ref, art_id, c.start) in mentions:
            continue
        mentions.add((item.ref, art_id, c.start))
        stated.add((item.ref, art_id))
        text = texts.get(art_id)
        if text is None:
            text = texts[art_id] = art.text
        sources.append((item, {"article_id": art_id, "lang": c.lang, "sentence": c.sentence, "start": c.start,
                               "end": c.end, "figure_text": text[c.start:c.end], "subject_text": c.subject_text}))
    _write(s, new_items, sources, by_fp.values(), stats)


# Statements built once, their lists bound at each call: building and keying a statement cost
# more than running it, for the few claims of a batch.
_C = ClaimRecord.__table__.c  # type: ignore[attr-defined]
_S = ClaimSource.__table__.c  # type: ignore[attr-defined]
_ITEMS = select(_C.id, _C.fingerprint, _C.loose_fingerprint, _C.subject, _C.metric, _C.period, _C.published,
                _C.sentence, _C.modality, _C.confidence).where(
    or_(_C.fingerprint.in_(bindparam("fps", expanding=True)), _C.loose_fingerprint.in_(bindparam("keys", expanding=True))))
_SOURCES = select(_S.claim_id, _S.article_id, _S.start).where(_S.article_id.in_(bindparam("ids", expanding=True)))
_INSERT_CLAIMS = insert(ClaimRecord.__table__).returning(_C.id, _C.fingerprint)  # type: ignore[attr-defined]
_INSERT_SOURCES = insert(ClaimSource.__table__)  # type: ignore[attr-defined]


def _stored_items(s: Session, fps: set[str], keys: set[str]) -> tuple[dict[str, _Item], dict[str, list[_Item]]]:
    """Stored queue items with one of these fingerprints or fact keys, each once, by id."""
    found: dict[int, tuple[_Item, str, str]] = {}
    fp_list, key_list = sorted(fps), sorted(keys)
    for part_fp, part_key in _paired_chunks(fp_list, key_list):
        for rid, fp, key, *rest in s.connection().execute(_ITEMS, {"fps": list(part_fp), "keys": list(part_key)}).all():
            if rid not in found:
                found[rid] = (_Item(rid, *rest), fp, key)
    by_fp: dict[str, _Item] = {}
    by_key: dict[str, list[_Item]] = {}
    for rid in sorted(found):
        item, fp, key = found[rid]
        by_fp[fp] = item
        by_key.setdefault(key, []).append(item)
    return by_fp, by_key


def _paired_chunks(a: list[str], b: list[str]) -> Iterable[tuple[Sequence[str], Sequence[str]]]:
    size = CHUNK // 2
    for i in range(0, max(len(a), len(b)), size):
        yield a[i:i + size], b[i:i + size]


def _stored_sources(s: Session, art_ids: list[int]) -> tuple[set[tuple[object, int, int]], set[tuple[object, int]]]:
    """(claim id, article id, start) of the sources these articles already have, and (claim id, article id)."""
    mentions: set[tuple[object, int, int]] = set()
    for part in _chunks(art_ids):
        mentions.update((cid, aid, start) for cid, aid, start in s.connection().execute(_SOURCES, {"ids": list(part)}))
    return mentions, {(cid, aid) for cid, aid, _ in mentions}


def _write(s: Session, new_items: list[_Item], sources: list[tuple[_Item, dict[str, Any]]],
           items: Iterable[_Item], stats: Any) -> None:
    """New items (ids back in order), their sources, and changes to stored items: a few statements."""
    # Core statements on the tables: the ORM's bulk path splits rows by which values are None.
    conn = s.connection()
    claims = ClaimRecord.__table__  # type: ignore[attr-defined]
    if new_items:
        # One multi-row insert that returns each id with its fingerprint (unique), in whatever
        # order: RETURNING in parameter order would be a statement a row on SQLite.
        rows = [it.row for it in new_items if it.row is not None]
        ids = {fp: rid for rid, fp in conn.execute(_INSERT_CLAIMS, rows)}
        for it in new_items:
            it.id = ids[str((it.row or {})["fingerprint"])]
            stats.queued_ids.append(it.id)
    if sources:
        conn.execute(_INSERT_SOURCES, [{"claim_id": it.id, **row} for it, row in sources])
    changed = [it for it in {id(it): it for it in items}.values() if it.row is None and it.changed]
    for columns in {frozenset(it.changed) for it in changed}:
        rows = [{"rid": it.id, **{f"v_{c}": getattr(it, c) for c in columns}} for it in changed if it.changed == columns]
        stmt = update(claims).where(claims.c.id == bindparam("rid"))
        conn.execute(stmt.values({c: bindparam(f"v_{c}") for c in columns}), rows)
    if changed:
        stale = {it.id for it in changed}
        for obj in list(s.identity_map.values()):
            if isinstance(obj, ClaimRecord) and obj.id in stale:
                s.expire(obj)
