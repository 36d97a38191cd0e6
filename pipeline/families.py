"""Metric families: metrics that can state one fact in other words (data, one small lookup).

"raised $25B from bond investors" (funding) and "sold $25B of debt" (debt_issuance) are
one fact; so are a monthly cash consumption read as `cash` and a `cash_burn`, and "capex
exceeds the cash its operations generate by $20B" (`cash`, positive) and a row's
"-$20B gap" (`free_cash_flow`). A family whose members differ in sign compares magnitudes.
"""

from __future__ import annotations

from extractors.rounding import round_sig

FAMILIES: dict[str, tuple[str, ...]] = {
    "capex": ("capex", "spending"),
    "debt": ("debt_issuance", "debt", "funding"),
    "cash": ("cash_burn", "cash", "free_cash_flow", "operating_cash_flow"),
}
SIGNLESS = frozenset({"cash"})  # a gap is written as a negative or as a positive shortfall

FAMILY_OF: dict[str, str] = {m: fam for fam, members in FAMILIES.items() for m in members}


def family(metric: str) -> str:
    """The metric's family name; a metric in no family is its own."""
    return FAMILY_OF.get(metric, metric)


def same_family(a: str, b: str) -> bool:
    return family(a) == family(b)


def fact_key(subject: str, metric: str, currency: str, low: float, high: float) -> str:
    """Subject, family, currency and value (3 significant figures): what one fact shares."""
    fam = family(metric)
    if fam in SIGNLESS:
        low, high = sorted((abs(low), abs(high)))
    return "|".join([subject.casefold(), fam, currency, f"{round_sig(low):.6g}", f"{round_sig(high):.6g}"])


def compatible(p: str | None, q: str | None) -> bool:
    """Equal periods, or one side names none."""
    return p is None or q is None or p == q


def same_fact(metric_a: str, period_a: str | None, metric_b: str, period_b: str | None) -> bool:
    """Two claims with one fact key: a metric of the same family and a compatible period."""
    return same_family(metric_a, metric_b) and compatible(period_a, period_b)
