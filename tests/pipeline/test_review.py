"""The review page in real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlmodel import select

from models import Article, ClaimRecord, ClaimSource, Database, Decision, database_url
from pipeline.config import Settings
from pipeline.errors import ClaimlogError
from pipeline.review.app import ReviewApp, highlight, serve
from pipeline.run import run
from tests.conftest import CHROMIUM, ROOT, browser_or_skip

ARTIFACTS = ROOT / "test-artifacts"
NOTE = "AI Capex Arms Race.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(self, review: ReviewApp) -> None:
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(review.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("review server did not start")

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def queue(demo: Settings) -> Iterator[tuple[Settings, Database, LiveServer]]:
    run(demo)
    db = Database(database_url(demo.database))
    with LiveServer(ReviewApp(demo, db)) as live:
        yield demo, db, live


@pytest.fixture
def page() -> Iterator[Any]:
    browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        pg = browser.new_page(viewport={"width": 1200, "height": 1600})
        yield pg
        browser.close()


def status_of(db: Database, cid: int) -> str:
    with db.session() as s:
        return s.get(ClaimRecord, cid).status


def test_review_by_keyboard_then_apply(queue: tuple[Settings, Database, LiveServer], page: Any) -> None:
    settings, db, live = queue
    page.goto(live.url)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"))
    ids = [int(x) for x in page.eval_on_selector_all(".card", "els => els.map(e => e.dataset.id)")]
    assert len(ids) >= 5
    first, second, third = ids[0], ids[1], ids[2]
    assert page.locator(f"#c{first} .sentence mark.fig").count() == 1

    page.keyboard.press("a")  # approve, move on
    page.wait_for_selector(f"#c{first}.status-approved")
    assert status_of(db, first) == "approved"

    page.keyboard.press("e")  # edit the second
    period = page.locator(f"#c{second} form.edit input[name=period]")
    period.fill("FY2026")
    implication = page.locator(f"#c{second} form.edit input[name=implication]")
    implication.fill("a rally; s")  # keys typed into a field decide nothing
    assert status_of(db, second) == "pending"
    with page.expect_navigation():  # saving reloads the page on the edited card
        implication.press("Enter")
    page.wait_for_selector(f"#c{second}.current")
    with db.session() as s:
        rec = s.get(ClaimRecord, second)
        assert rec.period == "FY2026" and rec.implication == "a rally; s"
        assert rec.original is not None and "period" in rec.original

    page.keyboard.press("j")
    page.keyboard.press("r")  # reject the third
    page.wait_for_selector(f"#c{third}.status-rejected")
    assert status_of(db, third) == "rejected"
    with page.expect_navigation():
        page.keyboard.press("u")  # undo the rejection
    page.wait_for_selector(f"#c{third}.current")
    assert status_of(db, third) == "pending"

    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    page.keyboard.press("?")

    before = (settings.vault / NOTE).read_text("utf-8")
    page.click("#apply")
    page.wait_for_selector("#diff:not([hidden])")
    diff = page.inner_text("#diff")
    assert "+| " in diff
    after = (settings.vault / NOTE).read_text("utf-8")
    added = [ln for ln in after.split("\n") if ln not in before.split("\n")]
    assert len(added) == 1 and added[0].startswith("| ")
    assert status_of(db, first) == "applied"
    with db.session() as s:
        actions = [d.action for d in s.exec(select(Decision).order_by(Decision.id)).all()]
    assert actions == ["approve", "edit", "reject", "apply"]
    page.screenshot(path=str(ARTIFACTS / "review-after-apply.png"), full_page=True)


def test_bulk_approve_a_selection(queue: tuple[Settings, Database, LiveServer], page: Any) -> None:
    _, db, live = queue
    page.goto(live.url)
    ids = [int(x) for x in page.eval_on_selector_all(".card", "els => els.map(e => e.dataset.id)")]
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.click("#bulk-approve")
    page.wait_for_selector(f"#c{ids[2]}.status-approved")
    assert [status_of(db, i) for i in ids[:3]] == ["approved", "pending", "approved"]


def test_untrusted_article_text_renders_as_text(queue: tuple[Settings, Database, LiveServer], page: Any) -> None:
    settings, db, live = queue
    evil = 'Oracle sold <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> $99 billion of bonds.'
    with db.session() as s:
        art = Article(key="evil", content_hash="evil", title="<b>evil</b>", body=evil)
        s.add(art)
        s.flush()
        rec = ClaimRecord(fingerprint="evil", loose_fingerprint="evil", subject="Oracle", metric="debt_issuance",
                          low=99e9, high=99e9, currency="USD", sentence=evil, confidence=1.0, theses=[NOTE])
        s.add(rec)
        s.flush()
        s.add(ClaimSource(claim_id=rec.id, article_id=art.id, sentence=evil, figure_text="$99 billion",
                          subject_text="Oracle", start=evil.index("$99"), end=evil.index("$99") + 11))
    page.goto(live.url)
    card = page.locator(f"#c{rec.id}")
    assert "<script>window.__xss=1</script>" in card.locator(".sentence").inner_text()
    assert card.locator(".sentence img").count() == 0
    card.locator("button[data-act=more]").click()
    page.wait_for_selector(f"#c{rec.id} .context:not([hidden])")
    assert card.locator(".context img").count() == 0
    assert page.evaluate("window.__xss") is None


def test_chart_for_subject_and_metric(queue: tuple[Settings, Database, LiveServer], page: Any) -> None:
    _, db, live = queue
    page.goto(live.url)
    with db.session() as s:
        nvda = next(r for r in s.exec(select(ClaimRecord)).all() if r.subject == "NVIDIA" and r.low == 57e9)
    assert page.locator(f"#c{nvda.id} svg.spark circle").count() >= 2


@pytest.fixture
def any_db_queue(db_url: str | None, demo: Settings) -> Iterator[tuple[Settings, Database, LiveServer]]:
    """The queue fixture over each database (SQLite, PostgreSQL): for the tests that speak HTTP only."""
    run(demo)
    db = Database(database_url(demo.database))
    with LiveServer(ReviewApp(demo, db)) as live:
        yield demo, db, live


def test_posts_need_the_csrf_token(any_db_queue: tuple[Settings, Database, LiveServer]) -> None:
    demo, db, live = any_db_queue
    with db.session() as s:
        cid = s.exec(select(ClaimRecord.id)).first()
    r = httpx.post(f"{live.url}claims/{cid}/decide", data={"action": "approve"})
    assert r.status_code == 403
    assert status_of(db, cid) == "pending"
    page = httpx.get(live.url)
    csrf = page.text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    origin = live.url.rstrip("/")
    r = httpx.post(f"{live.url}claims/{cid}/decide", data={"action": "approve"},
                   headers={"Origin": origin, "X-CSRF-Token": csrf})  # as the page sends it
    assert r.status_code == 200 and status_of(db, cid) == "approved"
    r = httpx.post(f"{live.url}apply", headers={"Origin": origin, "X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["applied"] == [cid]
    assert status_of(db, cid) == "applied"


def test_highlight_escapes_before_marking() -> None:
    html = str(highlight("<b>Meta</b> spent $5B", [("$5B", "fig"), ("Meta", "subj")]))
    assert html == '&lt;b&gt;<mark class="subj">Meta</mark>&lt;/b&gt; spent <mark class="fig">$5B</mark>'


def test_non_loopback_bind_needs_a_token(demo: Settings) -> None:
    with pytest.raises(ClaimlogError, match="token"):
        serve(demo, host="0.0.0.0", port=free_port(), open_browser=False)


def test_render_1000_pending_claims(demo: Settings, tmp_path: Path) -> None:
    db = Database(database_url(demo.database))
    with db.session() as s:
        art = Article(key="bulk", content_hash="bulk", title="bulk", body="x")
        s.add(art)
        s.flush()
        for i in range(1000):
            rec = ClaimRecord(fingerprint=f"fp{i}", loose_fingerprint=f"l{i}", subject=f"Co{i % 40}",
                              metric="revenue", low=i * 1e9, high=i * 1e9, currency="USD",
                              sentence=f"Co{i % 40} revenue was ${i} billion.", theses=[NOTE])
            s.add(rec)
            s.flush()
            s.add(ClaimSource(claim_id=rec.id, article_id=art.id, sentence=rec.sentence, start=i))
    html = ReviewApp(demo, db).render_queue()
    assert html.count('class="card"') == 1000
