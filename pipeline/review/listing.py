"""One page of the queue: filters from the query string, 50 claims at a time, counts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, func, or_
from sqlmodel import Session, col, select

from models import ClaimRecord

PAGE = 50
VIEWS = ("pending", "skipped", "approved", "rejected", "applied", "conflicts")


@dataclass(frozen=True)
class Filters:
    """What the page shows: a status view, a note, a subject, a metric, a search."""

    status: str = "pending"
    note: str = ""
    subject: str = ""
    metric: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, params: Any) -> Filters:
        status = str(params.get("status", "pending"))
        return cls(status=status if status in VIEWS else "pending",
                   note=str(params.get("note", ""))[:300], subject=str(params.get("subject", ""))[:200],
                   metric=str(params.get("metric", ""))[:50], q=str(params.get("q", ""))[:200])

    def query(self) -> dict[str, str]:
        """The filters as query parameters, the empty ones left out."""
        return {k: v for k, v in vars(self).items() if v and not (k == "status" and v == "pending")}


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def page_of(s: Session, f: Filters, offset: int = 0, limit: int = PAGE) -> tuple[list[ClaimRecord], bool]:
    """One page of claims, best first, and whether more follow."""
    q = select(ClaimRecord)
    if f.status == "conflicts":
        # claims that contradict a known value (another value for the same subject, metric and
        # period) or closely repeat a row or claim: decide them side by side
        conflicting = cast(col(ClaimRecord.comparison), String).like('%"conflicts": [{%')
        q = q.where(or_(col(ClaimRecord.near_duplicate).is_not(None), conflicting),
                    col(ClaimRecord.status).in_(("pending", "skipped")))
    else:
        q = q.where(ClaimRecord.status == f.status)
    if f.subject:
        q = q.where(col(ClaimRecord.subject).ilike(_like(f.subject), escape="\\"))
    if f.metric:
        q = q.where(ClaimRecord.metric == f.metric)
    if f.note:  # theses is a JSON list; the quoted name matches one entry exactly
        q = q.where(cast(col(ClaimRecord.theses), String).like(_like(json.dumps(f.note)), escape="\\"))
    if f.q:
        pat = _like(f.q)
        q = q.where(or_(col(ClaimRecord.sentence).ilike(pat, escape="\\"),
                        col(ClaimRecord.subject).ilike(pat, escape="\\"),
                        col(ClaimRecord.implication).ilike(pat, escape="\\")))
    q = q.order_by(col(ClaimRecord.confidence).desc(), col(ClaimRecord.published).desc(), col(ClaimRecord.id))
    recs = list(s.exec(q.offset(max(offset, 0)).limit(limit + 1)).all())
    return recs[:limit], len(recs) > limit


def counts(s: Session) -> dict[str, int]:
    """Claims per status, every status present (0 when none)."""
    rows = s.exec(select(ClaimRecord.status, func.count()).group_by(ClaimRecord.status)).all()
    out = dict.fromkeys(("pending", "skipped", "approved", "rejected", "applied"), 0)
    out.update({st: n for st, n in rows})
    return out
