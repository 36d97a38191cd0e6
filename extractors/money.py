"""Money spans: currency + number + scale + range + qualifier + rate (pure).

Works on `numbers.normalize(text)`, which keeps offsets, so spans index the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractors import numbers
from extractors.lang import en, zh
from extractors.numbers import EN_NUMBER, ZH_DIGITS, ZH_NUMERAL
from extractors.spans import Money, Quantity


def _alt(words: list[str] | dict[str, str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PREFIX = f"(?:{_alt(en.CURRENCY_PREFIX)}|(?:{_alt(en.CURRENCY_CODES)})(?=\\s?[\\d.]))"
# "$1.5-trillion plan": a hyphen may join a scale word to its number.
_SCALE = (r"(?:[\s-]?(?i:thousand|million|billion|trillion)|\s?(?i:mln|bln|trn|bn|mn|tn|mil)"
          r"|MM|mm|[kKmMbBT])(?![A-Za-z0-9])")
_WORDNUM = (r"(?i:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|half a)"
            r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|hundred))?)")
_SUFFIX = f"(?:{_alt(en.CURRENCY_SUFFIX)}|{_alt(en.CURRENCY_CODES)})(?![A-Za-z])"
_NEEDS_SCALE = {"pounds", "won", "dollar", "euro", "sterling"}

EN_PREFIXED = re.compile(
    rf"(?P<pre>{_PREFIX})\s?(?P<sign>-)?(?P<n1>{EN_NUMBER})(?P<s1>{_SCALE})?"
    rf"(?:\s?(?:-|–|—)\s?(?P<pre2>{_PREFIX})?\s?(?P<n2>{EN_NUMBER})(?P<s2>{_SCALE})?)?"
    rf"(?P<plus>\+)?"
)
EN_SUFFIXED = re.compile(
    rf"(?<![\w$€£¥.,])(?P<n1>{EN_NUMBER}|{_WORDNUM})(?:[\s-]?(?P<s1>(?i:thousand|million|billion|trillion)|(?i:bn|mn|tn)|[mbkMBK])(?![A-Za-z]))?"
    rf"(?:\s?(?:-|–|to)\s?(?P<n2>{EN_NUMBER})(?:[\s-]?(?P<s2>(?i:thousand|million|billion|trillion)|(?i:bn|mn|tn)|[mbkMBK])(?![A-Za-z]))?)?"
    rf"(?P<plus>\+)?\s(?:of\s)?(?P<suf>{_SUFFIX})"
)
# "逾千亿元", "近百亿美元": a bare 千/百 scale counts as one only right after a bound.
_ZH_NUM = f"(?:{ZH_DIGITS}|{ZH_NUMERAL}|(?<=[逾超近约])[百千](?=[万亿]))"
_ZH_SCALE = "[千百万亿兆]*"
_ZH_CUR = _alt(zh.CURRENCY_SUFFIX)
ZH_MONEY = re.compile(
    rf"(?P<pre>{_alt(zh.CURRENCY_PREFIX)}|RMB|Rmb|US\$|HK\$|\$|¥|€|£)?\s?(?P<sign>负|-)?"
    rf"(?<![数几上\d.,])(?P<n1>{_ZH_NUM})\s?(?P<a1>[余多几])?(?P<s1>{_ZH_SCALE})(?P<a3>(?<=[万亿])[余多])?"
    rf"(?:\s?(?:至|到|-|–|~|～|—)\s?(?P<n2>{_ZH_NUM})\s?(?P<a2>[余多])?(?P<s2>{_ZH_SCALE}))?"
    rf"\s?(?P<cur>{_ZH_CUR})?"
)

# Bounds that contain another bound go first: "no more than" before "more than", 不超过 before 超过.
_QUAL_ORDER = ("at_most", "at_least", "less_than", "more_than", "approx")
_QUAL_BEFORE_EN = {
    q: re.compile(rf"(?i)(?:^|[^A-Za-z])(?:{_alt(en.QUALIFIER_BEFORE[q])})\s*$") for q in _QUAL_ORDER
}
# "concerns about $5bn of debt", "a dispute over $2bn": about and over as "regarding".
_REGARDING = re.compile(rf"(?i)\b(?:{'|'.join(en.REGARDING_BEFORE)})\s+(?:about|over|around)\s*$")
# Chinese puts a bound before its verb ("至少投入100亿", "最多需要"): up to two characters
# may stand between. An estimate (约, 近) must touch the figure: "近获" is "recently got".
_QUAL_BEFORE_ZH = {q: re.compile(rf"(?:{_alt(zh.QUALIFIER_BEFORE[q])})\s*(?:为|是|达|约)?\s*$" if q == "approx"
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
_UNIT_AFTER_EN = re.compile(rf"(?i)^\s?(?:/|\ba\b|\ban\b|per|each)\s?(?P<u>{_alt(en.PER_ITEM)})s?\b")
_PER_BEFORE_ZH = re.compile(rf"(?P<w>{_alt(zh.PER_BEFORE)})(?![股桶])[^，。；,;]{{0,8}}$")
_PER_AFTER_ZH = re.compile(rf"^\s?(?P<w>{_alt(zh.PER_AFTER)})")
_UNIT_AFTER_ZH = re.compile(rf"^\s?(?:/|每)(?P<u>{_alt(zh.PER_ITEM)})")
_UNIT_BEFORE_ZH = re.compile(r"每(?P<u>股|桶|吨|盎司)[^，。；]{0,6}$")
_NEG_BEFORE = re.compile(r"(?i)(?:\bnegative|\bminus)\s+$")
_CONVERSION_GAP = re.compile(r"^\s*[(（\[]\s*(?:(?i:about|around|approximately|roughly|or|equivalent to|some))?\s*(?:约合|折合|合|约)?\s*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_RANGE_GAP = re.compile(r"^\s*(?P<j>to|and|-|–|—|至|到)\s*$")
_FROM_BEFORE = re.compile(r"(?i)(?:\bfrom|从)\s*$")
_BETWEEN_BEFORE = re.compile(r"(?i)(?:\bbetween|介于|在)\s*$")


Candidate = tuple[int, int, float, float, str, str | None, float]


def _en_candidates(t: str, lang_hint: str) -> Iterator[Candidate]:
    """(start, end, low, high, currency, qualifier-from-suffix, scale) for English-style amounts.

    `scale` is the multiplier a scale word gave (1.0 for a bare number), so "$2.5 to $3
    billion" can carry the billion back to the 2.5.
    """
    for m in EN_PREFIXED.finditer(t):
        pre = m.group("pre")
        cur = en.CURRENCY_PREFIX.get(pre.replace(" ", "")) or en.CURRENCY_CODES.get(pre.strip())
        if cur is None:
            continue
        if pre == "¥" and lang_hint == "zh":
            cur = "CNY"
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
    for m in EN_SUFFIXED.finditer(t):
        suf = m.group("suf")
        cur = en.CURRENCY_SUFFIX.get(suf) or en.CURRENCY_CODES.get(suf)
        if cur is None:
            continue
        n1, s1 = m.group("n1"), m.group("s1")
        if n1[0].isdigit() or n1[0] == ".":
            v1: float | None = numbers.parse_digits(n1)
        else:
            v1 = numbers.parse_en_words(n1)
            if not s1 or s1.lower() not in en.SCALE_WORDS:
                continue
        if v1 is None or (suf in _NEEDS_SCALE and not s1):
            continue
        n2, s2 = m.group("n2"), m.group("s2")
        if n2:
            scale = numbers.en_scale(s2 or s1)
            scale1 = numbers.en_scale(s1) if s1 else scale
            low, high = numbers.scaled(v1, scale1), numbers.scaled(numbers.parse_digits(n2), scale)
            if not low < high:
                continue
        else:
            scale = numbers.en_scale(s1)
            low = high = numbers.scaled(v1, scale)
        yield m.start(), m.end(), low, high, cur, ("at_least" if m.group("plus") else None), scale


def _clean_scale(word: str | None) -> str:
    return (word or "").strip(" -")


def _zh_candidates(t: str) -> Iterator[Candidate]:
    for m in ZH_MONEY.finditer(t):
        pre, cur_word = m.group("pre"), m.group("cur")
        if not pre and not cur_word:
            continue
        s1, s2 = m.group("s1") or "", m.group("s2") or ""
        n1 = m.group("n1")
        if pre and pre in "$¥€£US$HK$" and not cur_word and not s1 and n1[0].isdigit():
            continue  # plain "$135": the English grammar reads it
        if pre and not cur_word and not (s1 or s2) and not n1[0].isdigit():
            continue
        if pre and cur_word == "元" and zh.CURRENCY_PREFIX.get(pre, "CNY") != "CNY":
            cur_word = None  # 港币435亿元: the currency before the number decides
        currency = (zh.CURRENCY_SUFFIX.get(cur_word or "") or zh.CURRENCY_PREFIX.get(pre or "")
                    or {"RMB": "CNY", "Rmb": "CNY", "US$": "USD", "HK$": "HKD", "$": "USD",
                        "¥": "CNY", "€": "EUR", "£": "GBP"}.get(pre or ""))
        if currency is None:
            continue
        v1 = numbers.parse_zh_number(n1, s1 if n1[0].isdigit() else "")
        if v1 is None:
            continue
        if not n1[0].isdigit() and s1:
            v1 = numbers.scaled(v1, numbers.zh_scale(s1))
        approx = bool(m.group("a1") or m.group("a2") or m.group("a3"))
        if m.group("a1") and s1 == "" and not n1[0].isdigit() and not cur_word:
            continue
        n2 = m.group("n2")
        if n2:
            v2 = numbers.parse_zh_number(n2, s2 if n2[0].isdigit() else "")
            if v2 is None:
                continue
            if not n2[0].isdigit() and s2:
                v2 = numbers.scaled(v2, numbers.zh_scale(s2))
            if not s1 and s2:
                v1 = numbers.scaled(v1, numbers.zh_scale(s2))
            if not v1 < v2:
                continue
            if _FROM_BEFORE.search(t[max(0, m.start() - 3):m.start()]):
                continue
            low, high = v1, v2
        else:
            low = high = v1
        if m.group("sign"):
            low, high = -high, -low
        yield m.start(), m.end(), low, high, currency, ("approx" if approx else None), 0.0


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
    if given:
        return given, end, end
    if before.endswith("~") or before.endswith("≈"):
        return "approx", end, end
    for q, rx in _QUAL_BEFORE_ZH.items():
        if rx.search(before):
            return q, end, end
    if _REGARDING.search(before):
        return "exact", end, end
    for q, rx in _QUAL_BEFORE_EN.items():
        if rx.search(before):
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


def _is_negative(t: str, start: int) -> bool:
    if _NEG_BEFORE.search(t[max(0, start - 12):start]):
        return True
    if start >= 1 and t[start - 1] in "-–" and (start < 2 or not (t[start - 2].isalnum() or t[start - 2] in "$.,")):
        return True
    return False


def find_money(text: str, lang: str | None = None) -> list[Money]:
    """Every money amount in `text`, in order, without overlaps."""
    t = numbers.normalize(text)
    hint = lang or ("zh" if numbers.cjk_share(t) > 0.3 else "en")
    raw = list(_en_candidates(t, hint))
    if _CJK.search(t):  # every Chinese amount holds a Chinese scale or currency character
        raw += list(_zh_candidates(t))
    # Longest match wins where grammars overlap.
    raw.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[Candidate] = []
    for cand in raw:
        if chosen and cand[0] < chosen[-1][1]:
            if cand[1] - cand[0] > chosen[-1][1] - chosen[-1][0]:
                chosen[-1] = cand
            continue
        chosen.append(cand)

    spans: list[Money] = []
    scales: dict[int, float] = {}
    for start, end, low, high, cur, given, scale in chosen:
        qualifier, end, words_end = _qualifier(t, start, end, given)
        per, unit = _per_and_unit(t, start, words_end)
        if low >= 0 and _is_negative(t, start):
            low, high = -high, -low
            if t[start - 1] in "-–":
                start -= 1
        spans.append(Money(start, end, text[start:end], float(low), float(high), cur,
                           qualifier, per, unit))
        scales[start] = scale
    return _merge_ranges(text, t, _mark_conversions(t, spans), scales)


def _mark_conversions(t: str, spans: list[Money]) -> list[Money]:
    out: list[Money] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev and not prev.conversion and _CONVERSION_GAP.match(t[prev.end:span.start]):
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
        if prev and prev.currency == span.currency and prev.low == prev.high and span.low == span.high \
                and low < span.low <= low * 100:
            m = _RANGE_GAP.match(t[prev.end:span.start])
            if m:
                before = t[max(0, prev.start - 30):prev.start]
                j = m.group("j")
                ok = (j in ("-", "–", "—") or (j in ("to", "至", "到") and not _FROM_BEFORE.search(before))
                      or (j == "and" and _BETWEEN_BEFORE.search(before) is not None))
                if ok and not re.search(r"(?i)\b(?:rose|jumped|grew|fell|increased|decreased|climbed)\s*(?:from)?\s*$", before):
                    qualifier = prev.qualifier if prev.qualifier != "exact" else span.qualifier
                    out[-1] = Money(prev.start, span.end, text[prev.start:span.end], low,
                                    span.high, span.currency, qualifier, span.per or prev.per,
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
        out.append(Quantity(m.start(), m.end(), text[m.start():m.end()], "percent", value))
    return out
