"""Thesis checkpoints: checklists parsed from notes, claims linked to them by metric and direction."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import select

from models import ClaimRecord, Database, database_url
from pipeline.bearing import annotate
from pipeline.checkpoints import Rule, bears_on, stated_change
from pipeline.config import Settings
from pipeline.lastknown import change_of
from pipeline.notes import parse_note
from pipeline.queue import claim_views, decide, list_claims
from pipeline.run import run
from tests.conftest import SEED_NOTE, run_cli

NOTE = "AI Capex Arms Race.md"
VALIDATES = ["More corporate restructurings (mergers, spinoffs)", "Capex guidance increases continue",
             "Financing innovations spread", "Power/DC constraints persist",
             "Lab consolidation (smaller players acquired/fail)"]
INVALIDATES = ["AI capex cycle peaks/reverses", "Efficiency breakthroughs reduce compute needs",
               "Investor revolt forces spending cuts", "Model improvements plateau (less need for scale)",
               "Regulatory intervention caps spending"]


def test_every_item_of_the_seed_notes_checklists_is_a_checkpoint() -> None:
    note = parse_note(SEED_NOTE.read_text("utf-8"), NOTE)
    assert [(c.text, c.side) for c in note.checkpoints] == (
        [(t, "validates") for t in VALIDATES] + [(t, "invalidates") for t in INVALIDATES])
    rules = {c.text: {(m, r.direction) for r in c.rules for m in r.metrics} for c in note.checkpoints}
    assert rules["Capex guidance increases continue"] == {("capex", "up")}
    assert rules["AI capex cycle peaks/reverses"] == {("capex", "down")}
    assert ("debt_issuance", "any") in rules["Financing innovations spread"]
    assert rules["Lab consolidation (smaller players acquired/fail)"] == {("acquisition", "any")}
    assert rules["Power/DC constraints persist"] == set()  # no figure speaks to it
    assert note.problems == ()


def test_chinese_headings_and_items() -> None:
    text = ("# AI 资本开支\n\n## 验证论点的信号\n\n- [ ] 资本支出继续上调\n- 融资创新扩散\n\n"
            "## 证伪论点的信号\n\n1. 资本开支见顶回落\n\n## 其他\n\n- 与论点无关\n")
    note = parse_note(text, "zh.md")
    assert [(c.text, c.side) for c in note.checkpoints] == [
        ("资本支出继续上调", "validates"), ("融资创新扩散", "validates"), ("资本开支见顶回落", "invalidates")]
    up, financing, down = note.checkpoints
    assert bears_on("capex", "阿里巴巴上调资本支出", "up", ["zh.md"], {"zh.md": note.checkpoints}) == [
        {"checkpoint": "资本支出继续上调", "note": "zh.md", "direction": "validates"}]
    assert any(r.fits("debt_issuance", "", None) for r in financing.rules)
    assert any(r.fits("capex", "", "down") for r in down.rules) and not any(r.fits("capex", "", "up") for r in down.rules)


def test_a_notes_own_rules_take_the_place_of_the_shipped_ones() -> None:
    text = ("---\ncheckpoints:\n  Power/DC constraints persist: capex up\n"
            "  Capex guidance increases continue: {metric: spending, direction: up}\n"
            "  Chip exports fall: {metric: [revenue], direction: down, side: invalidates, words: [export]}\n"
            "  Broken: {metric: vibes}\n---\n# T\n\n## What validates the thesis\n\n"
            "- [ ] Capex guidance increases continue\n- [x] Power/DC constraints persist\n")
    note = parse_note(text, "t.md")
    by_text = {c.text: c for c in note.checkpoints}
    assert by_text["Power/DC constraints persist"].rules == (Rule(("capex",), "up"),)
    assert by_text["Capex guidance increases continue"].rules == (Rule(("spending",), "up"),)
    exports = by_text["Chip exports fall"]
    assert exports.side == "invalidates" and exports.rules[0].fits("revenue", "NVIDIA export sales", "down")
    assert not exports.rules[0].fits("revenue", "NVIDIA data-center sales", "down")
    assert "Broken" not in by_text
    assert len(note.problems) == 1 and "'Broken'" in note.problems[0] and "unknown metric vibes" in note.problems[0]


@pytest.mark.parametrize(("sentence", "change"), [
    ("Microsoft reported capital expenditures of $37.5 billion, up 66% from a year earlier.", "up"),
    ("微软2026财年第二季度资本支出为375亿美元，同比增长66%。", "up"),
    ("Meta cut its 2026 capital expenditure plan to $120 billion.", "down"),
    ("Google reaffirmed that it will spend $185 billion on capital expenditures in 2026.", None),
])
def test_what_a_sentence_says_about_its_change(sentence: str, change: str | None) -> None:
    assert stated_change(sentence) == change


# The demo's claims that bear on the seed note's checkpoints, and which way; no other claim bears on any.
EXPECTED = {
    ("Microsoft", "capex", 37.5e9): {("Capex guidance increases continue", "validates")},
    ("Meta", "capex", 120e9): {("AI capex cycle peaks/reverses", "invalidates"),
                               ("Investor revolt forces spending cuts", "invalidates")},
    ("Amazon", "debt_issuance", 15e9): {("Financing innovations spread", "validates")},
    ("Meta", "funding", 27e9): {("Financing innovations spread", "validates")},  # an SPV
    ("Oracle", "spending", 38e9): {("Financing innovations spread", "validates")},  # lease commitments
    ("Oracle", "spending", 260e9): {("Financing innovations spread", "validates")},
    ("Meta", "acquisition", 2.5e9): {("Lab consolidation (smaller players acquired/fail)", "validates")},
}


def test_demo_claims_bear_on_the_right_checkpoints(demo: Settings) -> None:
    assert run_cli("run", "--quiet", "--config", str(demo.path)).returncode == 0
    listed = run_cli("queue", "list", "--json", "--config", str(demo.path))
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    found = {(r["subject"], r["metric"], r["low"]): {(b["checkpoint"], b["direction"]) for b in r["bears_on"]}
             for r in rows if r["bears_on"]}
    assert found == EXPECTED
    assert all(b["note"] == NOTE for r in rows for b in r["bears_on"])
    assert all(r["flags"] == [] for r in rows)


def test_the_last_known_value_moves_with_approvals(demo: Settings) -> None:
    run(demo)
    db = Database(database_url(demo.database))
    with db.session() as s:
        meta = s.exec(select(ClaimRecord).where(ClaimRecord.subject == "Meta", ClaimRecord.metric == "capex")).one()
        change = change_of(s, meta)  # against the note's row "Meta guiding $135B capex (2x)"
        assert change is not None and change.direction == "down" and change.previous == 135e9
        assert change.where == NOTE
        msft = s.exec(select(ClaimRecord).where(ClaimRecord.subject == "Microsoft", ClaimRecord.metric == "capex",
                                                ClaimRecord.low == 31.9e9)).one()
        quarter = s.exec(select(ClaimRecord).where(ClaimRecord.subject == "Microsoft",
                                                   ClaimRecord.low == 37.5e9)).one()
        assert change_of(s, msft) is None  # nothing known, nothing said
        later = ClaimRecord(fingerprint="x", loose_fingerprint="x", subject="Microsoft", metric="capex", low=45e9,
                            high=45e9, currency="USD", period="Q3 FY2026", published=date(2026, 5, 1))
        s.add(later)
        s.flush()
        assert change_of(s, later) is None  # the quarter before is only pending
    decide(db, [quarter.id or 0], "approve")
    with db.session() as s:
        after = change_of(s, s.exec(select(ClaimRecord).where(ClaimRecord.fingerprint == "x")).one())
        assert after is not None and (after.direction, after.previous, after.where) == ("up", 37.5e9, f"claim {quarter.id}")
        # A quarter is never compared with a figure that has no period.
        assert change_of(s, s.get(ClaimRecord, msft.id)) is None


def test_a_notes_own_rule_is_honoured_on_the_queue(demo: Settings) -> None:
    note = demo.vault / NOTE
    note.write_text("---\ncheckpoints:\n  Power/DC constraints persist: {metric: capex, direction: up}\n---\n"
                    + note.read_text("utf-8"), "utf-8")
    run(demo)
    db = Database(database_url(demo.database))
    with db.session() as s:
        views = claim_views(s, list_claims(s))
        annotate(s, views, demo.vault)
    msft = next(v for v in views if v["subject"] == "Microsoft" and v["low"] == 37.5e9)
    assert {b["checkpoint"] for b in msft["bears_on"]} == {"Capex guidance increases continue",
                                                          "Power/DC constraints persist"}
    # A target outside the vault is never read.
    msft["theses"] = ["../outside.md"]
    (demo.vault.parent / "outside.md").write_text("## What validates the thesis\n- capex up\n", "utf-8")
    with db.session() as s:
        annotate(s, [msft], demo.vault)
    assert msft["bears_on"] == []


def test_bears_on_needs_the_direction_the_rule_asks_for(tmp_path: Path) -> None:
    note = parse_note(SEED_NOTE.read_text("utf-8"), NOTE)
    by_note = {NOTE: note.checkpoints}
    assert bears_on("capex", "", "flat", [NOTE], by_note) == []
    assert bears_on("capex", "", None, [NOTE], by_note) == []
    assert bears_on("capex", "", "up", ["other.md"], by_note) == []
    assert bears_on("acquisition", "Oracle agreed to buy a database firm", "up", [NOTE], by_note) == []


def test_a_bad_frontmatter_rule_is_one_warning_naming_the_note(demo: Settings) -> None:
    note = demo.vault / NOTE
    note.write_text("---\ncheckpoints:\n  Capex guidance increases continue: capex sideways\n---\n"
                    + note.read_text("utf-8"), "utf-8")
    result = run_cli("notes", "scan", "--config", str(demo.path))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert NOTE in warnings[0] and "'Capex guidance increases continue'" in warnings[0] and "sideways" in warnings[0]


def test_applied_rows_say_what_they_bear_on(demo: Settings) -> None:
    from pipeline.queue import apply_approved, edit

    run(demo)
    db = Database(database_url(demo.database))
    with db.session() as s:
        meta = s.exec(select(ClaimRecord).where(ClaimRecord.subject == "Meta", ClaimRecord.metric == "capex")).one()
        amzn = s.exec(select(ClaimRecord).where(ClaimRecord.subject == "Amazon")).one()
        openai = s.exec(select(ClaimRecord).where(ClaimRecord.subject == "OpenAI", ClaimRecord.metric == "loss")).one()
    decide(db, [meta.id or 0, amzn.id or 0, openai.id or 0], "approve")
    edit(db, amzn.id or 0, {"implication": "Bond market wide open", "theses": [NOTE]})
    result = apply_approved(db, demo.vault)
    assert result.errors == []
    rows = {r.observation: r.implication for r in parse_note((demo.vault / NOTE).read_text("utf-8"), NOTE).rows}
    by_subject = {next(k for k in rows if f"[[{name}]]" in k): name for name in ("Meta", "Amazon", "OpenAI")}
    said = {name: rows[obs] for obs, name in by_subject.items()}
    assert said == {"Meta": "invalidates: AI capex cycle peaks/reverses; invalidates: Investor revolt forces spending cuts",
                    "Amazon": "Bond market wide open",  # the reviewer's words win
                    "OpenAI": ""}


LINES = ["---", "checkpoints:", "  a: capex up", "  b: {metric: [x], direction: 3}", "  - c", "## What validates the thesis",
         "## 证伪", "# x", "- [ ] capex increases continue", "* [x] item", "1. 资本支出上调", "```", "text", "", "  c: [1, {}]", "  d: {metric: 5, words: 7}", "  e: {metric: capex, side: 1}"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES) | st.text(max_size=20), max_size=25))
def test_any_note_parses_into_checkpoints_without_error(lines: list[str]) -> None:
    note = parse_note("\n".join(lines), "n.md")
    for c in note.checkpoints:
        assert c.side in ("validates", "invalidates") and c.text
        for rule in c.rules:
            assert rule.direction in ("up", "down", "any") and rule.metrics
