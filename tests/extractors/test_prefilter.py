"""The words a pattern needs: a text without them is never scanned, a text it matches always is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors import metrics, modality, money, numbers, orgs, periods
from extractors.prefilter import Gate, fold, may_match, required_words
from extractors.sentences import split_sentences
from pipeline.evaluate import load

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "extract"


@pytest.mark.parametrize(("pattern", "text", "expected"), [
    (r"quarter", "no such word here", False),
    (r"quarter", "third quarter", True),
    (r"(?i)quarter", "THIRD QUARTER", True),
    (r"(?i:fiscal)\s+year", "FISCAL year", True),
    (r"(?i:fiscal)\s+year", "FISCAL YEAR", False),  # only the group ignores case
    (r"(?i)stock", "ſtock", True),  # re folds ſ onto s
    (r"(?i)in", "İn", True),  # and İ onto i
    (r"(?i)kelvin", "\u212aelvin", True),
    (r"\d{4}年", "2025 revenue", False),  # no 年: the Chinese year pattern cannot match
    (r"\d{4}年", "2025年", True),
    (r"(?:Q|H)\d", "nothing", True),  # single letters filter nothing: always scanned
    (r"ab?c", "ac", True),  # an optional letter splits the word
    (r"(?:one|two)x", "three", False),
    (r"(?:one|x?)y", "three", True),  # a branch that needs nothing: no filter
    (r"(?:cat)?dog", "cat", False),
    (r"(?:cat)?dog", "dog", True),
    (r"\w+(?=年)", "2025 revenue", False),  # what a lookahead needs is needed
    (r"\w+(?!年)", "2025 revenue", True),
    (r"\d+[（(]", "12 and 13", False),  # a class of few signs is a word
    (r"\d+[（(]", "12 (13", True),
])
def test_may_match(pattern: str, text: str, expected: bool) -> None:
    rx = re.compile(pattern)
    assert may_match(rx, text) is expected
    if rx.search(text):
        assert may_match(rx, text)


def test_patterns_without_words_have_no_filter() -> None:
    assert required_words(re.compile(r"\d+")) is None
    assert required_words(re.compile(r"(?:abc)*")) is None
    assert required_words(re.compile(r"[ab]+x?")) is None


def test_fold_matches_ignorecase() -> None:
    for ch in map(chr, range(0x20, 0x2500)):
        for other in (ch.lower(), ch.upper()):
            if len(other) == 1 and re.fullmatch(re.escape(ch), other, re.IGNORECASE):
                assert fold(ch) == fold(other) or len(fold(ch)) != 1, (ch, other)


def _sentences() -> list[str]:
    texts = [r["text"] for name in ("real", "dev.jsonl") for r in load(FIXTURES / name)]
    return [numbers.normalize(t[s:e]) for t in texts for s, e in split_sentences(t)]


def test_never_hides_a_match_on_the_corpora() -> None:
    """Every pattern that is filtered, on every sentence of the real-text
    corpus and the dev set: wherever the pattern matches, the filter lets it run."""
    patterns = [periods._ENDED, periods._DATE, money._US_DOLLAR, *(rx for rx, _ in periods._RULES),
                orgs._EN_NAME, orgs._ACTOR, orgs._ZH_LEGAL, orgs._ZH_CODE, orgs._ANNOUNCER, orgs._DESCRIBED,
                orgs._RESULTS_LEAD, orgs._ZH_SUFFIX, metrics._OTHER, modality._ESTIMATE, modality._ESTIMATE_BEFORE,
                modality._PREDICTS, modality._FORECAST, modality._GUIDANCE]
    assert sum(required_words(rx) is not None for rx in patterns) >= len(patterns) // 2
    skipped = 0
    for text in _sentences():
        folded = fold(text)
        for rx in patterns:
            if rx.search(text):
                assert may_match(rx, text, folded), (rx.pattern[:60], text)
            elif not may_match(rx, text, folded):
                skipped += 1
    assert skipped > 1000  # the filter does rule texts out


def test_gate_never_hides_a_match_on_the_corpora() -> None:
    """The metric lexicon's patterns, gated in one pass: wherever one matches, it runs."""
    patterns = [rx for rx, _, _ in metrics._METRIC_RX]
    gate = Gate(patterns)
    skipped = 0
    for text in _sentences():
        for rx, ok in zip(patterns, gate.passing(text), strict=True):
            if rx.search(text):
                assert ok, (rx.pattern[:60], text)
            skipped += not ok
    assert skipped > 10000


@pytest.mark.parametrize(("text", "expected"), [
    ("nothing at all", [False, False, False, True]),  # a coarse test: "re" of "here" would pass revenue
    ("Quarterly REVENUE rose", [True, False, False, True]),
    ("营收增长", [False, True, False, True]),
    ("a (bracket", [False, False, True, True]),
])
def test_gate(text: str, expected: list[bool]) -> None:
    gate = Gate([re.compile(r"(?i)\brevenue"), re.compile("营收"), re.compile(r"\w+[（(]"), re.compile(r"\d+")])
    assert gate.passing(text) == expected
