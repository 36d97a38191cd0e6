"""Claims: money + entity + metric lexicon + period -> who reported which figure, for what, when.

The subject is the entity that reports or spends the figure. English sentences use the
dependency parse (subject of the verb that governs the figure, climbing over pronouns);
Chinese sentences, and English ones the parse leaves open, use clause structure: the
nearest eligible entity before the figure in its clause, else the topic of the sentence.
An entity after a preposition (in, to, 向, 在) is an object; one before "said" or ":" is
a source. Neither is a subject.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from extractors import numbers
from extractors.entities import NER, AliasTable, merge_entities, ner_entities
from extractors.lang import en, zh
from extractors.money import find_money, find_percentages
from extractors.periods import find_periods
from extractors.sentences import clause_bounds, clause_index, split_sentences
from extractors.spans import Claim, Entity, Extraction, Money, Period

METRIC_VOCABULARY = (
    "capex", "revenue", "profit", "loss", "eps", "free_cash_flow", "operating_cash_flow",
    "cash", "debt", "debt_issuance", "cash_burn", "funding", "valuation", "investment",
    "spending", "acquisition", "fund_flow", "backlog", "market_cap", "price",
)

_METRIC_RX: list[tuple[re.Pattern[str], str, bool]] = (
    [(re.compile(p, re.I), m, m in en.WEAK_METRICS) for m, ps in en.METRICS.items() for p in ps]
    + [(re.compile(p), m, m in zh.WEAK_METRICS) for m, ps in zh.METRICS.items() for p in ps]
)
_OUTFLOW = re.compile("|".join(en.OUTFLOW + zh.OUTFLOW), re.I)
_OBJ_EN = re.compile(
    rf"(?i)(?:^|[^A-Za-z])(?:{'|'.join(re.escape(w) for w in en.OBJECT_MARKERS)})\s+"
    r"(?:(?:the|a|an|its|their|his|her|our|both|rival|peer|partner|customer|backer)\s+)*\[*$")
_OBJ_ZH = re.compile(rf"(?:{'|'.join(re.escape(w) for w in zh.OBJECT_MARKERS)})\s*\[*$")
_SRC_AFTER = re.compile(
    rf"(?i)^\]*\s*(?:{'|'.join(re.escape(w) for w in en.SOURCE_MARKERS + zh.SOURCE_MARKERS)})")
_HEADER_AFTER = re.compile(r"^\]*\s*[:：]")
_FORECAST_AFTER = re.compile(
    rf"(?i)^\]*\s*(?:(?:'s\s+)?(?:analysts?|economists?|strategists?|分析师|经济学家|策略师)\s*)?"
    rf"(?:{en.FORECAST_VERBS}|{zh.FORECAST_VERBS})")
_BACKER_AFTER = re.compile(r"^\]*-(?:backed|owned|funded|supported|controlled|led)\b", re.I)
_METRIC_AT = re.compile(
    r"(?i)\b(?:revenues?|sales|capex|capital (?:expenditures?|spending)|spending|profits?|earnings|"
    r"losses|debt|cash|valuation|free cash flow|backlog|income)\s+(?:at|for)\s+(?:the\s+)?\[*$")
_JOINED = re.compile(r"^\]*\s*(?:and|&|/|与|和|及|、)\s*\[*$", re.I)
_METRIC_NOUN = re.compile("|".join(p for ps in en.METRICS.values() for p in ps), re.I)
_ANOTHER = re.compile(r"(?i)(?:\banother|\ba further|\ban additional|\badditional|另有|另外|还有)\s*$")
_SRC_BEFORE = re.compile(
    rf"(?i)(?:{'|'.join(re.escape(w) for w in en.SOURCE_BEFORE + zh.SOURCE_BEFORE)})\s*\[*$")
_PRONOUN = re.compile(rf"(?i)\b(?:{'|'.join(re.escape(w) for w in en.PRONOUNS)})\b|{'|'.join(zh.PRONOUNS)}")
# A clause that points back to a period named earlier: "a year in which", 同年, 同期.
_PERIOD_ANAPHORA = re.compile(r"(?i)\b(?:a year in which|that year|the same year|the same period|"
                              r"that quarter|the same quarter|in which)\b|同年|当年|同期|该季度|当季")
# Time spans that are not a reporting period: a figure in their clause inherits none.
_OWN_SPAN = re.compile(r"(?i)\b(?:trailing|past|last|previous)\s+(?:four|4|twelve|12|several|few)\s+(?:quarters|months|years)\b"
                       r"|\bto date\b|\bcumulative(?:ly)?\b|过去(?:四|4|十二|12|几|数)个?(?:季度|月|年)|累计|迄今")
_PERIOD_NEXT = re.compile(r"(?i)^\s*[(（]?\s*(?:in|for|during|of|over|through|by|as of|as of the end of|at the end of|in the)?\s*(?:the\s+)?(?:end\s+of\s+)?$")
_PERIOD_PREV = re.compile(r"(?i)(?:\bin|\bfor|\bduring|\bof)?\s*(?:的|年度|全年)?\s*$")
_CLAUSE_PENALTY = 40
_WEAK_PENALTY = 12


@dataclass
class _Doc:
    """Per-text working state between the regex pass and claim assembly."""

    text: str
    lang: str
    published: date | None
    money: list[Money]
    periods: list[Period]
    sentences: list[tuple[int, int]]
    entities: list[Entity]
    money_sentences: list[int]
    parses: dict[int, Any]
    norm: str = ""  # the text normalized once (offsets are the same)
    metrics: dict[int, str | None] = field(default_factory=dict)


_FORKED: Extractor | None = None


def _extract_forked(items: list[tuple[str, str | None, date | None]]) -> list[Extraction]:
    assert _FORKED is not None
    return _FORKED.extract_many(items)


class Extractor:
    """Text -> Extraction. Holds the alias table and the lazily loaded pipelines."""

    def __init__(self, aliases: AliasTable | None = None, use_ner: bool = True) -> None:
        self.aliases = aliases or AliasTable.shipped()
        self.use_ner = use_ner
        self.ner = NER(self.aliases)

    def extract(self, text: str, lang: str | None = None, published: date | None = None) -> Extraction:
        """Money, periods, entities and claims of one text."""
        return self.extract_many([(text, lang, published)])[0]

    def extract_many(self, items: Sequence[tuple[str, str | None, date | None]]) -> list[Extraction]:
        """Several texts at once, so the statistical pipeline sees its sentences in batches."""
        docs = [self._scan(text, lang, published) for text, lang, published in items]
        if self.use_ner:
            self._parse_english(docs)
        return [self._assemble(d) for d in docs]

    def extract_parallel(self, items: Sequence[tuple[str, str | None, date | None]],
                         processes: int = 2, threshold: int = 200) -> list[Extraction]:
        """Like extract_many, on a second core too when the input is large.

        spaCy's own n_process was slower here; instead a forked child, which inherits the
        loaded pipelines, takes the second half while this process does the first.
        """
        if processes < 2 or len(items) < threshold or os.cpu_count() == 1:
            return self.extract_many(items)
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.warm()
        global _FORKED
        _FORKED = self
        size = -(-len(items) // processes)
        chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
        with ProcessPoolExecutor(max_workers=len(chunks) - 1,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_extract_forked, chunk) for chunk in chunks[1:]]
            out = self.extract_many(chunks[0])
            for fut in futures:
                out.extend(fut.result())
        return out

    def warm(self) -> None:
        """Load the pipelines now rather than on the first sentence that needs them."""
        if self.use_ner:
            _ = self.ner.en, self.ner.zh

    # --- stage 1: regular expressions over the whole text ----------------------------

    def _scan(self, text: str, lang: str | None, published: date | None) -> _Doc:
        text = text or ""
        money = find_money(text, lang)
        sentences = split_sentences(text)
        money_sents = sorted({_sentence_of(sentences, m.start) for m in money})
        # Periods matter only where a figure is: read them in those sentences alone.
        periods: list[Period] = []
        for i in money_sents:
            s, e = sentences[i]
            periods += [replace(p, start=p.start + s, end=p.end + s) for p in find_periods(text[s:e], published)]
        # A percentage is never a period: "2025%" is not a year.
        pct = find_percentages(text) if periods else []
        periods = [p for p in periods if not any(q.start <= p.start < q.end for q in pct)
                   and not any(m.start <= p.start < m.end for m in money)]
        entities = self.aliases.find(text)
        return _Doc(text, lang or detect_language(text), published, money, periods, sentences,
                    entities, money_sents, {}, numbers.normalize(text))

    def _parse_english(self, docs: list[_Doc]) -> None:
        jobs: list[tuple[_Doc, int]] = []
        for d in docs:
            for i in d.money_sentences:
                s, e = d.sentences[i]
                if numbers.cjk_share(d.text[s:e]) <= 0.2 and _needs_parse(d, s, e):
                    jobs.append((d, i))
        if not jobs:
            return
        parsed = self.ner.english_docs([d.text[slice(*d.sentences[i])] for d, i in jobs])
        for (d, i), sdoc in zip(jobs, parsed, strict=True):
            d.parses[i] = sdoc
            d.entities = merge_entities(d.entities, ner_entities(sdoc, d.sentences[i][0], self.aliases))

    # --- stage 2: claims ------------------------------------------------------------

    def _assemble(self, d: _Doc) -> Extraction:
        if self.use_ner:
            for i in d.money_sentences:
                s, e = d.sentences[i]
                if numbers.cjk_share(d.text[s:e]) > 0.2:
                    d.entities = merge_entities(d.entities, self.ner.chinese_entities(d.text[s:e], s))
        claims: list[Claim] = []
        topics: dict[int, Entity | None] = {}
        d.money = [replace(m, period=_money_period(d, m)) for m in d.money]
        for money in d.money:
            if money.conversion:
                continue
            claim = self._claim(d, money, topics)
            if claim:
                claims.append(claim)
        claims = _fill_periods(claims)
        return Extraction(
            lang=d.lang, money=tuple(d.money), quantities=tuple(find_percentages(d.text)),
            periods=tuple(d.periods), entities=tuple(d.entities), claims=tuple(claims),
        )

    def _claim(self, d: _Doc, money: Money, topics: dict[int, Entity | None]) -> Claim | None:
        si = _sentence_of(d.sentences, money.start)
        s, e = d.sentences[si]
        sent = d.text[s:e]
        norm = d.norm[s:e]
        bounds = clause_bounds(norm)
        ms, me = money.start - s, money.end - s
        others = [(m.start - s, m.end - s) for m in d.money
                  if m is not money and not m.conversion and s <= m.start < e]

        metric, metric_score = _metric(norm, bounds, ms, me, others)
        if metric is None and _ANOTHER.search(norm[max(0, ms - 14):ms]):
            # "another $260 billion": the metric of the figure before it
            prev = [m for m in d.money if m.end <= money.start and m.start >= s and not m.conversion]
            if prev:
                metric, metric_score = d.metrics.get(prev[-1].start), 30.0
        d.metrics[money.start] = metric
        if metric is None:
            return None
        found, how = self._subject(d, si, norm, bounds, ms, me, topics)
        if found is None:
            return None
        subject, subject_text = found
        period = money.period
        low, high = money.low, money.high
        if metric == "fund_flow" and low > 0 and _OUTFLOW.search(norm[max(0, ms - 40):me + 40]):
            low, high = -high, -low
        confidence = 0.3 + {"parse": 0.3, "clause": 0.25, "topic": 0.15, "previous": 0.05}[how]
        confidence += 0.3 if metric_score < 10 else (0.15 if metric_score < 30 else 0.0)
        confidence += 0.1 if period else 0.0
        lang = "zh" if numbers.cjk_share(sent) > 0.2 else "en"
        return Claim(subject, metric, low, high, money.currency, money.qualifier, money.per,
                     period, sent, lang, money.start, money.end, round(min(confidence, 1.0), 2),
                     subject_text)

    def _subject(self, d: _Doc, si: int, norm: str, bounds: list[int], ms: int, me: int,
                 topics: dict[int, Entity | None]) -> tuple[tuple[str, str] | None, str]:
        s = d.sentences[si][0]
        ents = [(x.start - s, x.end - s, x) for x in d.entities
                if s <= x.start < d.sentences[si][1] and x.label == "ORG"]
        eligible = [(a, b, x) for a, b, x in ents if _eligible(norm, a, b, x)]
        topics[si] = eligible[0][2] if eligible else None

        result = self._choose_subject(d, si, norm, bounds, ms, me, ents, eligible, topics)
        if result[0] is not None:
            name, text, ent_start = result[0]
            hit = next(((a, b) for a, b, x in ents if a == ent_start), None)
            if hit and _joint(norm, hit[0], hit[1], ents):
                return None, result[1]
            return (name, text), result[1]
        return None, result[1]

    def _choose_subject(self, d: _Doc, si: int, norm: str, bounds: list[int], ms: int, me: int,
                        ents: list[tuple[int, int, Entity]], eligible: list[tuple[int, int, Entity]],
                        topics: dict[int, Entity | None]) -> tuple[tuple[str, str, int] | None, str]:
        s = d.sentences[si][0]

        def out(x: Entity, how: str) -> tuple[tuple[str, str, int], str]:
            return (x.canonical, x.text, x.start - s), how

        sdoc = d.parses.get(si)
        if sdoc is not None:
            # The syntax may name an entity the preposition rule set aside ("depends on OpenAI
            # honoring its commitment to spend"); headers and quoted analysts stay out.
            named = [t for t in ents if not _HEADER_AFTER.match(norm[t[1]:t[1] + 4])
                     and not _BACKER_AFTER.match(norm[t[1]:t[1] + 12])
                     and not (t[2].canonical in en.ANALYSTS and _FORECAST_AFTER.match(norm[t[1]:t[1] + 16]))]
            found, decided = _parse_subject(sdoc, ms, me, named)
            if found:
                return out(found, "parse")
            if decided:
                return None, "parse"
        speakers = [t for t in eligible if _is_source(norm, t[1])]
        eligible = [t for t in eligible if not _is_source(norm, t[1])] or speakers
        clause = clause_index(bounds, ms)
        before = [x for a, b, x in eligible if b <= ms and clause_index(bounds, a) == clause]
        if before:
            return out(before[-1], "clause")
        earlier = [x for a, b, x in eligible if b <= ms]
        if earlier:
            return out(earlier[0], "topic")
        after = [x for a, b, x in eligible if a >= me and clause_index(bounds, a) == clause]
        if after:
            return out(after[0], "clause")
        if not ents and si > 0 and _PRONOUN.search(norm[:ms]):
            prev = topics.get(si - 1)
            if prev is None:
                prev = self._previous_topic(d, si - 1)
            if prev:
                return (prev.canonical, "", -1), "previous"
        return None, "clause"

    def _previous_topic(self, d: _Doc, si: int) -> Entity | None:
        s, e = d.sentences[si]
        norm = d.norm[s:e]
        for x in d.entities:
            if s <= x.start < e and x.label == "ORG" and _eligible(norm, x.start - s, x.end - s, x):
                return x
        return None


def _money_period(d: _Doc, money: Money) -> str | None:
    si = _sentence_of(d.sentences, money.start)
    s, e = d.sentences[si]
    norm = d.norm[s:e]
    others = [(m.start - s, m.end - s) for m in d.money
              if m is not money and not m.conversion and s <= m.start < e]
    return _period(d, si, norm, clause_bounds(norm), money.start - s, money.end - s, others)


def _needs_parse(d: _Doc, s: int, e: int) -> bool:
    """Whether the statistical pipeline has anything to decide in this sentence.

    Not when no metric word is there (no claim can come of it), nor when the sentence names
    exactly one known company and it can be the subject: the clause rules name it. It is
    needed where nobody known is eligible (an unknown name, a pronoun) or several companies
    are named ("depends on OpenAI honoring its commitment to spend": the syntax decides).
    """
    norm = d.norm[s:e]
    if not _metric_candidates(norm):
        return False
    known = [x for x in d.entities if s <= x.start < e and x.label == "ORG"]
    names = {x.canonical for x in known}
    eligible = {x.canonical for x in known if _eligible(norm, x.start - s, x.end - s, x)}
    return len(names) != 1 or len(eligible) != 1


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(sentences):
        if s <= pos < e:
            return i
    return max(0, len(sentences) - 1)


def _eligible(norm: str, a: int, b: int, entity: Entity | None = None) -> bool:
    """An entity can be a subject: not an object after a preposition, not a "Source:" header,
    not a bank or research house forecasting someone else's figure."""
    before = norm[max(0, a - 40):a]
    if _HEADER_AFTER.match(norm[b:b + 4]) or _SRC_BEFORE.search(before):
        return False
    if entity is not None and entity.canonical in en.ANALYSTS and _FORECAST_AFTER.match(norm[b:b + 16]):
        return False
    if _BACKER_AFTER.match(norm[b:b + 12]):
        return False  # "SoftBank-backed startup": the backer is not the one reporting
    m = _OBJ_EN.search(before)
    if m and _METRIC_AT.search(before[:m.end()]):
        return True  # "revenue at Nvidia", "capex for Meta": the company the metric belongs to
    return not (m or _OBJ_ZH.search(before))


def _joint(norm: str, a: int, b: int, ents: list[tuple[int, int, Entity]]) -> bool:
    """'OpenAI and Anthropic raised...': a figure of several entities belongs to none."""
    for a2, b2, _ in ents:
        if b2 <= a and _JOINED.match(norm[b2:a]):
            return True
        if a2 >= b and _JOINED.match(norm[b:a2]):
            return True
    return False


def _is_source(norm: str, b: int) -> bool:
    """'JPMorgan said', '摩根大通预计': the entity speaks; it is the subject only if none else is."""
    return _SRC_AFTER.match(norm[b:b + 16]) is not None


def _parse_subject(sdoc: Any, ms: int, me: int,
                   eligible: list[tuple[int, int, Entity]]) -> tuple[Entity | None, bool]:
    """Subject of the verb governing the figure, via the dependency parse.

    Returns (entity, decided): decided with no entity means the verb has a named subject
    that is not an entity ("tech companies will sell $300 billion"), so nobody else is.
    """
    toks = [t for t in sdoc if t.idx < me and t.idx + len(t.text) > ms]
    if not toks:
        return None, False
    root = next((t for t in toks if not (ms <= t.head.idx < me) or t.head == t), toks[0])
    cur = root
    for _ in range(12):
        # Penn tags, not coarse POS: the attribute ruler that maps them is switched off for speed.
        while not (cur.tag_.startswith("VB") or cur.tag_ == "MD") and cur.dep_ != "ROOT" and cur.head != cur:
            cur = cur.head
        subjects = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        for subj in subjects:
            lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
            inside = [(a, b, x) for a, b, x in eligible if a >= lo and b <= hi]
            if inside:
                # the entity that is the subject's head word, else the first in its phrase
                head = [x for a, b, x in inside if a <= subj.idx < b]
                return (head or [inside[0][2]])[0], True
            phrase = " ".join(t.text for t in subj.subtree)
            if _METRIC_NOUN.search(phrase):
                continue  # "capital expenditures would reach $X": the metric, not the spender
            if subj.tag_.startswith("NN") and subj.lower_ not in ("company", "firm", "group"):
                return None, True
        if cur.dep_ in ("conj", "advcl", "relcl", "ccomp", "xcomp", "acl", "pcomp") and cur.head != cur:
            cur = cur.head
            continue
        break
    return None, False


@lru_cache(maxsize=4096)
def _metric_candidates(norm: str) -> tuple[tuple[int, int, str, bool], ...]:
    """Every metric word of a sentence, a shorter one inside a longer one ("支出" in "资本支出") left out.

    Cached: a sentence with several figures is read once.
    """
    cands: list[tuple[int, int, str, bool]] = []
    for rx, metric, weak in _METRIC_RX:
        for m in rx.finditer(norm):
            if m.start() != m.end():
                cands.append((m.start(), m.end(), metric, weak))
    return tuple(c for c in cands if not any(o[0] <= c[0] and c[1] <= o[1] and (o[1] - o[0]) > (c[1] - c[0])
                                             for o in cands))


def _metric(norm: str, bounds: list[int], ms: int, me: int,
            others: list[tuple[int, int]]) -> tuple[str | None, float]:
    """The metric word that governs the figure at [ms, me) in a sentence."""
    cands = _metric_candidates(norm)
    clause = clause_index(bounds, ms)
    best: tuple[float, str | None] = (1e9, None)
    for a, b, metric, weak in cands:
        if a <= ms and b >= me:
            dist = 0
        elif b <= ms:
            dist = ms - b
            if any(b <= o0 and o1 <= ms for o0, o1 in others):
                dist += 30
        elif a >= me:
            dist = a - me + 2  # words before the figure govern it a little more often
            if any(me <= o0 and o1 <= a for o0, o1 in others):
                dist += 30
        else:
            dist = 0
        if clause_index(bounds, a) != clause:
            dist += _CLAUSE_PENALTY
        if weak:
            dist += _WEAK_PENALTY
        if any(0 <= a - o1 <= 3 or 0 <= o0 - b <= 2 for o0, o1 in others):
            dist += 25  # "1570亿美元的估值", "融资66亿美元": the word belongs to the figure it touches
        if dist < best[0]:
            best = (dist, metric)
    if best[0] > 90:
        return None, best[0]
    if best[1] == "cash" and any(m == "acquisition" and clause_index(bounds, a) == clause for a, _, m, _ in cands):
        return "acquisition", best[0]  # "buy Ampere for $6.5 billion in cash": how it is paid
    return best[1], best[0]


def _period(d: _Doc, si: int, norm: str, bounds: list[int], ms: int, me: int,
            others: list[tuple[int, int]]) -> str | None:
    """The period that governs the figure at [ms, me) of sentence `si`.

    In order: a period right after it ("$46.5B (2025)", "$135B capex for 2026") or right
    before it ("2025年的465亿美元"); the nearest in its clause that no other figure owns;
    a topic period (one ahead of every figure of its clause: "In 2025, X lost $1B on $2B")
    in this or an earlier clause; a period a clause points back to ("a year in which").
    """
    s, e = d.sentences[si]
    periods = [(p.start - s, p.end - s, p.value) for p in d.periods if s <= p.start < e]
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


def _clause_text(norm: str, bounds: list[int], clause: int) -> str:
    """The text of one clause of a sentence."""
    edges = [-1, *bounds, len(norm)]
    return norm[edges[clause] + 1: edges[clause + 1]] if clause + 1 < len(edges) else norm


def _fill_periods(claims: list[Claim]) -> list[Claim]:
    """A figure restated without a period (a summary of the body) takes the body's period."""
    known: dict[tuple[Any, ...], str] = {}
    for c in claims:
        if c.period:
            known.setdefault(_loose_key(c), c.period)
    return [replace(c, period=known.get(_loose_key(c))) if not c.period and _loose_key(c) in known
            else c for c in claims]


def _loose_key(c: Claim) -> tuple[Any, ...]:
    return (c.subject, c.metric, c.currency, numbers.round_sig(c.low), numbers.round_sig(c.high))


_WORD = re.compile(r"[a-z']+")
_EN_STOP = frozenset("the and of to in is a for on that with as by at from it its are was has have".split())


def detect_language(text: str) -> str:
    """'zh' or 'en' (or another ISO code) for a whole text.

    The CJK share decides between Chinese and the rest, since langdetect is wrong on
    short Chinese; langdetect names other languages in longer texts.
    """
    share = numbers.cjk_share(text)
    if share >= 0.25:
        return "zh"
    words = _WORD.findall(text[:3000].lower())
    if share > 0 or len(words) < 40 or sum(w in _EN_STOP for w in words) / len(words) > 0.08:
        return "en"  # plainly English (or mixed with Chinese): langdetect would only cost time
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        code = detect(text[:2000])
        return "zh" if code.startswith("zh") else code
    except Exception:  # langdetect raises its own LangDetectException on odd input
        return "en"


def fingerprint(subject: str, metric: str, period: str | None, currency: str, low: float,
                high: float) -> str:
    """Same fingerprint = same fact, whatever the language or wording."""
    return "|".join([subject.casefold(), metric, period or "-", currency,
                     f"{numbers.round_sig(low):.6g}", f"{numbers.round_sig(high):.6g}"])


def loose_fingerprint(subject: str, metric: str, currency: str, low: float, high: float) -> str:
    """The fingerprint without its period, for facts stated once with and once without one."""
    return fingerprint(subject, metric, None, currency, low, high)
