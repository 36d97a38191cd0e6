"""The nightly run: lock, scan notes, fetch, store, extract, dedup, queue, summary.

Every stage commits its own work (per feed, per batch of articles), so a run killed at
any point loses nothing already stored, and the next run finishes the rest without
duplicates: articles are unique by key, claims by fingerprint, and an article is marked
extracted in the same transaction that queues its claims.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from extractors.claims import Extractor
from models import Database, RunRecord, database_url
from models.tables import utcnow
from pipeline.config import Settings
from pipeline.dedup import EvidenceIndex
from pipeline.fetch_stage import fetch_stage
from pipeline.lock import run_lock, run_lock_for
from pipeline.storage import feed_status, pending_count
from pipeline.summary import Reporter, RunSummary, safe_reporter
from pipeline.vault import alias_table, evidence_index, read_vault, routing_table, scan
from pipeline.workers import PARALLEL_PARSE_FEEDS, extract_pending

__all__ = ["PARALLEL_PARSE_FEEDS", "RunSummary", "feed_status", "run", "run_lock"]


def run(settings: Settings, report: Reporter | None = None,
        progress: Callable[[str, int], Callable[[int], None]] | None = None) -> RunSummary:
    """The nightly job. `report` gets log lines; `progress(stage, total)` gives an advance().

    Report stages: "error" for a failure not in the summary; "failed" and "backoff" for the
    feeds and articles the summary lists; anything else is progress.
    """
    report = safe_reporter(report)
    summary = RunSummary(feeds=len(settings.feeds))
    url = database_url(settings.database)
    with run_lock_for(url, settings.lock_path):
        db = Database(url)
        try:
            record = _start_record(db)
            clock = time.perf_counter()
            notes = _notes_stage(db, settings, summary, report)
            clock = _lap(summary, "notes", clock)
            fetch_stage(db, settings, summary, report, progress)
            clock = _lap(summary, "fetch", clock)
            _extract_stage(db, settings, notes, summary, report, progress)
            _lap(summary, "extract", clock)
            _finish_record(db, record, summary)
        finally:
            db.close()
    return summary


@dataclass
class _Notes:
    """What the notes stage hands to extraction."""

    extractor: Extractor
    index: EvidenceIndex
    routes: list[tuple[str, set[str], bool]]


def _notes_stage(db: Database, settings: Settings, summary: RunSummary, report: Reporter) -> _Notes:
    """Read the vault, scan its evidence tables and build what extraction routes claims by."""
    notes, summary.note_errors = read_vault(settings.vault)
    for err in summary.note_errors:
        report("error", err)
    aliases = alias_table(notes, settings.aliases)
    extractor = Extractor(aliases)
    scanned = scan(db, settings.vault, extractor, notes)
    summary.notes, summary.evidence_rows = len(notes), scanned.rows
    report("notes", f"{len(notes)} notes, {scanned.rows} evidence rows")
    return _Notes(extractor, evidence_index(db), routing_table(notes, aliases))


def _extract_stage(db: Database, settings: Settings, notes: _Notes, summary: RunSummary, report: Reporter,
                   progress: Callable[[str, int], Callable[[int], None]] | None) -> None:
    total = pending_count(db)
    advance = progress("extract", total) if progress and total else None
    currencies = {f.name: f.currency for f in settings.feeds if f.currency}
    extract_pending(db, notes.extractor, notes.index, notes.routes, summary, report, advance, currencies,
                    total)
    report("extract", f"{summary.extracted} articles extracted, {summary.stats.queued} claims queued")


def _start_record(db: Database) -> int | None:
    with db.session() as s:
        record = RunRecord()
        s.add(record)
        s.flush()
        return record.id


def _finish_record(db: Database, record_id: int | None, summary: RunSummary) -> None:
    with db.session() as s:
        rec = s.get(RunRecord, record_id)
        if rec:
            rec.finished_at = utcnow()
            rec.status = {0: "ok", 5: "partial"}.get(summary.exit_code, "failed")
            rec.stats = summary.as_dict()
            s.add(rec)


def _lap(summary: RunSummary, stage: str, since: float) -> float:
    now = time.perf_counter()
    summary.timings[stage] = now - since
    return now
