"""A lower and an upper bound of one plan stated as two figures make one range claim (pure)."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.lang import en, zh
from extractors.spans import Claim

_LOWER = ("at_least", "more_than")
_UPPER = ("at_most", "less_than")
# "不低于1亿元且不超过1.5亿元", "at least $1 billion and no more than $1.5 billion"
_JOIN = re.compile(r"^\s*(?:[（(]含[)）])?\s*(?:[,，、]|且|并且|但|and|but)?\s*$", re.I)
_GAP = 24  # characters from the lower figure's end to the upper figure's qualifier


def join_bounds(norm: str, claims: list[Claim]) -> list[Claim]:
    """Each lower-bound claim followed closely by an upper-bound claim of the same subject,
    metric and currency becomes one claim from the lower to the upper figure."""
    out: list[Claim] = []
    skip = False
    for i, c in enumerate(claims):
        n = claims[i + 1] if i + 1 < len(claims) else None
        if skip:
            skip = False
            continue
        if n is not None and c.qualifier in _LOWER and n.qualifier in _UPPER \
                and (c.subject, c.metric, c.currency) == (n.subject, n.metric, n.currency) \
                and 0 <= n.start - c.end <= _GAP and c.low < n.high \
                and _JOIN.match(_UPPER_WORDS.sub("", norm[c.end:n.start])):
            out.append(replace(c, high=n.high, qualifier="exact", end=n.end))
            skip = True
            continue
        out.append(c)
    return out


_UPPER_WORDS = re.compile(en.UPPER_BOUND_WORDS + "|" + zh.UPPER_BOUND_WORDS, re.I)
