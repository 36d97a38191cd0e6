"""jieba's tagger with its tag table rebuilt on the frequency table's strings."""

from __future__ import annotations

import jieba
import jieba.posseg

from extractors.jieba_tables import tagger


def test_the_tag_table_holds_what_jieba_loads_on_shared_strings() -> None:
    tags = tagger().dt.word_tag_tab
    fresh = jieba.posseg.POSTokenizer(jieba.dt).word_tag_tab  # as jieba loads it
    assert tags == fresh
    freq = jieba.dt.FREQ
    # Every word of both tables is one string object, not two equal ones.
    keys = {id(k) for k in freq}
    assert all(id(word) in keys for word in tags if word in freq)
    assert sum(word in freq for word in tags) > 300_000


def test_tagging_is_unchanged() -> None:
    assert [(w.word, w.flag) for w in tagger().lcut("平安银行刚刚发布了2025年业绩")][:3] == [
        ("平安", "a"), ("银行", "n"), ("刚刚", "d")]
    assert tagger() is jieba.posseg  # loaded once, the module every caller reads
