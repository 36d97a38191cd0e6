"""`queue list`: the queue streamed chunk by chunk, so its cost does not grow with the queue."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from sqlmodel import Session

from pipeline.bearing import annotate
from pipeline.fiscal import fiscal_period
from pipeline.queue import claim_views, iter_claims
from pipeline.stream_claims import stream_listing

# The fields of `queue list --json`, in this order: the contract scripts read.
JSON_FIELDS = ("id", "status", "subject", "metric", "low", "high", "currency", "qualifier", "per", "period",
               "modality", "lang", "sentence", "sources", "theses", "fiscal_period", "bears_on", "flags", "change")
# What the JSON lines are made of: the claim columns they show, and those their annotations read.
_COLUMNS = ("id", "status", "subject", "metric", "low", "high", "currency", "qualifier", "per", "period",
            "modality", "lang", "sentence", "theses", "published", "comparison")
CHUNK = 1000


def stream_views(s: Session, ids: list[int], vault: Path, chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    """Claim views of `ids`, in order, with `bears_on` and `flags`, one chunk at a time, as the
    review page builds them: the reference the streamed listings below are held to."""
    read: dict[str, Any] = {}  # the notes' checkpoints, read once for the whole listing
    for recs in iter_claims(s, ids, chunk):
        views = claim_views(s, recs)
        annotate(s, views, vault, read)
        yield views


def listing_views(s: Session, status: str | None, vault: Path, chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    """What `stream_views` gives for the listing of `status`, read in one streamed query."""
    read: dict[str, Any] = {}
    known: dict[Any, Any] = {}
    for rows, sources, flags in stream_listing(s, status, None, chunk):
        views = claim_views(s, rows, sources)
        annotate(s, views, vault, read, known=known, article_flags=flags)
        yield views


def listing_json_views(s: Session, status: str | None, vault: Path,
                       chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    """What `listing_views` gives, only the JSON_FIELDS, in their order: no more is read or worked out."""
    read: dict[str, Any] = {}
    known: dict[Any, Any] = {}
    for rows, sources, flags in stream_listing(s, status, _COLUMNS, chunk):
        views = [{
            "id": cid, "status": status, "subject": subject, "metric": metric, "low": low, "high": high,
            "currency": currency, "qualifier": qualifier, "per": per, "period": period, "modality": modality,
            "lang": lang, "sentence": sentence, "sources": sources.get(cid, []), "theses": list(theses or []),
            "fiscal_period": fiscal_period(subject, period, published, sentence, modality), "bears_on": None,
            "flags": list((comparison or {}).get("conflicts", [])), "change": (comparison or {}).get("change"),
            "published": published,  # read by `annotate`, not written
        } for (cid, status, subject, metric, low, high, currency, qualifier, per, period, modality, lang, sentence,
               theses, published, comparison) in rows]
        annotate(s, views, vault, read, changes=False, known=known, article_flags=flags)
        for v in views:
            del v["published"]
        yield views


def write_json_lines(chunks: Iterator[list[dict[str, Any]]], write: Callable[[bytes], Any]) -> int:
    """One JSON object per claim (UTF-8, compact), each chunk written as soon as it is read;
    the count written. orjson: encoding took a fifth of a long listing with the standard library."""
    n = 0
    for views in chunks:
        write(b"".join(orjson.dumps(v, option=orjson.OPT_APPEND_NEWLINE) for v in views))
        n += len(views)
    return n
