"""The document a figure sits in: sentences, entities, periods, and its paragraph.

Built once per text by the scan stage; the claim stages read it. A paragraph is a block
of lines between blank lines; a short first line of the text is its headline, and what
the headline names counts in every paragraph (an English headline over a Chinese summary).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

from extractors.numbers import cjk_share
from extractors.spans import Entity, Money, Period, Quantity


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...


S = TypeVar("S", bound=_Spanned)
T = TypeVar("T")

_BLANK = re.compile(r"\n[ \t\u3000]*\n")
HEADLINE_MAX = 160
# Sentences a figure looks back over for its period or company. A story states them in its
# lead (fixtures/extract/real: at most 17 sentences a text); without a bound, a text of
# thousands of sentences with figures would be read back to its start once per figure.
LOOKBACK = 120


@dataclass
class Doc:
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
    feed_currency: str | None = None
    percentages: list[Quantity] = field(default_factory=list)  # found once by the scan
    _breaks: list[int] | None = None
    _langs: dict[int, str] | None = None
    _starts: dict[int, tuple[Sequence[Any], list[int] | None]] = field(default_factory=dict)
    _memo: dict[Any, Any] = field(default_factory=dict)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """`compute()`, once per text for each key (what a sentence states, read by many figures)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def starting_in(self, items: Sequence[S], s: int, e: int) -> Sequence[S]:
        """Those of `items` (the money, periods or entities) that start in [s, e), in order.

        Found by bisection, not a pass over the whole text's items: read once per figure, a
        pass would make a text of many figures quadratic.
        """
        hit = self._starts.get(id(items))
        if hit is None or hit[0] is not items:
            starts = [x.start for x in items]
            ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
            hit = self._starts[id(items)] = (items, starts if ordered else None)
        starts_ = hit[1]
        if starts_ is None or len(starts_) != len(items):  # out of order, or changed since
            return [x for x in items if s <= x.start < e]
        return items[bisect_left(starts_, s):bisect_left(starts_, e)]

    def paragraph_start(self, pos: int) -> int:
        """Offset where the paragraph holding `pos` starts; a heading line alone above it
        ("Third Quarter 2025 Highlights") belongs to it."""
        if self._breaks is None:
            self._breaks = [m.end() for m in _BLANK.finditer(self.text)]
        i = bisect_right(self._breaks, pos)  # the breaks at or before pos: the last two count
        start = self._breaks[i - 1] if i >= 1 else 0
        prev = self._breaks[i - 2] if i >= 2 else 0
        if start and _is_heading(self.text[prev:start].strip()):
            return prev
        return start

    def sentence_lang(self, si: int) -> str:
        """'zh' or 'en' for one sentence, read once."""
        if self._langs is None:
            self._langs = {}
        if si not in self._langs:
            s, e = self.sentences[si]
            self._langs[si] = "zh" if cjk_share(self.text[s:e]) > 0.2 else "en"
        return self._langs[si]

    def is_bullet(self, si: int) -> bool:
        """The sentence is an item of a bulleted list."""
        return bool(_BULLET.match(self.text[self.sentences[si][0]:self.sentences[si][0] + 3]))

    def headline(self) -> tuple[int, int] | None:
        """The first line, when it is short and more text follows it."""
        nl = self.text.find("\n")
        if 0 < nl <= HEADLINE_MAX and self.text[nl:].strip() and self.sentences:
            return self.sentences[0] if self.sentences[0][1] <= nl else (0, nl)
        return None

    def earlier_sentences(self, si: int, limit: int = LOOKBACK) -> list[int]:
        """Sentences of the paragraph before sentence `si`, nearest first (at most `limit`),
        then the headline's."""
        start = self.paragraph_start(self.sentences[si][0])
        out = []
        for i in range(si - 1, max(-1, si - 1 - limit), -1):  # in order: stop at the paragraph's start
            if self.sentences[i][0] < start:
                break
            out.append(i)
        head = self.headline()
        if head and 0 not in out and si > 0 and self.sentences[0][0] < head[1]:
            out.append(0)
        return out


_BULLET = re.compile(r"^\s*(?:[•●▪◆■□\-*–—·]|\d+[.)、])\s*")
_SENTENCE_END = re.compile(r"[.。!?！？:：;；]\s*$")


def _is_heading(block: str) -> bool:
    return 0 < len(block) <= HEADLINE_MAX and "\n" not in block and not _SENTENCE_END.search(block)


def sentence_of(sentences: list[tuple[int, int]], pos: int) -> int:
    """Index of the sentence holding `pos` (the last one when past the end)."""
    i = bisect_right(sentences, pos, key=_start) - 1  # sentences are in order and apart
    if i >= 0 and pos < sentences[i][1]:
        return i
    return max(0, len(sentences) - 1)


def _start(span: tuple[int, int]) -> int:
    return span[0]
