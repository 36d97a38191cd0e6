"""The document a figure sits in: sentences, entities, periods, and its paragraph.

Built once per text by the scan stage; the claim stages read it. A paragraph is a block
of lines between blank lines; a short first line of the text is its headline, and what
the headline names counts in every paragraph (an English headline over a Chinese summary).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from extractors.numbers import cjk_share
from extractors.spans import Entity, Money, Period, Quantity

_BLANK = re.compile(r"\n[ \t\u3000]*\n")
HEADLINE_MAX = 160


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

    def paragraph_start(self, pos: int) -> int:
        """Offset where the paragraph holding `pos` starts; a heading line alone above it
        ("Third Quarter 2025 Highlights") belongs to it."""
        if self._breaks is None:
            self._breaks = [m.end() for m in _BLANK.finditer(self.text)]
        prev, start = 0, 0
        for b in self._breaks:
            if b <= pos:
                prev, start = start, b
            else:
                break
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

    def earlier_sentences(self, si: int) -> list[int]:
        """Sentences of the paragraph before sentence `si`, nearest first, then the headline's."""
        start = self.paragraph_start(self.sentences[si][0])
        out = [i for i in range(si - 1, -1, -1) if self.sentences[i][0] >= start]
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
