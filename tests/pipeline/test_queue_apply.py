"""Dedup against the notes, merging across languages, review decisions, apply to notes."""

from __future__ import annotations

import difflib
import json
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from models import ClaimRecord, ClaimSource, Database, Decision, database_url
from pipeline.config import Settings, load_settings
from pipeline.errors import ClaimlogError
from pipeline.notes import parse_note
from pipeline.queue import apply_approved, decide, edit, undo
from pipeline.run import run
from tests.conftest import ROOT, run_cli

NOTE = "AI Capex Arms Race.md"


def db_of(settings: Settings) -> Database:
    return Database(database_url(settings.database))


def find(db: Database, subject: str, metric: str, value: float) -> ClaimRecord:
    with db.session() as s:
        for rec in s.exec(select(ClaimRecord)).all():
            if rec.subject == subject and rec.metric == metric and abs(rec.low - value) < 1e6:
                return rec
    raise AssertionError(f"no claim {subject} {metric} {value}")


def add_feed(settings: Settings, name: str, items: list[tuple[str, str]]) -> Settings:
    body = "".join(f"<item><title>{t}</title><guid>{name}-{i}</guid><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>"
                   f"<description><![CDATA[<p>{d}</p>]]></description></item>" for i, (t, d) in enumerate(items))
    path = settings.path.parent / "feeds" / f"{name}.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{name}</title>{body}</channel></rss>', "utf-8")
    cfg = settings.path.read_text("utf-8") + f'\n[[feeds]]\nname = "{name}"\nurl = "feeds/{name}.xml"\n'
    settings.path.write_text(cfg, "utf-8")
    return load_settings(settings.path)


def test_restated_rows_are_dropped_in_both_languages(demo: Settings) -> None:
    settings = add_feed(demo, "restated", [
        ("Meta capex", "Meta Platforms expects to spend $135 billion on capital expenditures in 2026."),
        ("谷歌债务", "谷歌母公司Alphabet的长期债务在2025年增至465亿美元。"),
        ("甲骨文", "甲骨文单日出售了250亿美元的债券。"),
        ("xAI", "xAI burns through roughly $1 billion every month."),
    ])
    summary = run(settings)
    db = db_of(settings)
    with db.session() as s:
        queued = {(c.subject, c.metric, round(c.low / 1e9, 1)) for c in s.exec(select(ClaimRecord)).all()}
    for known in [("Meta", "capex", 135.0), ("Google", "debt", 46.5), ("Oracle", "debt_issuance", 25.0),
                  ("xAI", "cash_burn", 1.0)]:
        assert known not in queued
    assert summary.stats.known >= 4


def test_summary_and_english_original_give_one_item_with_two_sources(demo: Settings) -> None:
    run(demo)
    db = db_of(demo)
    for subject, metric, value in [("OpenAI", "revenue", 13.04e9), ("Oracle", "free_cash_flow", -23.7e9),
                                   ("Oracle", "debt", 129.5e9), ("OpenAI", "loss", 20.9e9)]:
        rec = find(db, subject, metric, value)
        with db.session() as s:
            langs = sorted(src.lang for src in s.exec(select(ClaimSource).where(ClaimSource.claim_id == rec.id)).all())
        assert langs == ["en", "zh"], (subject, metric, langs)


def test_routing_prefers_notes_with_an_evidence_log(demo: Settings) -> None:
    run(demo)
    rec = find(db_of(demo), "OpenAI", "revenue", 13.04e9)
    assert rec.theses == [NOTE]  # not the reading list that merely links it
    nvda = find(db_of(demo), "NVIDIA", "revenue", 57e9)
    # a topic of both (table rows; its own note), mentioned once in China AI spending's prose
    assert set(nvda.theses) == {NOTE, "NVIDIA.md"}


def test_decisions_edit_undo(db_url: str | None, demo: Settings) -> None:
    run(demo)
    db = db_of(demo)
    a = find(db, "OpenAI", "revenue", 13.04e9)
    b = find(db, "Oracle", "debt", 129.5e9)
    decide(db, [a.id], "approve")
    edit(db, b.id, {"low": "130e9", "period": "FY2026", "implication": "Leverage | rising"})
    with db.session() as s:
        b2 = s.get(ClaimRecord, b.id)
        assert b2.low == b2.high == 130e9 and b2.period == "FY2026"
        assert b2.original["low"] == pytest.approx(129.5e9) and b2.original["period"] is None
    decide(db, [b.id], "skip")
    dec = undo(db)
    assert dec is not None and dec.action == "skip"
    with db.session() as s:
        assert s.get(ClaimRecord, b.id).status == "pending"
        assert s.get(ClaimRecord, a.id).status == "approved"
        assert len(s.exec(select(Decision)).all()) == 3
    with pytest.raises(ClaimlogError, match="metric must be one of"):
        edit(db, b.id, {"metric": "vibes"})


def test_apply_adds_only_rows_and_is_idempotent(db_url: str | None, demo: Settings, tmp_path: Path) -> None:
    run(demo)
    db = db_of(demo)
    note = demo.vault / NOTE
    original = note.read_bytes()
    ids = [find(db, "OpenAI", "revenue", 13.04e9).id, find(db, "Oracle", "free_cash_flow", -23.7e9).id]
    decide(db, ids, "approve")
    result = apply_approved(db, demo.vault)
    assert sorted(result.applied) == sorted(ids)
    after = note.read_bytes()
    diff = list(difflib.unified_diff(original.decode().split("\n"), after.decode().split("\n"), lineterm="", n=0))
    changed = [d for d in diff if d.startswith(("+", "-")) and not d.startswith(("+++", "---"))]
    assert len(changed) == 2 and all(d.startswith("+| ") for d in changed)
    assert any("[[Oracle]] free cash flow **-$23.7B** (FY2026)" in d for d in changed)
    rows = parse_note(after.decode(), NOTE).rows
    assert len(rows) == 20 and rows[0].date == "2026-07-05"  # newest first
    again = apply_approved(db, demo.vault)
    assert again.applied == [] and note.read_bytes() == after
    with db.session() as s:
        assert {s.get(ClaimRecord, i).status for i in ids} == {"applied"}
    # the next run reads the new rows back as known facts
    second = run(demo)
    assert second.stats.queued == 0


def test_note_edited_between_review_and_apply_keeps_the_edit(demo: Settings) -> None:
    run(demo)
    db = db_of(demo)
    decide(db, [find(db, "OpenAI", "loss", 20.9e9).id], "approve")
    note = demo.vault / NOTE
    note.write_text(note.read_text("utf-8").replace("## The thesis", "## The thesis (revised)"), "utf-8")
    apply_approved(db, demo.vault)
    text = note.read_text("utf-8")
    assert "## The thesis (revised)" in text and "[[OpenAI]] net loss **$20.9B** (2025)" in text


def test_dry_run_prints_a_diff_and_writes_nothing(demo: Settings) -> None:
    run(demo)
    db = db_of(demo)
    decide(db, [find(db, "OpenAI", "loss", 20.9e9).id], "approve")
    before = (demo.vault / NOTE).read_bytes()
    result = run_cli("apply", "--dry-run", "--config", str(demo.path))
    assert result.returncode == 0
    assert "+| 2026-07-05 | Ed Zitron: [[OpenAI]] net loss **$20.9B** (2025) |  |" in result.stdout
    assert (demo.vault / NOTE).read_bytes() == before
    listed = [json.loads(line) for line in run_cli("queue", "list", "--json", "--status", "approved",
                                                   "--config", str(demo.path)).stdout.splitlines()]
    assert [c["status"] for c in listed] == ["approved"]


def test_disk_full_while_writing_leaves_note_unchanged_and_claim_approved(demo: Settings) -> None:
    run(demo)
    db = db_of(demo)
    cid = find(db, "OpenAI", "loss", 20.9e9).id
    decide(db, [cid], "approve")
    note = demo.vault / NOTE
    # A large note, and a file-size limit just below what the new note needs: the temp file
    # hits the limit (EFBIG), as it would on a full disk. The database stays well under it.
    note.write_text(note.read_text("utf-8") + "\n" + ("padding line\n" * 200_000), "utf-8")
    before = note.read_bytes()
    limit = len(before) + 20

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "apply", "--config", str(demo.path)],
                          cwd=ROOT, capture_output=True, text=True, preexec_fn=limited, timeout=120)
    assert proc.returncode == 1
    assert "not written" in proc.stderr and NOTE in proc.stderr
    assert note.read_bytes() == before
    assert [p.name for p in note.parent.iterdir() if p.name.startswith(".")] == []
    with db.session() as s:
        assert s.get(ClaimRecord, cid).status == "approved"
