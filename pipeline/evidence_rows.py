"""Evidence rows with several figures: "xAI burning ~$1B/mo, $11B 2025", "Tesla capex >$20B,
$2B to xAI". A row is a terse list; a figure with no claim of its own takes the metric and
subject of the row's previous figure, or the one the words right after it give."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.spans import Claim, Extraction, Money

# Words right after a figure that name its metric in a row; the subject for "gap" is the
# company named just before the figure ("at Amazon (-$20B gap)").
_AFTER: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\s*\**\s*(?:to|into|in)\s+(?:\[\[)?(?=\w)"), "investment"),  # when a company follows
    (re.compile(r"^\s*\**\s*gap\b", re.I), "free_cash_flow"),
    (re.compile(r"^\s*\**\s*缺口"), "free_cash_flow"),
]


def _after_metric(text: str, m: Money, ex: Extraction) -> str | None:
    tail = text[m.end:m.end + 30]
    for rx, metric in _AFTER:
        hit = rx.match(tail)
        if hit and (metric != "investment" or any(e.start == m.end + hit.end() for e in ex.entities)):
            return metric
    return None


def _subject_before(ex: Extraction, pos: int, line_start: int) -> str | None:
    names = [e for e in ex.entities if line_start <= e.start and e.end <= pos and e.known]
    return names[-1].canonical if names else None


def row_claims(text: str, ex: Extraction) -> list[Claim]:
    """The row's claims, with a claim for every figure the row gives a metric to."""
    by_start = {c.start: c for c in ex.claims}
    out: list[Claim] = []
    prev: Claim | None = None
    for m in sorted(ex.money, key=lambda x: x.start):
        line_start = text.rfind("\n", 0, m.start) + 1
        claim = by_start.get(m.start)
        word = _after_metric(text, m, ex)
        if word == "free_cash_flow":
            subject = _subject_before(ex, m.start, line_start) or (claim.subject if claim else None)
            base = claim or prev
            if subject and base:
                claim = replace(base, subject=subject, metric=word, low=m.low, high=m.high,
                                currency=m.currency, qualifier=m.qualifier, per=m.per,
                                period=m.period if claim is None else claim.period, start=m.start, end=m.end)
        elif word == "investment" and (claim or prev):
            base = prev if prev and prev.start < m.start else claim
            assert base is not None
            claim = replace(claim or base, subject=base.subject, metric=word, low=m.low, high=m.high,
                            currency=m.currency, qualifier=m.qualifier, per=m.per,
                            period=m.period, start=m.start, end=m.end)
        elif claim is None and prev is not None and text.rfind("\n", 0, prev.start) + 1 == line_start:
            claim = replace(prev, low=m.low, high=m.high, currency=m.currency, qualifier=m.qualifier,
                            per=m.per, period=m.period, start=m.start, end=m.end)
        if claim is not None:
            out.append(claim)
            prev = claim
    return out
