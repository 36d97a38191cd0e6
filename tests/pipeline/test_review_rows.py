"""Rows as the user writes them, amounts as the user types them, routing by topic, undo across an apply."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from models import Article, ClaimRecord, ClaimSource, Database, database_url
from pipeline.config import Settings
from pipeline.dedup import route
from pipeline.notes import parse_note
from pipeline.queue import apply_approved, decide, edit, undo
from pipeline.routing import topic_names
from pipeline.rows import originator
from pipeline.run import run
from pipeline.units import parse_amount, short_amount

NOTE = "AI Capex Arms Race.md"


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("20B", 20e9, None),
    ("$1.2tn", 1.2e12, "USD"),
    ("130.4亿", 130.4e8, None),
    ("-23.7bn", -23.7e9, None),
    ("-$5B", -5e9, "USD"),
    ("1,250 million", 1.25e9, None),
    ("130.4亿美元", 130.4e8, "USD"),
    ("2.5万亿元", 2.5e12, None),  # a bare 元 keeps the claim's own currency (yuan or NT dollar)
    ("€3.5 billion", 3.5e9, "EUR"),
    ("57000000000", 57e9, None),
])
def test_amounts_as_typed(text: str, value: float, currency: str | None) -> None:
    got, cur = parse_amount(text)
    assert got == pytest.approx(value) and cur == currency


@pytest.mark.parametrize("text", ["twenty", "20 bananas", "", "1e400", "$$5"])
def test_not_amounts_say_so(text: str) -> None:
    with pytest.raises(ValueError, match="amount|scale|currency"):
        parse_amount(text)


def test_short_amount_reads_back() -> None:
    for v in (23.7e9, -1.2e12, 450e6, 13.04e9, 12.5):
        assert parse_amount(short_amount(v))[0] == pytest.approx(v)


@pytest.mark.parametrize(("sentence", "text", "author", "subject", "who"), [
    ("Oracle will burn $23.7 billion, according to the Financial Times.", "", None, "Oracle", "FT"),
    ("JPMorgan estimates OpenAI needs $1.4 trillion.", "", None, "OpenAI", "JPMorgan"),
    ("据路透社报道，英伟达营收570亿美元。", "", None, "英伟达", "Reuters"),
    ("Anthropic raised $10B, Bloomberg reported.", "", None, "Anthropic", "Bloomberg"),
    ("OpenAI lost $20.9 billion.", "Original Author: Ed Zitron\nOpenAI lost", None, "OpenAI", "Ed Zitron"),
    ("OpenAI lost $20.9 billion.", "", "Ed Zitron", "OpenAI", "Ed Zitron"),
    ("Nvidia reported revenue of $57 billion.", "", None, "Nvidia", None),  # the company itself: no originator
    ("Oracle sold $25B of bonds, according to a person briefed on the deal.", "", None, "Oracle", None),
])
def test_originator(sentence: str, text: str, author: str | None, subject: str, who: str | None) -> None:
    assert originator(sentence, text, author, subject) == who


def test_routing_by_topic_not_mention(tmp_path: Path) -> None:
    topic = parse_note("# Chips\n\n## Evidence log\n\n| Date | Observation | Implication |\n|---|---|---|\n"
                       "| 2026-01-02 | [[Broadcom]] AI revenue **$12B** | |\n", "Chips.md")
    heading = parse_note("# Suppliers\n\n## [[Marvell]]\n\nCustom silicon.\n", "Suppliers.md")
    mention = parse_note("# Macro\n\nRates matter more than [[Broadcom]] or [[Marvell]] this year.\n\n"
                         "## Evidence log\n\n| Date | Observation | Implication |\n|---|---|---|\n", "Macro.md")
    routes = [(n.rel, topic_names(n), n.has_log) for n in (topic, heading, mention)]
    assert route("Broadcom", routes) == ["Chips.md"]
    assert route("Marvell", routes) == ["Suppliers.md"]
    assert route("Macro", routes) == ["Macro.md"]  # the note's own name


def test_apply_cites_the_originator_carries_the_implication_and_never_links_its_own_note(demo: Settings) -> None:
    run(demo)
    db = Database(database_url(demo.database))
    with db.session() as s:
        recs = s.exec(select(ClaimRecord)).all()
        openai = next(r for r in recs if r.subject == "OpenAI" and r.metric == "revenue")
        nvda = next(r for r in recs if r.subject == "NVIDIA" and r.low == 57e9)
    edit(db, openai.id, {"implication": "Revenue far below spend"})
    decide(db, [openai.id, nvda.id], "approve")
    result = apply_approved(db, demo.vault)
    assert not result.errors
    capex = (demo.vault / NOTE).read_text("utf-8")
    row = next(ln for ln in capex.split("\n") if "[[OpenAI]] revenue" in ln)
    assert "| Ed Zitron: [[OpenAI]] revenue **$13.04B** (2025) | Revenue far below spend |" in row  # the translation's author
    assert "TechFlow" not in row
    own = (demo.vault / "NVIDIA.md").read_text("utf-8")
    nv_row = next(ln for ln in own.split("\n") if "**$57B**" in ln)
    assert "[[NVIDIA]]" not in nv_row and "NVIDIA revenue **$57B**" in nv_row
    assert "[[NVIDIA]] revenue **$57B**" in capex  # linked from every other note


def test_undo_reaches_decisions_made_before_an_apply(demo: Settings) -> None:
    run(demo)
    db = Database(database_url(demo.database))
    with db.session() as s:
        a, b = [r.id for r in s.exec(select(ClaimRecord).where(ClaimRecord.theses != [])).all()][:2]
    decide(db, [a], "approve")
    decide(db, [b], "reject")
    assert apply_approved(db, demo.vault).applied == [a]
    dec = undo(db)  # the apply and the applied claim are skipped over, the rejection is not
    assert dec is not None and dec.claim_id == b and dec.action == "reject"
    assert undo(db) is None  # only the applied claim's approval is left: it is in the note
    with db.session() as s:
        assert s.get(ClaimRecord, a).status == "applied" and s.get(ClaimRecord, b).status == "pending"


def test_claims_from_one_sentence_share_a_row(demo: Settings) -> None:
    db = Database(database_url(demo.database))
    sentence = "Anthropic is raising $10 billion at a $350 billion valuation, Bloomberg reported."
    with db.session() as s:
        art = Article(key="a", content_hash="a", title="Anthropic round", body=sentence, published=date(2026, 3, 2))
        s.add(art)
        s.flush()
        for metric, value in (("funding", 10e9), ("valuation", 350e9)):
            rec = ClaimRecord(fingerprint=metric, loose_fingerprint=metric, subject="Anthropic", metric=metric,
                              low=value, high=value, currency="USD", sentence=sentence, published=date(2026, 3, 2),
                              theses=[NOTE], status="approved")
            s.add(rec)
            s.flush()
            s.add(ClaimSource(claim_id=rec.id, article_id=art.id, sentence=sentence, start=sentence.index("$")))
    result = apply_approved(db, demo.vault)
    assert len(result.applied) == 2
    rows = [ln for ln in (demo.vault / NOTE).read_text("utf-8").split("\n") if "2026-03-02" in ln]
    assert rows == ["| 2026-03-02 | Bloomberg: [[Anthropic]] funding **$10B**, valuation **$350B** |  |"]
