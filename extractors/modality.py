"""Modality: whether a figure is a result, the company's outlook, an analyst's estimate or
someone's forecast; and figures that state nothing (conditions, negations, changes)."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.lang import en, zh
from extractors.prefilter import fold, may_match

MODALITIES = ("reported", "guidance", "estimate", "forecast")


def _rx(words: list[str], flags: int = 0) -> re.Pattern[str]:
    return re.compile("|".join(words), flags)


_ESTIMATE = re.compile(_rx(en.ESTIMATE_CUES, re.I).pattern + "|" + "|".join(zh.ESTIMATE_CUES), re.I)
_GUIDANCE = re.compile(_rx(en.GUIDANCE_CUES).pattern + "|" + "|".join(zh.GUIDANCE_CUES), re.I)
_FORECAST = re.compile(_rx(en.FORECAST_CUES).pattern + "|" + "|".join(zh.FORECAST_CUES), re.I)
_HYPOTHETICAL_EN = _rx(en.HYPOTHETICAL, re.I)
_HYPOTHETICAL_ZH = _rx(zh.HYPOTHETICAL)
_NEGATION_EN = _rx(en.NEGATION, re.I)
_NEGATION_ZH = _rx(zh.NEGATION)
_CHANGE_EN = re.compile(en.CHANGE_BEFORE, re.I)
_CHANGE_ZH = re.compile(zh.CHANGE_BEFORE)
_ESTIMATE_BEFORE = re.compile(en.ESTIMATE_BEFORE + "|" + zh.ESTIMATE_BEFORE, re.I)
_ESTIMATE_AFTER = re.compile(en.ESTIMATE_AFTER, re.I)
_VERSUS = re.compile(r"(?i)\b(?:vs\.?|versus|compared (?:with|to)|against)\s*$")
_EXPECTED_AFTER = re.compile(r"(?i)^\s*(?:expected|estimated|forecast|anticipated|consensus)\b")
_VERSUS_EXPECTED = re.compile(en.VERSUS_EXPECTATIONS)
_DENIED = re.compile(en.DENIED_AFTER + "|" + zh.DENIED_AFTER, re.I)
_CONDITION = re.compile(r"(?i)\b(?:if|unless)\b")
_CLAUSE_ENDS = re.compile(r"(?:\b[a-z][a-z-]*|\d|%)\s*[,;:]\s")
_NEGATION_REACH = 48  # characters before the figure a negation governs
# A forecast revised ("upgraded from 2.58 trillion yen to 3.95 trillion yen", "由8.5亿元上调至10亿元"):
# the old figure is no claim; nor is a difference from a forecast, nor a figure a calculation is
# based on ("按本次回购资金最高1.5亿元测算").
_REVISED_FROM = re.compile(en.REVISED_FROM + "|" + zh.REVISED_FROM, re.I)
_REVISED_TO = re.compile(en.REVISED_TO + "|" + zh.REVISED_TO, re.I)
_VIEW_WORDS = re.compile(en.VIEW_WORDS + "|" + zh.VIEW_WORDS, re.I)
_BASIS_BEFORE = re.compile(zh.BASIS_BEFORE)
_BASIS_AFTER = re.compile(zh.BASIS_AFTER)
_MORE_THAN_EXPECTED = re.compile(en.MORE_THAN_EXPECTED, re.I)


def _in_condition(sentence_before: str) -> bool:
    """"If Microsoft, Google, and Amazon halt their $30 billion purchases, …": the figure sits
    in the if-clause, which a list of names does not end."""
    found = list(_CONDITION.finditer(sentence_before))
    return bool(found) and not _CLAUSE_ENDS.search(sentence_before[found[-1].end():])


def states_nothing(clause_before: str, sentence_before: str, after: str = "") -> bool:
    """A condition, a negation, a denial or a change governs the figure: it makes no claim.

    `clause_before` is its clause up to the figure; `sentence_before` the sentence up to it;
    `after` the rest of its sentence.
    """
    if _HYPOTHETICAL_EN.search(clause_before) or _HYPOTHETICAL_ZH.search(sentence_before[-40:]):
        return True
    if _in_condition(sentence_before) or _DENIED.search(after):
        return True
    if _MORE_THAN_EXPECTED.match(after) or (_BASIS_BEFORE.search(sentence_before[-24:]) and _BASIS_AFTER.match(after)):
        return True
    if _REVISED_FROM.search(sentence_before[-120:]) and _REVISED_TO.match(after) \
            and _VIEW_WORDS.search(sentence_before + after[:60]):
        return True
    near = clause_before[-_NEGATION_REACH:]
    if _NEGATION_EN.search(near) or _NEGATION_ZH.search(near[-14:]):
        return True
    tail = clause_before[-60:]
    return bool(_CHANGE_EN.search(tail) or _CHANGE_ZH.search(tail))


# "net profit came in at Rs 4,110 crore": a result, whatever a broker wrote before it.
_RESULT_BEFORE = re.compile(en.RESULT_BEFORE, re.I)
_BROKER_CONTEXT = re.compile(r"(?i)研报|研究报告|评级|評級|报告认为|我们预计|我们预测|证券·|證券·|"
                             r"\bwe (?:expect|estimate|forecast)\b|\b(?:rating|price target)\b")
_PREDICTS = re.compile(r"(?i)预计|预测|預計|預測|預估|\bexpect|\bestimat|\bforecast|\bproject")


@lru_cache(maxsize=1024)
def _may_match(sentence: str) -> tuple[bool, ...]:
    """Whether each cue list can match anywhere in the sentence (extractors.prefilter): where
    it cannot, no window of it is scanned. Read once for all the figures of a sentence."""
    folded = fold(sentence)
    return tuple(may_match(rx, sentence, folded) for rx in (_ESTIMATE, _ESTIMATE_BEFORE, _PREDICTS, _FORECAST, _GUIDANCE))


def modality_of(sentence: str, ms: int, me: int, context: str = "", clause_start: int = 0) -> str:
    """The modality of the figure at [ms, me) of a sentence; `context` is the paragraph text
    before it (a broker note's "预计" is the broker's estimate, a company's is guidance)."""
    estimate, estimate_before, predicts, forecast, guidance = _may_match(sentence)
    local = sentence[max(0, ms - 70):me + 12]
    # the clause's own cue counts from further back ("analysts polled by Thomson Reuters expect
    # earnings of $8.69 per share on revenues of $13.44 billion")
    reach = max(0, ms - 150, min(clause_start, ms - 70))
    if estimate and _ESTIMATE.search(sentence[reach:ms]) or _ESTIMATE_AFTER.match(sentence[me:me + 70]) \
            or estimate_before and _ESTIMATE_BEFORE.search(sentence[max(0, ms - 70):ms]):
        return "estimate"
    if _VERSUS.search(sentence[max(0, ms - 12):ms]) and _EXPECTED_AFTER.match(sentence[me:me + 20]):
        return "estimate"  # "$1.37 vs. $1.24 expected"
    if predicts and _PREDICTS.search(sentence[max(clause_start, ms - 40):ms]) \
            and _BROKER_CONTEXT.search(context + sentence[:ms]) and not _RESULT_BEFORE.search(sentence[max(0, ms - 30):ms]):
        return "estimate"
    if forecast and _FORECAST.search(sentence[max(0, ms - 60):ms]):
        return "forecast"
    if guidance and _GUIDANCE.search(local) and _GUIDANCE.search(_VERSUS_EXPECTED.sub(" ", local)):
        return "guidance"
    return "reported"
