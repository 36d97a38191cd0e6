"""Amounts as people type them: `20B`, `$1.2tn`, `130.4亿`, `-23.7bn`, `1,250 million`."""

from __future__ import annotations

import math
import re

from extractors.lang import en, zh
from extractors.lang.currency import SYMBOLS

_SCALES = {k.lower(): v for k, v in en.SCALES.items()} | {"亿": 1e8, "万": 1e4, "万亿": 1e12, "千": 1e3}
_NUMBER = re.compile(r"^\s*([+-]?)\s*([^\d\s.,+-]{0,3}?)\s*([+-]?)\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*([^\d\s]*)\s*$")


def parse_amount(text: str) -> tuple[float, str | None]:
    """The number a person typed and the currency its symbol names, if any.

    Raises ValueError with a message naming the text when it is not an amount.
    """
    t = text.strip().translate({ord(a): b for a, b in zh.TRADITIONAL.items() if len(a) == 1})
    t = t.replace("，", ",").replace("．", ".").replace("−", "-")
    m = _NUMBER.match(t)
    if not m:
        raise ValueError(f"{text!r} is not an amount (try 20B, $1.2tn, 130.4亿, -23.7bn)")
    sign1, prefix, sign2, digits, suffix = m.groups()
    currency = None
    if prefix:
        currency = SYMBOLS.get(prefix) or {"US$": "USD", "HK$": "HKD", "NT$": "TWD", "¥": "CNY"}.get(prefix)
        if currency is None:
            raise ValueError(f"{text!r}: unknown currency sign {prefix!r}")
    scale = 1.0
    word = suffix.strip()
    for name, code in sorted(zh.CURRENCY_SUFFIX.items(), key=lambda x: -len(x[0])):
        if word.endswith(name) and len(word) > len(name) or word == name:
            # a bare 元 names no currency (yuan, NT dollar): the claim keeps its own
            currency, word = currency or (None if name == "元" else code), word[: -len(name)]
            break
    word = word.lower()
    if word:
        if word not in _SCALES:
            raise ValueError(f"{text!r}: unknown scale {suffix!r} (use K, M, B, bn, T, tn, 万 or 亿)")
        scale = _SCALES[word]
    value = float(digits.replace(",", "")) * scale
    if "-" in (sign1, sign2):
        value = -value
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite amount")
    return value, currency


def short_amount(v: float) -> str:
    """The amount as the card shows it: 23.7B, -1.2T, 450M, 12.5."""
    a = abs(v)
    sign = "-" if v < 0 else ""
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if a >= div:
            return f"{sign}{a / div:.6g}{suffix}"
    return f"{sign}{a:.6g}"
