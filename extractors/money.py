"""Money spans: currency + number + scale + range + qualifier + rate (pure).

Works on `numbers.normalize(text)`, which keeps offsets, so spans index the original text.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from extractors import numbers
from extractors.lang import currency as cur_data
from extractors.lang import en, zh
from extractors.numbers import DECIMAL_COMMA, EN_NUMBER, ZH_DIGITS, ZH_NUMERAL, ZH_SECTIONS
from extractors.region import CENT, LOCAL, resolve_currencies, text_region
from extractors.spans import Money, Quantity

# The currency a feed's bare 元 stands for when its texts never say (a per-feed setting).
_LOCAL_DEFAULT: ContextVar[str | None] = ContextVar("local_currency", default=None)


@contextmanager
def local_currency(code: str | None) -> Iterator[None]:
    """Within the block, a bare 元 with no signal in its text is `code` (e.g. "TWD")."""
    token = _LOCAL_DEFAULT.set(code)
    try:
        yield
    finally:
        _LOCAL_DEFAULT.reset(token)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MULTI = [k for k in cur_data.DOLLAR_PREFIXES if len(k) > 1]
_SINGLE = [k for k in cur_data.DOLLAR_PREFIXES if len(k) == 1]
# "HK $ 7.2 billion" and "hk$7.2 billion" are HKD; a lone capital only glued ("T$", "A$"),
# so "a $5 fee" stays USD.
_PREFIX_CODES = {**cur_data.PREFIX_CODES, **en.CURRENCY_CODES}
_PREFIX = (f"(?:(?:{_alt(cur_data.SPACED_DOLLAR_PREFIXES)})\\s\\$|(?i:{_alt(_MULTI)})\\$|(?:{_alt(_SINGLE)})\\$"
           f"|{_alt(en.CURRENCY_PREFIX)}|(?:{_alt(_PREFIX_CODES)})(?=\\s?[\\d.])|{cur_data.RUPEE_PREFIX})")
_NUM = f"(?:{DECIMAL_COMMA}|{EN_NUMBER})"
# "$1.5-trillion plan": a hyphen may join a scale word to its number.
_SCALE = (r"(?:(?:-|[ \t]*\n[ \t]*|\s)?(?i:thousand|million|billion|trillion|lakh crores?|crores?|lakhs?)|\s?(?i:mln|bln|trln|tln|trn|bil|bn|mn|tn|mil)"
          r"|MM|mm|tr|[kKmMbBT])(?![A-Za-z0-9])")  # "¥24tr": glued
_NUMBER_WORDS = ("a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                 "eighty", "ninety", "half a")
_WORDNUM = (rf"(?i:(?:{'|'.join(_NUMBER_WORDS)})"
            r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|hundred))?)")
# Names in any case and number ("12 us dollar", "300 Chinese yuan"); codes in any case,
# glued or not, with a scale glued before them ("240USD", "18 usd", "45 MUSD"); a symbol
# after the number ("35 €") when no number follows it.
_NAMES = {k.lower(): v for k, v in en.CURRENCY_SUFFIX.items()}
for _name, _code in cur_data.NAMES.items():
    _NAMES.setdefault(_name, _code)
    _NAMES.setdefault(_name + ("es" if _name.endswith("ch") else "s"), _code)
_CODES = {**{k.upper(): v for k, v in en.CURRENCY_CODES.items()}, **cur_data.CODES}
_SUFFIX = (f"(?:[\\s-](?:of\\s)?(?P<name>(?i:{_alt(_NAMES)}))"
           f"|\\s?(?P<cs>{_alt(cur_data.CODE_SCALES)})?(?P<code>(?i:{_alt(_CODES)}))"
           f"(?:\\s(?P<s3>(?i:thousand|million|billion|trillion|mln|bln|bn|mn)))?"
           f"|\\s?(?P<sym>{_alt(cur_data.SYMBOLS)})(?!\\s?[\\d.]))(?![A-Za-z])")
_NEEDS_SCALE = {w for n in cur_data.AMBIGUOUS_NAMES for w in (n, n + "s")} - {"dollars", "euros"}
_SUFFIX_SCALE = (r"(?:(?:-|[ \t]*\n[ \t]*|\s)?(?P<S>(?i:thousand|million|billion|trillion|lakh crores?|crores?|lakhs?)"
                 r"|(?i:mln|bln|trln|tln|bn|mn|tn)|[mbkMBK])(?![A-Za-z]))")  # "293.9 bln won": wire style

EN_PREFIXED = re.compile(
    rf"(?P<pre>{_PREFIX})\s?(?P<sign>-)?(?P<n1>{_NUM})(?P<s1>{_SCALE})?"
    rf"(?:\s?(?:-|–|—)\s?(?P<pre2>{_PREFIX})?\s?(?P<n2>{_NUM})(?P<s2>{_SCALE})?)?"
    rf"(?P<plus>\+)?"
)
EN_SUFFIXED = re.compile(
    rf"(?<![\w$€£¥.,])(?P<n1>{EN_NUMBER}|{_WORDNUM}){_SUFFIX_SCALE.replace('<S>', '<s1>')}?"
    rf"(?:\s?(?:-|–|to)\s?(?P<n2>{EN_NUMBER}){_SUFFIX_SCALE.replace('<S>', '<s2>')}?)?"
    rf"(?P<plus>\+)?{_SUFFIX}"
    r"(?P<mpart>\s(?:and\s)?(?P<minor>\d{1,2})\s?(?i:cents?)\b)?"
)
# "27 cents", "8-10 cents", "212 pence", "50p": money in the major unit.
EN_MINOR = re.compile(
    rf"(?<![\w$€£¥.,])(?P<n1>{_NUM})(?:\s?(?:-|–|to)\s?(?P<n2>{EN_NUMBER}))?"
    r"(?:(?:\s|-)?(?P<us>U\.?S\.?\s)?(?:(?P<land>Singapore|Australian|Canadian|Hong Kong|New Zealand)\s)?"
    r"(?P<u>(?i:cents?|pence|penny)|sen)\b|(?P<c>¢)|(?P<p>p)(?![A-Za-z0-9]|\.[A-Za-z]))"
)
_GBP_CONTEXT = re.compile(cur_data.GBP_CONTEXT)
_DOLLAR_REGIONS = [(code, tuple(map(re.compile, rxs))) for code, rxs in cur_data.DOLLAR_REGIONS.items()]
_US_DOLLAR = re.compile(cur_data.US_DOLLAR_MARK)
_US_CENTS = re.compile(cur_data.US_CENTS)
# "逾千亿元", "近百亿美元": a bare 千/百 scale counts as one only right after a bound.
_ZH_NUM = f"(?:{ZH_SECTIONS}|{ZH_DIGITS}|{ZH_NUMERAL}|(?<=[逾超近约])[百千](?=[万亿]))"
_ZH_SCALE = "[千百万亿兆]*"
_ZH_SUFFIX = {**zh.CURRENCY_SUFFIX, **cur_data.ZH_SUFFIX}
_ZH_CUR = _alt(_ZH_SUFFIX)
_ZH_PREFIX = {**cur_data.ZH_PREFIX, **zh.CURRENCY_PREFIX, "NT$": "TWD", "RMB": "CNY", "Rmb": "CNY",
              "US$": "USD", "HK$": "HKD", "$": "USD", "¥": "CNY", "€": "EUR", "£": "GBP"}
_ZH_DIGIT = "[0-9一二两三四五六七八九]"
ZH_MONEY = re.compile(
    rf"(?P<pre>{_alt(_ZH_PREFIX)})?\s?(?P<sign>负|-)?"
    rf"(?<![数几上\d.])(?<!\d,)(?P<n1>{_ZH_NUM})\s?(?P<a1>[余多几])?(?P<s1>{_ZH_SCALE})(?P<a3>(?<=[万亿])[余多])?"
    rf"(?:\s?(?:至|到|-|–|~|～|—)\s?(?P<n2>{_ZH_NUM})\s?(?P<a2>[余多])?(?P<s2>{_ZH_SCALE}))?"
    # "元首" (head of state), "元旦": a bare 元 before them is no currency; "美元首付" is.
    rf"\s?(?P<cur>(?!元首(?!付|期|笔))(?:{_ZH_CUR})(?![旦宵素老]))?"
    # "35元8角2分": the minor units written after 元 belong to it.
    rf"(?:(?<=[元块])(?P<jiao>{_ZH_DIGIT})[角毛](?![利钱]))?(?:(?<=[元块角毛])(?P<fen>{_ZH_DIGIT})分(?![钟之别]))?"
)
# A scale alone as a round figure: "突破千亿元大关", "站穩兆元", "距離百兆元大關".
ZH_ROUND = re.compile(r"(?<=[逾超近约破越稳穩达])(?P<n>[百千]?)(?P<s>万亿|亿|兆)(?P<cur>元|美元|港元)"
                      r"|(?<![\d一二两三四五六七八九十〇零百千万亿兆.])(?P<n2>[百千]?)(?P<s2>万亿|亿|兆)(?P<cur2>元|美元|港元)"
                      r"(?=大关|大關|关口|關口|门槛|門檻)")
# Hong Kong cents: "每股9仙", "港幣8.81仙", "十五仙", "78港仙".
ZH_XIAN = re.compile(r"(?P<pre>港币|港元)?\s?(?<![\d.])(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,3})\s?港?仙"
                     r"(?![人女子境鹤鶴侠俠姑桃草丹])")
_XIAN_CONTEXT = re.compile(r"(?:每股|股息|息|派|盈利|盈餘|盈余|收益|价|價|报|報|至|率)[^，。；,;]{0,6}$")
# One item of a list before an amount: a number, its own scale or none, a separator.
_LIST_ITEM_BEFORE = re.compile(rf"(?<![\d.,年月日%])(?P<n>{ZH_DIGITS})\s?(?P<s>[万亿兆]*)\s?(?:、|/|和|及|与|或)\s?$")
# A bare number with a large Chinese scale, ending a line or a clause.
_BARE_ZH = re.compile(rf"(?<![\d.,])(?P<n>{ZH_DIGITS})\s?(?P<s>万亿|亿|兆)(?=[ \t]*(?:\n|$)|[ \t]+[^\d\s]|[，。；,;!?！？])")
# A rate of exchange written as a price ("新台幣兌美元匯率29元") is no amount.
_EXCHANGE_BEFORE = re.compile(r"(?:[兑兌]\s?(?:美元|美金|人民币|港元|港币|日元|欧元|新台币)?|汇率|匯率|"
                              r"(?<![\d.,])1\s?(?:美元|美金|人民币|港元|港币|日元|欧元|英镑|新台币|元)\s?(?:约|大约)?(?:合|折合|等于))"
                              r"\s?(?:为|是|约|以|在|达)?\s?$")
# "1美元约合118日元": the unit of a rate of exchange, no amount.
_EXCHANGE_UNIT = re.compile(r"^\s?(?:约|大约)?(?:合|折合|兑|兌|等于)\s?\d")
# "每股亏损37分", "每股派息5角", "5毛钱": minor units of the local currency.
ZH_MINOR = re.compile(r"(?<![\d.,])(?P<n>\d{1,3}(?:\.\d+)?|[一二两三四五六七八九十]{1,3})\s?"
                      r"(?P<u>角|分(?![钟之别析])|毛(?=钱))")
# "每股收益61美分": US cents, whatever the region.
ZH_US_CENTS = re.compile(r"(?<![\d.,])(?P<n>\d{1,3}(?:\.\d+)?)\s?美分")
_ZH_MINOR_CONTEXT = re.compile(rf"(?:{cur_data.MINOR_ZH_CONTEXT})[^，。；,;]{{0,6}}$")
_KUAI_CONTEXT = re.compile(rf"(?:{cur_data.KUAI_CONTEXT})[^，。；,;]{{0,8}}$")
_CLAUSE_END = re.compile(r"^(?:\s|$|[，。；！？,.;!?)）、])")
_RANGE_SIGN = re.compile(r"[\d千百万亿兆元币金A-Za-z]\s?$")

# Bounds that contain another bound go first: "no more than" before "more than", 不超过 before 超过.
_QUAL_ORDER = ("at_most", "at_least", "less_than", "more_than", "approx")
_QUAL_BEFORE_EN = {
    q: re.compile(rf"(?i)(?:^|[^A-Za-z])(?:{_alt(en.QUALIFIER_BEFORE[q])})\s*$") for q in _QUAL_ORDER
}
_QUAL_WORDS_MAX = max(len(w) for q in _QUAL_ORDER for w in en.QUALIFIER_BEFORE[q])
# "concerns about $5bn of debt", "a dispute over $2bn": about and over as "regarding".
_REGARDING_WORDS = ("about", "over", "around")
_REGARDING = re.compile(rf"(?i)\b(?:{'|'.join(en.REGARDING_BEFORE)})\s+(?:{'|'.join(_REGARDING_WORDS)})\s*$")
# Chinese puts a bound before its verb ("至少投入100亿", "最多需要"): up to two characters
# may stand between. An estimate (约, 近) must touch the figure: "近获" is "recently got".
_QUAL_BEFORE_ZH = {q: re.compile(rf"(?:{_alt(zh.QUALIFIER_BEFORE[q])})\s*(?:为|是|达|约|折合|折)?\s*$" if q == "approx"
                                 else rf"(?:{_alt(zh.QUALIFIER_BEFORE[q])})\s*[\u4e00-\u9fff]{{0,2}}\s*$")
                   for q in _QUAL_ORDER}
_QUAL_AFTER_EN = {q: re.compile(rf"(?i)^(?:\+|-plus\b|\s(?:{_alt([w.strip() for w in words if w not in ('+', '-plus')])})(?![A-Za-z]))")
                  for q, words in en.QUALIFIER_AFTER.items()}
_QUAL_AFTER_ZH = {q: re.compile(rf"^\s?(?:{_alt(words)})")
                  for q, words in zh.QUALIFIER_AFTER.items() if q != "at_least"}
_ZH_AT_LEAST_AFTER = re.compile(r"^\s?以上")
_PER_AFTER_EN = re.compile(
    rf"(?i)^[\s-]?(?:/|\ba\b|\ban\b|per|each|every)[\s-]?(?P<u>{_alt(en.PER_UNITS)})\b"
    r"(?!\s+(?:ago|earlier|later|before|after|in which|when|that|of|from))"
    rf"|^\s(?P<adv>{_alt(en.PER_ADVERBS)})\b"
)
_PER_BEFORE_EN = re.compile(r"(?i)\b(?P<adv>annual|quarterly|monthly|weekly|daily)\s+$")
# "$157 U.S. a share": a currency's country may stand between the amount and its unit.
_UNIT_AFTER_EN = re.compile(rf"(?i)^(?:\s(?:U\.S\.|US|Cdn|C)(?=\s))?\s?(?:/|\ba\b|\ban\b|per|each)\s?(?P<u>{_alt(en.PER_ITEM)})s?\b")
_PER_BEFORE_ZH = re.compile(rf"(?P<w>{_alt(zh.PER_BEFORE)})(?![股桶])[^，。；,;]{{0,8}}$")
_PER_AFTER_ZH = re.compile(rf"^\s?(?P<w>{_alt(zh.PER_AFTER)})")
_UNIT_AFTER_ZH = re.compile(rf"^\s?(?:/|每)(?P<u>{_alt(zh.PER_ITEM)})")
_UNIT_BEFORE_ZH = re.compile(r"每(?P<u>股|桶|吨|盎司)[^，。；]{0,6}$")
_NEG_BEFORE = re.compile(r"(?i)(?:\bnegative|\bminus)\s+$")
_CONVERSION_GAP = re.compile(r"^\s*[(（\[]\s*(?:(?i:about|around|approximately|roughly|or|equivalent to|some))?\s*(?:约合|折合|合|约)?\s*$")
# "2.43 trillion won, or around 1.8 billion U.S. dollars": another currency after "or".
_OR_CONVERSION_GAP = re.compile(r"(?i)^\s*,?\s*or\s+(?:about|around|approximately|roughly|some|nearly|almost)?\s*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TOLERANCE = re.compile(cur_data.TOLERANCE_AFTER)
_RANGE_GAP = re.compile(r"^\s*(?P<j>to|and|-|–|—|至|到|~|～|〜)\s*$")
_FROM_BEFORE = re.compile(r"(?i)(?:\bfrom|从)\s*$")
_RANGE_TILDE = re.compile(r"[\d元万亿兆]\s*~$")  # "5000萬元~7000萬元": a range, not "about"
# "moved up to $283 million": a move to a level, not a cap.
_MOVED_UP_TO = re.compile(r"(?i)\b(?:moved?|moves|went|goes|go|rose|rise|rises|climbed|jumped|shot|ramped|"
                          r"edged|inched|ticked|revised|raised|lifted|marked)\s+up\s+to\s*$")
_CHANGE_BEFORE = re.compile(r"(?i)\b(?:rose|jumped|grew|fell|increased|decreased|climbed)\s*(?:from)?\s*$|\bby\s*$")
_BETWEEN_BEFORE = re.compile(r"(?i)(?:\bbetween|介于|在)\s*$")
# "每股回购价介乎89.95港元至89.6港元": a range named as one, whichever bound comes first
_RANGE_NAMED_BEFORE = re.compile(r"(?:介乎|介於|介于|區間為?|区间为?|範圍為?|范围为?)\s*$")


# Where each grammar may begin. A scanner consumes exactly one character (a plain class,
# which `re` looks for in C) and then tests only around it, so it visits every position;
# `_scan` runs the full grammar only where its scanner stops, and finds what `finditer` would.
# Python's case-insensitive matching also folds these letters onto ASCII ones.
_FOLDS_TO_ASCII = {"i": "İı", "s": "ſ", "k": "\u212a"}


def _any_case(chars: Iterable[str]) -> set[str]:
    return {v for c in chars for v in (c, c.lower(), c.upper(), *_FOLDS_TO_ASCII.get(c.lower(), ""))}


def _class(chars: Iterable[str], extra: str = "") -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + extra + "]"


def _scan(rx: re.Pattern[str], starts: re.Pattern[str], t: str) -> Iterator[re.Match[str]]:
    """`rx.finditer(t)`, trying `rx` only where `starts` stops."""
    pos = 0
    for s in starts.finditer(t):
        q = s.start()
        if q >= pos:
            m = rx.match(t, q)
            if m:
                yield m
                pos = max(m.end(), q + 1)


# A prefix, a space, a sign, then the number: its first digit is at most this far on.
_PREFIXES = [*(w + " $" for w in cur_data.SPACED_DOLLAR_PREFIXES), *(w + "$" for w in cur_data.DOLLAR_PREFIXES),
             *en.CURRENCY_PREFIX, *_PREFIX_CODES, "Rs."]
EN_PREFIXED_STARTS = re.compile(
    _class({w[0] for w in _PREFIXES} | _any_case(w[0] for w in _MULTI) | {cur_data.RUPEE_PREFIX[0]})
    + rf"(?=(?s:.){{0,{max(map(len, _PREFIXES)) + 2}}}\d)")
# Numbers (a digit or a decimal point) and number words, after no word character.
_AFTER_NO_WORD = r"(?<![\w$€£¥.,].)"
_WORD_REST = "|".join(f"(?<={w[0]})(?={re.escape(w[1:])})" for w in _NUMBER_WORDS)
EN_SUFFIXED_STARTS = re.compile(_class(_any_case(w[0] for w in _NUMBER_WORDS), r"\d.") + _AFTER_NO_WORD
                                + rf"(?:(?<=[\d.])|(?i:{_WORD_REST}))")
EN_MINOR_STARTS = re.compile(r"[\d.]" + _AFTER_NO_WORD)
# A Chinese amount starts at its number, or a prefix, space or sign shortly before it.
_ZH_NUM_FIRST = _class(zh.NUMERAL_START + "百千", r"\d")
ZH_MONEY_STARTS = re.compile(
    _class({w[0] for w in _ZH_PREFIX} | {"负", "-"}, r"\d\s" + zh.NUMERAL_START + "百千")
    + rf"(?:(?<={_ZH_NUM_FIRST})(?<![数几上\d.].)(?<!\d,.)"
    + rf"|(?<!{_ZH_NUM_FIRST})(?=(?s:.){{0,{max(map(len, _ZH_PREFIX)) + 1}}}{_ZH_NUM_FIRST}))")
ZH_ROUND_STARTS = re.compile("[百千万亿兆]")
ZH_MINOR_STARTS = re.compile(r"[\d一二两三四五六七八九十](?<![\d.,].)")


Candidate = tuple[int, int, float, float, str, str | None, float]


# "$(2,347,129)", "$(0.18)": accounts' negatives, the sign's brackets after the symbol
_SYMBOL_BRACKETED = re.compile(r"(?<![\w$])(?P<pre>US\$|\$|€|£)\((?P<n>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\)")


def _en_candidates(t: str, lang_hint: str, dollar: str = "USD") -> Iterator[Candidate]:
    """(start, end, low, high, currency, qualifier-from-suffix, scale) for English-style amounts.

    `scale` is the multiplier a scale word gave (1.0 for a bare number), so "$2.5 to $3
    billion" can carry the billion back to the 2.5.
    """
    if "$(" in t or "€(" in t or "£(" in t:
        for m in _SYMBOL_BRACKETED.finditer(t):
            cur = dollar if m.group("pre") == "$" else _prefix_currency(m.group("pre"))
            value = numbers.parse_digits(m.group("n"))
            if cur is not None and value is not None:
                yield m.start(), m.end(), -value, -value, cur, None, 1.0
    for m in _scan(EN_PREFIXED, EN_PREFIXED_STARTS, t):
        pre = m.group("pre")
        cur = _prefix_currency(pre)
        if cur is None or (m.start() > 0 and t[m.start() - 1] == "/"):
            continue  # "EUR/USD 1.08": an exchange rate
        if pre == "¥" and lang_hint == "zh":
            cur = "CNY"
        if pre == "$":
            cur = dollar
        # "$135B" mid-word (e.g. "US$" split) is fine; "A$" inside a word is not.
        if m.start() > 0 and t[m.start() - 1].isalnum() and len(pre) > 1 and pre[0].isalpha():
            continue
        low = numbers.parse_digits(m.group("n1"))
        s1, s2 = m.group("s1"), m.group("s2")
        end = m.end()
        if m.group("n2"):
            high = numbers.parse_digits(m.group("n2"))
            scale2 = numbers.en_scale(_clean_scale(s2 or s1))
            scale1 = numbers.en_scale(_clean_scale(s1)) if s1 else scale2
            lo, hi = numbers.scaled(low, scale1), numbers.scaled(high, scale2)
            if not (lo < hi <= lo * 100):
                end = m.end("s1") if s1 else m.end("n1")
                one = numbers.en_scale(_clean_scale(s1))
                yield m.start(), end, numbers.scaled(low, one), numbers.scaled(low, one), cur, None, one
                continue
            low, high, scale = lo, hi, scale2
        else:
            scale = numbers.en_scale(_clean_scale(s1))
            low = high = numbers.scaled(low, scale)
        if m.group("sign"):
            low, high = -high, -low
        yield m.start(), end, low, high, cur, ("at_least" if m.group("plus") else None), scale
    for m in _scan(EN_SUFFIXED, EN_SUFFIXED_STARTS, t):
        name, code, sym = m.group("name"), m.group("code"), m.group("sym")
        if name:
            cur = _NAMES.get(name.lower())
        elif code:
            cur = _CODES.get(code.upper())
            if code != code.upper() and (m.group("cs") or code.lower() not in cur_data.LOWER_CASE_CODES):
                cur = None  # "5 Musd" is no scale glued to a code
            if t[m.end("code"):m.end("code") + 2].startswith("/"):
                cur = None  # "1.08 EUR/USD": an exchange rate
        else:
            cur = dollar if sym == "$" else cur_data.SYMBOLS.get(sym)
            if sym == "¥" and lang_hint == "zh":
                cur = "CNY"
        if cur is None:
            continue
        n1, s1 = m.group("n1"), m.group("s1")
        s1 = s1 or m.group("s3")
        if n1[0].isdigit() or n1[0] == ".":
            v1: float | None = numbers.parse_digits(n1)
        else:
            v1 = numbers.parse_en_words(n1)
            if not s1 or _clean_scale(s1).lower() not in en.SCALE_WORDS:
                continue
        minor = m.group("minor")
        dollar_like = bool(name) and name.lower().rstrip("s").endswith("dollar")
        if v1 is None or (name and name.lower() in _NEEDS_SCALE and not s1 and not (minor and dollar_like)):
            continue
        n2, s2 = m.group("n2"), m.group("s2")
        code_scale = cur_data.CODE_SCALES.get(m.group("cs") or "", 1.0)
        end = m.end()
        if minor and not (dollar_like and not n2 and not s1):
            end, minor = m.start("mpart"), None
        if n2:
            scale = numbers.en_scale(_clean_scale(s2 or s1)) * code_scale
            scale1 = numbers.en_scale(_clean_scale(s1)) * code_scale if s1 else scale
            low, high = numbers.scaled(v1, scale1), numbers.scaled(numbers.parse_digits(n2), scale)
            if not low < high <= low * 100:
                # "fiscal 2023 to 4.5 trillion yen": no range; the amount is the second number
                yield m.start("n2"), end, high, high, cur, None, scale
                continue
        else:
            scale = numbers.en_scale(_clean_scale(s1)) * code_scale
            low = high = numbers.scaled(v1, scale)
            if minor:  # "4 dollars 25 cents"
                low = high = float(numbers.scaled(v1, 1.0) * 100 + int(minor)) / 100
        yield m.start(), end, low, high, cur, ("at_least" if m.group("plus") else None), scale
    sterling: bool | None = None  # read once, at the first glued "p"
    for m in _scan(EN_MINOR, EN_MINOR_STARTS, t):
        if m.group("p") and sterling is None:
            sterling = _GBP_CONTEXT.search(t) is not None
        if m.group("p") and not sterling:
            continue  # "1080p", "5p" of a page: pence only in a text about sterling
        unit = (m.group("u") or m.group("c") or m.group("p")).lower()
        fraction, currency = cur_data.MINOR_EN[unit]
        if m.group("us"):
            currency = "USD"  # "8.7 US cents" in a text whose bare dollar is another
        elif m.group("land"):
            currency = cur_data.CENTS_OF[m.group("land")]  # "0.58 Singapore cent"
        low = numbers.scaled(numbers.parse_digits(m.group("n1")), fraction)
        high = numbers.scaled(numbers.parse_digits(m.group("n2")), fraction) if m.group("n2") else low
        if not low <= high:
            continue
        yield m.start(), m.end(), low, high, currency or CENT, None, fraction


def _dollar(t: str) -> str:
    """What a bare "$" is: the Canadian (Australian) dollar in a text about a Canadian
    (Australian) company that never marks its own dollar, else the US dollar."""
    if "$" in t and not _US_CENTS.search(t):
        for code, (signals, beside_us, own) in _DOLLAR_REGIONS:
            if (signals.search(t) or beside_us.search(t) and _US_DOLLAR.search(t)) and not own.search(t):
                return code
    return "USD"


def _prefix_currency(pre: str) -> str | None:
    """'US$', 'hk$', 'HK $', 'T$', '€', 'USD' -> ISO code."""
    letters = pre.rstrip("$").strip()
    if pre.endswith("$") and letters.upper() in cur_data.DOLLAR_PREFIXES:
        return cur_data.DOLLAR_PREFIXES[letters.upper()]
    if pre.startswith("Rs"):
        return "INR"
    return en.CURRENCY_PREFIX.get(pre.replace(" ", "")) or _PREFIX_CODES.get(pre.strip())


def _clean_scale(word: str | None) -> str:
    return (word or "").strip().strip("-")


# "营收51.3亿,同比+2.9%": a bare amount right after a money metric word, before no unit.
# A few words may stand between ("合并营收首度突破8兆大关"), a range may follow ("盈利2.55亿至3.07亿"),
# and only words that keep it an amount may come after it ("8兆大关", not "2亿用户").
_BARE_AFTER_METRIC = re.compile(
    rf"(?:{_alt(zh.BARE_AMOUNT_METRICS)})(?:(?!分别|分別)[\u4e00-\u9fff]){{0,4}}?(?:为|达|达到|约|实现|录得|破|突破|逾|超过|攻上|高达|[:：])?\s?"
    rf"(?P<n>{ZH_DIGITS})\s?(?P<s>万亿|亿|万|兆)"
    rf"(?:\s?(?:至|到|-|~)\s?(?P<n2>{ZH_DIGITS})\s?(?P<s2>万亿|亿|万|兆))?"
    rf"(?=[^\u4e00-\u9fff\d%]|$|{_alt(zh.BARE_AMOUNT_AFTER)})")


def _bare_after_metric(t: str) -> Iterator[Candidate]:
    for m in _BARE_AFTER_METRIC.finditer(t):
        value = numbers.parse_zh_number(m.group("n"), m.group("s"))
        high = numbers.parse_zh_number(m.group("n2"), m.group("s2")) if m.group("n2") else value
        if value is not None and high is not None and value <= high:
            yield m.start("n"), m.end(), value, high, LOCAL, None, 0.0


def _zh_candidates(t: str, dollar: str = "USD") -> Iterator[Candidate]:
    if "亿" in t or "万" in t or "兆" in t:
        yield from _bare_after_metric(t)
    for m in _scan(ZH_MONEY, ZH_MONEY_STARTS, t):
        pre, cur_word = m.group("pre"), m.group("cur")
        if not pre and not cur_word:
            continue
        s1, s2 = m.group("s1") or "", m.group("s2") or ""
        n1 = m.group("n1")
        if pre and pre[-1] in "$¥€£" and not cur_word and not s1 and n1[0].isdigit():
            continue  # plain "$135": the English grammar reads it
        if pre and not cur_word and not (s1 or s2) and not n1[0].isdigit():
            continue
        if cur_word in ("块", "块钱") and not _kuai_is_money(t, m):
            if not pre:
                continue
            cur_word = None
        if pre and cur_word in ("元", "块", "块钱"):
            cur_word = None  # 港币435亿元, 人民币50亿元: the currency before the number decides
        currency = _ZH_SUFFIX.get(cur_word or "") or (dollar if pre == "$" else _ZH_PREFIX.get(pre or ""))
        if currency is None:
            continue
        if currency in ("CNY", "LOCAL") and cur_word in ("元", "块", "块钱"):
            currency = LOCAL  # 元 alone is the yuan, the NT dollar or the HK dollar by region
        if _EXCHANGE_BEFORE.search(t[max(0, m.start("n1") - 12):m.start("n1")]):
            continue
        if n1 == "1" and not s1 and _EXCHANGE_UNIT.match(t[m.end():m.end() + 6]):
            continue
        v1 = numbers.parse_zh_number(n1, s1 if n1[0].isdigit() else "")
        if v1 is None:
            continue
        if not n1[0].isdigit() and s1:
            v1 = numbers.scaled(v1, numbers.zh_scale(s1))
        approx = bool(m.group("a1") or m.group("a2") or m.group("a3"))
        if m.group("a1") and s1 == "" and not n1[0].isdigit() and not cur_word:
            continue
        start = m.start("pre") if pre else m.start("sign") if m.group("sign") else m.start("n1")
        negative = bool(m.group("sign"))
        if m.group("sign") == "-" and _RANGE_SIGN.search(t[max(0, m.start("sign") - 2):m.start("sign")]):
            negative, start = False, m.start("n1")  # "4000万元-5500万元": a range dash, not a sign
        n2 = m.group("n2")
        if n2:
            v2 = numbers.parse_zh_number(n2, s2 if n2[0].isdigit() else "")
            if v2 is None:
                continue
            if not n2[0].isdigit() and s2:
                v2 = numbers.scaled(v2, numbers.zh_scale(s2))
            if not s1 and s2:
                v1 = numbers.scaled(v1, numbers.zh_scale(s2))
            if _FROM_BEFORE.search(t[max(0, start - 3):start]) or v1 == v2 or max(v1, v2) > 100 * min(v1, v2):
                # "从50亿到80亿美元": two figures, the first in the second's currency
                yield start, m.end("s1") if s1 else m.end("n1"), v1, v1, currency, None, 0.0
                yield m.start("n2"), m.end(), v2, v2, currency, None, 0.0
                continue
            low, high = min(v1, v2), max(v1, v2)  # "5.6亿至5.2亿美元" is written high to low
        else:
            low = high = v1
            if not m.group("sign") and not approx:
                yield from _list_items(t, start, s1, currency)
        low, high = low + _zh_minor(m), high + _zh_minor(m)
        if negative:
            low, high = -high, -low
        yield start, m.end(), low, high, currency, ("approx" if approx else None), 0.0
    for m in _scan(ZH_ROUND, ZH_ROUND_STARTS, t):
        n, scale, cur = m.group("n", "s", "cur") if m.group("s") else m.group("n2", "s2", "cur2")
        round_value = numbers.zh_scale((n or "") + scale)
        currency = LOCAL if cur == "元" else _ZH_SUFFIX[cur]
        yield m.start(), m.end(), round_value, round_value, currency, None, 0.0
    for m in ZH_XIAN.finditer(t) if "仙" in t else ():
        n = m.group("n")
        if not n[0].isdigit() and not _XIAN_CONTEXT.search(t[max(0, m.start() - 12):m.start()]):
            continue  # "八仙": numerals before 仙 are money only after a price or dividend word
        cents = numbers.parse_zh_number(n)
        if cents is None:
            continue
        yield m.start(), m.end(), numbers.scaled(cents, 0.01), numbers.scaled(cents, 0.01), "HKD", None, 0.0
    for m in ZH_US_CENTS.finditer(t) if "美分" in t else ():
        cents = numbers.parse_digits(m.group("n"))
        yield m.start(), m.end(), numbers.scaled(cents, 0.01), numbers.scaled(cents, 0.01), "USD", None, 0.0
    for m in _scan(ZH_MINOR, ZH_MINOR_STARTS, t):
        after = t[m.end():m.end() + 1]
        if not (after == "钱" or _ZH_MINOR_CONTEXT.search(t[max(0, m.start() - 12):m.start()])):
            continue
        value = numbers.parse_zh_number(m.group("n"))
        if value is None:
            continue
        value = numbers.scaled(value, cur_data.MINOR_ZH[m.group("u")])
        end = m.end() + (1 if after == "钱" else 0)
        yield m.start(), end, value, value, LOCAL, None, 0.0


def _list_items(t: str, start: int, scale: str, currency: str) -> Iterator[Candidate]:
    """Bare numbers listed before an amount share its unit: "132亿、92亿和65亿美元",
    "5.13/7.02/8.98亿元"; one without a scale of its own takes the amount's scale."""
    while True:
        m = _LIST_ITEM_BEFORE.search(t, max(0, start - 24), start)
        if not m:
            return
        v = numbers.parse_zh_number(m.group("n"), m.group("s") or scale)
        if v is None:
            return
        yield m.start("n"), m.end("s"), v, v, currency, None, 0.0
        start = m.start("n")


def _zh_minor(m: re.Match[str]) -> float:
    """The 角 and 分 written after a 元 amount, in 元."""
    out = 0.0
    for group, fraction in (("jiao", 0.1), ("fen", 0.01)):
        if m.group(group):
            digit = numbers.parse_zh_number(m.group(group))
            out += round((digit or 0.0) * fraction, 2)
    return out


def _kuai_is_money(t: str, m: re.Match[str]) -> bool:
    """块 is money before 钱, or at a clause end after a price or money verb ("卖50块。")."""
    if m.group("cur") == "块钱":
        return True
    return bool(_CLAUSE_END.match(t[m.end():m.end() + 1])
                and _KUAI_CONTEXT.search(t[max(0, m.start() - 12):m.start()]))


def _qualifier(t: str, start: int, end: int, given: str | None) -> tuple[str, int, int]:
    """Qualifier from the words around the amount.

    Returns it, the span end (grown over a glued "+" or "-plus") and where the words after
    the amount end, so a rate can be read past "or more".
    """
    before = t[max(0, start - 40):start]
    after = t[end:end + 16]
    for q, rx in _QUAL_AFTER_EN.items():
        m = rx.match(after)
        if m:
            glued = m.group(0) in ("+", "-plus")
            return q, end + (m.end() if glued else 0), end + m.end()
    m = _ZH_AT_LEAST_AFTER.match(after)
    if m:
        return "at_least", end, end + m.end()
    for q, rx in _QUAL_AFTER_ZH.items():
        m = rx.match(after)
        if m:
            return q, end, end + m.end()
    if _TOLERANCE.match(t[end:end + 30]):
        return "approx", end, end
    if given:
        return given, end, end
    # The English patterns below end in a word, then spaces: the last word decides first.
    last = before.rstrip()
    tail = last[-8:].lower()
    if _RANGE_TILDE.search(before) or (tail.endswith("to") and _MOVED_UP_TO.search(before)):
        return "exact", end, end
    if before.endswith("~") or before.endswith("≈"):
        return "approx", end, end
    for q, rx in _QUAL_BEFORE_ZH.items():
        if rx.search(before):
            return q, end, end
    if tail.endswith(_REGARDING_WORDS) and _REGARDING.search(before):
        return "exact", end, end
    # A bound's words end where `last` does, so none starts before `first`.
    first = max(0, len(last) - _QUAL_WORDS_MAX - 1)
    for q, rx in _QUAL_BEFORE_EN.items():
        if rx.search(before, first):
            return q, end, end
    return "exact", end, end


def _per_and_unit(t: str, start: int, end: int) -> tuple[str | None, str | None]:
    """Time rate ("a month", 每年) or per-unit price ("per share", /桶) around the amount."""
    after = t[end:end + 24]
    before = t[max(0, start - 24):start]
    m = _UNIT_AFTER_EN.match(after) or _UNIT_AFTER_ZH.match(after)
    if m:
        return None, m.group("u")
    m = _UNIT_BEFORE_ZH.search(before)
    if m:
        return None, m.group("u")
    m = _PER_AFTER_EN.match(after)
    if m:
        if m.group("u"):
            return en.PER_UNITS[m.group("u").lower()], None
        return en.PER_ADVERBS[m.group("adv").lower()], None
    m = _PER_AFTER_ZH.match(after)
    if m:
        return zh.PER_AFTER[m.group("w")], None
    m = _PER_BEFORE_ZH.search(before)
    if m:
        return zh.PER_BEFORE[m.group("w")], None
    m = _PER_BEFORE_EN.search(before)
    if m:
        adv = m.group("adv").lower()
        return ("year" if adv == "annual" else en.PER_ADVERBS[adv]), None
    return None, None


def _restated_bare(t: str, chosen: list[Candidate]) -> list[Candidate]:
    """A bare "1200亿" standing alone (a headline, a clause end) that restates an amount
    the text gives with its currency is that amount: "资本开支约1200亿" over "约1,200亿元"."""
    known = {c[2]: c[4] for c in chosen if c[2] == c[3]}
    if not known:
        return chosen
    starts = [c[0] for c in chosen]
    extra: list[Candidate] = []
    for m in _BARE_ZH.finditer(t):
        value = numbers.parse_zh_number(m.group("n"), m.group("s"))
        if value not in known:
            continue
        i = bisect_left(starts, m.start())
        if (i < len(chosen) and chosen[i][0] < m.end()) or (i > 0 and chosen[i - 1][1] > m.start()):
            continue  # inside an amount already read
        extra.append((m.start(), m.end(), value, value, known[value], None, 0.0))
    return sorted(chosen + extra) if extra else chosen


def _is_negative(t: str, start: int) -> bool:
    if _NEG_BEFORE.search(t[max(0, start - 12):start]):
        return True
    if start >= 1 and t[start - 1] in "-–" and (start < 2 or not (t[start - 2].isalnum() or t[start - 2] in "$.,")):
        return True
    return False


_COMPOUND_LEAD = re.compile(r"(?<![\d.,])(?P<n>\d{1,3})\s(?P<s>trillion|billion)\s$", re.I)


def find_money(text: str, lang: str | None = None, local: str | None = None) -> list[Money]:
    """Every money amount in `text`, in order, without overlaps.

    `local` is the currency of a bare 元 when the text gives no sign of its region (a
    feed setting); by default the one `local_currency` set, else the text decides.
    """
    t, spoken = numbers.spoken_decimals(numbers.normalize(text))
    # The language decides only what a "¥" is: the share of CJK is read only where one is.
    hint = lang or ("zh" if "¥" in t and numbers.cjk_share(t) > 0.3 else "en")
    cjk = _CJK.search(t) is not None
    # Hong Kong press writes its own dollar as a bare "$" ("$4.72千萬")
    dollar = "HKD" if cjk and "$" in t and local is None and numbers.cjk_share(t) > 0.3 \
        and text_region(text) == "HKD" else _dollar(t)
    raw = list(_en_candidates(t, hint, dollar))
    if cjk:  # every Chinese amount holds a Chinese scale or currency character
        raw += list(_zh_candidates(t, dollar))
    raw = [c for c in raw if _finite(c[2], c[3])]
    # Longest match wins where grammars overlap.
    raw.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[Candidate] = []
    for cand in raw:
        if chosen and cand[0] < chosen[-1][1]:
            if cand[1] - cand[0] > chosen[-1][1] - chosen[-1][0]:
                chosen[-1] = cand
            continue
        chosen.append(cand)
    codes = resolve_currencies(text, t, [(c[0], c[1], c[4]) for c in chosen], local or _LOCAL_DEFAULT.get())
    chosen = [(*c[:4], code, *c[5:]) for c, code in zip(chosen, codes, strict=True)]
    if cjk and ("亿" in t or "兆" in t):  # a bare restated figure has a large scale
        chosen = _restated_bare(t, chosen)

    spans: list[Money] = []
    scales: dict[int, float] = {}
    for start, end, low, high, cur, given, scale in chosen:
        lead = _COMPOUND_LEAD.search(t, max(0, start - 24), start) if low == high and low >= 0 else None
        if lead and low > 0:
            big = numbers.en_scale(lead.group("s"))
            low = _compound_rest(low, scale, big, cur)
            if big > low:
                # "46 trillion 721.4 billion won": the larger scale's count comes first
                low = high = numbers.parse_digits(lead.group("n")) * big + low
                start = lead.start()
        start = next((a for a, b in spoken if a <= start < b), start)
        qualifier, end, words_end = _qualifier(t, start, end, given)
        per, unit = _per_and_unit(t, start, words_end)
        if low >= 0 and _is_negative(t, start):
            low, high = -high, -low
            if t[start - 1] in "-–":
                start -= 1
        spans.append(Money(start, end, text[start:end], float(low), float(high), cur,
                           qualifier, per, unit))
        scales[start] = scale
    spans = [m for m in spans if _finite(m.low, m.high)]
    return _merge_ranges(text, t, _accounting_negatives(t, _mark_conversions(t, spans)), scales)


def _finite(low: float, high: float) -> bool:
    """A value that overflowed ("$999…9 billion" of thousands of digits, "1e400") is no figure:
    an infinite or NaN value must never reach a claim, the queue or a note."""
    return math.isfinite(low) and math.isfinite(high)


def _compound_rest(low: float, scale: float, big: float, cur: str | None) -> float:
    """The second part of "46 trillion 7,214 billion won": a translation of 46조 7,214억, where
    the whole count after "trillion" is in units of 억 (1e8). A count of four digits can only
    be that; a whole count in won is read the same way; a decimal one is true billions."""
    count = low / scale if scale else 0
    if not math.isfinite(count):
        return low
    if big == 1e12 and scale == 1e9 and count == int(count) and (count >= 1000 or cur == "KRW"):
        return count * 1e8
    return low


_LOSS_BEFORE = re.compile(r"(?i)\bloss(?:es)?\b|\bdeficit\b|亏损|亏|损失|赤字|负")
_COLUMN_GAP = re.compile(r"\t| {2,}|\|")
# Analysts' copy writes a per-share loss in brackets: "will post ($0.97) earnings per share",
# "the lowest EPS estimate coming in at ($1.17)", "earnings per share of ($1.10)".
_EPS_BEFORE = re.compile(r"(?i)\b(?:EPS|earnings per share)\b[^.;()$]{0,40}$")
_EPS_AFTER = re.compile(r"(?i)\s*\)\s*(?:in\s+)?(?:EPS|earnings per share)\b")


def _accounting_negatives(t: str, spans: list[Money]) -> list[Money]:
    """"($0.25)", "(0.18美元)" in a results table or a loss line: a negative figure.

    An amount wrapped in brackets on its own is negative only where a loss is spoken of
    on its line or the line is a table; a bracket right after another amount restates it.
    """
    out: list[Money] = []
    for span in spans:
        before = t[:span.start].rstrip(" ")
        if span.low >= 0 and before.endswith("(") and t[span.end:].lstrip(" ").startswith(")"):
            prev = out[-1] if out else None
            gap = t[prev.end:len(before) - 1] if prev else "x"
            # A column of the same currency in a table is no restatement of the one before.
            restates = bool(re.fullmatch(r"[\s,，]*", gap)) and not (
                prev is not None and prev.currency == span.currency and _COLUMN_GAP.search(gap))
            line = before[before.rfind("\n") + 1:-1]
            if not restates and (_LOSS_BEFORE.search(line[-80:]) or _COLUMN_GAP.search(line)
                                 or _EPS_BEFORE.search(line) or _EPS_AFTER.match(t, span.end)
                                 or _bracketed_negative_before(t, prev, len(before) - 1)):
                span = Money(**{**span.__dict__, "low": -span.high, "high": -span.low, "conversion": False})
        out.append(span)
    return out


def _bracketed_negative_before(t: str, prev: Money | None, at: int) -> bool:
    """The sentence's figure before was a bracketed negative of the same currency: one style
    for the sentence ("highest at ($0.77) and the lowest at ($1.17)")."""
    return prev is not None and prev.low < 0 and t[prev.start - 1:prev.start] == "(" \
        and not re.search(r"[.;。；!?！？\n]", t[prev.end:at])


def _mark_conversions(t: str, spans: list[Money]) -> list[Money]:
    out: list[Money] = []
    for span in spans:
        prev = out[-1] if out else None
        gap = t[prev.end:span.start] if prev else ""
        if prev and not prev.conversion and (_CONVERSION_GAP.match(gap) or (
                _OR_CONVERSION_GAP.match(gap) and span.currency != prev.currency and not span.per and not prev.per)):
            # A restatement in another currency keeps the bound of the figure it restates.
            qualifier = prev.qualifier if span.qualifier == "exact" else span.qualifier
            span = Money(**{**span.__dict__, "conversion": True, "qualifier": qualifier})
        out.append(span)
    return out


def _merge_ranges(text: str, t: str, spans: list[Money], scales: dict[int, float]) -> list[Money]:
    """'$70 billion to $72 billion', 'between $91 billion and $93 billion' -> one range.

    A bare first number takes the scale of the second: "$2.5 to $3 billion".
    """
    out: list[Money] = []
    for span in spans:
        prev = out[-1] if out else None
        low = prev.low if prev else 0.0
        if prev and scales.get(prev.start) == 1.0 and scales.get(span.start, 0.0) > 1.0:
            low = numbers.scaled(prev.low, scales[span.start])
        descending = bool(prev and span.low < low <= span.low * 100
                          and _RANGE_NAMED_BEFORE.search(t[max(0, prev.start - 8):prev.start]))
        if prev and prev.currency == span.currency and prev.low == prev.high and span.low == span.high \
                and (low < span.low <= low * 100 or descending):
            m = _RANGE_GAP.match(t[prev.end:span.start])
            if m:
                before = t[max(0, prev.start - 30):prev.start]
                j = m.group("j")
                ok = (j in ("-", "–", "—", "~", "～", "〜") or (j in ("to", "至", "到") and not _FROM_BEFORE.search(before))
                      or (j == "and" and _BETWEEN_BEFORE.search(before) is not None))
                # "raised by $700 million to $62 billion": a change, then the new level
                if ok and not _CHANGE_BEFORE.search(before):
                    qualifier = prev.qualifier if prev.qualifier != "exact" else span.qualifier
                    out[-1] = Money(prev.start, span.end, text[prev.start:span.end], min(low, span.low),
                                    max(low, span.high), span.currency, qualifier, span.per or prev.per,
                                    span.unit or prev.unit)
                    continue
        out.append(span)
    return out


def find_percentages(text: str) -> list[Quantity]:
    """Percentages and basis points: never money."""
    t = numbers.normalize(text)
    out = []
    for m in numbers.PERCENT.finditer(t):
        num = re.match(r"[-+]?\d+(?:\.\d+)?", m.group(0))
        value = float(num.group(0)) if num else 0.0
        if not math.isfinite(value):
            continue  # a percentage of thousands of digits: no quantity
        out.append(Quantity(m.start(), m.end(), text[m.start():m.end()], "percent", value))
    return out
