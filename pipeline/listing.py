"""`queue list`: the queue streamed chunk by chunk, so its cost does not grow with the queue."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from sqlmodel import Session

from pipeline.bearing import annotate
from pipeline.queue import claim_views, iter_claims

# The fields of `queue list --json`, in this order: the contract scripts read.
JSON_FIELDS = ("id", "status", "subject", "metric", "low", "high", "currency", "qualifier", "per", "period",
               "modality", "lang", "sentence", "sources", "theses", "fiscal_period", "bears_on", "flags", "change")
CHUNK = 1000


def stream_views(s: Session, ids: list[int], vault: Path, chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    """Claim views of `ids`, in order, with `bears_on` and `flags`, one chunk at a time."""
    read: dict[str, Any] = {}  # the notes' checkpoints, read once for the whole listing
    for recs in iter_claims(s, ids, chunk):
        views = claim_views(s, recs)
        annotate(s, views, vault, read)
        yield views


def write_json_lines(chunks: Iterator[list[dict[str, Any]]], out: TextIO) -> int:
    """One JSON object per claim, each written as soon as its chunk is read; the count written."""
    n = 0
    for views in chunks:
        out.write("".join(json.dumps({k: v[k] for k in JSON_FIELDS}, ensure_ascii=False) + "\n" for v in views))
        n += len(views)
    return n
