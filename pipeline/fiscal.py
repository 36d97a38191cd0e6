"""Fiscal calendars: a claim's period as its company's fiscal period, for comparing facts.

The extractor keeps a period as the text states it ("third quarter" -> `Q3 2025`,
"第三财季" -> `Q3 FY2025`). Where facts are compared, both become the company's fiscal
quarter (`Q3 FY2026` for NVIDIA, whose year ends in late January), so the English and
Chinese reports of one result meet. A company without a known calendar keeps calendar
periods; one whose year ends in December has `FY2026` == `2026`.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import lru_cache
from importlib import resources

from extractors.lang import en

_QUARTER = re.compile(r"^Q(?P<q>[1-4]) (?P<fy>FY)?(?P<y>\d{4}|\?)$")
_YEAR = re.compile(r"^(?P<fy>FY)?(?P<y>\d{4})$")
_HALF = re.compile(r"^(?P<p>H[12]|9M) (?P<fy>FY)?(?P<y>\d{4})$")
_MONTH_NO = {m.lower()[:3]: i + 1 for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])}
# "the quarter ended Sept. 30": a calendar month, whatever the company calls that quarter.
_QUARTER_ENDED = re.compile(
    rf"(?i)\b(?:three[\s-]months?|quarter)\s+end(?:ed|ing)\s+(?:in\s+|on\s+)?(?P<mon>{en.MONTHS})\.?"
    rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
    r"|截至\s?(?P<zy>20\d\d)\s?年\s?(?P<zm>\d{1,2})\s?月(?:\s?\d{1,2}\s?日)?止?的?\s?(?:三个月|季度)")
_AHEAD = frozenset({"guidance"})  # an estimate is mostly set against the result just reported


@lru_cache(maxsize=1)
def fiscal_year_ends() -> dict[str, int]:
    """Every shipped name of a company (case-folded) -> the month its fiscal year ends in."""
    data = tomllib.loads(resources.files("extractors").joinpath("data/aliases.toml").read_text("utf-8"))
    ends = {str(k): int(v) for k, v in dict(data.get("fiscal_year_end", {})).items()}
    out: dict[str, int] = {}
    for name, month in ends.items():
        for alias in (name, *[str(a) for a in data.get(name, [])]):
            out[alias.casefold()] = month
    return out


def year_end_of(subject: str) -> int | None:
    """The month a company's fiscal year ends in, or None when it is not known."""
    return fiscal_year_ends().get(subject.casefold())


def _label(end_month: int, year: int, fye: int) -> str:
    """The fiscal quarter that ends in `end_month` of calendar `year`."""
    q = ((end_month - fye - 1) % 12) // 3 + 1
    return f"Q{q} FY{year + 1 if end_month > fye else year}"


def _ended_month(sentence: str, published: date | None) -> tuple[int, int] | None:
    m = _QUARTER_ENDED.search(sentence)
    if not m:
        return None
    if m.group("zy"):
        return int(m.group("zm")), int(m.group("zy"))
    month = _MONTH_NO[m.group("mon").lower()[:3]]
    if m.group("y"):
        return month, int(m.group("y"))
    if published is None:
        return None
    return month, published.year if month < published.month else published.year - 1


def _quarter_end(q: int, fye: int) -> int:
    return (fye + 3 * q - 1) % 12 + 1


def fiscal_period(subject: str, period: str | None, published: date | None = None,
                  sentence: str = "", modality: str = "reported") -> str | None:
    """The period as the company's fiscal period; unchanged for a company of unknown calendar."""
    fye = year_end_of(subject)
    if period is None:  # "the quarter ended Sept. 30" names a quarter the extractor leaves yearless
        ended = _ended_month(sentence, published) if sentence else None
        if ended is None:
            return None
        return _label(ended[0], ended[1], fye) if fye and fye != 12 else f"Q{(ended[0] - 1) // 3 + 1} {ended[1]}"
    if fye is None:
        return period
    if m := _YEAR.match(period):
        return m.group("y") if fye == 12 else f"FY{m.group('y')}"
    if m := _HALF.match(period):
        return f"{m.group('p')} {m.group('y')}" if fye == 12 else f"{m.group('p')} FY{m.group('y')}"
    m = _QUARTER.match(period)
    if not m:
        return period
    q, stated_fy, y = int(m.group("q")), bool(m.group("fy")), m.group("y")
    ended = _ended_month(sentence, published)
    if ended and ended[0] == _quarter_end(q, 12) and not stated_fy:
        return _label(ended[0], ended[1], fye) if fye != 12 else f"Q{q} {ended[1]}"
    if fye == 12:
        return f"Q{q} {y}" if y != "?" else period
    end = _quarter_end(q, fye)
    if published is not None:
        # A yearless quarter takes its year from the date (this year's, or last year's
        # when this year's is still ahead): read it as the result just reported, or for
        # guidance the quarter still ahead.
        if modality in _AHEAD:
            year = published.year if end >= published.month else published.year + 1
        else:
            year = published.year if end < published.month else published.year - 1
        calendar_end = (int(y) * 12 + 3 * q) if y != "?" else 0
        if y == "?" or int(y) == published.year or (
                not stated_fy and int(y) == published.year - 1 and abs(year * 12 + end - calendar_end) <= 3):
            return _label(end, year, fye)
    if y == "?":
        return period
    if stated_fy:
        return f"Q{q} FY{y}"
    return _label(end, int(y), fye)  # the company's quarter q that ends in calendar year y
