"""The review page shows what each claim bears on, its translation flags, and the thesis digest."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from models import Article, ClaimRecord, ClaimSource, Database
from pipeline.config import Settings
from tests.pipeline.test_review import NOTE, LiveServer, page, queue

__all__ = ["page", "queue"]  # fixtures


def test_cards_show_checkpoints_and_flags_and_the_page_the_digest(
        queue: tuple[Settings, Database, LiveServer], page: Any) -> None:
    _, db, live = queue
    evil = '<img src=x onerror="window.__xss=1">1304亿美元'
    with db.session() as s:
        meta = s.exec(select(ClaimRecord).where(ClaimRecord.subject == "Meta", ClaimRecord.metric == "capex")).one()
        art = Article(key="tr", content_hash="tr", title="translated", summary="OpenAI 收入1304亿美元",
                      body="OpenAI had $13.04 billion in revenue.",
                      translation_flags=[{"kind": "translation_mismatch", "summary": evil, "original": "$13.04 billion",
                                          "why": "scale (10x too large)", "start": 11}])
        s.add(art)
        s.flush()
        rec = ClaimRecord(fingerprint="tr", loose_fingerprint="tr", subject="OpenAI", metric="revenue", low=130.4e9,
                          high=130.4e9, currency="USD", sentence="OpenAI 收入1304亿美元", confidence=1.0, theses=[NOTE])
        s.add(rec)
        s.flush()
        s.add(ClaimSource(claim_id=rec.id or 0, article_id=art.id or 0, sentence=rec.sentence, start=11, end=18,
                          figure_text="1304亿美元"))
    page.goto(live.url)
    bears = page.locator(f"#c{meta.id} .bears-on li")
    assert sorted(bears.all_inner_texts()) == [
        f"invalidates: AI capex cycle peaks/reverses ({NOTE})",
        f"invalidates: Investor revolt forces spending cuts ({NOTE})"]
    flag = page.locator(f"#c{rec.id} .flag")
    text = flag.inner_text()
    assert text.startswith("Translation mismatch (scale (10x too large)): summary says")
    assert evil in text and text.endswith("original says $13.04 billion")
    assert flag.locator("img").count() == 0 and page.evaluate("window.__xss") is None
    assert page.locator(".card .flag").count() == 1  # only the flagged claim
    digest = page.locator("details#digest")
    digest.locator("summary").click()
    assert "6 validating, 1 invalidating." in digest.inner_text()
    assert "invalidates: AI capex cycle peaks/reverses (1)" in digest.inner_text()
