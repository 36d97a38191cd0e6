"""One queue item per fact across languages, conflicts and changes: the dedup dev set, and a
nightly run against a real feed server and the demo vault."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from models import Article, ClaimRecord, ClaimSource, Database, database_url
from pipeline.config import Settings
from pipeline.dedup_eval import TARGETS, score
from pipeline.queue import claim_views
from pipeline.review.app import _env
from pipeline.run import run
from tests.conftest import DEMO, ROOT, run_cli
from tests.feedserver import FeedServer, rss
from tests.pipeline.test_run import config


def test_dedup_dev_set_meets_its_targets() -> None:
    scores, errors = score(ROOT / "fixtures" / "dedup", DEMO / "vault")
    assert scores["restated_dropped_n"] >= 20 and scores["both_languages_merged_n"] >= 5
    for key, target in TARGETS.items():
        assert scores[key] >= target, (key, errors)
    assert scores["changes_shown"] == 1.0, errors


EN = [
    ("nv-en", "Nvidia results", "<p>Nvidia reported third-quarter revenue of $57.0 billion.</p>"),
    ("goog-en", "Alphabet debt", "<p>Alphabet's long-term debt was $48 billion at the end of 2025.</p>"),
    ("xai-en", "xAI 2026", "<p>xAI expects to burn $15 billion in 2026.</p>"),
    ("ora-en", "Oracle bonds", "<p>Oracle raised $25 billion from bond investors in a single day.</p>"),
]
ZH = [
    ("nv-zh", "英伟达财报", "<p>英伟达第三财季营收570亿美元。</p>"),
    ("tr-zh", "甲骨文现金流", "<p>甲骨文2026财年自由现金流为负237亿美元。</p>"
                             "<p>Oracle's free cash flow was negative $23.7 billion in fiscal 2026.</p>"),
]


def test_run_gives_one_item_per_fact_and_marks_conflicts_and_changes(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/en.xml", rss(EN).encode())
    server.feed("/zh.xml", rss(ZH).encode())
    settings = config(tmp_path, [("Wire", server.url("/en.xml")), ("深潮", server.url("/zh.xml"))])
    summary = run(settings)
    assert summary.stats.known == 1  # Oracle's $25B of debt is in the seed note's evidence log
    assert summary.stats.queued == 4 and summary.stats.merged == 2
    out = run_cli("queue", "list", "--json", "--config", str(tmp_path / "claimlog.toml"))
    assert out.returncode == 0, out.stderr
    items = {(r["subject"], r["low"]): r for r in map(json.loads, out.stdout.splitlines())}
    assert set(items) == {("NVIDIA", 57e9), ("Google", 48e9), ("xAI", 15e9), ("Oracle", -23.7e9)}

    nvidia = items[("NVIDIA", 57e9)]  # "third-quarter" and "第三财季": one fiscal quarter
    assert nvidia["fiscal_period"] == "Q3 FY2026" and len(nvidia["sources"]) == 2
    assert sorted(s["langs"][0] for s in nvidia["sources"]) == ["en", "zh"]

    translated = items[("Oracle", -23.7e9)]  # a Chinese summary over its English original
    assert len(translated["sources"]) == 1 and sorted(translated["sources"][0]["langs"]) == ["en", "zh"]

    conflict = items[("Google", 48e9)]
    assert [f["kind"] for f in conflict["flags"]] == ["conflict"]
    assert conflict["flags"][0]["value"] == "$48B" and conflict["flags"][0]["other_value"] == "$46.5B"
    assert "AI Capex Arms Race.md" in conflict["flags"][0]["message"]

    change = items[("xAI", 15e9)]["change"]
    assert change["text"] == "cash burn 2026 $15B vs 2025 $11B, +36.4%" and change["percent"] == 36.4
    assert items[("NVIDIA", 57e9)]["flags"] == [] and items[("NVIDIA", 57e9)]["change"] is None


def test_review_card_include_shows_conflict_and_change_as_text(demo: Settings) -> None:
    db = Database(database_url(demo.database))
    try:
        with db.session() as s:
            art = Article(key="k", content_hash="k", title="t", body="Meta capex", published=date(2026, 2, 1))
            s.add(art)
            s.flush()
            rec = ClaimRecord(fingerprint="f", loose_fingerprint="l", subject="Meta", metric="capex", low=160e9,
                              high=160e9, currency="USD", period="2027", sentence="Meta capex", theses=["x.md"],
                              comparison={"conflicts": [{"kind": "conflict",
                                                         "message": "conflicts with <b>row</b>: $160B vs $150B (2027)"}],
                                          "change": {"text": "capex 2027 $160B vs 2026 $135B, +18.5%"}})
            s.add(rec)
            s.flush()
            s.add(ClaimSource(claim_id=rec.id or 0, article_id=art.id or 0, sentence="Meta capex"))
            s.flush()
            html = _env.get_template("compared.html").render(c=claim_views(s, [rec])[0])
    finally:
        db.close()
    assert "conflicts with &lt;b&gt;row&lt;/b&gt;: $160B vs $150B (2027)" in html  # note text is never markup
    assert "Change: capex 2027 $160B vs 2026 $135B, +18.5%" in html
