"""What the notes and approved claims already know, per fact: known, conflicting, earlier.

Every lookup is a dict probe (the fact key, or subject + metric + currency + period), so
10,000 claims against 100,000 evidence rows stay well under a second.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

from extractors.rounding import round_sig
from pipeline.families import fact_key, same_fact

MAX_CONFLICTS = 3  # values shown side by side; more add nothing for the reviewer
_PERIOD = re.compile(r"^(?:(?P<part>Q[1-4]|H[12]|9M) )?(?P<fy>FY)?(?P<y>\d{4})$")


@dataclass(frozen=True)
class Known:
    """A fact already on record: an evidence row's claim or an approved claim."""

    subject: str
    metric: str
    period: str | None  # fiscal
    currency: str
    low: float
    high: float
    per: str | None
    when: date | None
    source: str  # "AI Capex Arms Race.md, 2026-02-07" or "claim 12"

    def value(self) -> str:
        from pipeline.queue import format_money

        return format_money(self.low, self.high, self.currency, per=self.per)


def period_order(period: str | None) -> tuple[str, int, int] | None:
    """(kind, year, part) for ordering periods of one kind; None for one that cannot be ordered."""
    if not period:
        return None
    m = _PERIOD.match(period)
    if not m:
        return None
    part = m.group("part") or ""
    return (f"{part[:1]}{m.group('fy') or ''}", int(m.group("y")), int(part[1]) if part[1:2].isdigit() else 0)


@dataclass
class FactIndex:
    """Known facts by fact key, by subject + metric + currency + period, and by period."""

    by_key: dict[str, list[tuple[str, str | None]]] = field(default_factory=lambda: defaultdict(list))
    # (subject, metric, currency, period) -> rounded (low, high) -> the fact
    by_period: dict[tuple[str, str, str, str], dict[tuple[float, float], Known]] = field(
        default_factory=lambda: defaultdict(dict))
    # (subject, metric, currency) -> period -> (its order, the latest word on it)
    periods: dict[tuple[str, str, str], dict[str, tuple[tuple[str, int, int] | None, Known]]] = field(
        default_factory=lambda: defaultdict(dict))

    def add(self, k: Known) -> None:
        self.by_key[fact_key(k.subject, k.metric, k.currency, k.low, k.high)].append((k.metric, k.period))
        if k.period is None:
            return
        head = (k.subject.casefold(), k.metric, k.currency)
        self.by_period[(*head, k.period)].setdefault((round_sig(k.low), round_sig(k.high)), k)
        held = self.periods[head].get(k.period)
        if held is None or (k.when or date.min) >= (held[1].when or date.min):
            self.periods[head][k.period] = (period_order(k.period), k)

    def known(self, subject: str, metric: str, period: str | None, currency: str, low: float, high: float) -> bool:
        """Same subject and value, a metric of the same family, a compatible period."""
        return any(same_fact(metric, period, m, p)
                   for m, p in self.by_key.get(fact_key(subject, metric, currency, low, high), ()))

    def conflicts(self, subject: str, metric: str, period: str | None, currency: str, low: float,
                  high: float) -> list[Known]:
        """Facts of the same subject, metric and period with another value."""
        if period is None:
            return []
        held = self.by_period.get((subject.casefold(), metric, currency, period))
        if not held:
            return []
        mine = (round_sig(low), round_sig(high))
        return list(islice((k for value, k in held.items() if value != mine), MAX_CONFLICTS))

    def last(self, subject: str, metric: str, period: str | None, currency: str, per: str | None) -> Known | None:
        """The latest known value of the same subject and metric for an earlier period of the same kind."""
        mine = period_order(period)
        if mine is None:
            return None
        best: tuple[tuple[str, int, int], Known] | None = None
        for theirs, k in self.periods.get((subject.casefold(), metric, currency), {}).values():
            if theirs is None or theirs[0] != mine[0] or theirs >= mine or k.per != per:
                continue
            if best is None or theirs > best[0]:
                best = (theirs, k)
        return best[1] if best else None


def conflict_flag(value: str, period: str | None, k: Known) -> dict[str, Any]:
    """A `conflict` flag: both values side by side."""
    other = k.value()
    return {"kind": "conflict", "message": f"conflicts with {k.source}: {value} vs {other} ({period})",
            "value": value, "other_value": other, "other_low": k.low, "other_high": k.high,
            "period": period, "source": k.source}


def change_of(label: str, value: str, period: str | None, low: float, high: float,
              k: Known) -> dict[str, Any]:
    """The change against the last known value: "capex 2027 $160B vs 2026 $135B, +18.5%"."""
    mid, before = (low + high) / 2, (k.low + k.high) / 2
    pct = round((mid - before) / abs(before) * 100, 1) if before else None
    text = f"{label} {period} {value} vs {k.period} {k.value()}"
    if pct is not None:
        text += f", {pct:+.1f}%"
    return {"text": text, "period": k.period, "value": k.value(), "low": k.low, "high": k.high,
            "delta": mid - before, "percent": pct, "source": k.source}
