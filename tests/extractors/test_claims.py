"""Claims: subject, metric, value, period, from English and Chinese sentences."""

from datetime import date

import pytest

from extractors.claims import Extractor
from pipeline.dedup import fingerprint
from pipeline.notes import parse_note
from tests.conftest import SEED_NOTE, seed_article

B = 1e9

# (text, published, [(subject, metric, low, high, currency, period)])
ROWS = [
    ("Microsoft invested $13 billion in OpenAI.", None,
     [("Microsoft", "investment", 13 * B, 13 * B, "USD", None)]),
    ("OpenAI spent $17.2 billion on Microsoft Azure in 2025.", None,
     [("OpenAI", "spending", 17.2 * B, 17.2 * B, "USD", "2025")]),
    ("Oracle's free cash flow was negative $23.7 billion for fiscal year 2026.", None,
     [("Oracle", "free_cash_flow", -23.7 * B, -23.7 * B, "USD", "FY2026")]),
    ("Meta is guiding $135B capex for 2026, roughly double last year.", date(2026, 2, 1),
     [("Meta", "capex", 135 * B, 135 * B, "USD", "2026")]),
    ("Meta said it expects capital expenditures of $135 billion in 2026.", None,
     [("Meta", "capex", 135 * B, 135 * B, "USD", "2026")]),
    ("Alphabet said capital expenditures would reach $185 billion in 2026.", None,
     [("Google", "capex", 185 * B, 185 * B, "USD", "2026")]),
    # the speaker forecasting a market figure is its source, not its subject
    ("JPMorgan forecast $400 billion of bond sales from tech companies in 2026.", None, []),
    ("JPMorgan said tech companies will sell $300 billion of bonds in 2026.", None, []),
    # a figure of several companies belongs to none of them
    ("OpenAI and Anthropic have raised less than $300 billion.", None, []),
    # "another $260 billion" keeps the metric of the figure before it
    ("Oracle's lease commitments total nearly $38 billion, with another $260 billion signed.", None,
     [("Oracle", "spending", 38 * B, 38 * B, "USD", None), ("Oracle", "spending", 260 * B, 260 * B, "USD", None)]),
    ("Shares of Tesla fell 5% after it delivered 418,000 vehicles.", None, []),
    ("Revenue at Nvidia rose 62% to $57 billion.", None, [("NVIDIA", "revenue", 57 * B, 57 * B, "USD", None)]),
    # the backer is not the subject; the statistical NER finds the startup
    ("SoftBank-backed Ampere raised $1 billion.", None, [("Ampere", "funding", B, B, "USD", None)]),
    ("软银集团将以约65亿美元现金收购美国芯片设计公司Ampere Computing。", None,
     [("SoftBank", "acquisition", 6.5 * B, 6.5 * B, "USD", None)]),
    ("Tesla ended the quarter with $44 billion in cash.", None, [("Tesla", "cash", 44 * B, 44 * B, "USD", None)]),
    ("xAI is seeking to raise $12 billion in debt.", None, [("xAI", "debt_issuance", 12 * B, 12 * B, "USD", None)]),
    ("SoftBank's Vision Fund posted a gain of ¥2.5 trillion.", None,
     [("SoftBank", "profit", 2.5e12, 2.5e12, "JPY", None)]),
    ("OpenAI is in talks for a share sale that would value the company at about $500 billion.", None,
     [("OpenAI", "valuation", 500 * B, 500 * B, "USD", None)]),
    ("Salesforce agreed to acquire Informatica for about $8 billion.", None,
     [("Salesforce", "acquisition", 8 * B, 8 * B, "USD", None)]),
    ("Microsoft posted net income of $27.7 billion, or $3.72 a share.", None,
     [("Microsoft", "profit", 27.7 * B, 27.7 * B, "USD", None), ("Microsoft", "eps", 3.72, 3.72, "USD", None)]),
    ("AMD agreed to buy ZT Systems in a $4.9 billion cash-and-stock deal.", None,
     [("AMD", "acquisition", 4.9 * B, 4.9 * B, "USD", None)]),
    ("OpenAI以1570亿美元的估值融资66亿美元。", None,
     [("OpenAI", "valuation", 157 * B, 157 * B, "USD", None), ("OpenAI", "funding", 6.6 * B, 6.6 * B, "USD", None)]),
    ("软银承诺向OpenAI投资300亿美元。", None, [("SoftBank", "investment", 30 * B, 30 * B, "USD", None)]),
    ("甲骨文为满足OpenAI算力需求举债,自由现金流为负237亿美元,未偿债务1295亿美元。", None,
     [("Oracle", "free_cash_flow", -23.7 * B, -23.7 * B, "USD", None), ("Oracle", "debt", 129.5 * B, 129.5 * B, "USD", None)]),
    ("OpenAI 2025年收入130.4亿美元,但亏损209亿美元,同时在微软Azure上花费172亿美元。", None,
     [("OpenAI", "revenue", 13.04 * B, 13.04 * B, "USD", "2025"), ("OpenAI", "loss", 20.9 * B, 20.9 * B, "USD", "2025"),
      ("OpenAI", "spending", 17.2 * B, 17.2 * B, "USD", "2025")]),
    ("台积电将2026年资本预算定为520亿-560亿美元。", None, [("TSMC", "capex", 52 * B, 56 * B, "USD", "2026")]),
    ("某比特币ETF上周净流出11亿美元。", None, []),
    ("高盛分析师预计，2026年超大规模云厂商资本支出将达到5270亿美元。", None, []),
    ("阿里巴巴本季度资本支出为315亿元，过去四个季度累计投入约1200亿元。", date(2025, 11, 20),
     [("Alibaba", "capex", 31.5 * B, 31.5 * B, "CNY", "Q4 2025"), ("Alibaba", "spending", 120 * B, 120 * B, "CNY", None)]),
    ("阿里巴巴表示未来三年将投入超过3800亿元用于AI基础设施。", None,
     [("Alibaba", "spending", 380 * B, 380 * B, "CNY", None)]),
]


@pytest.mark.parametrize(("text", "published", "expected"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_claims(extractor: Extractor, text: str, published: date | None, expected: list[tuple]) -> None:
    got = extractor.extract(text, None, published).claims
    assert [(c.subject, c.metric, c.low, c.high, c.currency, c.period) for c in got] == [
        (s, m, pytest.approx(lo), pytest.approx(hi), cur, p) for s, m, lo, hi, cur, p in expected]
    for c in got:
        assert 0 < c.confidence <= 1
        assert c.sentence in text


def test_fund_outflow_is_negative_claim_but_positive_money(extractor: Extractor) -> None:
    ex = extractor.extract("The iShares Bitcoin Trust saw net outflows of $1.1 billion last week.")
    assert ex.money[0].low == pytest.approx(1.1 * B)
    assert [(c.metric, c.low) for c in ex.claims] == [("fund_flow", pytest.approx(-1.1 * B))]


def _facts(claims: list) -> set[tuple]:
    return {(c.subject, c.metric, round(c.low / 1e8), c.period) for c in claims}


def test_seed_article_yields_its_claims_from_summary_and_body(extractor: Extractor) -> None:
    text = seed_article()
    ex = extractor.extract(text, None, date(2026, 7, 5))
    facts = _facts(ex.claims)
    expected = {
        ("OpenAI", "revenue", 130, "2025"),
        ("OpenAI", "loss", 209, "2025"),
        ("OpenAI", "spending", 172, "2025"),
        ("Oracle", "free_cash_flow", -237, "FY2026"),
        ("Oracle", "debt", 1295, None),
    }
    assert expected <= facts
    # each of them is stated by the Chinese summary and by the English body
    for subject, metric, value, _ in expected:
        langs = {c.lang for c in ex.claims if (c.subject, c.metric, round(c.low / 1e8)) == (subject, metric, value)}
        assert langs == {"zh", "en"}, (subject, metric, langs)


def test_summary_and_body_share_fingerprints(extractor: Extractor) -> None:
    ex = extractor.extract(seed_article(), None, date(2026, 7, 5))
    fps: dict[str, set[str]] = {}
    for c in ex.claims:
        fps.setdefault(fingerprint(c.subject, c.metric, c.period, c.currency, c.low, c.high), set()).add(c.lang)
    both = [fp for fp, langs in fps.items() if langs == {"zh", "en"}]
    assert len(both) >= 5


def test_seed_note_rows_yield_their_claims(extractor: Extractor) -> None:
    note = parse_note(SEED_NOTE.read_text("utf-8"), SEED_NOTE.name)
    facts = set()
    for row in note.rows:
        facts |= _facts(extractor.extract(f"{row.observation}\n{row.implication}").claims)
    assert ("Google", "debt", 465, "2025") in facts
    assert ("Google", "debt", 109, "2024") in facts
    assert ("Oracle", "debt_issuance", 250, None) in facts
    assert ("Google", "capex", 1850, None) in facts
    assert ("Amazon", "capex", 2000, None) in facts
    assert ("Meta", "capex", 1350, None) in facts
    assert ("xAI", "cash_burn", 10, None) in facts


def test_parallel_extraction_matches_serial() -> None:
    texts = [(f"Meta sold ${i % 90 + 1} billion of bonds. 软银承诺向OpenAI投资{i + 1}亿美元。", None, None)
             for i in range(240)]
    ex = Extractor(use_ner=False)
    assert ex.extract_parallel(texts, processes=2, threshold=200) == ex.extract_many(texts)
