"""Money spans: one row per written form, with the value, currency, qualifier and rate expected."""

import pytest

from extractors.money import find_money

B, T, M = 1e9, 1e12, 1e6

# (text, [(span text, low, high, currency, qualifier, per)])
ROWS = [
    # English forms
    ("$135B", [("$135B", 135 * B, 135 * B, "USD", "exact", None)]),
    ("$1.4T+", [("$1.4T+", 1.4 * T, 1.4 * T, "USD", "at_least", None)]),
    ("US$5bn", [("US$5bn", 5 * B, 5 * B, "USD", "exact", None)]),
    ("$1.2tn", [("$1.2tn", 1.2 * T, 1.2 * T, "USD", "exact", None)]),
    ("€20bn", [("€20bn", 20 * B, 20 * B, "EUR", "exact", None)]),
    ("$2.5 million", [("$2.5 million", 2.5 * M, 2.5 * M, "USD", "exact", None)]),
    ("$30,000", [("$30,000", 3e4, 3e4, "USD", "exact", None)]),
    ("$212.40", [("$212.40", 212.4, 212.4, "USD", "exact", None)]),
    ("one trillion dollars", [("one trillion dollars", T, T, "USD", "exact", None)]),
    ("spend a trillion dollars", [("a trillion dollars", T, T, "USD", "exact", None)]),
    ("$1 trillion", [("$1 trillion", T, T, "USD", "exact", None)]),
    ("RMB 50 billion", [("RMB 50 billion", 50 * B, 50 * B, "CNY", "exact", None)]),
    ("380 billion yuan", [("380 billion yuan", 380 * B, 380 * B, "CNY", "exact", None)]),
    ("£3bn", [("£3bn", 3 * B, 3 * B, "GBP", "exact", None)]),
    ("HK$12.5bn", [("HK$12.5bn", 12.5 * B, 12.5 * B, "HKD", "exact", None)]),
    ("USD34.6 million", [("USD34.6 million", 34.6 * M, 34.6 * M, "USD", "exact", None)]),
    ("$1MM", [("$1MM", M, M, "USD", "exact", None)]),
    ("$0.1 million", [("$0.1 million", 0.1 * M, 0.1 * M, "USD", "exact", None)]),
    ("KRW 20 trillion", [("KRW 20 trillion", 20 * T, 20 * T, "KRW", "exact", None)]),
    # Chinese forms
    ("1295亿美元", [("1295亿美元", 129.5 * B, 129.5 * B, "USD", "exact", None)]),
    ("130.4亿美元", [("130.4亿美元", 13.04 * B, 13.04 * B, "USD", "exact", None)]),
    ("2.31万亿元", [("2.31万亿元", 2.31 * T, 2.31 * T, "CNY", "exact", None)]),
    ("五十亿美元", [("五十亿美元", 5 * B, 5 * B, "USD", "exact", None)]),
    ("十亿元", [("十亿元", B, B, "CNY", "exact", None)]),
    ("3万美元", [("3万美元", 3e4, 3e4, "USD", "exact", None)]),
    ("1600亿元人民币", [("1600亿元人民币", 160 * B, 160 * B, "CNY", "exact", None)]),
    ("人民币50亿元", [("人民币50亿元", 5 * B, 5 * B, "CNY", "exact", None)]),
    ("12.5亿港元", [("12.5亿港元", 1.25 * B, 1.25 * B, "HKD", "exact", None)]),
    ("港币435亿元", [("港币435亿元", 43.5 * B, 43.5 * B, "HKD", "exact", None)]),  # the prefix decides
    ("投入逾千亿元", [("千亿元", 100 * B, 100 * B, "CNY", "more_than", None)]),
    ("10亿美金", [("10亿美金", B, B, "USD", "exact", None)]),
    ("1797亿人民币", [("1797亿人民币", 179.7 * B, 179.7 * B, "CNY", "exact", None)]),
    ("238 億美元", [("238 億美元", 23.8 * B, 23.8 * B, "USD", "exact", None)]),  # traditional 億
    ("１２９５亿美元", [("１２９５亿美元", 129.5 * B, 129.5 * B, "USD", "exact", None)]),  # full width
    ("164,000.00万元", [("164,000.00万元", 1.64 * B, 1.64 * B, "CNY", "exact", None)]),
    # approximate Chinese amounts are approx, not exact
    ("二百余万元", [("二百余万元", 2 * M, 2 * M, "CNY", "approx", None)]),
    ("一千多万元", [("一千多万元", 10 * M, 10 * M, "CNY", "approx", None)]),
    ("三十几万元", [("三十几万元", 3e5, 3e5, "CNY", "approx", None)]),
    ("1亿多美元", [("1亿多美元", 1e8, 1e8, "USD", "approx", None)]),
    ("costs of $5bn plus interest", [("$5bn", 5 * B, 5 * B, "USD", "exact", None)]),
    ("$5bn and above", [("$5bn", 5 * B, 5 * B, "USD", "at_least", None)]),
    # ranges carry the scale across
    ("$30-35 billion", [("$30-35 billion", 30 * B, 35 * B, "USD", "exact", None)]),
    ("between $91 billion and $93 billion", [("$91 billion and $93 billion", 91 * B, 93 * B, "USD", "exact", None)]),
    ("$70 billion to $72 billion", [("$70 billion to $72 billion", 70 * B, 72 * B, "USD", "exact", None)]),
    ("910亿至930亿美元", [("910亿至930亿美元", 91 * B, 93 * B, "USD", "exact", None)]),
    ("520亿-560亿美元", [("520亿-560亿美元", 52 * B, 56 * B, "USD", "exact", None)]),
    ("50-60亿美元", [("50-60亿美元", 5 * B, 6 * B, "USD", "exact", None)]),
    ("$2.5 to $3 billion", [("$2.5 to $3 billion", 2.5 * B, 3 * B, "USD", "exact", None)]),
    ("between $2.5 and $3 billion", [("$2.5 and $3 billion", 2.5 * B, 3 * B, "USD", "exact", None)]),
    ("2.5 to 3 billion dollars", [("2.5 to 3 billion dollars", 2.5 * B, 3 * B, "USD", "exact", None)]),
    # a hyphenated scale is still the scale: $1.5-trillion is not $1.5
    ("a $1.5-trillion plan", [("$1.5-trillion", 1.5 * T, 1.5 * T, "USD", "exact", None)]),
    ("a $5.5bn-a-year business", [("$5.5bn", 5.5 * B, 5.5 * B, "USD", "exact", "year")]),
    # a change is two figures, not a range
    ("debt jumped from $10.9B to $46.5B", [("$10.9B", 10.9 * B, 10.9 * B, "USD", "exact", None),
                                           ("$46.5B", 46.5 * B, 46.5 * B, "USD", "exact", None)]),
    # qualifiers
    ("about $5bn", [("$5bn", 5 * B, 5 * B, "USD", "approx", None)]),
    ("roughly $748 billion", [("$748 billion", 748 * B, 748 * B, "USD", "approx", None)]),
    ("nearly $38 billion", [("$38 billion", 38 * B, 38 * B, "USD", "approx", None)]),
    ("over $1 trillion", [("$1 trillion", T, T, "USD", "more_than", None)]),
    ("more than $10B", [("$10B", 10 * B, 10 * B, "USD", "more_than", None)]),
    ("less than $300 billion", [("$300 billion", 300 * B, 300 * B, "USD", "less_than", None)]),
    ("at least $2 trillion", [("$2 trillion", 2 * T, 2 * T, "USD", "at_least", None)]),
    ("up to $50bn", [("$50bn", 50 * B, 50 * B, "USD", "at_most", None)]),
    # a bound that holds another is read whole: no more than is not more than
    ("no more than $5bn", [("$5bn", 5 * B, 5 * B, "USD", "at_most", None)]),
    ("not less than $2bn", [("$2bn", 2 * B, 2 * B, "USD", "at_least", None)]),
    ("募资不超过50亿美元", [("50亿美元", 5 * B, 5 * B, "USD", "at_most", None)]),
    ("不少于30亿元", [("30亿元", 3 * B, 3 * B, "CNY", "at_least", None)]),
    ("concerns about $5bn of debt", [("$5bn", 5 * B, 5 * B, "USD", "exact", None)]),  # about = regarding
    ("a dispute over $2bn in taxes", [("$2bn", 2 * B, 2 * B, "USD", "exact", None)]),
    ("under a $10 billion agreement", [("$10 billion", 10 * B, 10 * B, "USD", "exact", None)]),
    ("climbed past $100 billion", [("$100 billion", 100 * B, 100 * B, "USD", "more_than", None)]),
    ("至多1000亿美元", [("1000亿美元", 100 * B, 100 * B, "USD", "at_most", None)]),
    ("$660B+", [("$660B+", 660 * B, 660 * B, "USD", "at_least", None)]),
    ("$600 billion or more", [("$600 billion", 600 * B, 600 * B, "USD", "at_least", None)]),
    ("Amazon's $11 billion-plus cost", [("$11 billion-plus", 11 * B, 11 * B, "USD", "at_least", None)]),
    ("约4350亿美元", [("4350亿美元", 435 * B, 435 * B, "USD", "approx", None)]),
    ("近380亿美元", [("380亿美元", 38 * B, 38 * B, "USD", "approx", None)]),
    ("超1万亿美元", [("1万亿美元", T, T, "USD", "more_than", None)]),
    ("逾100亿美元", [("100亿美元", 10 * B, 10 * B, "USD", "more_than", None)]),
    ("突破5万亿美元", [("5万亿美元", 5 * T, 5 * T, "USD", "more_than", None)]),
    ("至少50亿美元", [("50亿美元", 5 * B, 5 * B, "USD", "at_least", None)]),
    ("至少投入50亿美元", [("50亿美元", 5 * B, 5 * B, "USD", "at_least", None)]),  # bound before its verb
    ("300亿美元以上", [("300亿美元", 30 * B, 30 * B, "USD", "at_least", None)]),
    ("高达300亿美元", [("300亿美元", 30 * B, 30 * B, "USD", "at_most", None)]),
    ("十亿元左右", [("十亿元", B, B, "CNY", "approx", None)]),
    ("近获10亿元融资", [("10亿元", B, B, "CNY", "exact", None)]),  # 近获 is "recently got"
    # negatives
    ("negative $23.7 billion", [("$23.7 billion", -23.7 * B, -23.7 * B, "USD", "exact", None)]),
    ("负237亿美元", [("负237亿美元", -23.7 * B, -23.7 * B, "USD", "exact", None)]),
    ("(-$20B gap)", [("-$20B", -20 * B, -20 * B, "USD", "exact", None)]),
    # time rates
    ("~$1B/mo", [("$1B", B, B, "USD", "approx", "month")]),
    ("$39 a month", [("$39", 39, 39, "USD", "exact", "month")]),
    ("$30 billion or more per quarter", [("$30 billion", 30 * B, 30 * B, "USD", "at_least", "quarter")]),
    ("$5bn a year", [("$5bn", 5 * B, 5 * B, "USD", "exact", "year")]),
    ("raised $5bn a year ago", [("$5bn", 5 * B, 5 * B, "USD", "exact", None)]),  # not a rate
    ("每月烧钱约10亿美元", [("10亿美元", B, B, "USD", "approx", "month")]),
    ("每年投资50亿美元", [("50亿美元", 5 * B, 5 * B, "USD", "exact", "year")]),
    # per-unit prices are money with no time rate
    ("$88 per share", [("$88", 88, 88, "USD", "exact", None)]),
    ("98美元/桶", [("98美元", 98, 98, "USD", "exact", None)]),
    ("16.62元/公斤", [("16.62元", 16.62, 16.62, "CNY", "exact", None)]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_money(text: str, expected: list[tuple]) -> None:
    got = find_money(text)
    assert [(m.text, m.low, m.high, m.currency, m.qualifier, m.per) for m in got] == [
        (t, pytest.approx(lo), pytest.approx(hi), c, q, p) for t, lo, hi, c, q, p in expected]
    for m in got:
        assert text[m.start:m.end] == m.text


TRAPS = [
    "Revenue rose 5% year over year.", "The Fed cut by 50 basis points.", "7.1GW of capacity",
    "about 40GW", "192 GB of HBM", "8 TB/s of bandwidth", "18-34 months", "the 2012-13 season",
    "at 2.15pm", "the index fell 41.5 points", "140 万 BTC", "H100 and B200 GPUs", "its Series F",
    "500 million users", "418,000 vehicles", "3.75%-4%", "同比增长62%", "41.8万辆", "1.2吉瓦",
    "6710亿参数", "数十亿美元", "上千亿", "回购1亿股", "2048块GPU", "8亿周活跃用户", "3,245.6点",
    "hundreds of billions of dollars", "tens of billions", "第三季度", "2026年",
    "13.4 million barrels per day", "$NVDA calls", "the Dow fell 300 points", "S&P 500", "COVID-19",
    "Windows 11", "No. 1", "4万亿参数", "5000万股", "上千亿元的订单", "3纳米",
]


@pytest.mark.parametrize("text", TRAPS)
def test_not_money(text: str) -> None:
    assert find_money(text) == []


def test_conversion_in_brackets_is_marked_and_keeps_the_bound() -> None:
    got = find_money("more than RMB380 billion (US$53 billion) over three years")
    assert [(m.conversion, m.qualifier) for m in got] == [(False, "more_than"), (True, "more_than")]


@pytest.mark.parametrize(("text", "value"), [
    ("33.3 billion yuan", 33300000000.0), ("$1.1 trillion", 1100000000000.0), ("130.4亿美元", 13040000000.0),
    ("$0.7bn", 700000000.0), ("2.31万亿元", 2310000000000.0), ("$4.6 trillion", 4600000000000.0),
])
def test_values_are_exact_decimals(text: str, value: float) -> None:
    assert find_money(text)[0].low == value  # no 33299999999.999996
