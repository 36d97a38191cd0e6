"""Organisations the alias table does not know, found by the shape of their names.

English: a capitalised name before a legal suffix ("Acme Corp.") or a ticker in brackets
("Foo Inc. (NASDAQ: FOO)"). Chinese: a name before a stock code ("明阳电气(301291)"), or a
short name ending in an organisation word (集团, 股份, 银行...), cut after the words that
end the text before it; Latin-script names inside Chinese text ("Klarna 以…收购").
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Any

from extractors import jieba_tables, lac, numbers
from extractors.entities import NER_STOP, AliasTable
from extractors.lang import en, zh
from extractors.prefilter import finditer
from extractors.spans import Entity

_CAP = r"[A-Z][A-Za-z0-9&'’.\-]*"
_LEAD = r"(?:[A-Z]|\d+[a-z])[A-Za-z0-9&'’.\-]*"  # "Corning", "10x Genomics"
_EN_NAME = re.compile(
    rf"\b({_CAP}(?:\s+(?:&\s+)?{_CAP}){{0,4}}),?\s+{en.ORG_LEGAL_SUFFIX}(?![A-Za-z])"
    rf"|\b({_CAP}(?:\s+{_CAP}){{0,4}})\s*\((?:{en.EXCHANGES})\s*:\s*[A-Z0-9.]+\s*\)"
    rf"|(?<![\w.])({_LEAD}(?:\s+{_CAP}){{0,3}})\s?\((?P<tk>[A-Z]{{2,5}})(?:\s[-–]\s(?:Get\s)?(?:Free\s)?Report)?\)")
_ACTOR = re.compile(rf"(?:^|(?<=[,.;:!?\-–—•]\s)|(?<=\n))\s*({_CAP}(?:\s+{_CAP}){{0,3}})\s+(?:also\s+|on \w+\s+|today\s+)?{en.ACTOR_VERBS}\b")
# "Hyundai Motor, South Korea's leading automaker, said", "Bharti Airtel, the second-largest
# telecom operator in India, ...": a name set off by a description of a company.
_APPOSED = re.compile(rf"(?:^|(?<=[.;:!?\-–—•]\s)|(?<=\n)|(?<=\d\s))\s*({_CAP}(?:\s+{_CAP}){{0,3}}),\s+"
                      rf"(?:the|a|an|one of the|[A-Z][\w.]*(?:\s[A-Z][\w.]*)?['’]s)\s[^,;.()]{{0,60}}?"
                      rf"\b{en.COMPANY_DESCRIPTORS}s?\b[^,;.()]{{0,40}},")
# "IRCTC Q2 FY24 (Consolidated, YoY)", "Shree Cement Q3 results": a line opening with a name
# and the period of the results listed under it
_RESULTS_HEADING = re.compile(rf"(?:^|(?<=\n))[ \t•*-]*({_CAP}(?:\s+{_CAP}){{0,3}}?)\s+"
                              r"(?:(?:Q[1-4]|H[12]|[1-4]Q|9M)(?:\s?(?:FY|CY)?\s?['’]?\d{2,4})?|FY\s?['’]?\d{2,4})\b")
# "Seatrium: The group on Monday reported", "Singapore Land Group (SingLand): The real estate
# company reported": a roundup's line labelled with the company it is about
_LABELLED_LINE = re.compile(rf"(?:^|(?<=\n))[ \t•*-]*({_CAP}(?:\s+{_CAP}){{0,4}}?)\s*(?:\([A-Za-z][\w.&-]{{1,15}}\))?:\s+"
                            r"(?:The|It|Its)\b")
# "Chinese AI chip maker Intellifusion said", "lender Foo Bank reported": a name after a
# description of a company, acting
_DESCRIBED_ACTOR = re.compile(rf"\b{en.COMPANY_DESCRIPTORS}s?\s+({_CAP}(?:\s+{_CAP}){{0,3}})\s+"
                              rf"(?:also\s+|on \w+\s+|today\s+)?{en.ACTOR_VERBS}\b")
# "Videoconferencing company Polycom's first-quarter revenue", "Pleasanton-based Polycom, which":
# a name after a description of a company or where it is based, owning or set off
_BARE = r"[A-Z][A-Za-z0-9&.\-]*"
_DESCRIBED_OWNER = re.compile(rf"(?:\b{en.COMPANY_DESCRIPTORS}s?|\b[A-Z][\w.]*(?:\s[A-Z][\w.]*)?-(?:based|headquartered))"
                              rf"\s+({_BARE}(?:\s+{_BARE}){{0,3}})(?:['’]s\b|,\s)")
# "the US$50 million raised by Credgenics": who raises money is a company
_RAISED_BY = re.compile(rf"\b(?:raised|secured)\s+by\s+({_CAP}(?:\s+{_CAP}){{0,3}})(?=[,.;]|\s+(?:in|from|at|to|,)\b)")
_CJK = "\u4e00-\u9fff"
_LEGAL_WORD = re.compile(en.ORG_LEGAL_SUFFIX)
_NAME_GOES_ON = re.compile(r"\b(?:of|and|&|de|du)\s+$")
_PERIOD_LIKE = re.compile(r"(?i)^(?:FY\d{2,4}|\d{2,4}[QH][1-4]|FY\d{2,4}\s?[QH][1-4]|[QH][1-4])$")
_SEGMENT_NEXT = re.compile(r"\s*(?:[\u4e00-\u9fff]{0,3}?(?:业务|業務)|板块|板塊|分部|部门|部門|与生活|與生活|产品|產品|收入|准则|準則)")
_NOT_TOPIC_NEXT = re.compile(zh.NOT_A_TOPIC_NEXT)
_METRIC_WORD = re.compile("|".join(p for ps in zh.METRICS.values() for p in ps))
_ZH_CODE = re.compile(rf"([{_CJK}A-Za-z]{{2,12}})\s*[（(](?:(?:SH|SZ|HK|BJ|TW)?\s*[:：]?\s*)?\d{{3,6}}"
                      r"(?:[.-](?:SH|SZ|HK|BJ|TW|TWO))?[）)](?!\s?年)")  # "較前一（2024）年": a year, not a code
_ZH_SUFFIX = re.compile(rf"[{_CJK}]{{2,5}}(?:{'|'.join(sorted(set(zh.ORG_SUFFIXES), key=lambda w: (-len(w), w)))})")
# "罗牛山公告", "億利潔12日晚公告": who announces at the start of a text or sentence
_ANNOUNCE = "|".join(zh.ANNOUNCE_VERBS)
_ANNOUNCER = re.compile(rf"(?:^|[。！？\n]\s*)([{_CJK}]{{2,6}}?)(?:\d{{1,2}}日(?:晚间|晚|早间|盘后)?)?(?:{_ANNOUNCE})")
_TAGGED_ANNOUNCER = re.compile(rf"(?:^[^。！？\n]{{0,12}}[:：]\s*|(?<=财讯)|(?<=財訊)|(?<=日电)|(?<=日讯))([{_CJK}]{{2,6}}?)"
                               rf"(?:(?:\d{{1,2}}月)?\d{{1,2}}日(?:晚间|晚|早间|盘后)?)?(?:{_ANNOUNCE}|{'|'.join(zh.TAGGED_ANNOUNCE_VERBS)})")
# "...充實營運資金,台塑化12日公告": a name dated to the day it announces, after any clause break
_DATED_ANNOUNCER = re.compile(rf"(?:^|(?<=[。！？\n，,；;：:]))\s*([{_CJK}]{{2,6}}?)\d{{1,2}}日(?:晚间|晚|早间|盘后)?(?:{_ANNOUNCE})")
# "通用人工智能公司启元世界也于同日宣布", "一家公司——银河通用——宣布": a described name that acts
_DESCRIBED = re.compile(rf"(?:{'|'.join(zh.ACTING_DESCRIPTORS)})(?:——|—|\s)?([{_CJK}]{{2,6}}?)(?:——|—)?"
                        rf"(?:也|亦|今日|今天|近日|日前|于同日|\d{{1,2}}日)*(?:{_ANNOUNCE}|完成|获得)")
# a merged holding keeps both stems ("台新新光金"): four characters, only where a clause starts
_HOLDING = re.compile(rf"(?:(?<![{_CJK}])|(?<=[以有由是为、，,及和与]))([{_CJK}]{{2}}金|(?<=[，,、；;。\s])[{_CJK}]{{4}}金)"
                      rf"(?=\s?(?:EPS|每股|税后|获利|赚|[（(]\d{{4}}[)）]|以\s?\d|\d))")
# A legal name: "深圳市優必選科技股份有限公司" -> 優必選科技 (place prefix cut by _trim_lead)
_ZH_LEGAL = re.compile(rf"([{_CJK}]{{2,14}}?)(?:\(集团\)|（集团）)?(?:股份有限公司|有限责任公司|有限公司|股份有限公司)")
# "兴福新材2024年实现营业收入": a name right before the year of its results
_RESULTS_LEAD = re.compile(rf"(?:^|[\s,，;；:：。\-–—])([{_CJK}]{{2,6}})(?=\d{{4}}年(?:前三季度|上半年|全年|第[一二三四]季度|度)?"
                           r"(?:实现|营收|营业|归母|净利|收入|营业收入|净利润))")
# What follows a name that acts: a year, punctuation, a verb, a metric ("蜜雪集团2025年", "X宣布").
_SUBJECT_NEXT = re.compile(r"\d|[\s,，、;；:：。(（)）\-–—]|宣布|公告|发布|实现|预计|称|表示|拟|将|在|于|已|以|向|与|和|"
                           r"近日|日前|今日|昨日|完成|获得|获|也|又|再|首次|"
                           r"前三季度|上半年|下半年|全年|第[一二三四]季度?|[一二三四]季度|今年|去年|刚刚|此前|目前|近期|旗下|本季|分别|分別|作为|作為|"
                           r"的(?:营收|收入|净利|营业|资本|市值|估值)|营收|收入|净利|归母|总收入|营业")
# "统一旗下统一超已于…公布", "旗下香港快运亏损": a subsidiary named after 旗下 reports its own figures
_SUBSIDIARY = re.compile(rf"旗下(?:子公司|的)?([{_CJK}]{{2,5}}?)(?=[则也亦已于将在]|的?(?:营收|收入|净利|获利|亏损|盈利|税后|"
                         r"单月|单季|全年|前三季|上半年|今年|去年|第[一二三四]季)|[，,（(]|\d)")
_LEAD_STOP = sorted(set(zh.ORG_LEAD_STOP), key=lambda w: (-len(w), w))
_LATIN = re.compile(r"(?<![A-Za-z0-9$€£.])([A-Z][A-Za-z0-9&.\-]*[a-z0-9][A-Za-z0-9&.\-]*"
                    r"(?:\s[A-Z][A-Za-z0-9&.\-]+)?)(?![A-Za-z0-9$])")
_LATIN_STOP = set(zh.LATIN_NOT_ORG) | NER_STOP
_EN_STOP = {"The", "A", "An", "In", "On", "For", "And", "But", "Its", "This", "That", "As", "At",
            "By", "Of", "To", "With", "From", "First", "Second", "Third", "Fourth", "Fiscal",
            "Quarter", "Year", "Full", "Total", "Net", "Revenue", "Sales"}


def _trim_lead(name: str) -> str:
    """Cut the words that end the text before a Chinese name ("报告期内明阳电气" -> 明阳电气)."""
    for w in zh.ORG_DESCRIPTORS:
        i = name.rfind(w)
        if i >= 0 and len(name) - i - len(w) >= 2:
            name = name[i + len(w):]
    changed, single = True, False
    while changed and len(name) > 2:
        changed = False
        for w in _LEAD_STOP:
            # one function character ends the text before the name: "的電能實業" keeps 電
            if name.startswith(w) and len(name) - len(w) >= 2 and not (single and len(w) == 1):
                name = name[len(w):]
                changed, single = True, single or len(w) == 1
                break
    # the last stop word inside the name ends the text before it
    for w in _LEAD_STOP:
        i = name.rfind(w)
        if 0 < i and len(name) - i - len(w) >= 2 and len(w) >= 2:
            name = name[i + len(w):]
    cut = max((i for i, c in enumerate(name[:-2]) if c in zh.ORG_CUT_CHARS or c.isdigit()), default=-1)
    name = name[cut + 1:]
    if cut >= 0 and name[:1] in "万亿股元" and len(name) > 3:
        name = name[1:].lstrip("股元")  # "3536万股股份": the unit of a count, not a name
    return name


def _cut_straddling(before: str, name: str) -> str:
    """Cut a descriptor the match began inside ("车企业游侠汽车" matched from 企: 企业 is the
    descriptor, 游侠汽车 the name)."""
    if name.startswith(tuple(zh.ORG_DESCRIPTORS)):
        return name  # "汽车|企业游侠汽车": the descriptor inside the match is the one
    s = before + name
    for w in zh.ORG_DESCRIPTORS:
        i = s.rfind(w, 0, len(before) + len(w) - 1)
        if 0 <= i < len(before) < i + len(w) and len(s) - i - len(w) >= 2:
            return s[i + len(w):]
    return name


def _entity(text: str, start: int, name: str, aliases: AliasTable, weak: bool = False,
            original: str | None = None) -> Entity | None:
    """An entity for `name` found in `text` (maybe normalized) at or after `start`; named as
    written in `original`."""
    name = _BASED_LEAD.sub("", name.strip(" \u3000"))
    if len(name) < 2 or _NOT_A_NAME.match(name) or name.startswith(zh.NOT_NAME_START) \
            or _NOT_IN_NAME.search(name) and not aliases.resolve(name):
        return None
    pos = text.find(name, start)
    if pos < 0:
        return None
    written = (original or text)[pos:pos + len(name)]
    canonical = aliases.resolve(written) or aliases.resolve(name)
    return Entity(pos, pos + len(name), written, "ORG", canonical or written, known=False,
                  weak=weak and canonical is None)


def find_orgs(text: str, aliases: AliasTable) -> list[Entity]:
    """Organisation names found by shape, not overlapping one another."""
    out: list[Entity] = []
    for m in finditer(_EN_NAME, text):
        if m.group("tk") and (m.group("tk") in _LATIN_STOP or m.group("tk") in en.ACTOR_STOP):
            continue  # "(AI)", "(CEO)": an abbreviation, not a ticker
        if m.group("tk") and m.group("tk") in en.AGENCY_TAGS:
            continue  # "CAMBRIDGE, Mass. (AP) _": a dateline's news agency, not a ticker
        if m.group("tk") and _NAME_GOES_ON.search(text, max(0, m.start() - 6), m.start()):
            continue  # "Industrial and Commercial Bank of China (ICBC)": the end of a longer name
        name = m.group(1) or m.group(2) or m.group(3)
        words = name.split()
        while words and words[0] in _EN_STOP:
            words = words[1:]
        if words:
            ent = _entity(text, m.start(), " ".join(words), aliases)
            if ent:
                out.append(ent)
    for m in finditer(_APPOSED, text):
        words = m.group(1).split()
        while words and (words[0] in en.ACTOR_STOP or words[0] in _EN_STOP):
            words = words[1:]
        name = " ".join(words)
        if name and name not in NER_STOP and not _LATIN_STOP.intersection(words):
            ent = _entity(text, m.start(1), name, aliases)
            if ent:
                out.append(ent)
    for m in (*finditer(_DESCRIBED_ACTOR, text), *finditer(_RAISED_BY, text), *finditer(_DESCRIBED_OWNER, text)):
        words = m.group(1).split()
        if len(words) > 1 and _LEGAL_WORD.fullmatch(words[-1]):
            words = words[:-1]  # "cement maker Summit Materials Inc,": the name without its legal form
        name = " ".join(words)
        if name not in en.ACTOR_STOP and name not in NER_STOP and not _LATIN_STOP.intersection(words):
            ent = _entity(text, m.start(1), name, aliases)
            if ent:
                out.append(ent)
    for m in (*finditer(_ACTOR, text), *finditer(_RESULTS_HEADING, text), *finditer(_LABELLED_LINE, text)):
        words = m.group(1).split()
        while words and words[0] in en.ACTOR_STOP:
            words = words[1:]
        name = " ".join(words)
        if name and name not in en.ACTOR_STOP and name not in NER_STOP and not _LATIN_STOP.intersection(words):
            ent = _entity(text, m.start(1), name, aliases, weak=True)
            if ent:
                out.append(ent)
    if numbers.cjk_share(text) > 0.05:
        norm = numbers.normalize(text)
        shapes = ((_ZH_LEGAL, 1, False), (_ZH_CODE, 1, False), (_ANNOUNCER, 1, False), (_TAGGED_ANNOUNCER, 1, False),
                  (_DATED_ANNOUNCER, 1, False), (_DESCRIBED, 1, True),
                  (_RESULTS_LEAD, 1, False), (_SUBSIDIARY, 1, True), (_ZH_SUFFIX, 0, True))
        for rx, group, weak in shapes:
            for m in finditer(rx, norm):
                name = _trim_lead(_cut_straddling(norm[max(0, m.start(group) - 3):m.start(group)], m.group(group)))
                if m.start(group) > 0 and norm[m.start(group) - 1].isdigit():
                    name = name.lstrip("万亿千百股元")  # "3536万股股份": a count's unit, not a name
                if len(name) <= 2 and weak and rx is not _SUBSIDIARY or name in zh.ORG_SUFFIXES or any(name.endswith(w) for w in _LEAD_STOP if len(w) >= 2):
                    continue
                if weak and rx is not _SUBSIDIARY and not _SUBJECT_NEXT.match(norm[m.end(group):m.end(group) + 4]):
                    continue  # "新型三代半导体功放芯片": a word of a longer noun, not a name
                ent = _entity(norm, m.start(group), name, aliases, weak, text)
                if ent:
                    out.append(ent)
        for m in _HOLDING.finditer(norm):
            group = 1
            name = m.group(group)
            if name not in zh.HOLDING_NOT_NAMES and not name.endswith(tuple(w[-2:] for w in zh.HOLDING_NOT_NAMES)):
                ent = _entity(norm, m.start(group), name, aliases, True, text)
                if ent:
                    out.append(ent)
        for m in _LATIN.finditer(text):
            name = m.group(1).rstrip(".-")
            if name in _LATIN_STOP or name.split()[0] in _LATIN_STOP or name.split()[0] in en.ACTOR_STOP \
                    or len(name) < 2 \
                    or sum(c.isdigit() for c in name) >= 4 or _PERIOD_LIKE.match(name):
                continue
            if _SEGMENT_NEXT.match(text[m.end():m.end() + 6]):
                continue  # "AIoT业务收入": a business line, not a company
            around = text[max(0, m.start() - 1):m.end() + 1]
            if numbers.cjk_share(around) == 0 and numbers.cjk_share(text[max(0, m.start() - 20):m.end() + 20]) < 0.3:
                continue  # inside an English passage: NER's business, not this rule's
            ent = _entity(text, m.start(1), name, aliases)
            if ent:
                out.append(ent)
    out.sort(key=lambda e: (e.start, e.weak, -(e.end - e.start)))
    kept: list[Entity] = []
    for e in out:
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
    return kept


_NOT_A_NAME = re.compile(en.NOT_A_NAME)
# "London-based Builder.ai": where a company is based is not its name.
# "Denver-based Foo", "India’s Tata Motors": where the company is, not its name.
_BASED_LEAD = re.compile(r"^[A-Z][\w.]*(?:\s[A-Z][\w.]*)?-(?:based|headquartered|led|backed|owned|controlled|run)\s+|^[A-Z][a-z]+['’]s\s+(?=[A-Z])")
_NOT_IN_NAME = re.compile("|".join(zh.NOT_IN_NAME))
_TOPIC_TAGS = ("nz", "nt", "nr", "j")
# jieba's tags of a first word no company name starts with: verbs, prepositions, pronouns,
# time and place-of words, conjunctions, numerals, adverbs, particles
_NOT_NAME_TAGS = {"v", "vn", "vd", "p", "r", "t", "f", "c", "m", "mq", "d", "u", "uj", "ul", "ud", "uv", "h"}
_TOPIC_LEAD = " -–—•·*\u3000"
# "金融科技及企业服务业务收入", "美系券商表示": LAC's ORG is a business line or a broker's descriptor
_LAC_NOT_NAME_NEXT = re.compile(r"[^，,。；;：:]{0,6}?(?:业务|板块|分部|部门)|券商|外资|投行|分析师|法人")
_LAC_WINDOW = 24  # a name opening the clause is in its first characters; the model's time grows with length
_WIRE_TAG = re.compile(zh.WIRE_TAG)
_GENERIC = {"公司", "集团", "业绩", "报告", "市场", "行业", "板块", "业务", "期内", "去年", "今年", "本季", "归母", "扣非",
            "单季", "全年", "首季", "上季", "同期", "预计", "預計", "预期", "預期", "预估", "預估",
            "环比", "環比", "同比", "按年", "按季", "发行人", "發行人",
            # the channels of Stock Connect and the money through them, not companies
            "沪股通", "深股通", "港股通", "滬股通", "北上资金", "南下资金", "北向资金", "南向资金", "北水", "南水"}


def clause_topic(clause: str) -> str | None:
    """A name that opens a Chinese clause ("新浪前一交易日收盘价为…"): jieba's proper noun,
    else, when the optional Baidu LAC model is installed, its organisation name."""
    clause = _WIRE_TAG.sub("", clause, count=1)
    words = _pos(clause[:16])
    name = _jieba_topic(clause, words) or _lac_topic(clause, words)
    return None if name is None or _NOT_IN_NAME.search(name) else name


def _pos(text: str) -> list[Any]:
    """jieba's first two words and their part-of-speech tags: all the topic rules read.

    jieba cuts lazily, so the words after them are never tagged (the HMM over unknown
    characters is most of its time)."""
    return list(islice(jieba_tables.tagger().cut(text), 2))


def _lac_topic(clause: str, words: list[Any]) -> str | None:
    """LAC's organisation name opening the clause ("平安银行刚刚发布…"), where jieba saw none.

    Measured on the real corpus (fixtures/extract/real/BATCHES.md): as a last resort it adds
    claims; as a source of candidates everywhere it costs more than it finds.
    """
    if not lac.available():
        return None
    lead = len(clause) - len(clause.lstrip(_TOPIC_LEAD))
    if not numbers.cjk_share(clause[lead:lead + 1]):
        return None  # "2025年…", "Klarna…": no Chinese name opens it
    if words and (words[0].flag in _NOT_NAME_TAGS or _METRIC_WORD.match(words[0].word) or words[0].word in _GENERIC):
        return None  # "同比增长…", "期内…", "每股…": a verb, time word or metric opens it (LAC is slow)
    return _lac_name_at(clause[lead:lead + _LAC_WINDOW + 10])


@lru_cache(maxsize=4096)
def _lac_name_at(text: str) -> str | None:
    """LAC's organisation name at the start of `text`; cached, since every figure of a
    clause asks about the same start."""
    span = next(((s, e) for s, e in lac.org_spans(text[:_LAC_WINDOW]) if s == 0), None)
    if span is None or _LAC_NOT_NAME_NEXT.match(text[span[1]:span[1] + 10]):
        return None
    name = text[:span[1]].strip()
    return name if _topic_ok(name, text[span[1]:span[1] + 4]) else None


def _topic_ok(name: str, after: str) -> bool:
    """Not a generic or metric word, not a broker, commodity or speaker."""
    if len(name) < 2 or name in _GENERIC or _METRIC_WORD.search(name) or not numbers.cjk_share(name):
        return False
    return name not in zh.ANALYST_NAMES and not _NOT_TOPIC_NEXT.match(after)


def _jieba_topic(clause: str, words: list[Any]) -> str | None:
    """jieba's proper noun opening the clause, with a plain noun after it that belongs to the
    name ("世界华文")."""
    if not words:
        return None
    if words[0].flag == "n" and len(words) > 1 and words[1].flag in _TOPIC_TAGS and len(words[0].word) >= 2:
        name = words[0].word + words[1].word  # "世界" + "华文"
    elif words[0].flag in _TOPIC_TAGS:
        name = words[0].word
        if len(words) > 1 and words[1].flag == "n" and words[1].word not in _GENERIC and len(words[1].word) == 2 \
                and not _METRIC_WORD.search(words[1].word):
            name += words[1].word  # "吉星" + "新能源"? only two-character nouns
    else:
        return None
    return name if _topic_ok(name, clause[len(name):len(name) + 4]) else None


_ORG_TAIL = re.compile(rf"^\s+{en.ORG_WORDS}(?:\s+(?:{en.ORG_WORDS}|Services|Group|Holdings|Co\.?))*\b")


def extend_known(text: str, entities: list[Entity]) -> list[Entity]:
    """A known name followed by a company word is another company ("Samsung Biologics",
    "平安银行")."""
    out = []
    for e in entities:
        if e.text[-1:].isascii():
            m = _ORG_TAIL.match(text[e.end:e.end + 60])
            end = e.end + m.end() if m else None
            arm = next((w for w in zh.REGIONAL_ARMS if text.startswith(w, e.end)), None)
            if end is None and arm:
                end = e.end + len(arm)  # "Uber中國": the company's arm there, another company
        else:
            tail = next((w for w in zh.GROUP_MEMBER_TAILS if text.startswith(w, e.end)), None)
            end = e.end + len(tail) if tail else None
        if end is not None:
            name = text[e.start:end]
            e = Entity(e.start, end, name, "ORG", name, known=False)
        out.append(e)
    return out
