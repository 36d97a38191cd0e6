"""Big queues and evidence logs written straight into a database, for the queue benches.

Rows go in with SQLAlchemy Core inserts in one transaction, so 60,000 claims with their
sources take seconds, not the minutes the run's own path would.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from models import (
    Article,
    ArticleFeed,
    ClaimRecord,
    ClaimSource,
    Database,
    EvidenceClaim,
    EvidenceRow,
    Feed,
    Thesis,
)
from pipeline.dedup import fingerprint, loose_fingerprint

NOTES = ("AI Capex Arms Race.md", "China AI spending.md", "NVIDIA.md")
METRICS = ("revenue", "capex", "free_cash_flow", "funding", "valuation", "debt_issuance")
SUBJECTS = [f"Company {i}" for i in range(390)] + ["Microsoft", "Oracle", "NVIDIA", "Apple", "Alibaba", "Meta",
                                                   "Google", "Amazon", "Tesla", "TSMC"]
CLAIMS_PER_ARTICLE = 10


def _period(i: int) -> str:
    return f"Q{i % 4 + 1} {2023 + i % 4}" if i % 3 else str(2020 + i % 7)


def seed_queue(db: Database, n: int, seed: int = 16) -> None:
    """n pending claims, ten per article, one to two sources each, in two feeds; some with a conflict."""
    rng = random.Random(seed)
    articles = (n + CLAIMS_PER_ARTICLE - 1) // CLAIMS_PER_ARTICLE
    with db.session() as s:
        s.execute(insert(Feed), [{"name": f"Bench feed {k}", "source_url": f"https://feed{k}.example/rss",
                                  "url": f"https://feed{k}.example/rss"} for k in range(2)])
        s.execute(insert(Article), [{"key": f"bench-{a}", "content_hash": f"h{a}", "title": f"Bench article {a}",
                                     "url": f"https://news.example/{a}", "published": date(2026, 1 + a % 12, 1 + a % 28),
                                     "body": "x", "extracted": True} for a in range(articles)])
        s.execute(insert(ArticleFeed), [{"article_id": a + 1, "feed_id": a % 2 + 1} for a in range(articles)])
        claims, sources = [], []
        for i in range(n):
            subject, metric = SUBJECTS[i % len(SUBJECTS)], METRICS[i % len(METRICS)]
            value = round(10 ** rng.uniform(6, 11), -5)
            period = _period(i)
            sentence = f"{subject} reported {metric.replace('_', ' ')} of ${value / 1e9:.2f} billion for {period}."
            conflict = {"conflicts": [{"kind": "conflict", "message": f"{metric} {period}: ${value / 2e9:.1f}B in a note"}]}
            claims.append({"fingerprint": f"{fingerprint(subject, metric, period, 'USD', value, value)}#{i}",
                           "loose_fingerprint": loose_fingerprint(subject, metric, "USD", value, value),
                           "subject": subject, "metric": metric, "low": value, "high": value, "currency": "USD",
                           "qualifier": "exact", "period": period, "modality": "reported", "lang": "en",
                           "sentence": sentence, "confidence": 0.5 + (i % 50) / 100, "status": "pending",
                           "published": date(2026, 1 + i % 12, 1 + i % 28), "theses": [NOTES[i % len(NOTES)]],
                           "implication": "", "comparison": conflict if i % 20 == 0 else None})
            art = i // CLAIMS_PER_ARTICLE + 1
            for k in range(1 + (i % 4 == 0)):  # a quarter of the claims have a second source
                sources.append({"claim_id": i + 1, "article_id": (art + k * 7 - 1) % articles + 1, "lang": "en",
                                "sentence": sentence, "start": 40 * (i % CLAIMS_PER_ARTICLE), "end": 52,
                                "figure_text": f"${value / 1e9:.2f} billion", "subject_text": subject})
        s.execute(insert(ClaimRecord), claims)
        s.execute(insert(ClaimSource), sources)


def seed_evidence(db: Database, rows: int, notes: int = 1000) -> list[tuple[str, str, str, float]]:
    """`rows` evidence rows over `notes` notes, each with its claim; their (subject, metric, period, value)."""
    rng = random.Random(rows)
    facts = []
    with db.session() as s:
        s.execute(insert(Thesis), [{"path": f"note {k}.md", "title": f"Note {k}", "tags": [], "links": [],
                                    "aliases": [], "has_evidence_log": True} for k in range(notes)])
        evidence, claims = [], []
        for i in range(rows):
            subject, metric = SUBJECTS[i % len(SUBJECTS)], METRICS[i % len(METRICS)]
            value, period = round(10 ** rng.uniform(6, 11), -5), _period(i)
            obs = f"[[{subject}]] {metric.replace('_', ' ')} **${value / 1e9:.2f}B** ({period}), per filings {i}"
            evidence.append({"thesis_id": i % notes + 1, "line_no": 10 + i // notes, "date": f"2025-{1 + i % 12:02d}-01",
                             "observation": obs, "implication": "", "row_hash": f"r{i}", "figures": [["USD", value]]})
            claims.append({"row_id": i + 1, "fingerprint": fingerprint(subject, metric, period, "USD", value, value),
                           "loose_fingerprint": loose_fingerprint(subject, metric, "USD", value, value),
                           "has_period": True, "subject": subject, "metric": metric, "low": value, "high": value,
                           "currency": "USD", "period": period})
            facts.append((subject, metric, period, value))
        s.execute(insert(EvidenceRow), evidence)
        s.execute(insert(EvidenceClaim), claims)
    return facts


# Runs `claimlog ARGS` and writes its own peak RSS last on stderr. A child's rusage is no use
# here: Linux hands it the peak of the process it was forked from, this bench with spaCy loaded.
_PEAK = ("import atexit, sys\n"
         "def peak():\n"
         "    with open('/proc/self/status') as fh:\n"
         "        kb = next(line.split()[1] for line in fh if line.startswith('VmHWM:'))\n"
         "    sys.stderr.write(f'\\npeak_kb {kb}\\n')\n"
         "atexit.register(peak)\n"
         "sys.argv = ['claimlog', *sys.argv[1:]]\n"
         "from pipeline.cli import main\n"
         "main()\n")


def timed_command(args: list[str], cwd: Path, stdout: Any) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and exit code of `claimlog ARGS`, its own peak, not the bench's."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    err = proc.stderr.decode(errors="replace")
    if proc.returncode:
        sys.stderr.write(err[-2000:])
    kb = next((float(line.split()[1]) for line in reversed(err.splitlines()) if line.startswith("peak_kb ")), 0.0)
    return wall, kb / 1024, proc.returncode
