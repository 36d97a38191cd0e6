"""Stretches of a text already taken by a span, asked "does [a, b) overlap one?" (pure).

A list searched in full on every question makes a text of many names quadratic; spans are
filed by the cells of text they cover, so a question reads only its own cells.
"""

from __future__ import annotations

from collections.abc import Iterable

_CELL = 64


class Occupied:
    """Spans (start, end) of a text; `overlaps` is true as `any(a < end and start < b)` is."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._cells: dict[int, list[tuple[int, int]]] = {}
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        for cell in range(a // _CELL, max(a, b - 1) // _CELL + 1):
            self._cells.setdefault(cell, []).append((a, b))

    def overlaps(self, start: int, end: int) -> bool:
        for cell in range(start // _CELL, max(start, end - 1) // _CELL + 1):
            if any(a < end and start < b for a, b in self._cells.get(cell, ())):
                return True
        return False
