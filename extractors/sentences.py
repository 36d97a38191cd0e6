"""Sentence and clause boundaries for English and Chinese text (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable

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
    return [m.start() for m in _CLAUSE.finditer(sentence)]


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

