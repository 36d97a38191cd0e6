"""Which currency a bare 元, 分 or "cents" stands for, from the text around it (pure).

A 元 is the yuan in mainland text, the NT dollar in Taiwan press and the HK dollar next to
港元; the text's own signals decide, then a per-feed default, then the yuan.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from extractors.lang import currency as cur_data
from extractors.lang import zh

LOCAL = "LOCAL"  # placeholder: the region's 元
CENT = "CENT"  # placeholder: the dollar-like currency around a "cents"
KRONE = "KRONE"  # placeholder: a bare "kroner", Danish or Norwegian

_TAIWAN = re.compile(f"{cur_data.TAIWAN_SIGNALS}|{cur_data.TAIWAN_COMPANIES}")
_TAIWAN_FROM_OUTSIDE = re.compile(cur_data.TAIWAN_NAMED_FROM_OUTSIDE)
_HONG_KONG = re.compile(cur_data.HONG_KONG_SIGNALS)
_MAINLAND = re.compile(cur_data.MAINLAND_SIGNALS)
_HONG_KONG_WORDS = re.compile(cur_data.HONG_KONG_WORDS)
_DECLARED = [(re.compile(f"(?:{rx}){cur_data.DECLARED_AFTER}"), code)
             for rx, code in cur_data.DECLARED_CURRENCY.items()]
_NORWAY = re.compile(cur_data.NORWAY_SIGNALS)
_MARKERS = [(re.compile(rx), code) for rx, code in cur_data.NEARBY_MARKERS.items()]
_PER_SHARE_BEFORE = re.compile(cur_data.PER_SHARE_BEFORE)
_PER_SHARE_AFTER = re.compile(cur_data.PER_SHARE_AFTER)
_SENTENCE_END = re.compile(r"[。！？；!?;\n]|\.(?=\s|$)")
# Characters only traditional script writes; a simplified-only set drawn from the same pairs.
_TRAD = {pair[0] for pair in cur_data.SCRIPT_PAIRS} | set(zh.TRADITIONAL)
_SIMP = {pair[1] for pair in cur_data.SCRIPT_PAIRS}
# Counted by a class, so the characters are looked at in C.
_TRAD_CHAR = re.compile("[" + "".join(re.escape(c) for c in sorted(_TRAD)) + "]")
_SIMP_CHAR = re.compile("[" + "".join(re.escape(c) for c in sorted(_SIMP)) + "]")


def is_traditional(text: str) -> bool:
    """More traditional-only than simplified-only characters (and at least two)."""
    trad = len(_TRAD_CHAR.findall(text))
    if trad < 2:
        return False
    return trad > len(_SIMP_CHAR.findall(text))


def declared_currencies(t: str) -> list[tuple[int, str]]:
    """Where a text declares the currency of the figures after it ("人民幣，下同"), in order."""
    found = [(m.start(), code) for rx, code in _DECLARED for m in rx.finditer(t)]
    return sorted(found)


def sentence_bounds(t: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence around `pos`."""
    # A sentence longer than this is a table or a list: read only its near part.
    start = max(0, pos - 400)
    for m in _SENTENCE_END.finditer(t, start, pos):
        start = m.end()
    end = _SENTENCE_END.search(t, pos, pos + 400)
    return start, end.start() if end else min(len(t), pos + 400)


def nearby_currency(t: str, start: int, end: int) -> str | None:
    """The currency a marker in the same sentence names (港元, NT$, 人民币), nearest first."""
    s, e = sentence_bounds(t, start)
    best: tuple[int, str] | None = None
    for rx, code in _MARKERS:
        for m in rx.finditer(t, s, e):
            if start <= m.start() < end:
                continue
            if _PER_SHARE_BEFORE.search(t[max(s, m.start() - 10):m.start()]) \
                    or _PER_SHARE_AFTER.match(t[m.end():m.end() + 3]):
                continue
            gap = start - m.end() if m.end() <= start else m.start() - end
            if best is None or gap < best[0]:
                best = (gap, code)
    return best[1] if best else None


class Region:
    """Decides placeholders for one text; the text-wide signals are read once."""

    def __init__(self, text: str, t: str, default: str | None) -> None:
        self.text, self.t, self.default = text, t, default
        self._region: str | None = None
        self._declared = declared_currencies(t) if "下同" in t else []

    def local(self, start: int, end: int) -> str:
        near = nearby_currency(self.t, start, end)
        if near:
            return near
        # A declaration just after the figure ("954.9億元（人民幣，下同）") covers it too.
        declared = [code for pos, code in self._declared if pos <= end + 12]
        if declared:
            return declared[-1]
        if self.default:
            return self.default
        if self._region is None:
            self._region = text_region(self.text)
        return self._region


def text_region(text: str) -> str:
    """The local currency a Chinese text's region writes as 元: TWD, HKD or CNY."""
    traditional = is_traditional(text)  # read once for both tests
    hong_kong = (traditional and _HONG_KONG.search(text)) or _HONG_KONG_WORDS.search(text)
    return ("TWD" if traditional and _TAIWAN.search(_TAIWAN_FROM_OUTSIDE.sub("", text))
            else "HKD" if hong_kong and not _MAINLAND.search(text) else "CNY")


def resolve_currencies(text: str, t: str, spans: list[tuple[int, int, str]],
                       default: str | None = None) -> list[str]:
    """Each (start, end, currency), in text order, with LOCAL and CENT replaced by an ISO code."""
    region = Region(text, t, default)
    starts = [start for start, _, _ in spans]
    out: list[str] = []
    for i, (start, end, code) in enumerate(spans):
        if code == LOCAL:
            code = region.local(start, end)
        elif code == CENT:
            code = _cent_currency(t, spans, starts, i)
        elif code == KRONE:
            code = "NOK" if _NORWAY.search(t) else "DKK"
        out.append(code)
    return out


def _cent_currency(t: str, spans: list[tuple[int, int, str]], starts: list[int], i: int) -> str:
    """The dollar-like currency of the nearest amount in the same sentence, else in the text
    around it ("Torstar says it lost $14.5 million. ... the loss amounted to 18 cents per
    share"), else USD."""
    start = spans[i][0]
    s, e = sentence_bounds(t, start)
    return _nearest_cent_currency(spans, starts, i, s, e) or \
        _nearest_cent_currency(spans, starts, i, max(0, start - 1500), start + 1500) or "USD"


def _nearest_cent_currency(spans: list[tuple[int, int, str]], starts: list[int], i: int, s: int, e: int) -> str | None:
    start = spans[i][0]
    best: tuple[int, str] | None = None
    for j in range(bisect_left(starts, s), bisect_left(starts, e)):
        code = spans[j][2]
        if j == i or code not in cur_data.CENT_CURRENCIES:
            continue
        gap = abs(spans[j][0] - start)
        if best is None or gap < best[0]:
            best = (gap, code)
    return best[1] if best else None
