"""Sentence and clause boundaries for English and Chinese text (pure)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache

_END = re.compile(r"[。！？!?]+[”’\"')）]*|\.(?=[\"'”’)]?\s+[\"'“‘(\[]?[A-Z0-9\u4e00-\u9fff$€£¥~*])|\n+")
_ABBREV = {"mr", "mrs", "ms", "dr", "inc", "corp", "co", "ltd", "vs", "st", "jr", "sr", "no",
           "u.s", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec", "approx", "est", "fig", "p", "pp", "plc", "bros",
           "u.k", "a.m", "p.m", "v"}
_CLAUSE = re.compile(r"[,，;；:：](?!\d{3})|\s[–—-]\s|—")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, empty ones dropped."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        if m.group(0) == ".":
            word = _word_before(text, start, m.start())
            if word and (word.lower() in _ABBREV or len(word) == 1):
                continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


# What one sentence may hold before it is cut into pieces. Real sentences stay far below
# (fixtures/extract/real: at most 1,073 characters and 12 figures); a text without sentence
# marks, or a list of thousands of figures, would otherwise make every figure's reading of
# its sentence (metric, period, subject, list runs) quadratic.
MAX_SENTENCE_CHARS = 3000
MAX_SENTENCE_FIGURES = 48
_CUT_AFTER = frozenset(",，;；、:： \t\u3000")


def bound_sentences(text: str, sentences: list[tuple[int, int]],
                    figures: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences longer than MAX_SENTENCE_CHARS or holding more than MAX_SENTENCE_FIGURES
    figures (spans in order, offsets in `text`) cut into pieces within both bounds, after a
    clause mark or a space where there is one, never inside a figure."""
    starts = [a for a, _ in figures]
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        pos = s
        while True:
            k = bisect_left(starts, pos)
            limit = min(e, pos + MAX_SENTENCE_CHARS)
            if k + MAX_SENTENCE_FIGURES < len(starts) and starts[k + MAX_SENTENCE_FIGURES] < e:
                limit = min(limit, starts[k + MAX_SENTENCE_FIGURES])
            if limit >= e:
                break
            cut = _cut_point(text, pos, limit)
            j = bisect_right(starts, cut) - 1
            if j >= 0 and starts[j] < cut < figures[j][1]:  # never inside a figure
                cut = starts[j] if starts[j] > pos else min(figures[j][1], e)
            out.append((pos, cut))
            pos = cut
        out.append((pos, e))
    return [span for span in (_trimmed(text, a, b) for a, b in out) if span[0] < span[1]]


def _cut_point(text: str, pos: int, limit: int) -> int:
    """Where to end a piece that may not reach past `limit`: after the last clause mark or
    space in its second half, else at `limit`."""
    for i in range(limit - 1, pos + (limit - pos) // 2, -1):
        if text[i] in _CUT_AFTER:
            return i + 1
    return limit


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _word_before(text: str, start: int, end: int) -> str:
    """The run of ASCII letters and dots that ends text[start:end] (or ends it before a last
    newline), as `re.search(r"[A-Za-z.]+$")` finds it, without rescanning the sentence."""
    if end > start and text[end - 1] == "\n":
        end -= 1
    i = end
    while i > start and text[i - 1] in _WORD_CHARS:
        i -= 1
    return text[i:end]


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def clause_bounds(sentence: str) -> list[int]:
    """Offsets inside a sentence where a clause ends ("," "，" ";" " – " brackets)."""
    return list(_clause_bounds(sentence))


@lru_cache(maxsize=256)
def _clause_bounds(sentence: str) -> tuple[int, ...]:
    # Cached: every figure of a sentence asks, some several times.
    return tuple(m.start() for m in _CLAUSE.finditer(sentence))


def clause_index(bounds: list[int], pos: int) -> int:
    """Which clause (0-based) a position falls in."""
    i = 0
    for b in bounds:
        if pos >= b + 1:
            i += 1
        else:
            break
    return i


# "营业收入分别为A、B、C", "X and Y reported $A and $B respectively": list items pair up.
RESPECTIVE = re.compile(r"分别|分別|respectively", re.I)


def list_runs(text: str, items: list[tuple[int, int]], joins: Callable[[str], bool]) -> list[list[int]]:
    """Runs of items (offsets in `text`, in order) whose gaps `joins` takes for list marks."""
    runs: list[list[int]] = []
    for i, (a, _b) in enumerate(items):
        if runs and joins(text[items[runs[-1][-1]][1]:a]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs

