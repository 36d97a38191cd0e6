"""Finding 4, DNS rebinding: a page on another origin whose name resolves to 127.0.0.1
reached the review server, read its CSRF token, approved a claim and applied it to a note.

The review server now answers only the Host names it was bound to and requires a
matching Origin on every POST.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlmodel import col, select

from models import Article, ClaimRecord, ClaimSource, Database, database_url
from pipeline.config import Settings
from pipeline.review.app import ReviewApp
from tests.conftest import CHROMIUM, browser_or_skip
from tests.pipeline.test_review import LiveServer

NOTE = "AI Capex Arms Race.md"
ATTACKER = "rebind.attacker.test"

Queue = tuple[Settings, Database, LiveServer, ReviewApp, int, int]


@pytest.fixture
def queue(demo: Settings) -> Iterator[Queue]:
    """One pending and one approved claim, both routed to the demo note."""
    db = Database(database_url(demo.database))
    ids = []
    with db.session() as s:
        art = Article(key="a", content_hash="a", title="t", body="Oracle sold $99 billion of bonds.")
        s.add(art)
        s.flush()
        for status, value in (("pending", 99e9), ("approved", 77e9)):
            rec = ClaimRecord(fingerprint=f"fp{value}", loose_fingerprint=f"l{value}", subject="Oracle",
                              metric="debt_issuance", low=value, high=value, currency="USD", status=status,
                              sentence="Oracle sold bonds.", confidence=1.0, theses=[NOTE])
            s.add(rec)
            s.flush()
            s.add(ClaimSource(claim_id=rec.id, article_id=art.id, sentence=rec.sentence, start=0, end=3))
            ids.append(rec.id)
    review = ReviewApp(demo, db)
    with LiveServer(review) as live:
        yield demo, db, live, review, ids[0], ids[1]
    db.close()


def statuses(db: Database) -> list[str]:
    with db.session() as s:
        return list(s.exec(select(ClaimRecord.status).order_by(col(ClaimRecord.id))).all())


@pytest.mark.parametrize("host", [f"{ATTACKER}:{{port}}", "127.0.0.1.nip.io:{port}", "localhost:1",
                                  "127.0.0.1", "", "evil.test"])
def test_foreign_host_gets_nothing(queue: Queue, host: str) -> None:
    _, _, live, review, _, _ = queue
    r = httpx.get(live.url, headers={"Host": host.format(port=live.port)})
    assert r.status_code == 421
    assert review.csrf not in r.text and "csrf" not in r.text


def test_foreign_host_changes_nothing(queue: Queue) -> None:
    settings, db, live, review, pending, _ = queue
    note = (settings.vault / NOTE).read_bytes()
    before = statuses(db)
    foreign = f"{ATTACKER}:{live.port}"
    for path, data in ((f"claims/{pending}/decide", {"action": "approve"}), ("apply", {}), ("undo", {})):
        r = httpx.post(live.url + path, data=data, headers={
            "Host": foreign, "Origin": f"http://{foreign}", "X-CSRF-Token": review.csrf})
        assert r.status_code == 421, path
    assert statuses(db) == before
    assert (settings.vault / NOTE).read_bytes() == note


@pytest.mark.parametrize("origin", [None, "null", "http://rebind.attacker.test:{port}",
                                    "http://127.0.0.1:1", "https://127.0.0.1:{port}"])
def test_post_needs_a_matching_origin(queue: Queue, origin: str | None) -> None:
    settings, db, live, review, pending, _ = queue
    headers = {"X-CSRF-Token": review.csrf}
    if origin is not None:
        headers["Origin"] = origin.format(port=live.port)
    r = httpx.post(f"{live.url}claims/{pending}/decide", data={"action": "approve"}, headers=headers)
    assert r.status_code == 403
    r = httpx.post(f"{live.url}apply", headers=headers)
    assert r.status_code == 403
    assert statuses(db) == ["pending", "approved"]


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost"])
def test_bound_names_still_work(queue: Queue, name: str) -> None:
    _, db, live, review, pending, _ = queue
    base = f"http://{name}:{live.port}"
    assert review.csrf in httpx.get(base + "/", headers={"Host": f"{name}:{live.port}"}).text
    r = httpx.post(f"{base}/claims/{pending}/decide", data={"action": "skip"},
                   headers={"Host": f"{name}:{live.port}", "Origin": base, "X-CSRF-Token": review.csrf})
    assert r.status_code == 200
    assert statuses(db)[0] == "skipped"


ATTACK_PAGE = """<!doctype html><script>
window.__result = (async () => {
  const out = {};
  const page = await fetch("/");
  out.status = page.status;
  const html = await page.text();
  const m = html.match(/name="csrf-token" content="([^"]+)"/);
  out.token = m ? m[1] : null;
  const headers = {"X-CSRF-Token": out.token || ""};
  const body = new URLSearchParams({action: "approve"});
  out.decide = (await fetch("/claims/PENDING/decide", {method: "POST", body, headers})).status;
  out.apply = (await fetch("/apply", {method: "POST", headers})).status;
  return out;
})();
</script>"""


def test_rebinding_in_chromium(queue: Queue) -> None:
    """The attacker's page is served under its own name, which then resolves to 127.0.0.1."""
    browser_or_skip()
    from playwright.sync_api import Route, sync_playwright

    settings, db, live, _, pending, _ = queue
    note = (settings.vault / NOTE).read_bytes()
    origin = f"http://{ATTACKER}:{live.port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--disable-gpu", f"--host-resolver-rules=MAP {ATTACKER} 127.0.0.1",
            # Chromium's own private-network checks would stop the page first; older browsers
            # and other engines do not, and the server must hold on its own.
            "--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,"
            "PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks"])
        page = browser.new_page()

        def attacker(route: Route) -> None:  # the first answer, before the name was rebound
            route.fulfill(status=200, content_type="text/html", body=ATTACK_PAGE.replace("PENDING", str(pending)))

        page.route(f"{origin}/attack.html", attacker)
        page.goto(f"{origin}/attack.html")
        result: dict[str, Any] = page.evaluate("window.__result")
        assert result == {"status": 421, "token": None, "decide": 421, "apply": 421}
        assert (settings.vault / NOTE).read_bytes() == note
        assert statuses(db) == ["pending", "approved"]
        # The same browser, on the name the server was bound to, still reviews.
        page.goto(live.url)
        page.keyboard.press("a")
        page.wait_for_selector(f"#c{pending}.status-approved")
        browser.close()
    assert statuses(db) == ["approved", "approved"]  # only the real page's approval
