"""Periods: one row per written form and the normalized value."""

from datetime import date

import pytest

from extractors.periods import find_periods

PUB = date(2026, 2, 8)

ROWS = [
    ("capex for 2026", ["2026"]),
    ("2026E capex", ["2026"]),
    ("fiscal year 2026", ["FY2026"]),
    ("as of the end of fiscal year 2026", ["FY2026"]),
    ("FY26 guidance", ["FY2026"]),
    ("FY 2025", ["FY2025"]),
    ("the 2025 fiscal year", ["FY2025"]),
    ("fiscal-year 2026", ["FY2026"]),
    ("4Q 2025", ["Q4 2025"]),
    ("Q3 FY2025", ["Q3 FY2025"]),
    ("Q1 2025 capex", ["Q1 2025"]),
    ("3Q25", ["Q3 2025"]),
    ("third quarter of fiscal 2026", ["Q3 FY2026"]),
    ("the third quarter of 2025", ["Q3 2025"]),
    ("fiscal second-quarter revenue", ["Q2 FY2026"]),
    ("third-quarter revenue of $57 billion for fiscal 2026", ["Q3 FY2026", "Q3 FY2026"]),
    ("9M 2025", ["9M 2025"]),
    # the day before the month, and "full-year" / "half-year" as units
    ("for the full-year ended 30 June 2006", ["FY2006"]),
    ("results for the half-year to 30 June 2006", ["H1 2006"]),
    ("the six months to 30 June 2021", ["H1 2021"]),
    # months from January in Chinese: a quarter, a half, nine months, the year; other spans no period
    ("2023年1-12月归母净利润", ["2023"]),
    ("2025年1—9月公司合计实现营业收入", ["9M 2025"]),
    ("今年1至6月营收", ["H1 2026"]),
    ("今年1月至10月稅前盈餘", []),
    ("2025年1-10月营收", []),
    # months spanned: a calendar quarter, a half, nine months
    ("net profit in the April-June period", ["Q2 2026"]),  # no year: the quarter nearest the publication
    ("the January-March quarter of 2024", ["Q1 2024"]),
    ("sales in the July-December period", ["H2 2025"]),
    ("去年同期经营溢利为146亿元", []),
    # Chinese numeral dates, a quarter ended at a month's end, a half written 1H25
    ("集團截至二零二五年六月三十日止六個月內", ["H1 2025"]),
    ("小米公佈截至9月底季度業績", ["Q3 2025"]),
    ("阳光保险1H25总保费收入808.1亿元", ["H1 2025"]),
    # Chinese reports: 三季报 covers nine months, 中报/中期 the first half
    ("恒瑞医药发布2025年三季报", ["9M 2025"]),
    ("恒隆地產公佈2024年度中期,總收入約61.14億港元", ["H1 2024"]),
    ("2024年年报显示", ["2024"]),
    ("廣達2025全年營收2.12兆元", ["2025"]),
    # a report named without its year is the latest one before the publication (February 2026)
    ("9家股份行三季报透视", ["9M 2025"]),
    ("中報業績", ["H1 2025"]),
    ("up 68.5 percent from the same period last year", []),  # the same period a year before: read against the figure's period
    ("first nine months of 2025", ["9M 2025"]),
    ("the first nine months of this year", ["9M 2026"]),
    ("H1 2026", ["H1 2026"]),
    ("1H26", ["H1 2026"]),
    ("first half of 2026", ["H1 2026"]),
    ("between 2025 and 2026", ["2025-2026"]),
    ("last quarter", ["Q4 2025"]),
    ("this year", ["2026"]),
    ("next year", ["2027"]),
    ("last year", ["2025"]),
    ("2025年", ["2025"]),
    ("2025财年", ["FY2025"]),
    ("2026财年第一季度", ["Q1 FY2026"]),
    ("2025年第三季度", ["Q3 2025"]),
    ("2025年上半年", ["H1 2025"]),
    ("2025年前三季度", ["9M 2025"]),
    ("第三财季", ["Q3 FY2026"]),
    ("上季度", ["Q4 2025"]),
    ("去年", ["2025"]),
    ("明年", ["2027"]),
    ("2025-2026年", ["2025-2026"]),
    ("腾讯一季度营收", ["Q1 2026"]),
    ("去年四季度", ["Q4 2025"]),
    ("去年下半年净利润", ["H2 2025"]),
    ("今年前三季度", ["9M 2026"]),
    ("2025H1实现收入", ["H1 2025"]),
    ("25Q2收入", ["Q2 2025"]),
    ("预测公司25/26/27年净利润分别为", ["2025-2027"]),
    ("去年第四季財報", ["Q4 2025"]),
    ("前3季營收", ["9M 2026"]),
    ("首三季純利", ["9M 2026"]),
    ("首九個月股東應佔溢利", ["9M 2026"]),
    ("2025年前9个月营收", ["9M 2025"]),
    ("for the quarter ended September 30, 2025", ["Q3 2025"]),
    ("the six months ended June 30, 2025", ["H1 2025"]),
    ("the fiscal year ended March 31, 2025", ["FY2025"]),
    ("截至2025年6月30日止六个月", ["H1 2025"]),
    # no year written: the last such period end on or before the publication date
    ("the quarter ended Sept. 30", ["Q3 2025"]),
    ("for the three months ended January 31", ["Q1 2026"]),
    ("截至6月底止六個月", ["H1 2025"]),
    # a 52-week quarter ends days into the next month: it is the month before's quarter
    ("for the quarter ended Oct. 1, 2023", ["Q3 2023"]),
    # a quarter whose ordinal is not its calendar quarter is a fiscal quarter
    ("For the fourth quarter ended September 28, 2025, revenue", ["Q4 FY2025"]),
    ("the second quarter ended Jan. 31, 2026", ["Q2 FY2026"]),
    ("the third quarter ended September 30, 2025", ["Q3 2025"]),
    # one period named by calendar and by fiscal year: the fiscal name is kept for both
    ("net profit for the quarter ended September 30, 2021 (Q2FY22)", ["Q2 FY2022", "Q2 FY2022"]),
    ("阿里巴巴發布2026財年第二季度(實際年2025年第三季度)財報", ["Q2 FY2026", "Q2 FY2026"]),
    # a half ending in a month other than June or December is a fiscal half
    ("the six months ended September 30, 2025", ["H1 FY2026"]),
    ("截至2025年12月31日止全年純利", ["2025"]),
    ("截至6月", []),  # a month alone ends no period
    # months spanned with "to"
    ("net profit in the April to June quarter", ["Q2 2026"]),
    ("operating profit for the April-to-June period of 2025", ["Q2 2025"]),
    # a fiscal year written as the two calendar years it spans
    ("net profit in the 2025-26 fiscal year", ["FY2026"]),
    ("For the full 2016-17 fiscal, the company", ["FY2017"]),
    ("the corresponding period of financial year 2020-21", ["FY2021"]),
    ("預計於2025/26財政年度入賬", ["FY2026"]),
    ("2025-26", ["2025-2026"]),  # not a date: 26 is no month
    # a quarter named by the month it ends, as results tables do
    ("The revenue for the Sep '25 is ₹ 18757 crore", ["Q3 2025"]),
    # interim and annual results named with their year
    ("公布2023年中期業績", ["H1 2023"]),
    ("2024年度业绩公告", ["2024"]),
    ("Q1 operating income", ["Q1 2026"]),
    # a quarter named without its year that is months away is last year's (published in February)
    ("fourth-quarter earnings", ["Q4 2025"]),
    ("第四季度营收", ["Q4 2025"]),
    ("Q2 revenue", ["Q2 2026"]),
    ("the record set in the fourth quarter of last year", ["Q4 2025"]),
    ("百济神州Q3总收入10.02亿美元", ["Q3 2025"]),
    # not reporting periods
    ("Jan 29, 2026", []),
    ("on 2026-02-03", []),
    ("(Jan 2026)", []),
    ("2025年3月", []),
    ("since 2019", []),
    ("自2019年以来", []),
    ("senior notes due 2030", []),
    ("Founded in 2024 in the UK, Paid raised $22 million", []),  # a founding date
    ("公司成立於2019年", []),
    ("$2026 million", []),
    ("2026%", []),
    ("7.1GW", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_periods(text: str, expected: list[str]) -> None:
    got = find_periods(text, PUB)
    assert [p.value for p in got] == expected
    for p in got:
        assert text[p.start:p.end] == p.text


def test_a_bare_quarter_in_a_fiscal_story_is_fiscal() -> None:
    from extractors.periods import align_to_document

    text = "Jabil's fiscal first-quarter results. For the second quarter, it expects revenue of $7.5 billion."
    got = align_to_document(find_periods(text, date(2025, 12, 17), keep_open=True))
    assert [p.value for p in got] == ["Q1 FY2026", "Q2 FY2026"]


def test_relative_periods_need_a_date() -> None:
    assert find_periods("last quarter", None) == []
    assert find_periods("上季度", None) == []


def test_yearless_quarters_wait_for_the_documents_year() -> None:
    from extractors.periods import align_to_document

    text = "third-quarter earnings beat forecasts; Intel raised its 2017 outlook"
    raw = find_periods(text, None, keep_open=True)
    assert [p.value for p in raw] == ["Q3 ?", "2017"]
    assert [p.value for p in align_to_document(raw)] == ["Q3 2017", "2017"]
    assert find_periods("third-quarter earnings", None) == []  # alone, no period
    lead = find_periods("results for the first quarter of fiscal 2026. Q1 revenue rose", date(2025, 12, 17))
    assert [p.value for p in align_to_document(lead)] == ["Q1 FY2026", "Q1 FY2026"]


@pytest.mark.parametrize(("text", "published", "value"), [
    ("P&G reported fiscal first-quarter net income", date(2019, 10, 22), "Q1 FY2020"),  # June year-end
    ("Jabil's fiscal first-quarter results", date(2025, 12, 17), "Q1 FY2026"),  # August year-end
    ("fiscal second-quarter revenue", date(2026, 2, 8), "Q2 FY2026"),
])
def test_fiscal_quarter_without_year_is_of_the_fiscal_year_it_ends_in(text: str, published: date, value: str) -> None:
    assert [p.value for p in find_periods(text, published)] == [value]


@pytest.mark.parametrize(("text", "published", "value"), [
    # a year "ending" or "through" a month is still running: the next such month
    ("net profit forecast for the year ending March", date(2023, 11, 7), "FY2024"),
    ("forecast an operating profit for the fiscal year through March", date(2022, 5, 11), "FY2023"),
    ("net profit for the fiscal year to March next year", date(2018, 8, 1), "FY2019"),
    # a year that "ended" is the last one
    ("results for the year ended March", date(2023, 6, 8), "FY2023"),
    # 截至 (or 底止) a month of this year, with the kind of period after it
    ("周大福公布截至今3月底止全年業績", date(2023, 6, 8), "FY2023"),
    ("周大福公布截至今年9月底止中期業績", date(2025, 11, 25), "H1 FY2026"),
    ("新鴻基地產公布6月底止全年純利", date(2025, 9, 4), "FY2025"),
    ("新鴻基地產公布截至6月底全年業績", date(2025, 9, 4), "FY2025"),
])
def test_period_ending_in_a_month(text: str, published: date, value: str) -> None:
    assert [p.value for p in find_periods(text, published)] == [value]
