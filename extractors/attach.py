"""Attach a reporting period to each figure: from its clause, its sentence, or the paragraph."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from typing import Any

from extractors import numbers
from extractors.context import LOOKBACK, Doc, sentence_of
from extractors.lang import en
from extractors.sentences import clause_bounds, clause_index
from extractors.spans import Claim, Money

# A clause that points back to a period named earlier: "a year in which", 同年, 同期.
_PERIOD_ANAPHORA = re.compile(r"(?i)\b(?:a year in which|that year|the same year|the same period|"
                              r"that quarter|the same quarter|in which)\b|同年|当年|同期|该季度|当季")

# Time spans that are not a reporting period: a figure in their clause inherits none.
_OWN_SPAN = re.compile(r"(?i)\b(?:trailing|past|last|previous)\s+(?:four|4|twelve|12|several|few)\s+(?:quarters|months|years)\b"
                       r"|\bto date\b|\bcumulative(?:ly)?\b|过去(?:四|4|十二|12|几|数)个?(?:季度|月|年)|累计|迄今")

_PERIOD_NEXT = re.compile(r"(?i)^\s*[(（]?\s*(?:in|for|during|of|over|through|by|as of|as of the end of|at the end of|in the)?\s*(?:the\s+)?(?:end\s+of\s+)?$")

_PERIOD_PREV = re.compile(r"(?i)(?:\bin|\bfor|\bduring|\bof)?\s*(?:的|年度|全年|[:：])?\s*$")


def money_period(d: Doc, money: Money) -> str | None:
    si = sentence_of(d.sentences, money.start)
    s, e = d.sentences[si]
    norm = d.norm[s:e]
    others = [(m.start - s, m.end - s) for m in d.starting_in(d.money, s, e)
              if m is not money and not m.conversion]
    return _period(d, si, norm, clause_bounds(norm), money.start - s, money.end - s, others)


def _period(d: Doc, si: int, norm: str, bounds: list[int], ms: int, me: int,
            others: list[tuple[int, int]]) -> str | None:
    """The period that governs the figure at [ms, me) of sentence `si`.

    In order: a period right after it ("$46.5B (2025)", "$135B capex for 2026") or right
    before it ("2025年的465亿美元"); the nearest in its clause that no other figure owns;
    a topic period (one ahead of every figure of its clause: "In 2025, X lost $1B on $2B")
    in this or an earlier clause; a period a clause points back to ("a year in which").
    """
    s, e = d.sentences[si]
    # "較第2季下滑", "compared with the second quarter": a period set against is no figure's own
    periods = [(p.start - s, p.end - s, p.value) for p in d.starting_in(d.periods, s, e)
               if not _AGAINST_PERIOD.search(norm[max(0, p.start - s - 14):p.start - s])
               and not _labels_other(norm, p.end - s, ms, others)]
    clause = clause_index(bounds, ms)
    for a, _b, value in periods:
        if a >= me and a - me <= 28 and not any(me <= o0 and o1 <= a for o0, o1 in others):
            gap = re.sub(r"[*\s]+|capex|capital expenditures?|revenue|sales", " ", norm[me:a]).strip()
            if _PERIOD_NEXT.match(gap + " "):
                return value
    for _a, b, value in reversed(periods):
        if b <= ms and ms - b <= 4 and _PERIOD_PREV.match(norm[b:ms]):
            return value

    def owned(a: int, b: int) -> bool:
        """Another figure stands between, or the period trails another figure more closely."""
        if any(me <= o0 and o1 <= a for o0, o1 in others) or any(b <= o0 and o1 <= ms for o0, o1 in others):
            return True
        if b <= ms:  # before us: does it trail an earlier figure of its clause?
            return any(o1 <= a and clause_index(bounds, o0) == clause_index(bounds, a) for o0, o1 in others)
        return False

    best: tuple[float, str | None] = (1e9, None)
    clause_text = _clause_text(norm, bounds, clause)
    for a, b, value in periods:
        if clause_index(bounds, a) == clause and not owned(a, b):
            best = min(best, (a - me if a >= me else ms - b, value))
    if best[1]:
        return best[1]
    if _OWN_SPAN.search(clause_text):
        return None  # "过去四个季度累计", "over the trailing twelve months": a span of its own
    # A period ahead of every figure of its clause scopes over the clauses after it.
    for a, _b, value in reversed(periods):
        if a < ms:
            pc = clause_index(bounds, a)
            first_money = min([o0 for o0, _ in others if clause_index(bounds, o0) == pc] + [ms if pc == clause else 10**9])
            if a < first_money:
                return value
    if _PERIOD_ANAPHORA.search(norm[:ms]):
        prior = [value for a, _b, value in periods if a < ms]
        if prior:
            return prior[-1]
    return None


_AGAINST_PERIOD = re.compile(r"(?:較|较|相較|相较|相比|對比|对比|與|与|(?<![占佔同])比)(?:於|于)?\s*$"
                             r"|(?i:\b(?:compared (?:with|to)|versus|vs\.?|than)\s+(?:the\s+|that of the\s+)?)$")


_LABEL = re.compile(r"\s*[:：]\s*")


# "而2023年無": a period set against, in a paragraph's other sentences
_SET_AGAINST = re.compile(_AGAINST_PERIOD.pattern + r"|而\s*$")

_MONTHLY = re.compile(r"(?<![\d—–-])(?:1[0-2]|[1-9])\s?月份?(?:合併|合并)?(?:營收|营收|營業收入|营业收入|獲利|获利|销售额|銷售額)"
                      r"|單月|单月|(?i:\bmonthly\b)")


def monthly(norm: str, bounds: list[int], ms: int, period: str | None) -> str | None:
    """"12月合併營收", "單月獲利": one month's figure has no reporting period of its own."""
    clause = clause_index(bounds, ms)
    start = ([-1, *bounds][clause] + 1) if clause <= len(bounds) else 0
    return None if _MONTHLY.search(norm[start:ms]) else period


def _labels_other(norm: str, end: int, ms: int, others: list[tuple[int, int]]) -> bool:
    """"0.63元 (二零二四年:港幣1.12元)": a period followed by a colon labels the figure after
    it, and is no other figure's."""
    label = _LABEL.match(norm, end)
    if not label:
        return False
    after = [o0 for o0, _ in others if label.end() <= o0 <= label.end() + 4]
    return bool(after) and not label.end() <= ms <= label.end() + 4


_FULL_YEAR = re.compile(r"(?i)\bfull[- ]year\b|\bannual\b|\bwhole[- ]year\b|全年")
_PART = re.compile(r"^(?:Q[1-4]|H[12]|9M) (FY)?(\d{4})$")


def whole_year(norm: str, bounds: list[int], since: int, ms: int, period: str | None) -> str | None:
    """"全年營收", "full-year revenue" in the figure's clause, or shortly before it with no
    figure between (`since`: where the figure before ends): a figure for the whole year takes
    the year of the quarter or half its paragraph reports."""
    m = _PART.match(period or "")
    clause = clause_index(bounds, ms)
    start = min([-1, *bounds][clause] + 1, max(since, ms - 40))
    if not m or not _FULL_YEAR.search(norm[start:ms]):
        return period
    return f"{m.group(1) or ''}{m.group(2)}"


def _clause_text(norm: str, bounds: list[int], clause: int) -> str:
    """The text of one clause of a sentence."""
    edges = [-1, *bounds, len(norm)]
    return norm[edges[clause] + 1: edges[clause + 1]] if clause + 1 < len(edges) else norm


def fill_periods(claims: list[Claim]) -> list[Claim]:
    """A figure restated without a period (a summary of the body) takes the body's period."""
    known: dict[tuple[Any, ...], str] = {}
    for c in claims:
        if c.period:
            known.setdefault(_loose_key(c), c.period)
    claims = [replace(c, period=known.get(_loose_key(c))) if not c.period and _loose_key(c) in known
              else c for c in claims]
    # "The reported revenue compares to the consensus estimate of $4.3 billion": an estimate
    # with no period of its own is of the result reported before it
    out: list[Claim] = []
    for c in claims:
        if c.period is None and c.modality == "estimate":
            before = [o for o in out if o.subject == c.subject and o.metric == c.metric
                      and o.modality == "reported" and o.period]
            if before:
                c = replace(c, period=before[0].period)
        out.append(c)
    return out


def _loose_key(c: Claim) -> tuple[Any, ...]:
    return (c.subject, c.metric, c.currency, numbers.round_sig(c.low), numbers.round_sig(c.high))


_YEAR_SPAN = re.compile(r"^(\d{4})-(\d{4})$")


def listed_period(d: Doc, si: int, figures: list[tuple[int, int]], money: Money) -> str | None:
    """'2025-2027年营业收入分别为A、B、C': the n-th figure of a list takes the n-th year."""
    span = _YEAR_SPAN.match(money.period or "")
    if not span:
        return money.period
    from extractors.subjects import listed

    y1, y2 = int(span.group(1)), int(span.group(2))
    for run in listed(d, si, figures):
        if len(run) == y2 - y1 + 1 and any(figures[i][0] == money.start for i in run):
            k = next(k for k, i in enumerate(run) if figures[i][0] == money.start)
            return str(y1 + k)
    return money.period


_BACKREF = re.compile(en.PERIOD_BACKREF, re.I)


def paragraph_period(d: Doc, si: int) -> str | None:
    """The period the paragraph (or its headline) stated last before sentence `si`; when the
    sentence points back ("期内", "the quarter") and its paragraph states none, the one the
    text stated last before it."""
    bullet = d.is_bullet(si)
    earlier = d.earlier_sentences(si, LOOKBACK)
    # A news story states its period once, in its lead: later paragraphs that state none
    # keep the lead's, unless a sentence since opened on a new one ("For 2023, ..."); a
    # dividend "for the financial year" in between is no new period
    # (within LOOKBACK sentences of it, and of the text's start)
    taken = set(earlier)
    rest = [j for j in range(si - 1, max(-1, si - 1 - LOOKBACK), -1) if j not in taken]
    lead = sorted({j for j in range(min(si, LOOKBACK)) if j not in taken} | set(rest))
    earlier += [j for j in rest if d.memo(("opens", j), partial(_opens_on_period, d, j))] + lead
    for j in earlier:
        if bullet and d.is_bullet(j):
            continue  # a sibling item's period is its own; the list's heading gives the list's
        value = d.memo(("stated", j), partial(_stated_period, d, j))
        if value is not None:
            return value
    return None


def _stated_period(d: Doc, j: int) -> str | None:
    """The period sentence `j` states, if any."""
    s, e = d.sentences[j]
    # "與去年相若", "compared with last year": a period set against states none
    found = [p for p in d.starting_in(d.periods, s, e)
             if not _SET_AGAINST.search(d.norm[max(s, p.start - 14):p.start])]
    if found:
        # "截至今年9月底止首三季": the narrower period is the one the figures follow
        return min(found, key=lambda p: (not _NARROW.match(p.value), p.start)).value
    return None


_NARROW = re.compile(r"^(?:Q[1-4]|H[12]|9M) ")


def _opens_on_period(d: Doc, j: int) -> bool:
    """Sentence `j` states a period before any figure of its own ("For 2023, X posted $1B")."""
    s, e = d.sentences[j]
    first = min([m.start for m in d.starting_in(d.money, s, e)], default=None)
    return first is not None and bool(d.starting_in(d.periods, s, first))


_SHIFTABLE = re.compile(r"^((?:Q[1-4]|H[12]|9M) )?(FY)?(\d{4})$")


def prior_year(period: str | None) -> str | None:
    """The same period a year earlier: Q3 2025 -> Q3 2024, FY2026 -> FY2025."""
    m = _SHIFTABLE.match(period or "")
    if not m:
        return None
    return f"{m.group(1) or ''}{m.group(2) or ''}{int(m.group(3)) - 1}"


def in_year(period: str | None, year: int) -> str | None:
    """The same period of another year: (Q2 2025, 2021) -> Q2 2021; periods of no one year stay."""
    m = _SHIFTABLE.match(period or "")
    return f"{m.group(1) or ''}{m.group(2) or ''}{year}" if m else period


def prior_quarter(period: str | None) -> str | None:
    """The quarter before: Q2 2024 -> Q1 2024, Q1 FY2026 -> Q4 FY2025; other periods have none."""
    m = re.match(r"^Q([1-4]) (FY)?(\d{4})$", period or "")
    if not m:
        return None
    q, fy, year = int(m.group(1)), m.group(2) or "", int(m.group(3))
    return f"Q{q - 1} {fy}{year}" if q > 1 else f"Q4 {fy}{year - 1}"


_TURN = re.compile(r"(?i)\b(?:expects?|will|plans?|forecasts?|sees|guid\w+|targets?|aims?)\b|预计|将|计划|目标")


def trailing_period(d: Doc, si: int, money: Money, norm: str) -> str | None:
    """"$12.1 billion in revenue and $2.3 billion in profit in 2024": one period after the
    last figure of a sentence governs the figures before it, when no outlook verb intervenes."""
    s, e = d.sentences[si]
    periods = list(d.starting_in(d.periods, s, e))
    figures = [m for m in d.starting_in(d.money, s, e) if not m.conversion]
    if len(periods) != 1 or not figures or periods[0].start < figures[-1].end:
        return None
    between = norm[money.end - s:periods[0].start - s]
    if _TURN.search(between) or re.search(r"[,，;；:：]", between) or money.per:
        return None
    return periods[0].value


_PAIRED = re.compile(r"^\s*,?\s*(?:or|或)\s*$")


def pair_bounds(norm: str, figures: list[tuple[int, int]], ms: int, me: int) -> tuple[int, int]:
    """"from $43.11 million, or $2.31 per share, in the prior-year quarter": figures paired by
    "or" share the words before the first and after the last. Returns where the pair starts
    and where the text after it that may date it ends (the next figure, or 50 characters)."""
    figures = sorted(figures)
    lead = ms
    for a, b in reversed([f for f in figures if f[1] <= ms]):
        if not _PAIRED.match(norm[b:lead]):
            break
        lead = a
    end = me
    for a, b in [f for f in figures if f[0] >= me]:
        if not _PAIRED.match(norm[end:a]):
            return lead, a
        end = b
    return lead, end + 50


def sentence_period(d: Doc, si: int, norm: str, money: Money) -> str | None:
    """"Operating profit fell to $2B in the third quarter, while sales rose to $4B": the one
    period a sentence states governs its later results that name none."""
    s, e = d.sentences[si]
    found = [p for p in d.starting_in(d.periods, s, e)
             if not _SET_AGAINST.search(norm[max(0, p.start - s - 14):p.start - s])]
    values = {p.value for p in found}
    if len(values) != 1 or found[0].start > money.start:
        return None
    bounds = clause_bounds(norm)
    if _OWN_SPAN.search(_clause_text(norm, bounds, clause_index(bounds, money.start - s))):
        return None  # "过去四个季度累计": a span of its own
    return values.pop()
