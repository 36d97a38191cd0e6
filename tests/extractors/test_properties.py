"""Property tests: on any text the extractors never raise, spans index the text, low <= high."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.claims import Extractor
from extractors.money import find_money
from extractors.periods import find_periods

# Text built from the pieces money and periods are made of, so the grammars are exercised.
PIECES = st.sampled_from([
    "$", "US$", "€", "£", "HK$", "RMB", "USD", "¥", "1", "23", "4.5", ",000", "1,295", ".", "-", "–",
    "+", "~", " ", "bn", "B", "T", "m", "MM", "million", "billion", "trillion", "yuan", "dollars",
    "亿", "万", "万亿", "千", "美元", "元", "港元", "人民币", "负", "约", "超", "至少", "余", "多",
    "五十", "十", "二百", "至", "到", "以上", "左右", "每月", "/年", "Q3", "FY", "2025", "2026",
    "年", "财年", "第三季度", "fiscal year", "last quarter", "上季度", "per quarter", "a month",
    "%", "GW", "Meta", "甲骨文", "Oracle", "capex", "revenue", "收入", "亏损", "and", "between",
    "to", "from", "(", ")", "\n", "。", "，", "１２", "億", "negative", "or more",
    # issue 19 forms: regional currencies, minor units, codes after numbers, tolerances
    "NT$", "T$", "hk$", "HK $", "新台幣", "港幣", "兆", "114年", "台灣", "營收", "cents", "pence",
    "p", "¢", "分", "角", "块", "钱", "每股", "亏损", "usd", "MUSD", "USD", "€", "±", "plus or minus",
    "loss", "\t", "  ", "[1]", "美圆", "/",
    # real-text forms, round 2: rupees and Indian grouping, decimal commas, odd hyphens and
    # points, numerals digit by digit, HK cents, lists, declarations, exchange rates
    "Rs", "Rs.", " crore", " lakh", ",60,518", "8,7-billion", "‑", "﹒", "○", "點", "三八", "仙",
    "、", "和", "(港幣,以下同)", "（人民幣，下同）", "兌美元", "匯率", "港股", "(00293)", "台積電",
    "法說會", "kroner", "DKK", "yen", "-trillion-", "(TSX: AB)", "Canada Corp", "by", "大關", "收市",
])
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=40).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_money_spans_index_the_text(text: str) -> None:
    for m in find_money(text):
        assert text[m.start:m.end] == m.text
        assert m.low <= m.high
        assert m.currency.isupper() and len(m.currency) == 3


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_period_spans_index_the_text(text: str) -> None:
    for p in find_periods(text):
        assert text[p.start:p.end] == p.text


_rule_only = Extractor(use_ner=False)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_claims_never_raise(text: str) -> None:
    ex = _rule_only.extract(text)
    for c in ex.claims:
        assert c.low <= c.high
        assert text[c.start:c.end]
    for e in ex.entities:
        assert text[e.start:e.end] == e.text
