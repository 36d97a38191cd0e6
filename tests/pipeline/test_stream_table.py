"""`run --table` prints its claims as they are read: each chunk is written before the next is
read, and the chunks read as one table."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from rich.console import Console

from pipeline.cli import CLAIM_COLUMNS
from pipeline.stream_table import stream_table, widths


def test_rows_are_written_before_the_next_chunk_is_read() -> None:
    buf = io.StringIO()
    console = Console(file=buf, width=120)
    seen_before: list[int] = []

    def chunks() -> Iterator[list[tuple[str, ...]]]:
        for c in range(3):
            seen_before.append(len(re.findall(r"^│ \d+ +│", buf.getvalue(), re.M)))
            yield [(str(c * 10 + i), f"[b]X{i}", "capex", "$1B", "", "reported", "en", "1", "feed", "")
                   for i in range(4)]

    assert stream_table(console, CLAIM_COLUMNS, "12 new claims queued for review", chunks()) == 12
    assert seen_before == [0, 4, 8]  # each chunk on the page before the next was asked for
    text = buf.getvalue()
    lines = text.splitlines()
    assert "12 new claims queued for review" in lines[0]
    assert len(re.findall(r"^│ \d+ +│", text, re.M)) == 12
    assert sum("subject" in ln for ln in lines) == 1  # one header
    assert lines[1].startswith("┏") and lines[-1].startswith("└")  # one top border, one bottom border
    assert sum(ln.startswith(("┏", "┌", "└")) for ln in lines) == 2
    assert "[b]X0" in text  # cells are text, never markup
    assert len({len(ln) for ln in lines[1:]}) == 1  # every chunk laid out with the same widths


def test_no_rows_print_nothing_but_no_table() -> None:
    buf = io.StringIO()
    assert stream_table(Console(file=buf, width=80), CLAIM_COLUMNS, "t", iter([[], []])) == 0
    assert buf.getvalue() == ""


def test_widths_fill_the_line() -> None:
    for total in (80, 160, 300):
        w = widths(CLAIM_COLUMNS, total)
        assert all(x >= 3 for x in w) and sum(w) + 3 * len(w) + 1 == total  # cells, borders and padding
