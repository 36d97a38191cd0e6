"""`claimlog extract --jsonl`: stream lines in, contract lines out, errors per line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import IO, Any

from extractors.claims import Extractor

BATCH = 64


def _parse_line(line_no: int, line: str) -> tuple[Any, str, str | None, date | None]:
    obj = json.loads(line)
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError("'text' must be a string")
    lang = obj.get("lang")
    if lang not in (None, "en", "zh"):
        raise ValueError("'lang' must be en, zh or null")
    pub = obj.get("published")
    published = date.fromisoformat(pub[:10]) if isinstance(pub, str) and pub else None
    return obj.get("id"), text, lang, published


def run_extract(lines: Iterable[str], out: IO[str], extractor: Extractor,
                warn: Callable[[str], None] | None = None) -> int:
    """Read lines lazily, write one output line per input line; returns the error count."""
    errors = 0
    batch: list[tuple[Any, str, str | None, date | None]] = []

    def flush() -> None:
        if not batch:
            return
        results = extractor.extract_many([(t, lg, p) for _, t, lg, p in batch])
        for (id_, _, _, _), ex in zip(batch, results, strict=True):
            out.write(json.dumps(ex.to_json(id_), ensure_ascii=False) + "\n")
        batch.clear()

    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            batch.append(_parse_line(line_no, line))
        except (ValueError, TypeError) as exc:
            flush()  # keep output in input order
            errors += 1
            msg = f"line {line_no}: {exc}"
            out.write(json.dumps({"id": None, "line": line_no, "error": msg}, ensure_ascii=False) + "\n")
            if warn:
                warn(msg)
            continue
        if len(batch) >= BATCH:
            flush()
    flush()
    return errors
