"""Metrics: which word of the metric lexicon governs a figure (pure)."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.lang import en, zh
from extractors.prefilter import Gate, finditer
from extractors.sentences import clause_index
from extractors.vocabulary import METRIC_VOCABULARY  # noqa: F401  (where it always was)

# "$12.1 billion in revenue and $2.3 billion in profit": a metric word right after a figure
# (through "in", "of", "的") is that figure's.
_TOUCHES = re.compile(r"^\s*(?:in|of|的|of net)\s+$|^\s*(?:in|of)\s+(?:net|total|annual|adjusted|quarterly)\s+$", re.I)
# Metrics measured over a period: a figure of these takes the paragraph's period.
FLOW_METRICS = frozenset({"revenue", "profit", "loss", "eps", "free_cash_flow", "operating_cash_flow",
                          "capex", "spending", "cash_burn", "fund_flow"})

_METRIC_RX: list[tuple[re.Pattern[str], str, bool]] = (
    # ASCII word boundaries: "2025年EPS" has one between 年 and E.
    [(re.compile(p, re.I | re.A), m, m in en.WEAK_METRICS) for m, ps in en.METRICS.items() for p in ps]
    + [(re.compile(p), m, m in zh.WEAK_METRICS) for m, ps in zh.METRICS.items() for p in ps]
)
_GATE = Gate([rx for rx, _, _ in _METRIC_RX])
_NOT_METRIC = re.compile("|".join(en.NOT_METRIC + zh.NOT_METRIC), re.I | re.A)
METRIC_NOUN = re.compile("|".join(p for ps in en.METRICS.values() for p in ps), re.I)
_OTHER = re.compile("|".join(en.OTHER_MEASURES + zh.OTHER_MEASURES), re.I | re.A)
# The sentence's opening metric reaches the end point of its change: "... rising by 23.4% to".
_CHANGED_TO = re.compile(r"(?i)\b(?:ris(?:e|es|ing)|rose|gr(?:ew|ow|ows|owing)|increas\w*|climb\w*|jump\w*|"
                         r"surg\w*|soar\w*|f(?:ell|all|alls|alling)|declin\w*|drop\w*|slid|slump\w*|"
                         r"decreas\w*)\b(?:[^.;]|\.\d){0,120}?\bto\s+(?:about|around|roughly|nearly|some)?\s*$")
_BRACKETED = re.compile(r"\s?[(（][^()（）]{0,40}?\d[^()（）]{0,40}?[)）]")
_CLAUSE_PENALTY = 40

_WEAK_PENALTY = 12


@lru_cache(maxsize=4096)
def metric_candidates(norm: str) -> tuple[tuple[int, int, str, bool], ...]:
    """Every metric word of a sentence, a shorter one inside a longer one ("支出" in "资本支出") left out.

    Cached: a sentence with several figures is read once.
    """
    cands: list[tuple[int, int, str, bool]] = []
    blocked = [(m.start(), m.end()) for m in _NOT_METRIC.finditer(norm)]
    # A pattern whose words the sentence lacks is not run (extractors.prefilter).
    for (rx, metric, weak), ok in zip(_METRIC_RX, _GATE.passing(norm), strict=True):
        for m in rx.finditer(norm) if ok else ():
            if m.start() != m.end() and not any(a <= m.start() and m.end() <= b for a, b in blocked):
                cands.append((m.start(), m.end(), metric, weak))
    return tuple(c for c in cands if not any(o[0] <= c[0] and c[1] <= o[1] and (o[1] - o[0]) > (c[1] - c[0])
                                             for o in cands))


_OTHER_MEASURE = "other"


@lru_cache(maxsize=4096)
def _other_measures(norm: str) -> tuple[tuple[int, int, str, bool], ...]:
    """Words of measures outside the vocabulary, as candidates that govern a figure to no claim."""
    inside = metric_candidates(norm)
    return tuple((m.start(), m.end(), _OTHER_MEASURE, False) for m in finditer(_OTHER, norm)
                 if not any(a <= m.start() < b for a, b, _, _ in inside))


def governing_metric(norm: str, bounds: list[int], ms: int, me: int,
            others: list[tuple[int, int]]) -> tuple[str | None, float]:
    """The metric word that governs the figure at [ms, me) in a sentence."""
    cands = metric_candidates(norm) + _other_measures(norm)
    clause = clause_index(bounds, ms)
    best: tuple[float, str | None] = (1e9, None)
    for a, b, metric, weak in cands:
        if any(a < o1 and o0 < b for o0, o1 in others):
            continue  # "or $1.15 per share" names the figure inside it, not this one
        if a <= ms and b >= me:
            dist = 0
        elif b <= ms:
            dist = ms - b
            if any(b <= o0 and o1 <= ms for o0, o1 in others):
                dist += 30
        elif a >= me:
            # words before the figure govern it a little more often; a bracketed conversion
            # between ("€7.55 billion ($8.82 billion) in revenue") does not count
            dist = len(_BRACKETED.sub("", norm[me:a])) + 2
            if any(me <= o0 and o1 <= a for o0, o1 in others):
                dist += 30
        else:
            dist = 0
        if clause_index(bounds, a) != clause:
            dist += _CLAUSE_PENALTY
        if weak:
            dist += _WEAK_PENALTY
        if any(0 <= a - o1 <= 3 or 0 <= o0 - b <= 2 or _TOUCHES.match(norm[o1:a]) for o0, o1 in others):
            dist += 25  # "1570亿美元的估值", "融资66亿美元": the word belongs to the figure it touches
        if dist < best[0]:
            best = (dist, metric)
    if best[0] > 90 and best[1] not in (None, _OTHER_MEASURE):
        opener = min(cands)
        if opener[0] <= 12 and opener[2] == best[1] and _CHANGED_TO.search(norm[opener[1]:ms]) \
                and not any(opener[1] <= o0 < ms for o0, _ in others):
            return best[1], 60.0  # "Sales for the company also rose ... 23.4 percent to 74.06 trillion won"
    if best[0] > 90 and best[1] not in (None, _OTHER_MEASURE) and \
            len({m for _, _, m, _ in cands}) == 1:
        return best[1], 85.0  # the sentence's only metric: "鸿海以1,614亿元排名第二" after "税后净利"
    if best[0] > 90 or best[1] == _OTHER_MEASURE:
        return None, best[0]
    if best[1] == "funding" and any(m == "debt_issuance" and clause_index(bounds, a) == clause for a, _, m, _ in cands):
        return "debt_issuance", best[0]  # "a bond issue ... to raise RM10 billion": money raised as debt
    if best[1] == "cash" and any(m == "acquisition" and clause_index(bounds, a) == clause for a, _, m, _ in cands):
        return "acquisition", best[0]  # "buy Ampere for $6.5 billion in cash": how it is paid
    return best[1], best[0]


def heading_metric(text: str, pos: int) -> tuple[str | None, str | None]:
    """The one metric a label line names for the list under it ("EPS预估:" over "- 2025:14.37元"),
    and the label line."""
    line_start = text.rfind("\n", 0, pos) + 1
    for _ in range(8):
        if line_start <= 0:
            break
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        line = text[prev_start:line_start].strip()
        if line.endswith((":", "：")):
            found = {m for _, _, m, _ in metric_candidates(line)}
            return (found.pop(), line) if len(found) == 1 else (None, None)
        if not _BULLET.match(line):
            break
        line_start = prev_start
    return None, None


_BULLET = re.compile(r"^(?:[-•·*]|\d{1,2}[.)、])\s*")
