"""The review queue: queueing claims, decisions, edits, undo, and applying to notes."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from extractors.spans import PERS, QUALIFIERS, Claim
from extractors.vocabulary import METRIC_VOCABULARY
from models import Article, ArticleFeed, ClaimRecord, ClaimSource, Database, Decision, Feed
from models.tables import utcnow
from pipeline.bearing import checkpoint_implication
from pipeline.dedup import EvidenceIndex
from pipeline.errors import ClaimlogError, NoteError
from pipeline.facts import (
    change_for,
    flags_of,
    record_period,
)
from pipeline.notes import (
    append_rows,
    insert_rows,
    note_target,
    sweep_temp_files,
    unified_diff,
)

ACTIONS = {"approve": "approved", "reject": "rejected", "skip": "skipped", "reopen": "pending"}
EDITABLE = ("subject", "metric", "low", "high", "currency", "qualifier", "per", "period",
            "observation", "implication", "theses")
_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£"}
_QUAL_WORD = {"approx": "about ", "more_than": "more than ", "less_than": "less than ",
              "at_least": "at least ", "at_most": "up to ", "exact": ""}
METRIC_LABEL = {
    "capex": "capex", "revenue": "revenue", "profit": "profit", "loss": "net loss", "eps": "EPS",
    "free_cash_flow": "free cash flow", "operating_cash_flow": "operating cash flow",
    "cash": "cash", "debt": "debt", "debt_issuance": "bond issuance", "cash_burn": "cash burn",
    "funding": "funding", "valuation": "valuation", "investment": "investment",
    "spending": "spending", "acquisition": "acquisition", "fund_flow": "net flows",
    "backlog": "backlog", "market_cap": "market cap", "price": "share price",
}


@dataclass
class QueueStats:
    """Counts of one queueing pass."""

    found: int = 0
    known: int = 0
    merged: int = 0
    queued: int = 0
    flagged: int = 0
    same_article: int = 0  # merged: the article stated it already (a translated summary, a later sentence)
    conflicts: int = 0  # queued with a conflict flag
    queued_ids: list[int] = field(default_factory=list)


def _amount(v: float) -> str:
    a = abs(v)
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if a >= div:
            return f"{a / div:.4g}{suffix}"
    return f"{a:.2f}".rstrip("0").rstrip(".")


def format_money(low: float, high: float, currency: str, qualifier: str = "exact", per: str | None = None) -> str:
    """'$23.7B', '-$23.7B', '$30B-$35B', 'more than $1T', '$1B a month'."""
    sym = _SYMBOL.get(currency)

    def one(v: float) -> str:
        sign = "-" if v < 0 else ""
        return f"{sign}{sym}{_amount(v)}" if sym else f"{sign}{currency} {_amount(v)}"

    text = one(low) if low == high else f"{one(low)}-{one(high)}"
    if qualifier == "at_least" and low == high:
        text += "+"
    elif qualifier != "at_least":
        text = _QUAL_WORD.get(qualifier, "") + text
    if per:
        text += f" a {per}"
    return text


def default_observation(c: ClaimRecord, source: str | None) -> str:
    """A one-line statement with the figure and its source, which reads back to the same claim."""
    value = format_money(c.low, c.high, c.currency, c.qualifier, c.per)
    if c.metric == "fund_flow" and c.low < 0:
        value = format_money(-c.high, -c.low, c.currency, c.qualifier, c.per)
        label = "net outflows"
    else:
        label = METRIC_LABEL.get(c.metric, c.metric)
    period = f" ({c.period})" if c.period else ""
    prefix = f"{source}: " if source else ""
    return f"{prefix}[[{c.subject}]] {label} **{value}**{period}"


def queue_claims(s: Session, article: Article, claims: list[Claim], index: EvidenceIndex,
                 routes: list[tuple[str, set[str], bool]], stats: QueueStats) -> None:
    """Drop claims the notes hold, merge repeats into their queue item, queue the rest."""
    from pipeline.queue_batch import queue_batch

    queue_batch(s, [(article, claims)], index, routes, stats)


# --- reading the queue ----------------------------------------------------------------

_SOURCE_COLUMNS: tuple[Any, ...] = (ClaimSource.claim_id, ClaimSource.article_id, ClaimSource.lang, ClaimSource.sentence,
                   ClaimSource.start, ClaimSource.end, ClaimSource.figure_text, ClaimSource.subject_text)
_IDS: Any = bindparam("ids", expanding=True)
_SOURCES = sa_select(*_SOURCE_COLUMNS).where(col(ClaimSource.claim_id).in_(_IDS)).order_by(col(ClaimSource.id))
_ARTICLES = sa_select(col(Article.id), col(Article.title), col(Article.url), col(Article.published)).where(
    col(Article.id).in_(_IDS))
_FEEDS = sa_select(col(ArticleFeed.article_id), col(Feed.name)).where(col(ArticleFeed.feed_id) == col(Feed.id)).where(
    col(ArticleFeed.article_id).in_(_IDS))


def claim_sources(s: Session, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The sources of these claims by claim id, one per article, in the order they were stored.

    Sources, articles and feed names are read in three queries for all claims at once; sources
    as plain rows, since building a model object per source cost more than the rest of a listing.
    """
    s.flush()  # as a model query would: sources added in this session count
    conn = s.connection()
    # Plain rows read as tuples, and one bound list per query, not a parameter per id to build.
    srcs = conn.execute(_SOURCES, {"ids": list(ids)}).all()
    art_ids = list({src[1] for src in srcs})
    arts = {a[0]: a[1:] for a in conn.execute(_ARTICLES, {"ids": art_ids}).all()}
    feeds: dict[int, list[str]] = defaultdict(list)
    for art_id, name in conn.execute(_FEEDS, {"ids": art_ids}).all():
        feeds[art_id].append(name)
    sources: dict[int, list[dict[str, Any]]] = defaultdict(list)
    by_article: dict[tuple[int, int], dict[str, Any]] = {}
    for claim_id, art_id, lang, sentence, start, end, figure_text, subject_text in srcs:
        mention = {"lang": lang, "sentence": sentence, "figure_text": figure_text,
                   "subject_text": subject_text, "start": start, "end": end}
        held = by_article.get((claim_id, art_id))
        if held is not None:  # one article is one source, in as many languages as it states the fact
            held["mentions"].append(mention)
            if lang not in held["langs"]:
                held["langs"].append(lang)
            continue
        title, url, published = arts.get(art_id, ("", None, None))
        held = {"article_id": art_id, "title": title, "url": url, "feeds": feeds.get(art_id, []), **mention,
                "langs": [lang], "mentions": [mention], "published": published.isoformat() if published else None}
        by_article[(claim_id, art_id)] = held
        sources[claim_id].append(held)
    return sources


def claim_views(s: Session, recs: Sequence[Any],
                sources: dict[int, list[dict[str, Any]]] | None = None) -> list[dict[str, Any]]:
    """Claims (ClaimRecords, or rows of the claim table) with their sources, as the CLI's --json
    and the review page show them. `sources`, when the caller has read them, are not read again."""
    if sources is None:
        sources = claim_sources(s, [r.id for r in recs])
    return [{
        "id": rec.id, "status": rec.status, "subject": rec.subject, "metric": rec.metric,
        "low": rec.low, "high": rec.high, "currency": rec.currency, "qualifier": rec.qualifier,
        "per": rec.per, "period": rec.period, "modality": rec.modality, "lang": rec.lang,
        "sentence": rec.sentence,
        "confidence": rec.confidence, "sources": sources.get(rec.id or 0, []), "theses": list(rec.theses or []),
        "near_duplicate": rec.near_duplicate, "observation": rec.observation,
        "fiscal_period": record_period(rec), "flags": flags_of(rec), "change": change_for(rec),
        "implication": rec.implication, "original": rec.original,
        "published": rec.published.isoformat() if rec.published else None,
        "value": format_money(rec.low, rec.high, rec.currency, rec.qualifier, rec.per),
    } for rec in recs]


def claim_view(s: Session, rec: ClaimRecord) -> dict[str, Any]:
    """One claim with its sources."""
    return claim_views(s, [rec])[0]


def list_claims(s: Session, status: str | None = "pending", limit: int | None = None) -> list[ClaimRecord]:
    """Claims by confidence, then newest."""
    q = select(ClaimRecord)
    if status:
        q = q.where(ClaimRecord.status == status)
    q = q.order_by(col(ClaimRecord.confidence).desc(), col(ClaimRecord.published).desc(), col(ClaimRecord.id))
    if limit:
        q = q.limit(limit)
    return list(s.exec(q).all())


def listed_ids(s: Session, status: str | None = "pending") -> list[int]:
    """The ids of `list_claims`, in its order: one small column, whatever the queue's size."""
    t = ClaimRecord.__table__.c  # type: ignore[attr-defined]
    q = sa_select(t.id)
    if status:
        q = q.where(t.status == status)
    q = q.order_by(t.confidence.desc(), t.published.desc(), t.id)
    s.flush()  # as a model query would
    return list(s.connection().execute(q).scalars())


def count_claims(s: Session, status: str | None = "pending") -> int:
    """How many claims `list_claims` lists."""
    t = ClaimRecord.__table__.c  # type: ignore[attr-defined]
    q = sa_select(func.count()).select_from(ClaimRecord.__table__)  # type: ignore[attr-defined]
    if status:
        q = q.where(t.status == status)
    s.flush()
    return int(s.connection().execute(q).scalar_one())


def iter_claims(s: Session, ids: list[int], chunk: int = 1000,
                columns: Sequence[str] | None = None) -> Iterator[list[Any]]:
    """The claims of `ids` (from `listed_ids`) in chunks, in that order, as read-only rows of the
    claim table (attributes as a ClaimRecord's): a listing holds one chunk at a time, not the queue.

    `columns` (with "id"), when given, are the only ones read.
    """
    table = ClaimRecord.__table__  # type: ignore[attr-defined]
    q = sa_select(*(table.c[c] for c in columns)) if columns else sa_select(table)
    for at in range(0, len(ids), chunk):
        part = ids[at:at + chunk]
        rows = {r.id: r for r in s.connection().execute(q.where(table.c.id.in_(part))).all()}
        yield [rows[i] for i in part if i in rows]


def source_name(s: Session, rec: ClaimRecord) -> str | None:
    """The feed that first carried the claim."""
    row = s.exec(select(Feed.name).where(ClaimSource.claim_id == rec.id)
                 .where(ArticleFeed.article_id == ClaimSource.article_id)
                 .where(Feed.id == ArticleFeed.feed_id).order_by(col(ClaimSource.id))).first()
    return row


# --- decisions ---------------------------------------------------------------------------

def _snapshot(rec: ClaimRecord) -> dict[str, Any]:
    return {k: getattr(rec, k) for k in ("status", *EDITABLE)} | {
        "decided_at": rec.decided_at.isoformat() if rec.decided_at else None}


def _restore(rec: ClaimRecord, snap: dict[str, Any]) -> None:
    from datetime import datetime

    for k, v in snap.items():
        if k == "decided_at":
            rec.decided_at = datetime.fromisoformat(v) if v else None
        else:
            setattr(rec, k, v)


def _get(s: Session, claim_id: int) -> ClaimRecord:
    rec = s.get(ClaimRecord, claim_id)
    if rec is None:
        raise ClaimlogError(f"no claim with id {claim_id}")
    return rec


def decide(db: Database, claim_ids: list[int], action: str) -> list[ClaimRecord]:
    """Approve, reject, skip or reopen claims; each decision is stored with its time."""
    if action not in ACTIONS:
        raise ClaimlogError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    out = []
    with db.session() as s:
        for cid in claim_ids:
            rec = _get(s, cid)
            if rec.status == "applied":
                raise ClaimlogError(f"claim {cid} is already applied to its note")
            before = _snapshot(rec)
            rec.status = ACTIONS[action]
            rec.decided_at = utcnow()
            s.add(rec)
            s.add(Decision(claim_id=cid, action=action, before=before, after=_snapshot(rec)))
            out.append(rec)
    return out


def _coerce(field_name: str, value: Any) -> Any:
    if field_name in ("low", "high"):
        try:
            number = float(value)
        except (TypeError, ValueError) as exc:
            raise ClaimlogError(f"{field_name} must be a number, not {value!r}") from exc
        if not math.isfinite(number):  # nan or inf would be written into a note as text
            raise ClaimlogError(f"{field_name} must be a finite number, not {value!r}")
        return number
    if field_name == "metric" and value not in METRIC_VOCABULARY:
        raise ClaimlogError(f"metric must be one of {', '.join(METRIC_VOCABULARY)}")
    if field_name == "qualifier" and value not in QUALIFIERS:
        raise ClaimlogError(f"qualifier must be one of {', '.join(QUALIFIERS)}")
    if field_name == "per" and value not in (None, "", *PERS):
        raise ClaimlogError(f"per must be empty or one of {', '.join(PERS)}")
    if field_name in ("per", "period") and value == "":
        return None
    if field_name == "theses":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        return list(value)
    if field_name == "currency":
        return str(value).upper().strip()
    return value


def edit(db: Database, claim_id: int, changes: dict[str, Any]) -> ClaimRecord:
    """Change any field; the first edit keeps the original values beside the new ones."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ClaimlogError(f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(EDITABLE)}")
    with db.session() as s:
        rec = _get(s, claim_id)
        if rec.status == "applied":
            raise ClaimlogError(f"claim {claim_id} is already applied to its note")
        before = _snapshot(rec)
        clean = {k: _coerce(k, v) for k, v in changes.items()}
        low = clean.get("low", rec.low)
        high = clean.get("high", rec.high)
        if "low" in clean and "high" not in clean and rec.low == rec.high:
            high = low
            clean["high"] = high
        if low > high:
            raise ClaimlogError("low must not be above high")
        if rec.original is None:
            rec.original = {k: getattr(rec, k) for k in ("subject", "metric", "low", "high", "currency",
                                                         "qualifier", "per", "period")}
        for k, v in clean.items():
            setattr(rec, k, v)
        s.add(rec)
        s.add(Decision(claim_id=claim_id, action="edit", before=before, after=_snapshot(rec)))
        return rec


def undo(db: Database) -> Decision | None:
    """Undo the newest decision not yet undone whose claim is not in a note yet.

    An applied claim can't be undone (edit the note instead), but decisions made before an
    apply on other claims still can.
    """
    with db.session() as s:
        rows = s.exec(select(Decision, ClaimRecord).where(Decision.undone == False)  # noqa: E712
                      .where(Decision.action != "apply").where(ClaimRecord.id == Decision.claim_id)
                      .where(ClaimRecord.status != "applied").order_by(col(Decision.id).desc())).first()
        if rows is None:
            return None
        dec, rec = rows
        _restore(rec, dec.before)
        dec.undone = True
        s.add(rec)
        s.add(dec)
        return dec


# --- apply -----------------------------------------------------------------------------------

@dataclass
class ApplyResult:
    """What apply wrote (or would write)."""

    diffs: dict[str, str] = field(default_factory=dict)
    applied: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # temp files of killed writes


def _row_for(s: Session, rec: ClaimRecord, note: str | None = None) -> str:
    from pipeline.rows import row_for

    return row_for(s, rec, note)


def apply_approved(db: Database, vault: Path, dry_run: bool = False) -> ApplyResult:
    """Insert approved claims into their notes' evidence logs.

    A claim is marked applied only after its note is on disk; a failed write leaves it
    approved, and the note unchanged.
    """
    result = ApplyResult()
    with db.session() as s:
        recs = list_claims(s, "approved")
        from pipeline.rows import cited_sources, joined_rows

        per_note: dict[str, list[ClaimRecord]] = defaultdict(list)
        for rec in recs:
            if not rec.theses:
                result.skipped.append(f"claim {rec.id}: no target note; edit it to choose one")
                continue
            for rel in rec.theses:
                per_note[rel].append(rec)
        sources = cited_sources(s, [r for r in recs if r.theses])
        by_note: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for rel, note_recs in per_note.items():
            by_note[rel] = [(ids[0], row) for ids, row in joined_rows(s, note_recs, rel, sources, {
                r.id or 0: checkpoint_implication(s, r, vault, rel) for r in note_recs if not r.implication})]
    if not dry_run:
        result.removed = sweep_temp_files(vault)
    written: set[str] = set()
    for rel, items in by_note.items():
        # Newest first: the table's own order.
        rows = [row for _, row in sorted(items, key=lambda x: x[1][:14], reverse=True)]
        try:
            path = note_target(vault, rel)
            if dry_run:
                old = path.read_text("utf-8")
                new = insert_rows(old, rows)
            else:
                old, new = append_rows(path, rows)
        except (NoteError, OSError) as exc:
            result.errors.append(str(exc))
            continue
        written.add(rel)
        if new != old:
            result.diffs[rel] = unified_diff(old, new, rel)
    if dry_run:
        return result
    with db.session() as s:
        for rec in recs:
            if rec.theses and all(t in written for t in rec.theses):
                live = _get(s, rec.id or 0)
                live.status = "applied"
                live.applied_at = utcnow()
                s.add(live)
                s.add(Decision(claim_id=live.id or 0, action="apply", before={"status": "approved"},
                               after={"status": "applied", "notes": list(rec.theses)}))
                result.applied.append(live.id or 0)
    return result
