"""`claimlog extract --jsonl`: stream lines in, contract lines out, errors per line.

Every line stands alone: a line that cannot be read or extracted gets an error line of
its own, and the lines around it are still processed. Each output line is flushed as it
is written, so a run cut short keeps what it did.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from extractors.claims import Extractor

BATCH = 64  # the first batch: output starts soon
PARALLEL_BATCH = 512  # later batches: large enough to share between two cores
MAX_LINE_CHARS = 1_000_000  # one JSON line; longer ones are refused before parsing
MAX_TEXT_CHARS = 200_000  # one text; a longer one is no news article


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _parse_line(line: str) -> tuple[Any, str, str | None, date | None]:
    if len(line) > MAX_LINE_CHARS:
        raise ValueError(f"line is {len(line):,} characters; the limit is {MAX_LINE_CHARS:,}")
    try:
        obj = json.loads(line, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    id_ = obj.get("id")
    if id_ is not None and (isinstance(id_, bool) or not isinstance(id_, str | int)):
        raise ValueError("'id' must be a string, an integer or null")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError("'text' must be a string")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"'text' is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}")
    lang = obj.get("lang")
    if lang not in (None, "en", "zh"):
        raise ValueError("'lang' must be en, zh or null")
    pub = obj.get("published")
    if pub is not None and not isinstance(pub, str):
        raise ValueError("'published' must be a YYYY-MM-DD string or null")
    published = date.fromisoformat(pub[:10]) if pub else None
    return id_, text, lang, published


def _dumps(obj: dict[str, Any]) -> str:
    """One JSON line; NaN and infinities are refused (ValueError), never written."""
    line = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate from the input: escape it
        line = json.dumps(obj, allow_nan=False)
    return line + "\n"


@dataclass
class ExtractCounts:
    """Lines extracted and lines that got an error line."""

    done: int = 0
    errors: int = 0


def run_extract(lines: Iterable[str], out: IO[str], extractor: Extractor,
                warn: Callable[[str], None] | None = None) -> ExtractCounts:
    """Read lines lazily, write one output line per input line."""
    counts = ExtractCounts()
    batch: list[tuple[int, tuple[Any, str, str | None, date | None]]] = []

    def emit(text: str) -> None:
        out.write(text)
        out.flush()

    def error(line_no: int, id_: Any, why: str) -> None:
        counts.errors += 1
        msg = f"line {line_no}: {why}"
        emit(_dumps({"id": id_, "line": line_no, "error": msg}))
        if warn:
            warn(msg)

    def extract(items: list[tuple[int, tuple[Any, str, str | None, date | None]]]) -> None:
        try:
            texts = [(t, lg, p) for _, (_, t, lg, p) in items]
            # a large batch is split with a forked second process; results come back in order
            results = extractor.extract_parallel(texts, processes=2) if len(items) > 1 else extractor.extract_many(texts)
            lines_out = [_dumps(ex.to_json(parsed[0])) for (_, parsed), ex in zip(items, results, strict=True)]
        except Exception as exc:
            if len(items) > 1:  # find the line at fault; the others are extracted alone
                for item in items:
                    extract([item])
                return
            error(items[0][0], items[0][1][0], f"extraction failed: {type(exc).__name__}: {exc}")
            return
        for text in lines_out:
            emit(text)
            counts.done += 1

    def flush() -> None:
        if batch:
            extract(batch[:])
            batch.clear()

    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            batch.append((line_no, _parse_line(line)))
        except (ValueError, TypeError) as exc:
            flush()  # keep output in input order
            error(line_no, None, str(exc))
            continue
        if len(batch) >= (PARALLEL_BATCH if counts.done or counts.errors else BATCH):
            flush()
    flush()
    return counts
