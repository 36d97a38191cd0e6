"""Entities: alias table, vault names, Chinese ruler, NER for unknown names."""

import pytest

from extractors.claims import Extractor
from extractors.entities import AliasTable
from extractors.orgs import find_orgs


@pytest.mark.parametrize(("name", "canonical"), [
    ("Alphabet", "Google"), ("谷歌", "Google"), ("甲骨文", "Oracle"), ("英伟达", "NVIDIA"),
    ("Nvidia", "NVIDIA"), ("微软", "Microsoft"), ("亚马逊", "Amazon"), ("软银", "SoftBank"),
    ("台积电", "TSMC"), ("字节跳动", "ByteDance"), ("台積電", "TSMC"),
])
def test_shipped_aliases(name: str, canonical: str) -> None:
    assert AliasTable.shipped().resolve(name) == canonical


def test_vault_spelling_wins() -> None:
    table = AliasTable.shipped().merged(None, preferred=["Alphabet"])
    assert table.resolve("谷歌") == "Alphabet"
    assert table.resolve("Google") == "Alphabet"


def test_first_preferred_name_of_a_group_wins() -> None:
    table = AliasTable.shipped().merged(None, preferred=["Google", "Alphabet"])
    assert table.resolve("Alphabet") == "Google"


def test_config_and_note_aliases_join_groups() -> None:
    table = AliasTable.shipped().merged({"Acme Robotics": ["Acme", "艾克美"]}, preferred=["Acme Robotics"])
    found = table.find("艾克美与Acme签约")
    assert [e.canonical for e in found] == ["Acme Robotics", "Acme Robotics"]


def test_find_respects_word_boundaries() -> None:
    table = AliasTable.shipped()
    assert [e.text for e in table.find("Metadata is not Meta, but Meta's capex is.")] == ["Meta", "Meta"]


def test_traditional_names_are_found() -> None:
    table = AliasTable.shipped()
    assert [e.canonical for e in table.find("台積電去年資本支出")] == ["TSMC"]


def test_chinese_ruler_and_english_ner(extractor: Extractor) -> None:
    zh = extractor.extract("甲骨文自由现金流为负237亿美元，软银承诺向OpenAI投资300亿美元。")
    assert {e.canonical for e in zh.entities} >= {"Oracle", "SoftBank", "OpenAI"}
    en = extractor.extract("Vantage Data Centers raised $1.4 billion to build data centers.")
    assert any(e.text == "Vantage Data Centers" and not e.known for e in en.entities)
    assert [c.subject for c in en.claims] == ["Vantage Data Centers"]


@pytest.mark.parametrize(("text", "absent"), [
    # the end of a longer name before its initials is no name of its own
    ("The top profitable company is Industrial and Commercial Bank of China (ICBC), with $53.59 billion.", "China"),
    # an English function word in a bilingual page is no Latin name in Chinese text
    ("金属产品行业共有56家公司上榜,是今年上榜公司数量最多的行业。\n\nThe top 3 profitable companies are listed.", "The"),
    # a news agency in a dateline's brackets is no ticker
    ("CAMBRIDGE, Mass. (AP) _ Initech Inc. (ITCH) on Monday reported a loss of $18.6 million.", "Mass."),
])
def test_shapes_that_are_no_names(text: str, absent: str) -> None:
    assert absent not in [e.text for e in find_orgs(text, AliasTable.shipped())]


@pytest.mark.parametrize(("text", "absent"), [
    ("KUALA LUMPUR (Nov 27): Initech Resources Corp Bhd reported a net profit of RM1.46 million.", "KUALA"),
    ("Initech Inc. announced results.\n\n  • Government revenue grew 23% year-over-year to $371 million", "Government"),
])
def test_datelines_and_business_lines_are_no_companies(extractor: Extractor, text: str, absent: str) -> None:
    assert all(c.subject != absent and absent not in c.subject for c in extractor.extract(text).claims)
    assert extractor.extract(text).claims


@pytest.mark.parametrize("text", ["British marque Initech said revenue rose to £2 billion.",
                                  "Canadian publisher Initech reported a loss of $5 million."])
def test_a_name_after_a_trade_word_is_a_company(text: str) -> None:
    assert "Initech" in [e.text for e in find_orgs(text, AliasTable.shipped())]


@pytest.mark.parametrize(("name", "broker"), [("Hi Investment & Securities", True), ("Wells Fargo Securities", True),
                                              ("Kiwoom Securities", True), ("SK Hynix", False)])
def test_brokers_are_known_by_their_english_suffix(name: str, broker: bool) -> None:
    from extractors.subjects import is_analyst_name
    assert is_analyst_name(name, name) is broker
