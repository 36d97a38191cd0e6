"""Claims: money + entity + metric + period -> who reported which figure, for what, when.

The short path a figure takes, each step in a module of its own:
scan (money, periods, known names; extractors.money/periods/entities) -> parse English
sentences that need it -> for each figure: its metric (extractors.metrics), whether it
states anything and how (extractors.modality), its subject (extractors.subjects), its
period (extractors.attach). The document model they share is extractors.context.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from extractors import jieba_tables, numbers
from extractors.attach import (
    fill_periods,
    in_year,
    listed_period,
    money_period,
    monthly,
    pair_bounds,
    paragraph_period,
    prior_quarter,
    prior_year,
    sentence_period,
    trailing_period,
    whole_year,
)
from extractors.bounds import join_bounds
from extractors.context import Doc, sentence_of
from extractors.entities import NER, AliasTable, business_lines_out, merge_entities, ner_entities
from extractors.lang import en, zh
from extractors.langid import detect_language
from extractors.mentions import common_names, listed_names, repeat_mentions, same_company
from extractors.metrics import (
    FLOW_METRICS,
    governing_metric,
    heading_metric,
    listed_metric,
    metric_candidates,
)
from extractors.modality import modality_of, states_nothing
from extractors.model_gate import needs_model, needs_ner
from extractors.money import find_money, find_percentages
from extractors.orgs import extend_known, find_orgs
from extractors.periods import align_to_document, find_periods
from extractors.sentences import bound_sentences, clause_bounds, clause_index, split_sentences
from extractors.spans import Claim, Entity, Extraction, Money, Period
from extractors.subjects import (
    antecedent,
    choose_subject,
    forecasts_after,
    is_analyst_name,
    respective,
)

_OUTFLOW = re.compile("|".join(en.OUTFLOW + zh.OUTFLOW), re.I)
_ANOTHER = re.compile(r"(?i)(?:\banother|\ba further|\ban additional|\badditional|另有|另外|还有)\s*$")
_PER_SHARE_METRICS = {"eps", "price"}
_PRICE_MOVE = re.compile(r"(?i)\b(?:gained|rose|fell|jumped|slumped|dropped|climbed|added|lost|slid|surged|"
                         r"soared|sank|tumbled|plunged|rallied|advanced|declined|eased)\s+[\d.]+\s?(?:%|per ?cent|percent)"
                         r"\s+(?:to|at)\s*$")
_SCALED = re.compile(r"(?i)\d\s?-?(?:thousand|million|billion|trillion|mn|bn|tn|mln|bln|crores?|lakhs?|[mbk]\b)|[万亿億兆]")
_MINOR_UNIT = re.compile(r"(?i)\b(?:cents?|sen|pence)$|¢$|[仙分]$|\dp$")
# A sentence that may name a period: anything else is skipped when reading the context.
_MAY_NAME_PERIOD = re.compile(r"(?i)\d|quarter|half|fiscal|year|month|季|年|半|期")
_DEAL = re.compile(en.DEAL_CUES, re.I)
_PER_SHARE_AFTER = re.compile(r"(?i)^\s*(?:a|per|/)[\s-]*(?:diluted\s+|basic\s+)?(?:share|ADS|ADR)\b")
_COMPARED = re.compile(en.COMPARED_BEFORE, re.I)
# "priced at $18 each", "$56 to $60 each" in a sentence about shares: a price per share.
_EACH_AFTER = re.compile(r"(?i)^\s*(?:each|apiece|a piece)\b")
_SHARES = re.compile(r"(?i)\bshares?\b|\bADSs?\b|\bstock\b")
# "$3.25 billion of cash and $1.75 billion of stock": the parts of a price, not figures of their own.
_PART_PAID = re.compile(r"(?i)^\s*(?:of|in)\s+(?:cash|stock|shares|common stock|new shares)\b")
_COMPARED_NOUN = re.compile(en.COMPARED_NOUN_BEFORE, re.I)
_PER_SHARE_BASIS = re.compile(r"(?i)\bper[- ]share basis\b")
_PER_SHARE_WORDS = re.compile(r"(?i)\bper[- ](?:diluted |basic )?share\b|每股")
_AMONG = re.compile(r"(?i)^\W*(?:其中|当中|當中|among them|of which|of that|of this|including)")
_RESTATED = re.compile(r"^\s*[(（]\s*(?:約|约|约合|約合|折合|約折合|约折合|換算|换算|合|相当于|相當於|equivalent to|"
                       r"about|approximately|roughly|around|or|US|NT)?\s*(?:新台币|新台幣|人民币|人民幣|港币|港幣)?\s*$", re.I)
_NOT_COMPANY = re.compile(en.NOT_COMPANY_OWNER + "|" + zh.NOT_COMPANY_OWNER, re.I)
_AGGREGATE = re.compile(en.AGGREGATE + "|" + zh.AGGREGATE, re.I)
_GROUP = re.compile(en.GROUP_SUBJECT + "|" + zh.GROUP_SUBJECT, re.I)
_MARK_AFTER = re.compile(r"\s?(?:[(（][^()（）]{0,6}[)）])?\s?(?:是一?个|是一?個|为|為)?\s?"
                         r"(?:大关|大關|关口|關口|门槛|門檻|槛|檻|坎)")
_SETS_TARGET = re.compile(r"(?i)[^.;]{0,60}?\b(?:raised|raises|cut|cuts|lowered|lowers|set|sets|reiterated|"
                          r"maintained|boosted|trimmed|hiked)\s+(?:its|a|the)\s+(?:\w+\s+)?(?:price\s+)?target\b")
_TARGET = re.compile(r"(?i)\b(?:price target|target price|rating)\b|目标价|目標價|评级|評級")
_OR = re.compile(r"^\s*,?\s*(?:or|或|，或)\s*$", re.I)
_EST_BEFORE = re.compile(en.ESTIMATE_BEFORE + "|" + zh.ESTIMATE_BEFORE, re.I)
_EST_AFTER = re.compile(en.ESTIMATE_AFTER, re.I)
_PRIOR_YEAR = re.compile(en.PRIOR_YEAR, re.I)
_PRIOR_YEAR_BEFORE = re.compile(zh.PRIOR_YEAR_BEFORE)
_PRIOR_QUARTER = re.compile(en.PRIOR_QUARTER, re.I)
_SAME_PERIOD_OF_YEAR = re.compile(zh.SAME_PERIOD_OF_YEAR_BEFORE, re.I)
_CAPEX_OBJECT = re.compile(en.CAPEX_OBJECTS, re.I)
_PRIOR_QUARTER_BEFORE = re.compile(zh.PRIOR_QUARTER_BEFORE)
_PS_EPS = re.compile(en.PER_SHARE_EPS, re.I)
_PS_PRICE = re.compile(en.PER_SHARE_PRICE, re.I)
# Figures in a list share the metric of its head: "A、B和C", "$1B, $2B and $3B".
_ESTIMATE_LABEL = re.compile(r"(?i)预估|預估|预测|預測|预期|預期|\bestimates?\b|\bconsensus\b|\bforecasts?\b")
_BULLET_LINE = re.compile(r"[ \t]*(?:[-•·*]|\d{1,2}[.)、])\s*")
_PASSED_BEFORE = re.compile(r"(?i)(?<!跌)破\s*$|跨越\s*$|站上\s*$|\b(?:crossed|topped|surpassed|passed)\s+(?:the\s+)?$")
_YEAR_IN = re.compile(r"(?:19|20)\d\d")
_LISTED = re.compile(r"^\s*(?:[、,，/]|and|及|和|与|以及)\s*(?:respectively\s*)?$"
                     # "江苏银行(671.8亿元)、宁波银行(549.8亿元)": names each with its figure in brackets
                     r"|^\s*[)）]\s*(?:[、,，;；]|and|及|和|与)\s*[^\s(（)）,，。;；]{1,16}\s*[(（]\s*$", re.I)
_LOSS_SHARE = re.compile(r"(?i)\bloss(?:es)? per (?:diluted |basic )?share|每股(?:亏损|虧損)|每股收益为?负")
# "the loss amounted to 18 cents per share", "it lost 20 cents per share": a loss, counted per share
_LOSS_AFTER = re.compile(r"(?i)[\s-]*(?:per[\s-]share\s+|a\s+share\s+)?loss\b")
_LOSS_BEFORE = re.compile(r"(?i)\b(?:(?:the|a|its|net|adjusted) loss(?:es)?\b[^.;$]{0,25}?\b(?:amounted|came|was|were|totall?ed|of)"
                          r"|\blost)\s+(?:to\s+)?(?:about\s+)?$")


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
            _ = self.ner.en
        jieba_tables.tagger().lcut("腾讯")  # the part-of-speech tagger Chinese names are read with

    # --- stage 1: regular expressions over the whole text ----------------------------

    def _scan(self, text: str, lang: str | None, published: date | None) -> Doc:
        text = text or ""
        share = numbers.cjk_share(text)  # read once: money, language and names all ask
        money = find_money(text, lang or ("zh" if share > 0.3 else "en"))
        sentences = bound_sentences(text, split_sentences(text), [(m.start, m.end) for m in money])
        money_sents = sorted({sentence_of(sentences, m.start) for m in money})
        # Periods matter only where a figure is, or before it in its paragraph (a heading
        # such as "Third Quarter 2025 Highlights" gives the bullets under it their period).
        periods: list[Period] = []
        wanted = sorted({j for i in money_sents for j in range(max(0, i - 2), i + 1)} | ({0} if money_sents else set()))
        for i in wanted:
            s, e = sentences[i]
            if i not in money_sents and not _MAY_NAME_PERIOD.search(text, s, e):
                continue
            periods += [replace(p, start=p.start + s, end=p.end + s)
                        for p in find_periods(text[s:e], published, keep_open=True)]
        if any(p.value.endswith("?") for p in periods):
            # A period with no year in an undated text: the years the rest of the text names
            # ("贵州茅台2025年第三季度业绩") tell it, so read them too.
            for i, (s, e) in enumerate(sentences):
                if i not in wanted and _MAY_NAME_PERIOD.search(text, s, e):
                    periods += [replace(p, start=p.start + s, end=p.end + s)
                                for p in find_periods(text[s:e], published) if _YEAR_IN.search(p.value)]
            periods.sort(key=lambda p: p.start)
        # A percentage is never a period: "2025%" is not a year.
        pct = find_percentages(text)
        periods = align_to_document([p for p in periods if not any(q.start <= p.start < q.end for q in pct)
                                     and not any(m.start <= p.start < m.end for m in money)], text)
        # Names by their shape, where figures are and in the lines before them.
        found = []
        for s, e in _runs([sentences[i] for i in wanted]):
            found += [replace(x, start=x.start + s, end=x.end + s) for x in find_orgs(text[s:e], self.aliases)]
        entities = merge_entities(extend_known(text, self.aliases.find(text)), found)
        return Doc(text, lang or detect_language(text, share), published, money, periods, sentences,
                    entities, money_sents, {}, numbers.normalize(text), percentages=pct)

    def _parse_english(self, docs: list[Doc]) -> None:
        named: list[tuple[Doc, int]] = []  # parse and NER
        syntax: list[tuple[Doc, int]] = []  # the parse alone
        for d in docs:
            for i in d.money_sentences:
                s, e = d.sentences[i]
                if d.sentence_lang(i) == "en" and needs_model(d, s, e):
                    (named if needs_ner(d, s, e) else syntax).append((d, i))
        if syntax:
            texts = [d.text[slice(*d.sentences[i])] for d, i in syntax]
            for (d, i), sdoc in zip(syntax, self.ner.english_docs(texts, ner=False), strict=True):
                d.parses[i] = sdoc
        if named:
            texts = [d.text[slice(*d.sentences[i])] for d, i in named]
            for (d, i), sdoc in zip(named, self.ner.english_docs(texts), strict=True):
                d.parses[i] = sdoc
                found = ner_entities(sdoc, d.sentences[i][0], self.aliases)
                d.entities = merge_entities(d.entities, business_lines_out(d.text, found, d.entities))
        # A figure with a metric and no company named in its sentence or before it in its
        # paragraph: the company is in an earlier sentence that has no figure ("Hyundai Motor,
        # South Korea's leading automaker, said ... Net profit declined to ..."), so read names there.
        before = sorted({(id(d), j): (d, j) for d in docs for i in d.money_sentences
                         if d.sentence_lang(i) == "en" and _unnamed(d, i)
                         for j in d.earlier_sentences(i) if d.sentence_lang(j) == "en"}.values(),
                        key=lambda t: (id(t[0]), t[1]))
        if before:
            texts = [d.text[slice(*d.sentences[j])] for d, j in before]
            for (d, j), sdoc in zip(before, self.ner.english_docs(texts), strict=True):
                # only the sentence's grammatical subject: NER's other names in a sentence with no
                # figure are as often fragments ("regtech", "BUSINESS / Companies")
                subjects = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text))
                            for t in sdoc if t.dep_ in ("nsubj", "nsubjpass")]
                found = [x for x in ner_entities(sdoc, d.sentences[j][0], self.aliases)
                         if any(a <= x.start - d.sentences[j][0] and x.end - d.sentences[j][0] <= b for a, b in subjects)]
                d.entities = merge_entities(d.entities, found)

    # --- stage 2: claims ------------------------------------------------------------

    def _assemble(self, d: Doc) -> Extraction:
        claims: list[Claim] = []
        d.entities = same_company(d.text, common_names(d.text, repeat_mentions(d.text, listed_names(d.text, d.entities))))
        d.money = [replace(m, period=money_period(d, m)) for m in d.money]
        for money in d.money:
            if money.conversion:
                continue
            claim = self._claim(d, money)
            if claim:
                claims.append(claim)
        claims = fill_periods(join_bounds(d.norm, claims))
        return Extraction(
            lang=d.lang, money=tuple(d.money), quantities=tuple(d.percentages),
            periods=tuple(d.periods), entities=tuple(d.entities), claims=tuple(claims),
        )

    def _claim(self, d: Doc, money: Money) -> Claim | None:
        si = sentence_of(d.sentences, money.start)
        s, e = d.sentences[si]
        sent = d.text[s:e]
        norm = d.norm[s:e]
        bounds = clause_bounds(norm)
        ms, me = money.start - s, money.end - s
        here = d.starting_in(d.money, s, e)  # the sentence's figures
        others = [(m.start - s, m.end - s) for m in here if m is not money and not m.conversion]

        metric, metric_score = governing_metric(norm, bounds, ms, me, others)
        listed_as = listed_metric(norm, [(ms, me), *others], ms)
        if listed_as:
            metric, metric_score = listed_as, 0.0
        prev = [m for m in here if m.end <= money.start and not m.conversion]
        if listed_as:
            pass
        elif prev and (_LISTED.match(norm[prev[-1].end - s:ms]) or
                     (metric is None and _ANOTHER.search(norm[max(0, ms - 14):ms])) or
                     (metric is None and _OR.match(norm[prev[-1].end - s:ms]) and prev[-1].unit is None)):
            # "营业收入分别为A、B、C", "another $260 billion", "$2.9 billion, or $3 billion":
            # the metric of the figure before it
            metric, metric_score = d.metrics.get(prev[-1].start), 30.0
        elif metric is None and (base := _set_against_like(d, prev, money, norm, me)) is not None \
                and base.start not in _dropped(d) and d.metrics.get(base.start) \
                and ms - (base.end - s) <= 60 and (_COMPARED.search(norm[max(0, ms - 30):ms])
                                                   or _PRIOR_YEAR_BEFORE.search(norm[max(0, ms - 12):ms])):
            # "up from $3.20 billion", "相較於9月的8,223.23億元": a figure set against the one
            # before it, with no metric word of its own, is the same metric; "from $0.8 million
            # or $0.03 per share" sets each against its own kind
            metric, metric_score = d.metrics[base.start], 40.0
        elif metric is None and _AMONG.match(norm) and si > 0:
            # "其中亚马逊为2000亿美元": a breakdown of the total the sentence before gave
            before = list(d.starting_in(d.money, d.sentences[si - 1][0], s))
            if before:
                metric, metric_score = d.metrics.get(before[-1].start), 35.0
        per_share = money.unit in ("share", "股") or bool(_PER_SHARE_AFTER.match(norm[me:me + 30])) \
            or bool(_EACH_AFTER.match(norm[me:me + 8]) and _SHARES.search(norm))
        alike = [m for m in prev if (m.unit in ("share", "股") or m.start in _cents_eps(d)) == per_share]
        if not per_share and _SCALED.search(money.text):  # "$0.8 million": set against a total, not "$0.24 per share"
            alike = [m for m in alike if d.metrics.get(m.start) not in _PER_SHARE_METRICS]
        against = alike[-1] if alike and _set_against(norm, ms, me) else None
        if against is None and not prev and si > 0 and _set_against(norm, ms, me):
            # "This figure surpassed the market consensus of 9.04 trillion won": the figure of
            # the sentence before
            before = [m for m in d.starting_in(d.money, d.sentences[si - 1][0], s) if not m.conversion
                      and (m.unit in ("share", "股")) == per_share]
            against = before[-1] if before and metric is None else None
        if against is not None and against.start in _dropped(d):
            return _none(d, money)  # set against a figure that is no claim of the company: none either
        if against is not None and d.metrics.get(against.start) and (metric is None or metric_score >= 25):
            # "revenue of $9.65 billion, above estimates of $9.28 billion", "from $7.42 billion a
            # year earlier": the figure it is set against names the metric
            metric, metric_score = d.metrics[against.start], 20.0
        if metric == "investment" and (_CAPEX_OBJECT.search(_clause_of(norm, bounds, ms))
                                                      or _CAPEX_OBJECT.search(norm[me:me + 30])) \
                and not any(ms < x.start - s < e - s and x.label == "ORG"
                            and clause_index(bounds, x.start - s) == clause_index(bounds, ms)
                            for x in d.starting_in(d.entities, s, e)):
            metric = "capex"  # "to invest $80 billion in AI data centers": what it builds, not a stake
        headed = None
        if metric is None and _BULLET_LINE.match(d.text, d.text.rfind("\n", 0, money.start) + 1):
            metric, headed = heading_metric(d.text, money.start)
        quoted = bool(_MINOR_UNIT.search(money.text) and _PRICE_MOVE.search(norm[max(0, ms - 40):ms]))
        if quoted:
            metric, per_share = "price", True  # "Melrose gained 4.1% to 179p": a share price in pence
        elif not per_share and prev and _MINOR_UNIT.search(money.text) and _OR.match(norm[prev[-1].end - s:ms]) \
                and d.metrics.get(prev[-1].start) in ("profit", "loss", "eps"):
            metric, per_share = "eps", True  # "a net profit of RM1.46 million or 0.03 sen": no profit is in cents
            _cents_eps(d).add(money.start)
        d.metrics[money.start] = metric
        if metric is None and not per_share:
            return None  # (an amount per share is read by the words of its clause below)
        if per_share and (metric == "eps" or quoted):
            pass
        elif per_share and alike != prev and _OR.match(norm[prev[-1].end - s:ms]) \
                and d.metrics.get(prev[-1].start) in ("profit", "loss", "eps"):
            metric = "eps"  # "net income of $8.81 billion, or $1.15 per share"
        elif per_share:
            metric = _per_share_metric(norm, bounds, ms, me)
        if metric is None:
            return None
        clause_start = max([b + 1 for b in bounds if b < ms], default=0)
        if states_nothing(norm[clause_start:ms], norm[:ms], norm[me:]):
            return _none(d, money)
        window = max(clause_start, ms - 40)
        owner = _NOT_COMPANY.search(norm[window:ms])
        if owner and not any(x.label == "ORG" for x in d.starting_in(d.entities, s + window + owner.start(), money.start)):
            return _none(d, money)  # "customers used to spending $39 a month": the customers' money
        if _PART_PAID.match(norm[me:me + 24]) and sum(bool(_PART_PAID.match(norm[o1:o1 + 24])) for _, o1 in others) \
                and metric in ("acquisition", "cash", "spending"):
            return None  # "consisting of $3.25 billion of cash and $1.75 billion of stock"
        if prev and _RESTATED.search(norm[prev[-1].end - s:ms]):
            return None  # "DKK 20 billion (€2.7 billion)", "(約折合1億美元)": the same figure again
        if _AGGREGATE.search(norm[clause_start:min(len(norm), me + 12)]) and \
                len({x.canonical for x in d.starting_in(d.entities, s, e) if x.label == "ORG"}) != 1:
            return _none(d, money)  # "四大科技公司资本开支合计6500亿美元": a sum of several companies
        if (money.qualifier == "more_than" or _PASSED_BEFORE.search(norm[max(0, ms - 8):ms])) \
                and _threshold(d, si, money, norm, me) or _MARK_AFTER.match(norm, me):
            return None  # "全年營收破8兆元，達8.09兆元", "突破8兆大关": a mark passed, not the figure
        if _GROUP.search(norm[clause_start:ms]):
            return _none(d, money)  # "14家金控前三季稅後純益…", "those firms' spending": a group's figure
        figures = [(m.start, m.end) for m in here if not m.conversion]
        listed_to = respective(d, si, figures).get(money.start)
        found: tuple[str, str] | None
        if listed_to is not None:
            found, how = (listed_to.canonical, listed_to.text), "clause"
        else:
            found, how = choose_subject(d, si, norm, bounds, ms, me)
        if found is None:
            return None
        subject, subject_text = found
        period = listed_period(d, si, figures, money)
        low, high = money.low, money.high
        if metric in ("profit", "loss") and (_per_share_named(norm, bounds, ms, me, others, per_share)
                                            and not _SCALED.search(money.text)  # "$0.8 million" is no eps
                                            or _MINOR_UNIT.search(money.text)):  # no company's profit is in cents
            metric = "eps"  # "diluted losses per share of 3 cents", "on a per-share basis"
            if _LOSS_SHARE.search(_clause_of(norm, bounds, ms)) or "loss" in _clause_of(norm, bounds, ms).lower():
                low, high = -abs(high), -abs(low)
        if metric in ("profit", "loss") and high < 0:
            metric, low, high = "loss", -high, -low  # a negative profit is a loss, written positive
        elif metric == "loss" and low < 0:
            low, high = -high, -low
        if metric == "acquisition" and money.per:
            metric = "spending"  # "a deal worth $30 billion annually": a payment, not a purchase price
        if metric == "fund_flow" and low > 0 and _OUTFLOW.search(norm[max(0, ms - 40):me + 40]):
            low, high = -high, -low
        loss_pair = bool(prev) and bool(_OR.match(norm[prev[-1].end - s:ms])) \
            and d.metrics.get(prev[-1].start) == "loss"  # "a loss of $7.1 million or $0.24 per share"
        if metric == "eps" and low > 0 and (loss_pair or _LOSS_SHARE.search(norm[max(0, ms - 40):ms])
                                            or _LOSS_BEFORE.search(norm[max(0, ms - 50):ms])
                                            or _LOSS_AFTER.match(norm, me)):
            low, high = -high, -low
        para = d.norm[d.paragraph_start(money.start):s]
        modality = modality_of(norm, ms, me, para, clause_start)
        if modality != "estimate" and any(
                s <= x.start < money.start and x.label == "ORG" and _is_analyst_entity(x)
                and forecasts_after(norm, x.end - s) for x in d.starting_in(d.entities, s, e)):
            modality = "estimate"  # "摩根士丹利則預期單季營收2.45兆元": a broker's figure for the company
        if metric == "price" and _TARGET.search(_clause_of(norm, bounds, ms)) and any(
                x.label == "ORG" and _is_analyst_entity(x) for x in d.starting_in(d.entities, s, e)):
            modality = "estimate"  # "高盛維持400元目標價": a broker's target for the stock
        if headed and modality == "reported" and _ESTIMATE_LABEL.search(headed):
            modality = "estimate"  # "EPS预估:" over the list of figures
        if (metric == "price" and _TARGET.search(norm) or modality == "estimate") \
                and (is_analyst_name(subject, subject_text, by_suffix=False)
                     or metric == "price" and bool(subject_text) and (at := norm.find(subject_text)) >= 0
                     and bool(_SETS_TARGET.match(norm, at))):
            # "Canaccord Genuity raised its price target on Box": whoever sets a target is a broker
            # "高盛给予鸿海目标价400元": the bank sets the target; the figure is the company's
            other = next((x for x in d.starting_in(d.entities, s, e) if x.label == "ORG" and not x.weak
                          and x.canonical != subject
                          and not is_analyst_name(x.canonical, x.text, by_suffix=False)), None) or antecedent(d, si)
            if other is None or other.canonical == subject or is_analyst_name(other.canonical, other.text, by_suffix=False):
                return None
            subject, subject_text = other.canonical, other.text
        if period is None and metric in FLOW_METRICS \
                and not d.starting_in(d.periods, s, e):
            period = paragraph_period(d, si)
        if period is None and metric in FLOW_METRICS and modality == "reported":
            period = sentence_period(d, si, norm, money)
        if period is None and against is not None and against.period:
            period = against.period  # "above estimates of $9.28 billion": the same period
        if period is None and modality == "reported":
            period = trailing_period(d, si, money, norm)
        since = max([m.end - s for m in here if m.end - s <= ms], default=0)
        period = monthly(norm, bounds, ms, whole_year(norm, bounds, since, ms, period))
        lead, nxt = pair_bounds(norm, [(m.start - s, m.end - s) for m in here], ms, me)
        compared = against is not None or bool(_COMPARED.search(norm[max(0, lead - 30):lead])
                                               or _COMPARED_NOUN.search(norm[max(0, lead - 50):lead]))
        same_of = _SAME_PERIOD_OF_YEAR.search(norm[max(0, ms - 40):ms])
        if same_of and compared:
            # "较2021年同期的人民币2.567亿元": the same period of the year it names
            period = in_year(against.period if against is not None and against.period else period,
                             int(same_of.group(1) or same_of.group(2)))
        elif _PRIOR_YEAR_BEFORE.search(norm[max(0, ms - 12):ms]):
            # "比去年同期1兆8545.69亿元": the same period a year before
            period = prior_year(against.period if against is not None and against.period else period)
        elif _PRIOR_YEAR.search(norm[me:nxt]) and compared:
            # "from $7.42 billion a year earlier": the same period a year before
            period = prior_year(against.period if against is not None and against.period else period)
        elif _PRIOR_QUARTER_BEFORE.search(norm[max(0, ms - 12):ms]) or _PRIOR_QUARTER.search(norm[me:nxt]) \
                and compared:
            # "compared to Rs 7,969 crore in the previous quarter", "上季度的": the quarter before
            period = prior_quarter(against.period if against is not None and against.period else period) or period
        confidence = 0.3 + {"parse": 0.3, "clause": 0.25, "topic": 0.15, "previous": 0.05}[how]
        confidence += 0.3 if metric_score < 10 else (0.15 if metric_score < 30 else 0.0)
        confidence += 0.1 if period else 0.0
        lang = d.sentence_lang(si)
        return Claim(subject, metric, low, high, money.currency, money.qualifier, money.per,
                     period, sent, lang, money.start, money.end, round(min(confidence, 1.0), 2),
                     subject_text, modality)


def _none(d: Doc, money: Money) -> Claim | None:
    """No claim, and none for a figure set against this one: "低于2024年同期的282美元" after a
    per-employee figure is the employees' too."""
    _dropped(d).add(money.start)
    return None


def _set_against_like(d: Doc, prev: list[Money], money: Money, norm: str, me: int) -> Money | None:
    """The figure before this one, or, where this one is plainly a total ("$0.8 million") or
    plainly per share, the last before it of its own kind."""
    if money.unit in ("share", "股") or _PER_SHARE_AFTER.match(norm[me:me + 30]):
        own = True
    elif _SCALED.search(money.text):
        own = False
    else:
        return prev[-1] if prev and (prev[-1].unit in ("share", "股")) == (money.unit in ("share", "股")) else None
    return next((m for m in reversed(prev)
                 if (m.unit in ("share", "股") or d.metrics.get(m.start) in _PER_SHARE_METRICS) == own), None)


def _cents_eps(d: Doc) -> set[int]:
    """Starts of the figures in cents read as earnings per share with no "per share" written."""
    return d.memo(("cents_eps",), set)


def _dropped(d: Doc) -> set[int]:
    """Starts of the figures that were read and made no claim for what they are."""
    return d.memo(("dropped",), set)


def _unnamed(d: Doc, si: int) -> bool:
    """A sentence with a metric word, and no company named in it or before it in its paragraph."""
    s, e = d.sentences[si]
    if not metric_candidates(d.norm[s:e]):
        return False
    spans = [d.sentences[j] for j in (si, *d.earlier_sentences(si))]
    return not any(x.label == "ORG" and a <= x.start < b for x in d.entities for a, b in spans)


def _per_share_named(norm: str, bounds: list[int], ms: int, me: int, others: list[tuple[int, int]],
                     per_share: bool) -> bool:
    """"Diluted losses per share of 3 cents", "on a per-share basis": the words name this figure
    per share, not the total beside it ("net income of $34.36 million or $1.89 per share")."""
    if per_share:
        return True
    clause = _clause_of(norm, bounds, ms)
    if not _PER_SHARE_WORDS.search(clause):
        return False
    start = ([-1, *bounds][clause_index(bounds, ms)]) + 1
    found = list(_PER_SHARE_WORDS.finditer(norm, start, ms))
    if found and not any(found[-1].end() <= o0 < ms for o0, _ in others):
        return True  # named before this figure, no other figure between
    return bool(_PER_SHARE_BASIS.search(clause))


def _threshold(d: Doc, si: int, money: Money, norm: str, me: int) -> bool:
    """A round mark the figure passed, not the figure: the exact figure stands beside it, in
    this sentence or the one before. Alone, the mark is the figure the text gives."""
    lo = d.sentences[max(0, si - 1)][0]
    hi = d.sentences[si][1]
    return any(m is not money and not m.conversion and m.qualifier == "exact"
               and m.currency == money.currency and money.low <= m.low <= 1.5 * money.low
               for m in d.starting_in(d.money, lo, hi))


def _is_analyst_entity(x: Entity) -> bool:
    return is_analyst_name(x.canonical, x.text, by_suffix=False)


def _clause_of(norm: str, bounds: list[int], pos: int) -> str:
    edges = [-1, *bounds, len(norm)]
    clause = clause_index(bounds, pos)
    return norm[edges[clause] + 1:edges[min(clause + 1, len(edges) - 1)]]


def _set_against(norm: str, ms: int, me: int) -> bool:
    """The figure is an estimate or an earlier value that another figure is compared with."""
    before = norm[max(0, ms - 70):ms]
    return bool(_COMPARED.search(before) or _EST_BEFORE.search(before) or _EST_AFTER.match(norm[me:me + 70]))


def _per_share_metric(norm: str, bounds: list[int], ms: int, me: int) -> str | None:
    """An amount per share: earnings per share or a share price, by the words of its clause;
    a deal's terms ("$115 per share in cash") and dividends are neither."""
    clause = clause_index(bounds, ms)
    edges = [-1, *bounds, len(norm)]
    first = edges[clause] + 1
    if clause > 0 and norm[edges[clause]] in ":：":
        first = edges[clause - 1] + 1  # "Earnings: $3.80 per share": the label names it
    text = norm[max(first, ms - 60):min(edges[min(clause + 1, len(edges) - 1)], me + 40)]
    if _PS_EPS.search(text):
        return "eps"
    if _DEAL.search(norm) or not _PS_PRICE.search(text):
        return None
    return "price"


def _runs(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent sentence spans joined into runs."""
    runs: list[tuple[int, int]] = []
    for s, e in spans:
        if runs and s - runs[-1][1] <= 2:
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
    return runs
