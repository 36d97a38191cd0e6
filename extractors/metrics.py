"""Metrics: which word of the metric lexicon governs a figure (pure)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from extractors.lang import en, zh
from extractors.prefilter import Gate, finditer
from extractors.sentences import RESPECTIVE, clause_index, list_runs
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
_LATER_CLAUSE_PENALTY = 25
# Words of paying before a figure: "$X in cash" after them is how a price is paid.
_PAID_BEFORE = re.compile(en.PAID_BEFORE, re.I)

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
                 if not any(a <= m.start() < b and m.end() - m.start() <= b - a for a, b, _, _ in inside))


def governing_metric(norm: str, bounds: list[int], ms: int, me: int,
            others: list[tuple[int, int]]) -> tuple[str | None, float]:
    """The metric word that governs the figure at [ms, me) in a sentence."""
    other = _other_measures(norm)
    # "不良贷款", "contract liabilities": a metric word inside a longer measure outside the vocabulary
    cands = tuple(c for c in metric_candidates(norm)
                  if not any(o[0] <= c[0] and c[1] <= o[1] and o[1] - o[0] > c[1] - c[0] for o in other)) + other
    clause = clause_index(bounds, ms)
    figs = _Figures(others)
    best: tuple[float, str | None] = (1e9, None)
    for a, b, metric, weak in cands:
        if figs.overlapping(a, b):
            continue  # "or $1.15 per share" names the figure inside it, not this one
        if a <= ms and b >= me:
            dist = 0
        elif b <= ms:
            dist = ms - b
            if figs.within(b, ms):
                dist += 30
        elif a >= me:
            # words before the figure govern it a little more often; a bracketed conversion
            # between ("€7.55 billion ($8.82 billion) in revenue") does not count
            dist = len(_BRACKETED.sub("", norm[me:a])) + 2
            if figs.within(me, a):
                dist += 30
        else:
            dist = 0
        if clause_index(bounds, a) != clause:
            # a metric word in a later clause rarely governs ("…至271.3亿日元，而营收也增长")
            dist += _CLAUSE_PENALTY + (_LATER_CLAUSE_PENALTY if a >= me else 0)
        if weak:
            dist += _WEAK_PENALTY
        if figs.touching(norm, a, b):
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
    if best[1] == "cash" and _PAID_BEFORE.search(norm[max(0, ms - 40):ms]):
        # "approximately $4.5 billion in cash" after "acquire ... for": a payment, not cash held
        return ("acquisition" if any(m == "acquisition" for _, _, m, _ in cands) else None), best[0]
    return best[1], best[0]


class _Figures:
    """The other figures of a sentence, asked about by position. They never overlap, so in
    order of start they are in order of end too, and bisection answers what a pass over all
    of them would (one pass per metric word per figure: cubic in a sentence of many)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.ends = [b for _, b in self.spans]
        self.ordered = all(a <= b for a, b in zip(self.ends, self.ends[1:], strict=False)) and \
            all(b <= a for (_, b), (a, _) in zip(self.spans, self.spans[1:], strict=False))

    def overlapping(self, a: int, b: int) -> bool:
        """Some figure overlaps [a, b)."""
        if not self.ordered:
            return any(a < o1 and o0 < b for o0, o1 in self.spans)
        i = bisect_right(self.ends, a)  # the first figure ending after a
        return i < len(self.spans) and self.starts[i] < b

    def within(self, lo: int, hi: int) -> bool:
        """Some figure lies inside [lo, hi]."""
        if not self.ordered:
            return any(lo <= o0 and o1 <= hi for o0, o1 in self.spans)
        i = bisect_left(self.starts, lo)  # the first figure starting at or after lo
        return i < len(self.spans) and self.ends[i] <= hi

    def touching(self, norm: str, a: int, b: int) -> bool:
        """Some figure touches the word [a, b): ends just before it (or through "in", "of",
        "的"), or starts just after it."""
        if not self.ordered:
            return any(0 <= a - o1 <= 3 or 0 <= o0 - b <= 2 or _TOUCHES.match(norm[o1:a]) for o0, o1 in self.spans)
        i = bisect_right(self.ends, a) - 1  # the last figure ending at or before a
        if i >= 0 and (a - self.ends[i] <= 3 or _TOUCHES.match(norm[self.ends[i]:a])):
            return True  # (from a figure ending earlier, the gap holds this one: no match)
        j = bisect_left(self.starts, b)
        return j < len(self.spans) and self.starts[j] - b <= 2


# Between the items of a list; a metric's own first word may stand after the mark ("、经营利润").
_LIST_JOIN = re.compile(r"^\s*(?:[、,，/]|and|及|和|与|以及|&|, and)\s*(?:[\u4e00-\u9fff]{1,2})?$", re.I)


def listed_metric(norm: str, figures: list[tuple[int, int]], ms: int) -> str | None:
    """"净利润、经营利润和销售收入的预期分别提升至A、B和C", "revenue and profit of $A and $B
    respectively": the figure in a list takes the metric in the same place of a list of metrics."""
    if not RESPECTIVE.search(norm):
        return None
    cands = sorted(c for c in metric_candidates(norm))

    def runs(items: list[tuple[int, int]]) -> list[list[int]]:
        return list_runs(norm, items, lambda gap: bool(_LIST_JOIN.match(gap)))

    figs = sorted(figures)
    run = next((r for r in runs(figs) if len(r) >= 2 and any(figs[i][0] == ms for i in r)), None)
    if run is None:
        return None
    spans = [(a, b) for a, b, _, _ in cands]
    for mrun in reversed(runs(spans)):
        if len(mrun) == len(run) and spans[mrun[-1]][1] <= figs[run[0]][0]:
            k = [figs[i][0] for i in run].index(ms)
            return cands[mrun[k]][2]
    return None


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
