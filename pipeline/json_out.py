"""The `--json` summaries of `run`, `feeds` and `notes scan`: one JSON object each."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from models import Feed
from models.tables import as_utc
from pipeline.summary import RunSummary


def dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=False) + "\n"


def run_json(summary: RunSummary) -> dict[str, Any]:
    """Every count of the run, its failures by name, the new claims' ids and the exit code."""
    return {"exit_code": summary.exit_code, **summary.as_dict(),
            "repeated_articles": summary.repeated_articles,
            "failed_articles": summary.failed_articles, "note_errors": summary.note_errors,
            "queued_ids": list(summary.stats.queued_ids),
            "seconds": {stage: round(s, 3) for stage, s in (summary.timings | summary.split).items()}}


def _when(value: datetime | None) -> str | None:
    utc = as_utc(value)
    return utc.isoformat() if utc else None


def feeds_json(feeds: list[Feed]) -> dict[str, Any]:
    return {"feeds": [{"name": f.name, "url": f.url, "status": f.last_status,
                       "last_attempt": _when(f.last_attempt), "last_success": _when(f.last_success),
                       "error_count": f.error_count, "last_error": f.last_error,
                       "backoff_until": _when(f.backoff_until), "items": f.items, "articles": f.articles}
                      for f in feeds]}


def notes_json(notes: list[Any], rows: int, claims: int, warnings: list[str]) -> dict[str, Any]:
    return {"notes": [{"note": n.rel, "links": len(n.links), "tags": len(n.tags), "evidence_rows": len(n.rows)}
                      for n in notes],
            "evidence_rows": rows, "claims": claims, "warnings": warnings}
