"""Reporting periods: FY, quarters, halves, 9M, years, 2025年, relative periods (pure).

Values are normalized: 2026, FY2026, Q3 2025, Q3 FY2026, H1 2026, 9M 2025, 2025-2026.
Relative periods (last quarter, 上季度, 去年) need the publication date; without it they
are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from extractors import numbers
from extractors.lang import en, zh
from extractors.prefilter import finditer, fold
from extractors.spans import Period

_ORD = "|".join(en.ORDINALS)
_Y4 = r"(?:19[89]\d|20\d\d)"
_Y = rf"(?:{_Y4}|'?\d\d)"
_NOT_NUM_BEFORE = r"(?<![\w$€£¥.,/-])"
_NOT_NUM_AFTER = r"(?![\w%]|[.,]\d|\s?(?:GW|MW|GB|TB|万|亿|bn|billion|million))"


def _year(y: str) -> int:
    y = y.lstrip("'")
    if len(y) == 2:
        return 2000 + int(y)
    return int(y)


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], date | None], str | None]]
_RULES: list[Rule] = []


def rule(pattern: str, flags: int = 0) -> Callable[[Callable[[re.Match[str], date | None], str | None]], Callable[[re.Match[str], date | None], str | None]]:
    """Register a period pattern and the function that normalizes its match."""
    def deco(fn: Callable[[re.Match[str], date | None], str | None]) -> Callable[[re.Match[str], date | None], str | None]:
        _RULES.append((re.compile(pattern, flags), fn))
        return fn
    return deco


def _quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _shift_quarter(d: date, delta: int) -> str:
    q = _quarter_of(d) - 1 + delta
    year = d.year + q // 4
    return f"Q{q % 4 + 1} {year}"


# --- English -------------------------------------------------------------------------

@rule(rf"(?P<y>{_Y4})\s?年\s?(?:度\s?)?(?P<r>第?三季报|第?三季度报告?|第?一季报|第?一季度报告|中报|半年报|半年度报告|"
      r"中期(?!票据|借款|目标|规划)|年报|年度报告)")
def _zh_report(m: re.Match[str], pub: date | None) -> str | None:
    """"2025年三季报": a Chinese report covers the year to its end (9M); 中报/中期 H1; 年报 the year."""
    r, y = m.group("r"), m.group("y")
    if "三季" in r:
        return f"9M {y}"
    if "一季" in r:
        return f"Q1 {y}"
    if r.startswith(("中", "半年")):
        return f"H1 {y}"
    return y


@rule(r"(?<![\d年度])(?P<r>三季报|三季報|中报|中報|半年报|半年報)")
def _zh_report_no_year(m: re.Match[str], pub: date | None) -> str | None:
    """"9家股份行三季报透视": the latest such report before the publication date (三季报 from
    October, 中报 from July)."""
    if pub is None:
        return None
    if "三季" in m.group("r"):
        return f"9M {pub.year if pub.month >= 10 else pub.year - 1}"
    return f"H1 {pub.year if pub.month >= 7 else pub.year - 1}"


@rule(r"(?<![A-Za-z0-9.])FY\s?(?P<y>\d{2}|\d{4})\s?Q(?P<q>[1-4])(?![A-Za-z0-9.])")
def _fy_q(m: re.Match[str], pub: date | None) -> str | None:
    """"FY26Q3": the third quarter of fiscal 2026."""
    return f"Q{m.group('q')} FY{_year(m.group('y'))}"


@rule(rf"(?<![A-Za-z0-9.])(?P<y>{_Y4}|\d\d)\s?(?P<k>[QH])(?P<n>[1-4])(?![A-Za-z0-9.])")
def _year_first(m: re.Match[str], pub: date | None) -> str | None:
    """"2025H1", "25Q2": the year written before the quarter or half."""
    if m.group("k") == "H" and m.group("n") not in "12":
        return None
    return f"{m.group('k')}{m.group('n')} {_year(m.group('y'))}"


@rule(rf"(?<![\d/])(?P<ys>(?:{_Y4}|\d\d)(?:\s?[/、]\s?(?:{_Y4}|\d\d))+)\s?年")
def _year_list(m: re.Match[str], pub: date | None) -> str | None:
    """"25/26/27年": consecutive years a list of figures runs over."""
    years = [_year(y.strip()) for y in re.split(r"[/、]", m.group("ys"))]
    if all(b - a == 1 for a, b in zip(years, years[1:], strict=False)):
        return f"{years[0]}-{years[-1]}"
    return None


@rule(rf"\b(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)\s?(?P<fy>FY\s?|fiscal\s(?:year\s)?)?(?P<y>{_Y})\b(?!\s?%)")
def _q(m: re.Match[str], pub: date | None) -> str | None:
    q = m.group("q") or m.group("q2")
    fy = "FY" if m.group("fy") else ""
    return f"Q{q} {fy}{_year(m.group('y'))}"


@rule(rf"(?i)\b(?:fiscal[\s-])?(?P<o>{_ORD})[\s-](?:fiscal[\s-])?quarter(?P<fq>)(?:\s+of)?(?:\s+(?:the\s+)?(?P<fy>fiscal\s(?:year\s)?|FY\s?)?(?P<y>{_Y4}|FY\d\d)"
      r"|\s+(?P<rel>last|this|next|the\s+previous|the\s+current)\s+year)?")
def _q_words(m: re.Match[str], pub: date | None) -> str | None:
    q = en.ORDINALS[m.group("o").lower()]
    fy = "FY" if (m.group("fy") or "fiscal" in m.group(0).lower()) else ""
    y = m.group("y")
    if m.group("rel"):
        if pub is None:
            return None
        # "the fourth quarter of last year"
        return f"Q{q} {fy}{pub.year + {'last': -1, 'the previous': -1, 'next': 1}.get(m.group('rel').lower(), 0)}"
    if y:
        if y.upper().startswith("FY"):
            return f"Q{q} FY{_year(y[2:])}"
        return f"Q{q} {fy}{_year(y)}"
    return f"Q{q} {fy}{_quarter_year(q, pub) if not fy else _fiscal_year_of(q, pub) if pub else '?'}"


def _fiscal_year_of(q: int, pub: date) -> int:
    """The fiscal year of a fiscal quarter named without one: the quarter ended about a month
    before publication, and its fiscal year is named for the year it ends in ("fiscal
    first-quarter" results in October 2019 are P&G's fiscal 2020)."""
    months = pub.year * 12 + pub.month - 2 + (4 - q) * 3
    return months // 12


def _quarter_year(q: int, pub: date | None) -> int | str:
    """The year of a calendar quarter named without one: the publication year's, unless that
    quarter is still months away ("fourth-quarter earnings" in January are last year's)."""
    if pub is None:
        return "?"
    starts = date(pub.year, 3 * (q - 1) + 1, 1)
    return pub.year if (starts - pub).days <= 100 else pub.year - 1


@rule(rf"(?i)\b(?:FY\s?|fiscal[\s-](?:year\s)?)(?P<y>{_Y4}|\d\d)\b(?!\s?%)|\b(?P<y2>{_Y4})\s+fiscal\s+year\b")
def _fy(m: re.Match[str], pub: date | None) -> str | None:
    return f"FY{_year(m.group('y') or m.group('y2'))}"


@rule(rf"(?i)(?<![A-Za-z0-9])(?:(?P<h>[12])H\s?|H(?P<h2>[12])\s?)(?P<y>{_Y})(?![A-Za-z0-9])|\b(?P<w>first|second)\s+half\s+(?:of\s+)?(?P<fy>fiscal\s(?:year\s)?)?(?P<y2>{_Y4})")
def _half(m: re.Match[str], pub: date | None) -> str | None:
    if m.group("w"):
        h = 1 if m.group("w").lower() == "first" else 2
        fy = "FY" if m.group("fy") else ""
        return f"H{h} {fy}{_year(m.group('y2'))}"
    return f"H{m.group('h') or m.group('h2')} {_year(m.group('y'))}"


@rule(rf"(?i)\b(?:9M\s?(?P<y>{_Y})\b|(?:first\s+)?nine\s+months(?:\s+(?:of|to\s+\w+|ended\s+\w+(?:\s+\d+,)?)\s+(?:(?P<y2>{_Y4})|(?P<rel>this|last|the\s+current|the\s+previous)\s+year))?)")
def _nine_months(m: re.Match[str], pub: date | None) -> str | None:
    if not (m.group("y") or m.group("y2") or m.group("rel")):
        return f"9M {pub.year}" if pub else None  # "the first nine months": of the year it is published
    if m.group("rel"):
        if pub is None:
            return None
        return f"9M {pub.year - (1 if m.group('rel').lower() in ('last', 'the previous') else 0)}"
    return f"9M {_year(m.group('y') or m.group('y2'))}"


_MONTH_NO = {m.lower(): i for i, m in enumerate(en.MONTHS.split("|")[:12], 1)}


@rule(rf"(?i)\b(?P<m1>{en.MONTHS})(?:\s?[-–/]\s?|\s+to\s+|-to-)(?P<m2>{en.MONTHS})(?:\s+(?:quarter|period|months|half))?"
      rf"(?:,?\s+(?:of\s+)?(?P<y>{_Y4}))?")
def _month_span(m: re.Match[str], pub: date | None) -> str | None:
    """"the April-June period", "January-March quarter": a calendar quarter, half or nine months."""
    a, b = _MONTH_NO.get(m.group("m1").lower()[:3]), _MONTH_NO.get(m.group("m2").lower()[:3])
    if a is None or b is None:
        return None
    year: int | str | None = _year(m.group("y")) if m.group("y") else None
    if (a - 1) % 3 == 0 and b == a + 2:
        q = (a - 1) // 3 + 1
        return f"Q{q} {year if year else _quarter_year(q, pub)}"
    if year is None:
        if pub is None:
            return None
        year = pub.year if b <= pub.month else pub.year - 1
    return {(1, 6): f"H1 {year}", (7, 12): f"H2 {year}", (1, 9): f"9M {year}", (1, 12): f"{year}"}.get((a, b))


@rule(rf"(?i)\b(?:fiscal\s+(?:year\s+)?|financial\s+year\s+|FY\s?)(?P<y1>{_Y4})\s?[-–/]\s?(?P<y2>\d\d)\b(?![.,]\d|%)"
      rf"|\b(?P<y3>{_Y4})\s?[-–/]\s?(?P<y4>\d\d)\s+(?:fiscal|financial)\b"
      rf"|(?P<y5>{_Y4})\s?[-–/]\s?(?P<y6>\d\d)\s?(?:財政|财政|財|财)年度?")
def _fiscal_span(m: re.Match[str], pub: date | None) -> str | None:
    """"the 2025-26 fiscal year", "financial year 2020-21", "2025/26財政年度": the fiscal year
    named for the year it ends in."""
    y1 = int(m.group("y1") or m.group("y3") or m.group("y5"))
    y2 = y1 // 100 * 100 + int(m.group("y2") or m.group("y4") or m.group("y6"))
    return f"FY{y2}" if y2 == y1 + 1 else None


_QUARTER_END_MONTHS = {"mar": 1, "jun": 2, "sep": 3, "dec": 4}


@rule(r"(?i)\b(?P<mon>Mar|Jun|Sep|Dec)[a-z]*\.?\s?'(?P<y>\d\d)\b")
def _quarter_month(m: re.Match[str], pub: date | None) -> str | None:
    """"the Sep '25 revenue": a quarter named by the month it ends, as results tables do."""
    return f"Q{_QUARTER_END_MONTHS[m.group('mon').lower()]} {_year(m.group('y'))}"


@rule(rf"(?i)\b(?P<y1>{_Y4})\s?(?:-|–|to|through|and)\s?(?P<y2>{_Y4}|\d\d)\b(?![.,]\d|%)")
def _year_range(m: re.Match[str], pub: date | None) -> str | None:
    y1 = int(m.group("y1"))
    y2s = m.group("y2")
    y2 = y1 // 100 * 100 + int(y2s) if len(y2s) == 2 else int(y2s)
    if not 0 < y2 - y1 <= 10:
        return None
    return f"{y1}-{y2}"


# "the same period last year" is the period a year before the figure's own, read in claims.
@rule(r"(?i)(?<!same period )(?<!same quarter )(?<!same period of )(?<!same quarter of )(?<!same time )"
      r"\b(?P<w>last|previous|prior|this|current|next|the\s+latest)\s+(?P<u>quarter|year|fiscal\s+year)\b(?!\s+(?:ago|earlier))")
def _relative_en(m: re.Match[str], pub: date | None) -> str | None:
    if pub is None:
        return None
    w = m.group("w").lower()
    delta = -1 if w in ("last", "previous", "prior") else (1 if w == "next" else 0)
    if "latest" in w:
        delta = -1
    unit = m.group("u").lower()
    if unit == "quarter":
        return _shift_quarter(pub, delta)
    if unit.startswith("fiscal"):
        return f"FY{pub.year + delta}"
    return str(pub.year + delta)


# --- Chinese -------------------------------------------------------------------------

_ZH_Q = "[一二三四1-4]"


@rule(rf"(?P<y>{_Y4}|\d\d)\s?(?:年)?财年\s?(?:第?(?P<q>{_ZH_Q})(?:财)?季度?|Q(?P<q2>[1-4]))?")
def _zh_fy(m: re.Match[str], pub: date | None) -> str | None:
    y = _year(m.group("y"))
    q = m.group("q") or m.group("q2")
    if q:
        return f"Q{zh.CN_DIGITS[q]} FY{y}"
    return f"FY{y}"


def _zh_part(m: re.Match[str], year: int | str) -> str:
    """Quarter (q, q2), fiscal quarter (q3), half (h) or first nine months of a year."""
    q = m.groupdict().get("q") or m.groupdict().get("q2")
    if q:
        return f"Q{zh.CN_DIGITS[q]} {year}"
    if m.groupdict().get("h"):
        return f"H{zh.CN_DIGITS[m.group('h')]} {year}"
    if m.groupdict().get("q3"):
        return f"Q{zh.CN_DIGITS[m.group('q3')]} FY{year}"
    return f"9M {year}"


# "2023年1-12月", "今年1至9月", "1-6月": the months from January make a quarter, half, nine months or year
@rule(rf"(?:(?P<y>{_Y4})\s?年|(?P<rel>今年|去年|明年|本年|上年))?\s?(?<![\d.])1\s?月?\s?(?:-|－|–|—|~|至|到)\s?"
      r"(?P<m>3|6|9|12)\s?月(?!\s?\d{1,2}\s?日)")
def _zh_months_from_january(m: re.Match[str], pub: date | None) -> str | None:
    if m.group("y"):
        year: int | None = int(m.group("y"))
    elif pub is not None:
        year = pub.year + {"去年": -1, "上年": -1, "明年": 1}.get(m.group("rel") or "今年", 0)
    else:
        return None
    return {"3": f"Q1 {year}", "6": f"H1 {year}", "9": f"9M {year}", "12": str(year)}[m.group("m")]


@rule(rf"(?P<y>{_Y4})\s?年?\s?(?:第(?P<q>{_ZH_Q})季度|Q(?P<q2>[1-4])|(?P<h>上|下)半年|(?:前|首)(?:[三3]季度?|[九9]個月|[九9]个月)|第(?P<q3>{_ZH_Q})财季)")
def _zh_year_part(m: re.Match[str], pub: date | None) -> str | None:
    return _zh_part(m, m.group("y"))


@rule(r"(?P<rel>今年|去年|明年|本年|上年)?(?:(?<![第前\d])(?P<q>[一二三四])季度|(?P<h>上|下)半年|(?P<nine>(?:前|首)(?:[三3]季度?|[九9]個月|[九9]个月)))")
def _zh_relative_part(m: re.Match[str], pub: date | None) -> str | None:
    """一季度, 去年四季度, 今年上半年, 去年前三季度: the year from the publication date."""
    if pub is None:
        return None if m.group("rel") else _zh_part(m, "?")
    return _zh_part(m, pub.year + {"去年": -1, "上年": -1, "明年": 1}.get(m.group("rel") or "今年", 0))


@rule(rf"(?P<rel>今年|去年|明年|本年|上年)?第(?P<q>{_ZH_Q})(?P<f>财)?季度?")
def _zh_part_no_year(m: re.Match[str], pub: date | None) -> str | None:
    fy = "FY" if m.group("f") else ""
    if pub is None:
        return None if m.group("rel") else f"Q{zh.CN_DIGITS[m.group('q')]} {fy}?"
    q = int(zh.CN_DIGITS[m.group("q")])
    if not m.group("rel") and not fy:
        return f"Q{q} {_quarter_year(q, pub)}"
    year = pub.year + {"去年": -1, "上年": -1, "明年": 1}.get(m.group("rel") or "今年", 0)
    return f"Q{q} {fy}{year}"


@rule(rf"(?P<y1>{_Y4})\s?(?:年)?\s?(?:-|–|至|到|~)\s?(?P<y2>{_Y4})\s?年")
def _zh_year_range(m: re.Match[str], pub: date | None) -> str | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    return f"{y1}-{y2}" if 0 < y2 - y1 <= 10 else None


# "去年同期" is the same period a year before, read against the figure's own period.
# "今年1月至10月", "2025年1-10月": some months of a year, not the year
_MONTHS_AFTER = r"(?!\s?\d{1,2}\s?月?\s?[-－–—~至到]\s?\d)"


@rule(rf"(?P<w>上一?个?季度?|本季度|下一?个?季度|(?:去年|上年)(?!同期|同季){_MONTHS_AFTER}|(?:今年|本年|明年){_MONTHS_AFTER}"
      r"|上一?财年|本财年|下一?财年)")
def _relative_zh(m: re.Match[str], pub: date | None) -> str | None:
    if pub is None:
        return None
    w = m.group("w")
    delta = -1 if w[0] in "上去" else (1 if w[0] in "下明" else 0)
    if "季" in w:
        return _shift_quarter(pub, delta)
    if "财年" in w:
        return f"FY{pub.year + delta}"
    return str(pub.year + delta)


@rule(r"(?<![A-Za-z0-9])Q(?P<q>[1-4])(?![A-Za-z0-9]|\s?%)")  # "百济神州Q3总收入": CJK on both sides
def _bare_q(m: re.Match[str], pub: date | None) -> str | None:
    """"Q1 operating income": the quarter of the publication year, unless the text says more."""
    return f"Q{m.group('q')} {_quarter_year(int(m.group('q')), pub)}"


# --- Bare years last: every longer form above claims its text first --------------

@rule(rf"{_NOT_NUM_BEFORE}(?P<y>{_Y4})(?:[EeF]\b)?{_NOT_NUM_AFTER}")
def _plain_year(m: re.Match[str], pub: date | None) -> str | None:
    return m.group("y")


@rule(rf"(?<![\d.])(?P<y>{_Y4})\s?(?:年(?!\s?\d{{1,2}}\s?月){_MONTHS_AFTER}(?!代)|(?=全年))")
def _zh_year(m: re.Match[str], pub: date | None) -> str | None:
    return m.group("y")


_DATE = re.compile(
    rf"(?i)\b(?:since|through|until|due|maturing\s+in|(?:founded|established|set\s+up)\s+in)\s+(?:the\s+end\s+of\s+)?{_Y4}\b|(?:成立於|成立于|創立於|创立于)\s?{_Y4}\s?年|自\s?{_Y4}\s?年?以来|{_Y4}\s?年以来|{_Y4}\s?年到期"
    rf"|\b(?:{en.MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_Y4}\b"
    rf"|\b\d{{1,2}}\s+(?:{en.MONTHS})\.?,?\s+{_Y4}\b"
    rf"|\b(?:{en.MONTHS})\.?,?\s+{_Y4}\b"
    rf"|\b{_Y4}[-/.](?:1[0-2]|0?[1-9])(?:[-/.]\d{{1,2}})?\b"
    rf"|{_Y4}\s?年\s?\d{{1,2}}\s?月(?:\s?\d{{1,2}}\s?日)?"
)


_MONTH_NO = {m.lower()[:3]: i + 1 for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])}
_ENDED = re.compile(
    rf"(?i)\b(?:(?P<n>three|six|nine|twelve|3|6|9|12)[\s-]months?|(?:(?P<o>{_ORD})[\s-](?:fiscal[\s-])?)?(?:fiscal\s+)?"
    rf"(?:full[\s-])?(?P<u>quarter|year|half)(?:[\s-]year)?)\s+"
    rf"(?:end(?:ed|(?P<ing>ing))|(?P<thr>through|to))\s+(?:in\s+|on\s+)?(?:next\s+)?"
    rf"(?:(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<mon>{en.MONTHS})\.?(?:\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<y>{_Y4})|\s+next\s+year)?\b"
    rf"|(?P<zpre>截至|截止)?\s?(?:(?P<zy>{_Y4})\s?年\s?|(?P<zthis>今年?|本年)\s?)?(?P<zm>\d{{1,2}})\s?月(?:\s?(?P<zd>\d{{1,2}})\s?日)?(?P<zend>底止|底|止)?的?\s?"
    r"(?P<zu>三个月|三個月|六个月|六個月|九个月|九個月|十二个月|十二個月|[3369]个月|[3369]個月|年度|财年|財年|首三季|前三季|中期|上半年|季度|全年)"
    rf"|(?P<iy>{_Y4})\s?年\s?(?:度\s?)?(?P<iu>中期|全年|年度)(?=业绩|業績|报告|報告|财报|財報|盈利|收入|营收|營收)")


def _ended_year(month: int, published: date | None) -> int | str:
    """The year of a period that ended in `month` with no year written: the last such month
    on or before the publication date."""
    if published is None:
        return "?"
    return published.year if month <= published.month else published.year - 1


def _ending_year(month: int, published: date | None) -> int | str:
    """The year of a year "ending March" or "through March" with no year written: a year
    still running, so the first such month after the publication date."""
    if published is None:
        return "?"
    return published.year if month > published.month else published.year + 1


_ZH_UNITS = {"三个月": "quarter", "3个月": "quarter", "季度": "quarter", "六个月": "six", "6个月": "six", "中期": "six",
             "上半年": "six", "九个月": "nine", "9个月": "nine", "首三季": "nine", "前三季": "nine"}


def _ended(m: re.Match[str], published: date | None = None) -> str:  # noqa: C901
    """"the quarter ended September 30, 2025" -> Q3 2025; "截至2025年6月30日止六个月" -> H1 2025;
    "2023年中期业绩" -> H1 2023."""
    year: int | str
    if m.group("iy"):
        return f"H1 {m.group('iy')}" if m.group("iu") == "中期" else m.group("iy")
    if m.group("zm"):
        month = int(m.group("zm"))
        if m.group("zthis"):
            year = published.year if published else "?"
        else:
            year = int(m.group("zy")) if m.group("zy") else _ended_year(month, published)
        unit = _ZH_UNITS.get(m.group("zu").replace("個", "个"), "year")
        day = m.group("zd")
    else:
        month = _MONTH_NO[m.group("mon").lower()[:3]]
        n = (m.group("n") or "").lower()
        unit = {"three": "quarter", "3": "quarter", "six": "six", "6": "six", "nine": "nine",
                "9": "nine"}.get(n) or {"quarter": "quarter", "half": "six"}.get((m.group("u") or "").lower(), "year")
        if m.group("y"):
            year = int(m.group("y"))
        elif unit == "year" and (m.group("ing") or m.group("thr")):
            year = _ending_year(month, published)
        else:
            year = _ended_year(month, published)
        day = m.group("d") or m.group("d2")  # "June 30, 2006", "30 June 2006"
    if day and int(day) <= 7:
        # "the quarter ended Oct. 1": a 52-week calendar's quarter ends days into the next month
        month -= 1
        if month == 0:
            month, year = 12, year - 1 if isinstance(year, int) else year
    if unit == "quarter":
        q = (month - 1) // 3 + 1
        named = en.ORDINALS.get((m.groupdict().get("o") or "").lower())
        if named and int(named) != q and isinstance(year, int):
            # "the fourth quarter ended September 28": a fiscal quarter; its year ends
            # (4 - named) quarters after this one
            end = month + 3 * (4 - int(named))
            return f"Q{named} FY{year + (end - 1) // 12}"
        return f"Q{q} {year}"
    if unit == "six" and month % 6:
        # "six months ended September 30": the first half of a fiscal year ending in March
        return f"H1 FY{year + 1 if month > 6 else year}" if isinstance(year, int) else "H1 FY?"
    if unit == "six":
        return f"H{1 if month <= 6 else 2} {year}"
    if unit == "nine":
        return f"9M {year}"
    return str(year) if month == 12 else f"FY{year}" if year != "?" else "FY?"


_ZH_DIGIT = {"零": "0", "〇": "0", "○": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
             "七": "7", "八": "8", "九": "9"}
_ZH_NUM_YEAR = re.compile(r"[零〇○一二三四五六七八九]{4}(?=\s?年)")
_ZH_NUM_MONTH_DAY = re.compile(r"(?<=年)(十[一二]|[一二三四五六七八九])(?=月)|(?<=月)([一二三]十)(?=日)")


def _zh_numeral_dates(t: str) -> str:
    """"二零二五年六月三十日" read as "2025年6月30日", character for character (offsets keep)."""
    if "年" not in t:
        return t
    t = _ZH_NUM_YEAR.sub(lambda m: "".join(_ZH_DIGIT[c] for c in m.group(0)), t)

    def month_day(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.startswith("十"):
            return "1" + _ZH_DIGIT[w[1]]
        if w.endswith("十"):
            return _ZH_DIGIT[w[0]] + "0"
        return _ZH_DIGIT[w]

    return _ZH_NUM_MONTH_DAY.sub(month_day, t)


def find_periods(text: str, published: date | None = None, keep_open: bool = False) -> list[Period]:
    """Every reporting period in `text`, in order, without overlaps (`keep_open`: with
    yearless quarters of undated texts, valued "Q3 ?", for align_to_document).

    Calendar dates ("Jan 29, 2026", "2026-02-03", "2025年5月") and starting points
    ("since 2019", 2019年以来), ends of spans ("through 2026") and maturities ("notes due
    2030") are not reporting periods and hide the year inside them. A quarter named without
    its year ("third-quarter revenue ... for fiscal 2026") takes the year that follows it.
    """
    t = _zh_numeral_dates(numbers.normalize(text))
    folded = fold(t)  # a pattern whose words the text lacks is not run (extractors.prefilter)
    # "6月底止全年", "截至6月": a bare month ends a period only with 截至 before or 底/止 after it
    found = [Period(m.start(), m.end(), text[m.start():m.end()], _ended(m, published))
             for m in finditer(_ENDED, t, folded)
             if not m.group("zm") or m.group("zpre") or m.group("zend")]
    taken = [(p.start, p.end) for p in found]
    taken += [(m.start(), m.end()) for m in finditer(_DATE, t, folded)]
    for rx, fn in _RULES:
        for m in finditer(rx, t, folded):
            s, e = m.start(), m.end()
            if any(s < b and a < e for a, b in taken):
                continue
            value = fn(m, published)
            if value is None:
                continue
            taken.append((s, e))
            found.append(Period(s, e, text[s:e], value))
    found.sort(key=lambda p: p.start)
    found = _restated(t, _complete_quarters(t, found))
    # A quarter with no year and no date to read it from ("Q3 ?") waits for the document's
    # year (align_to_document); alone it is no period.
    return found if keep_open else [p for p in found if not p.value.endswith("?")]


_RESTATED = re.compile(r"^\s*[(（][^()（）\d]{0,6}$")


def _restated(t: str, found: list[Period]) -> list[Period]:
    """"the quarter ended September 30 (Q2FY22)", "2026財年第二季度(實際年2025年第三季度)":
    one period named twice, by calendar and by fiscal year; the text's fiscal name is kept."""
    out = list(found)
    for i in range(len(found) - 1):
        p, q = found[i], found[i + 1]
        if not _RESTATED.match(t[p.end:q.start]) or _kind(p.value) != _kind(q.value):
            continue
        fiscal = [x.value for x in (p, q) if "FY" in x.value]
        if len(fiscal) == 1:
            out[i] = Period(p.start, p.end, p.text, fiscal[0])
            out[i + 1] = Period(q.start, q.end, q.text, fiscal[0])
    return out


def _kind(value: str) -> str:
    """Quarter, half, nine months or year."""
    return value[0] if value[0] in "QH9" else "Y"


_EXPLICIT_YEAR = re.compile(r"((?:19|20)\d\d)(?!.*\d)")
_HAS_YEAR = re.compile(r"\d{2,4}|[今去明本上下]年|财年|fiscal", re.I)


def align_to_document(periods: list[Period], text: str = "") -> list[Period]:
    """A quarter or half named without its year ("Q1", "the first quarter") is the one the
    text named with its year before (the "first quarter of fiscal 2026" of the lead); a year
    named as the one set against ("较2024年同期") stands for the year after it."""
    out: list[Period] = []
    explicit: dict[str, str] = {}
    fiscal_q: re.Match[str] | None = None
    years = [(p.start, _after_base(p.value) if text and _BASE_BEFORE.search(text, max(0, p.start - 4), p.start)
              and _BASE_AFTER.match(text, p.end) else p.value)
             for p in periods if _EXPLICIT_YEAR.search(p.value) and not p.value.endswith("?")]
    for i, p in enumerate(periods):
        if p.value.endswith("?"):
            # "third-quarter earnings" in a text with no date: the year the text names nearest
            near = sorted(years, key=lambda y: (y[0] > p.start, abs(y[0] - p.start)))
            if not near:
                continue
            year = _EXPLICIT_YEAR.search(near[0][1])
            assert year is not None
            fiscal = "FY" in near[0][1] or p.value.endswith("FY?")
            p = Period(p.start, p.end, p.text, p.value[:-1].removesuffix("FY") + ("FY" if fiscal else "") + year.group(1))
            periods[i] = p
        head = p.value.split()[0] if " " in p.value else ""
        if head and _HAS_YEAR.search(p.text):
            explicit[head] = p.value
            fiscal_q = _FISCAL_Q.match(p.value) or fiscal_q
        elif head and head in explicit and explicit[head] != p.value:
            p = Period(p.start, p.end, p.text, explicit[head])
        elif fiscal_q and _CAL_Q.match(p.value):
            # "For the second quarter" in a story of "fiscal first-quarter" results: the text
            # counts quarters by its fiscal year
            q, last = int(p.value[1]), int(fiscal_q.group(1))
            fy = int(fiscal_q.group(2)) + (1 if q < last else 0)
            p = Period(p.start, p.end, p.text, f"Q{q} FY{fy}")
        out.append(p)
    return out


_BASE_BEFORE = re.compile(r"(?:较|較|相较|相較|比|相比|对比|對比)(?:于|於)?\s?$")
_BASE_AFTER = re.compile(r"\s?年?\s?(?:同期|同季)")


def _after_base(value: str) -> str:
    """The year after the one a comparison is set against: "2024" -> "2025"."""
    return re.sub(r"\d{4}$", lambda m: str(int(m.group(0)) + 1), value)


_FISCAL_Q = re.compile(r"^Q([1-4]) FY(\d{4})$")
_CAL_Q = re.compile(r"^Q[1-4] \d{4}$")


_BARE_QUARTER = re.compile(rf"(?i)^(?:fiscal[\s-])?(?:{_ORD})[\s-](?:fiscal[\s-])?quarter$|^第[一二三四1-4]财?季度?$")


def _complete_quarters(t: str, found: list[Period]) -> list[Period]:
    out = list(found)
    for i, p in enumerate(found):
        if not _BARE_QUARTER.match(p.text.strip()):
            continue
        for q in found[i + 1:]:
            if q.start - p.end > 60 or re.search(r"[.。;；!?]", t[p.end:q.start]):
                break
            m = re.fullmatch(r"(FY)?(\d{4})", q.value)
            if m:
                fy = "FY" if (m.group(1) or "fiscal" in p.text.lower() or "财" in p.text) else ""
                value = f"{p.value.split()[0]} {fy}{m.group(2)}"
                out[i] = Period(p.start, p.end, p.text, value)
                out[out.index(q)] = Period(q.start, q.end, q.text, value)
                break
    return out
