"""The Chinese-names measurement: recall of unknown subjects per source, and the extractor
put back as it was after each plugged-in source."""

import pytest

from extractors import claims, lac, subjects
from pipeline.devset import parse_source
from pipeline.names_eval import plugged, recall_table, without_lac

SOURCE = """## t-001 zh 2025-10-31
明阳电气(301291)前三季度实现营业收入{52.00亿元|5.2e9|CNY|p=9M 2025}。
> 明阳电气; revenue; 5.2e9; CNY; 9M 2025; reported
## t-002 zh 2025-10-31
据悉，沈鼓集团今年营收达{80亿元|8e9|CNY|p=2025}，民生证券认为增长可期。
> 沈鼓集团; revenue; 8e9; CNY; 2025; reported
## t-003 zh 2025-10-31
腾讯第三季度营收{1929亿元|1.929e11|CNY|p=Q3 2025}。
> Tencent; revenue; 1.929e11; CNY; Q3 2025; reported
"""


def test_recall_per_source() -> None:
    table = recall_table(parse_source(SOURCE), ["shapes", "suffix"])
    # Tencent (腾讯) is known and written in Latin script, so it is in neither count
    assert table["shapes"]["unknown_gold"] == 2 and table["shapes"]["known_gold"] == 0
    # shapes: 明阳电气 by its stock code, 沈鼓集团 by its suffix before a time word (今年); no other names
    assert table["shapes"]["unknown_recall"] == 1.0
    assert table["shapes"]["others_per_paragraph"] == 0
    # suffixes: both (电气, 集团), and the broker 民生证券 as another name in one of 3 paragraphs
    assert table["suffix"]["unknown_recall"] == 1.0
    assert table["suffix"]["others_per_paragraph"] == pytest.approx(1 / 3)


def test_plugging_a_source_is_undone() -> None:
    find, topic, available = claims.find_orgs, subjects.clause_topic, lac.available
    with without_lac(), plugged("suffix", "only"):
        assert claims.find_orgs is not find and subjects.clause_topic is not topic
        assert lac.available() is False
    assert (claims.find_orgs, subjects.clause_topic, lac.available) == (find, topic, available)
