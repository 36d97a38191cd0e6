"""What a run did (the summary behind the closing table, the exit code and --json), and
the reporter type every stage logs through."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.queue import QueueStats


@dataclass
class RunSummary:
    """What a run did, for the closing table and the exit code."""

    feeds: int = 0
    read: int = 0  # fetched and parsed
    not_modified: int = 0  # 304, or a body identical to the last one
    failed: dict[str, str] = field(default_factory=dict)
    backing_off: dict[str, str] = field(default_factory=dict)
    malformed: dict[str, str] = field(default_factory=dict)  # parsed despite errors (bozo)
    new_articles: int = 0
    repeated_articles: int = 0  # already stored, now also linked to this feed
    extracted: int = 0
    note_errors: list[str] = field(default_factory=list)
    failed_articles: dict[str, str] = field(default_factory=dict)
    notes: int = 0
    evidence_rows: int = 0
    stats: QueueStats = field(default_factory=QueueStats)
    translation: list[str] = field(default_factory=list)  # summary figures that misstate the original
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    # Seconds spent on parts of a stage: "store" within fetch, "queue" within extract.
    split: dict[str, float] = field(default_factory=lambda: {"store": 0.0, "queue": 0.0})

    def spent(self, part: str, seconds: float) -> None:
        self.split[part] = self.split.get(part, 0.0) + seconds

    @property
    def exit_code(self) -> int:
        """0 when every feed was read (or there are none), 5 when some failed, 1 when all did.

        A feed backing off counts as failed: it was not read.
        """
        ok = self.read + self.not_modified
        if ok == self.feeds:
            return 0
        return 5 if ok else 1

    def as_dict(self) -> dict[str, object]:
        return {
            "feeds": self.feeds, "read": self.read, "not_modified": self.not_modified,
            "failed": self.failed, "backing_off": self.backing_off, "malformed": self.malformed,
            "new_articles": self.new_articles, "extracted": self.extracted,
            "claims_found": self.stats.found, "known": self.stats.known,
            "merged": self.stats.merged, "queued": self.stats.queued,
            "flagged": self.stats.flagged, "notes": self.notes,
            "evidence_rows": self.evidence_rows, "translation_mismatches": len(self.translation),
        }


Reporter = Callable[[str, str], None]  # (stage, message)


def safe_reporter(report: Reporter | None) -> Reporter:
    """A reporter that cannot stop the run: a line it fails to print goes to stderr as is.

    Messages carry feed text; a failure here once aborted storing the very failure it reported.
    """
    if report is None:
        return lambda stage, msg: None
    inner = report

    def safe(stage: str, message: str) -> None:
        try:
            inner(stage, message)
        except Exception:
            sys.stderr.write(f"{stage}: {message}\n")

    return safe
