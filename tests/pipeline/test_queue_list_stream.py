"""`queue list` streams the queue chunk by chunk, and light commands load no heavy module."""

from __future__ import annotations

import json
import subprocess
import sys

import orjson
import pytest
from sqlmodel import col, select, update

from models import Article, ClaimRecord, ClaimSource, Database, database_url
from pipeline.config import Settings
from pipeline.listing import CHUNK, JSON_FIELDS, stream_views
from pipeline.queue import claim_views, iter_claims, list_claims, listed_ids
from tests.bench.queue_load import seed_queue
from tests.conftest import ROOT, run_cli

N = 2 * CHUNK + 345  # three chunks, the last one partial


@pytest.fixture
def big_queue(demo: Settings) -> Database:
    db = Database(database_url(demo.database))
    seed_queue(db, N)
    with db.session() as s:  # some decided claims, which a pending listing leaves out
        s.exec(update(ClaimRecord).where(col(ClaimRecord.id) % 97 == 0).values(status="approved"))  # type: ignore[call-overload]
    return db


def test_json_lines_hold_every_claim_in_the_listing_order(demo: Settings, big_queue: Database) -> None:
    proc = run_cli("queue", "list", "--json", "--config", str(demo.path))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    with big_queue.session() as s:
        expected = list_claims(s, "pending")
        views = {v["id"]: v for v in claim_views(s, expected)}
    assert [r["id"] for r in rows] == [r.id for r in expected]
    assert len(rows) == N - N // 97
    assert all(list(r) == list(JSON_FIELDS) for r in rows)
    for r in rows[::250]:  # the rows read in chunks say what the model objects say
        assert {k: r[k] for k in ("subject", "metric", "low", "period", "theses", "fiscal_period", "flags", "change")} == \
            {k: views[r["id"]][k] for k in ("subject", "metric", "low", "period", "theses", "fiscal_period", "flags", "change")}
        assert [src["article_id"] for src in r["sources"]] == [src["article_id"] for src in views[r["id"]]["sources"]]


def test_chunks_keep_the_order_and_drop_nothing(demo: Settings, big_queue: Database) -> None:
    with big_queue.session() as s:
        ids = listed_ids(s, None)
        chunks = list(iter_claims(s, ids, chunk=700))
        assert [len(c) for c in chunks] == [700, 700, 700, N - 2100]
        assert [r.id for c in chunks for r in c] == ids == [r.id for r in list_claims(s, None)]
        assert len(s.exec(select(ClaimRecord.id)).all()) == N


def test_table_is_printed_chunk_by_chunk_with_one_title(demo: Settings, big_queue: Database) -> None:
    proc = run_cli("queue", "list", "--status", "approved", "--config", str(demo.path))
    assert proc.returncode == 0, proc.stderr
    approved = N // 97
    assert proc.stdout.count(f"{approved} approved claims") == 1
    proc = run_cli("queue", "list", "--config", str(demo.path))
    headers = [line for line in proc.stdout.splitlines() if "subject" in line and "modality" in line]
    assert proc.stdout.count("pending claims") == 1 and len(headers) == 1
    assert f"{N - approved} pending claims" in proc.stdout


# Modules a command must not load: the extractor and spaCy, the fetcher, the feed parser.
HEAVY = ("spacy", "extractors.claims", "extractors.entities", "jieba", "cn2an", "httpx", "feedparser", "selectolax")
SHOW_MODULES = ("import sys\nsys.argv = ['claimlog', *sys.argv[1:]]\nfrom pipeline.cli import main\n"
                "try:\n    main()\nexcept SystemExit:\n    pass\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)\n")


def loaded(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", SHOW_MODULES, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.stderr.strip(), proc
    return set(proc.stderr.splitlines()[-1].split())


@pytest.mark.parametrize("args", [("--help",), ("queue", "list", "--help"), ("queue", "--help"), ("feeds", "--help"),
                                  ("db", "--help"), ("notes", "scan", "--help")])
def test_help_loads_no_database_layer_and_no_extractor(args: tuple[str, ...]) -> None:
    mods = loaded(*args)
    assert "pipeline.cli" in mods
    assert not {m for m in mods if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic", "models")}
    assert not {m for m in mods if m.startswith(HEAVY)}
    # Typer validates options with pydantic, and rich prints; help needs neither (0.2-0.5 s of imports).
    assert not {m for m in mods if m.split(".")[0] in ("pydantic", "pydantic_core", "rich")}


@pytest.mark.parametrize("args", [("queue", "list", "--json"), ("queue", "list"), ("feeds",), ("feeds", "--json")])
def test_queue_list_and_feeds_load_no_extractor(demo: Settings, args: tuple[str, ...]) -> None:
    mods = loaded(*args, "--config", str(demo.path))
    assert "sqlalchemy" in mods  # they did open the database
    assert not {m for m in mods if m.startswith(HEAVY)}, sorted(m for m in mods if m.startswith(HEAVY))


def test_json_lines_are_the_full_views_of_the_demo_queue(demo: Settings) -> None:
    """The JSON path reads only what it writes; what it writes is what the review page's views say,
    on a queue with checkpoints borne on, translation flags, conflicts and decided claims."""
    assert run_cli("run", "--config", str(demo.path)).returncode == 0
    db = Database(database_url(demo.database))
    with db.session() as s:  # a decided claim and an edited one list as the rest do
        first, second = listed_ids(s, "pending")[:2]
    run_cli("queue", "approve", str(first), "--config", str(demo.path))
    run_cli("queue", "edit", str(second), "--set", "period=", "--config", str(demo.path))
    with db.session() as s:  # a conflict with a change, and a summary figure that mistranslates its source
        s.exec(update(ClaimRecord).where(col(ClaimRecord.id) == second).values(  # type: ignore[call-overload]
            comparison={"conflicts": [{"kind": "conflict", "message": "capex 2026: $60B in a note"}],
                        "change": {"text": "up 10%"}}))
        src = s.exec(select(ClaimSource).where(ClaimSource.claim_id == first)).first()
        assert src is not None
        flag = {"kind": "translation_mismatch", "summary": "1亿", "original": "$1B", "why": "scale", "start": src.start}
        s.exec(update(Article).where(col(Article.id) == src.article_id).values(  # type: ignore[call-overload]
            translation_flags=[flag]))
    proc = run_cli("queue", "list", "--json", "--status", "all", "--config", str(demo.path))
    assert proc.returncode == 0, proc.stderr
    with db.session() as s:
        ids = listed_ids(s, None)
        expected = [orjson.dumps({k: v[k] for k in JSON_FIELDS}).decode()
                    for views in stream_views(s, ids, demo.vault, chunk=7) for v in views]
    assert proc.stdout.splitlines() == expected
    rows = [json.loads(line) for line in expected]
    assert any(r["bears_on"] for r in rows) and any(r["flags"] for r in rows) and any(r["change"] for r in rows)
    assert any(f["kind"] == "translation_mismatch" for r in rows for f in r["flags"])


def test_listing_read_in_one_query_says_what_the_claim_by_claim_views_say(demo: Settings, big_queue: Database) -> None:
    """The listing joins claims, sources, articles and feeds in one ordered query; each chunk of
    it holds the views the review page builds claim by claim, on a queue where an article came
    by two feeds, one claim states its fact in two languages of one article, and one claim lost
    its sources."""
    from models import ArticleFeed
    from pipeline.listing import listing_views

    with big_queue.session() as s:
        s.add(ArticleFeed(article_id=3, feed_id=2))  # article 3 came by its other feed as well
        first = s.exec(select(ClaimSource).where(ClaimSource.claim_id == 1)).first()
        assert first is not None
        s.add(ClaimSource(claim_id=1, article_id=first.article_id, lang="zh", sentence="另一种说法", start=999, end=1003))
        s.exec(update(ClaimSource).where(col(ClaimSource.claim_id) == 5).values(claim_id=6))  # type: ignore[call-overload]
    with big_queue.session() as s:
        for status in ("pending", "approved", None):
            want = [v for views in stream_views(s, listed_ids(s, status), demo.vault, chunk=300) for v in views]
            chunks = list(listing_views(s, status, demo.vault, chunk=300))
            got = [v for views in chunks for v in views]
            assert got == want
            assert all(len(c) == 300 for c in chunks[:-1])
        by_id = {v["id"]: v for v in got}
        assert by_id[5]["sources"] == [] and len(by_id[6]["sources"]) > 1
        assert sorted(by_id[1]["sources"][0]["langs"]) == ["en", "zh"]
        assert any(len(src["feeds"]) == 2 for v in got for src in v["sources"])
