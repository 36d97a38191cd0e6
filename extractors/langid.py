"""Which language a text is in: Chinese by its script, others through langdetect."""

from __future__ import annotations

import re

from extractors import numbers

_WORD = re.compile(r"[a-z']+")

_EN_STOP = frozenset("the and of to in is a for on that with as by at from it its are was has have".split())


def detect_language(text: str, share: float | None = None) -> str:
    """'zh' or 'en' (or another ISO code) for a whole text.

    The CJK share decides between Chinese and the rest, since langdetect is wrong on
    short Chinese; langdetect names other languages in longer texts.
    """
    share = numbers.cjk_share(text) if share is None else share
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
