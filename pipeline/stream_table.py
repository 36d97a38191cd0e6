"""A table printed as its rows are read: one rich table a chunk of rows, fixed column widths,
the borders between chunks left out, so it reads as one table and memory stays flat.

A backfill queues tens of thousands of claims; building their table whole once took a minute
and gigabytes before a line was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text


def widths(columns: Sequence[tuple[str, int]], total: int) -> list[int]:
    """Column widths filling `total`: each column's weight of what the borders leave."""
    room = max(len(columns) * 4, total - 3 * len(columns) - 1)  # "│ " before each cell, " │" at the end
    weight = sum(w for _, w in columns)
    out = [max(3, room * w // weight) for _, w in columns]
    out[-1] += max(0, room - sum(out))
    return out


def stream_table(console: Console, columns: Sequence[tuple[str, int]], title: str,
                 chunks: Iterable[Sequence[Sequence[str]]]) -> int:
    """Print the rows of every chunk as one table, each chunk as soon as it comes; the rows printed."""
    sizes = widths(columns, console.width)
    pending: list[str] = []  # the last chunk's bottom border: printed only if no chunk follows
    count = 0
    first = True
    for rows in chunks:
        if not rows:
            continue
        table = Table(title=title if first else None, show_header=first)
        for (name, _), size in zip(columns, sizes, strict=True):
            table.add_column(name, width=size, min_width=size, max_width=size, overflow="fold")
        for row in rows:
            table.add_row(*(Text(str(cell)) for cell in row))
        with console.capture() as cap:
            console.print(table)
        lines = cap.get().splitlines(keepends=True)
        if not first:
            lines = lines[1:]  # the top border: this chunk goes on the one before
        console.file.write("".join(lines[:-1]))
        console.file.flush()
        pending = lines[-1:]
        count += len(rows)
        first = False
    console.file.write("".join(pending))
    console.file.flush()
    return count
