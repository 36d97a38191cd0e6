"""One queue item per fact: the known facts from the database, the matching queue item,
and what a new claim conflicts with or changes against."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from extractors.spans import Claim
from models import ClaimRecord, EvidenceClaim, EvidenceRow, Thesis
from pipeline.conflicts import FactIndex, Known, change_of, conflict_flag
from pipeline.families import same_fact
from pipeline.fiscal import fiscal_period

SAME_FACT_DAYS = 14  # reports of one fact further apart than this are two items
DONE = ("approved", "applied")


def _row_date(value: str) -> date | None:
    from pipeline.vault import row_date

    return row_date(value)


def load_facts(s: Session) -> FactIndex:
    """Every evidence row's claims and every approved claim, periods made fiscal."""
    facts = FactIndex()
    rows = {rid: (when, obs, path) for rid, when, obs, path in s.exec(
        select(EvidenceRow.id, EvidenceRow.date, EvidenceRow.observation, Thesis.path)
        .join(Thesis, col(Thesis.id) == EvidenceRow.thesis_id)).all()}
    for c in s.exec(select(EvidenceClaim)).all():
        when, obs, path = rows.get(c.row_id, ("", "", "?"))
        day = _row_date(when)
        facts.add(Known(c.subject, c.metric, fiscal_period(c.subject, c.period, day, obs), c.currency, c.low,
                        c.high, None, day, f"{path}, {when}"))
    for rec in s.exec(select(ClaimRecord).where(col(ClaimRecord.status).in_(DONE))).all():
        facts.add(Known(rec.subject, rec.metric, record_period(rec), rec.currency, rec.low, rec.high, rec.per,
                        rec.published, f"claim {rec.id}"))
    return facts


def claim_period(c: Claim, published: date | None) -> str | None:
    """The claim's period as its company's fiscal period."""
    return fiscal_period(c.subject, c.period, published, c.sentence, c.modality)


def record_period(rec: ClaimRecord) -> str | None:
    return fiscal_period(rec.subject, rec.period, rec.published, rec.sentence, rec.modality)


def _near_in_time(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= SAME_FACT_DAYS


def matching_item(s: Session, c: Claim, period: str | None, key: str, published: date | None) -> ClaimRecord | None:
    """The queue item that already holds this fact (same fact key, compatible period, near in time)."""
    for rec in s.exec(select(ClaimRecord).where(ClaimRecord.loose_fingerprint == key)
                      .order_by(col(ClaimRecord.id))).all():
        if same_fact(c.metric, period, rec.metric, record_period(rec)) and _near_in_time(rec.published, published):
            return rec
    return None


def comparison(facts: FactIndex, c: Claim, period: str | None, value: str, label: str) -> dict[str, Any] | None:
    """Conflicts (same subject, metric, period; another value) and the change against the last value."""
    out: dict[str, Any] = {}
    clash = facts.conflicts(c.subject, c.metric, period, c.currency, c.low, c.high)
    if clash:
        out["conflicts"] = [conflict_flag(value, period, k) for k in clash]
    last = facts.last(c.subject, c.metric, period, c.currency, c.per)
    if last is not None:
        out["change"] = change_of(label, value, period, c.low, c.high, last)
    return out or None


def flags_of(rec: ClaimRecord) -> list[dict[str, Any]]:
    return list((rec.comparison or {}).get("conflicts", []))


def change_for(rec: ClaimRecord) -> dict[str, Any] | None:
    return (rec.comparison or {}).get("change")
