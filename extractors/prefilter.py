"""Words a regular expression cannot match without: a substring test before the scan (pure).

`re` looks for a literal prefix quickly, but a pattern that opens with a class, a group or
an alternation is tried at every position of the text. Most sentences hold none of the
words such a pattern needs ("quarter", "年", "TSX"), and `str.__contains__` says so faster
than the scan. The words are read from the compiled pattern itself, so a pattern can change
without its filter going stale; a pattern the reader does not follow gets no filter.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

# The parser `re` compiles with: private, so where it is missing there is only no filter.
try:
    _c: Any = importlib.import_module("re._constants")
    _parser: Any = importlib.import_module("re._parser")
    _EXTRA_CASES: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES
except (ImportError, AttributeError):  # pragma: no cover
    _c = _parser = None
    _EXTRA_CASES = {}

# Under IGNORECASE `re` compares single code points by their lower case and a few extra
# equivalences (ſ = s, ı = i, K = k, µ = μ...); folding both sides the same way keeps the
# test sound. İ is the one code point whose str.lower() is two.
_BEFORE_LOWER = {0x130: "i"}
_EXTRA = {k: min((k, *v)) for k, v in _EXTRA_CASES.items()}
_MIN_WEIGHT = 2  # one letter passes most sentences: testing it would only cost
_EXTRA_CHARS = re.compile("[" + "".join(re.escape(chr(k)) for k, v in _EXTRA.items() if k != v) + "]") \
    if _EXTRA else re.compile("(?!)")


def fold(text: str) -> str:
    """The text as a case-insensitive pattern sees it."""
    low = text.lower() if "\u0130" not in text else text.translate(_BEFORE_LOWER).lower()
    if low.isascii() or not _EXTRA_CHARS.search(low):
        return low
    return low.translate(_EXTRA)


Words = tuple[tuple[frozenset[str], frozenset[str]], ...]  # all of: one of (exact, folded)
_Found = frozenset[tuple[str, bool]]  # one of these words (folded when the flag is true)
_KEEP = 3  # sets tested per pattern: the most selective ones
_MAX_CLASS = 8  # a character class of more letters than this is no filter


@cache
def required_words(rx: re.Pattern[str]) -> Words | None:
    """Sets of words such that every match of `rx` contains a word of each set (exact or,
    under IGNORECASE, folded), or None when no such set is known."""
    if _parser is None or not isinstance(rx.pattern, str):
        return None
    try:
        parsed = _parser.parse(rx.pattern, rx.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern simply gets no filter
        return None
    found = sorted(_sequence(list(parsed), bool(rx.flags & re.IGNORECASE)), key=_score, reverse=True)[:_KEEP]
    if not found:
        return None
    return tuple((frozenset(w for w, ci in one if not ci), frozenset(w for w, ci in one if ci)) for one in found)


def may_match(rx: re.Pattern[str], text: str, folded: str | None = None) -> bool:
    """False only when `rx` cannot match anywhere in `text` (`folded`: fold(text), if the
    caller has it)."""
    words = required_words(rx)
    if words is None:
        return True
    for exact, lowered in words:
        if any(w in text for w in exact):
            continue
        if lowered:
            if folded is None:
                folded = fold(text)
            if any(w in folded for w in lowered):
                continue
        return False
    return True


def finditer(rx: re.Pattern[str], text: str, folded: str | None = None) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)`, with no scan where the text lacks the words `rx` needs."""
    return rx.finditer(text) if may_match(rx, text, folded) else iter(())


def _weight(word: str) -> int:
    """How rarely a word occurs, roughly: a CJK character is as rare as three letters, a
    bracket or other sign as two."""
    return sum(1 if c.isalnum() and c.isascii() or c.isspace() else 2 if c.isascii() else 3 for c in word)


def _score(found: _Found) -> tuple[int, int]:
    return min(_weight(w) for w, _ in found), -len(found)


def _sequence(items: list[tuple[Any, Any]], ci: bool) -> list[_Found]:
    """Sets of words a sequence needs, every one of them."""
    options: list[_Found] = []
    run: list[str] = []

    def flush() -> None:
        word = "".join(run)
        if _weight(word) >= _MIN_WEIGHT:
            options.append(frozenset({(fold(word) if ci else word, ci)}))
        run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            if op is _c.ASSERT:  # what a lookaround sees is in the text too
                options += _sequence(list(av[1]), ci)
            continue  # zero width: the literal run goes on around it
        flush()
        options += _item(op, av, ci)
    flush()
    return options


def _one(items: list[tuple[Any, Any]], ci: bool) -> _Found | None:
    """The most selective set a sequence needs."""
    options = _sequence(items, ci)
    return max(options, key=_score) if options else None


def _item(op: Any, av: Any, ci: bool) -> list[_Found]:
    """What a mandatory item of a sequence requires (nothing for optional or unknown items)."""
    if op is _c.SUBPATTERN:
        _group, add, remove, sub = av
        inner_ci = (ci or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _sequence(list(sub), inner_ci)
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av), ci)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        return _sequence(list(sub), ci) if low >= 1 else []
    if op is _c.IN and len(av) <= _MAX_CLASS and all(kind is _c.LITERAL for kind, _ in av):
        chars = {chr(code) for _, code in av}
        if min(map(_weight, chars)) >= _MIN_WEIGHT:  # "[（(]", not "[QH]"
            return [frozenset((fold(ch) if ci else ch, ci) for ch in chars)]
        return []
    if op is _c.BRANCH:
        _, branches = av
        out: set[tuple[str, bool]] = set()
        for branch in branches:
            found = _one(list(branch), ci)
            if not found:
                return []  # one branch that needs nothing: the alternation needs nothing
            out |= found
        return [frozenset(out)]
    return []




class Gate:
    """Which patterns of a long list may match a text, without a test per pattern (that
    would cost about what the pattern's own scan does): each pattern is indexed under the
    first two characters of the words it needs, and a text passes the patterns indexed
    under the pairs of characters it holds."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self._patterns = patterns
        self._always: list[int] = []
        self._exact: dict[str, list[int]] = {}
        self._folded: dict[str, list[int]] = {}
        self._size = -1  # indexed on first use: reading the patterns costs start-up time

    def _index(self) -> None:
        for i, rx in enumerate(self._patterns):
            words = required_words(rx)
            if words is None:
                self._always.append(i)
                continue
            exact, folded = words[0]  # the most selective set: one of its words is needed
            for w in exact:
                self._exact.setdefault(w[:2], []).append(i)
            for w in folded:
                self._folded.setdefault(w[:2], []).append(i)
        self._size = len(self._patterns)

    def passing(self, text: str) -> list[bool]:
        """For each pattern, whether it may match `text` (False: it cannot)."""
        if self._size < 0:
            self._index()
        ok = [False] * self._size
        for i in self._always:
            ok[i] = True
        for index, t in ((self._exact, text), (self._folded, fold(text) if self._folded else "")):
            if not index:
                continue
            for gram in {t[j:j + 2] for j in range(len(t))}:  # pairs, and the last character alone
                for i in index.get(gram, ()):
                    ok[i] = True
            for ch in set(t):  # words of one character: a CJK character, a bracket
                for i in index.get(ch, ()):
                    ok[i] = True
        return ok
