"""A claim's change against the last known value of the same subject and metric.

Known values are the notes' evidence rows and the claims a reviewer approved. Only
comparable figures count: the same currency and time rate, and periods of the same length
(a quarter is not compared with a year); a figure of a later period than the claim's is not
"before" it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from models import ClaimRecord, EvidenceClaim, EvidenceRow, Thesis
from pipeline.checkpoints import stated_change
from pipeline.vault import row_date

FLAT = 0.02  # a change within 2% is no change: restatements round
_PERIOD = re.compile(r"^(?:(?P<part>Q[1-4]|H[12]|9M)\s+)?(?P<fy>FY)?(?P<year>\d{4})$")
_PART_ORDER = {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4, "H1": 1, "H2": 2, "9M": 1}


@dataclass(frozen=True)
class Change:
    """Which way a claim moved, and from what (`previous` None: as its sentence says)."""

    direction: str  # up, down, flat
    previous: float | None = None
    previous_period: str | None = None
    previous_date: date | None = None
    where: str = ""  # the note or claim that holds the previous value

    def ratio(self, value: float) -> float | None:
        """value / previous - 1, when both are known and the previous is positive."""
        if self.previous is None or self.previous <= 0:
            return None
        return value / self.previous - 1


def _period_key(period: str | None) -> tuple[str, int, int] | None:
    """(kind, year, part) of a normalized period, None when it has none or is unusual."""
    if not period:
        return None
    m = _PERIOD.match(period.strip())
    if not m:
        return None
    part = m.group("part") or ""
    return (part[:1] if part != "9M" else "9M", int(m.group("year")), _PART_ORDER.get(part, 0))


def _comparable(claim_period: str | None, other: str | None) -> bool:
    a, b = _period_key(claim_period), _period_key(other)
    if a is None and b is None:
        return claim_period == other or not (claim_period and other)
    if a is None or b is None:
        # A figure with no period reads as a year's (notes write "Meta guiding $135B capex"),
        # never as a quarter's or a half's.
        known = a or b
        return known is not None and known[0] == "" and not (claim_period and other)
    return a[0] == b[0] and (b[1], b[2]) <= (a[1], a[2])


Known = tuple[float, str | None, date | None, str, str | None]  # value, period, date, where, per


Cache = dict[tuple[str, str, str], list[Known]]


def known_values(s: Session, subject: str, metric: str, currency: str) -> list[Known]:
    """(value, period, date, where, per) of every known figure of a subject and metric."""
    return prefetch(s, {(subject, metric, currency)}).get((subject, metric, currency), [])


def prefetch(s: Session, keys: set[tuple[str, str, str]]) -> Cache:
    """Known figures of many (subject, metric, currency) at once: two queries."""
    out: Cache = {key: [] for key in keys}
    subjects = {k[0] for k in keys}
    if not subjects:
        return out
    rows = s.exec(select(EvidenceClaim, EvidenceRow.date, Thesis.path)
                  .where(EvidenceClaim.row_id == EvidenceRow.id, EvidenceRow.thesis_id == Thesis.id)
                  .where(col(EvidenceClaim.subject).in_(subjects))).all()
    for ec, when, path in rows:
        found = out.get((ec.subject, ec.metric, ec.currency))
        if found is not None:
            found.append(((ec.low + ec.high) / 2, ec.period, row_date(when), path, None))
    recs = s.exec(select(ClaimRecord).where(col(ClaimRecord.subject).in_(subjects))
                  .where(col(ClaimRecord.status).in_(("approved", "applied")))).all()
    for rec in recs:
        found = out.get((rec.subject, rec.metric, rec.currency))
        if found is not None:
            found.append(((rec.low + rec.high) / 2, rec.period, rec.published, f"claim {rec.id}", rec.per))
    return out


def change_of(s: Session, claim: ClaimRecord | dict[str, Any],
              cache: Cache | None = None) -> Change | None:
    """The claim's change against the last known comparable value; else as its sentence states it.

    `cache` keeps known values between calls for many claims of one page.
    """
    def get(key: str) -> Any:
        return claim.get(key) if isinstance(claim, dict) else getattr(claim, key)

    if get("modality") == "estimate":
        return None  # what analysts expected is not where the company went
    value = (get("low") + get("high")) / 2
    published = get("published")
    if isinstance(published, str):
        published = date.fromisoformat(published)
    key = (get("subject"), get("metric"), get("currency"))
    if cache is None:
        cache = {}
    if key not in cache:
        cache[key] = known_values(s, *key)
    itself = f"claim {get('id')}"
    candidates = [k for k in cache[key]
                  if k[3] != itself and k[4] == get("per") and _comparable(get("period"), k[1])
                  and (published is None or k[2] is None or k[2] <= published)]
    if candidates:
        # The latest period first, then the latest date.
        def order(k: Known) -> tuple[int, int, date]:
            key = _period_key(k[1])
            return (key[1] if key else 0, key[2] if key else 0, k[2] or date.min)

        prev, period, when, where, _ = max(candidates, key=order)
        base = abs(prev) or 1.0
        direction = "flat" if abs(value - prev) <= FLAT * base else ("up" if value > prev else "down")
        return Change(direction, prev, period, when, where)
    stated = stated_change(get("sentence") or "")
    return Change(stated) if stated else None
