"""A big queue for the review page and a measure of its first load in real Chromium."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import select

from models import Article, ClaimRecord, ClaimSource, Database

NOTE = "AI Capex Arms Race.md"
METRICS = ("revenue", "capex", "free_cash_flow", "funding", "valuation")


def seed_pending(db: Database, n: int) -> None:
    """n pending claims from one article, written in one transaction."""
    with db.session() as s:
        art = Article(key="bulk", content_hash="bulk", title="Bulk article", body="x", published=date(2026, 2, 1))
        s.add(art)
        s.flush()
        s.bulk_save_objects([
            ClaimRecord(fingerprint=f"fp{i}", loose_fingerprint=f"l{i}", subject=f"Company {i % 400}",
                        metric=METRICS[i % len(METRICS)], low=(i + 1) * 1e8, high=(i + 1) * 1e8, currency="USD",
                        period=f"Q{i % 4 + 1} {2024 + i % 3}", published=date(2026, 1, 1 + i % 28),
                        confidence=0.5 + (i % 50) / 100, theses=[NOTE],
                        sentence=f"Company {i % 400} reported {METRICS[i % len(METRICS)]} of ${(i + 1) / 10:g} billion.")
            for i in range(n)])
        s.flush()
        ids = list(s.exec(select(ClaimRecord.id)).all())
        s.bulk_save_objects([ClaimSource(claim_id=cid, article_id=art.id or 0, sentence=f"claim {cid}", start=k,
                                         figure_text="billion") for k, cid in enumerate(ids)])


FIRST_LOAD_JS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const size = (e) => e.transferSize || e.encodedBodySize || 0;
  const bytes = size(nav) + performance.getEntriesByType("resource").reduce((a, e) => a + size(e), 0);
  return {seconds: nav.loadEventEnd / 1000, bytes, cards: document.querySelectorAll(".card").length};
}"""


def first_load(page: Any, url: str) -> dict[str, float]:
    """Seconds from navigation to the load event, bytes over the wire, cards shown."""
    page.goto(url, wait_until="load")
    return dict(page.evaluate(FIRST_LOAD_JS))
