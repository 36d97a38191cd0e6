"""Knowing a fact however it is worded: fiscal periods, metric families, multi-figure rows,
conflicts and changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from extractors.claims import Extractor
from extractors.spans import Claim
from models import Article, ClaimRecord, Database, database_url
from pipeline.conflicts import FactIndex, Known, period_order
from pipeline.dedup import EvidenceIndex
from pipeline.evidence_rows import row_claims
from pipeline.facts import load_facts
from pipeline.families import fact_key, family, same_fact
from pipeline.fiscal import fiscal_period, year_end_of
from pipeline.notes import parse_note
from pipeline.queue import QueueStats, claim_views, queue_claims
from pipeline.vault import row_date
from tests.conftest import SEED_NOTE

NOV20 = date(2025, 11, 20)


@pytest.mark.parametrize(("subject", "period", "published", "sentence", "modality", "expected"), [
    # NVIDIA's year ends in late January: its third quarter ends in October
    ("NVIDIA", "Q3 2025", NOV20, "third-quarter revenue", "reported", "Q3 FY2026"),
    ("英伟达", "Q3 FY2025", NOV20, "第三财季营收", "reported", "Q3 FY2026"),  # year read off the date
    ("NVIDIA", "Q3 FY2026", NOV20, "", "reported", "Q3 FY2026"),
    # "fourth-quarter" in February: last year's calendar Q4, the fiscal quarter that just ended
    ("NVIDIA", "Q4 2025", date(2026, 2, 26), "fourth-quarter revenue", "reported", "Q4 FY2026"),
    ("NVIDIA", "Q3 2024", NOV20, "revenue in Q3 2024", "reported", "Q3 FY2025"),  # a year-old quarter stays one
    ("Microsoft", "Q3 2025", date(2025, 10, 29), "revenue for the quarter ended Sept. 30", "reported", "Q1 FY2026"),
    ("Apple", "Q3 2025", date(2025, 10, 30), "in the quarter ended September 30, 2025", "reported", "Q4 FY2025"),
    ("Oracle", "Q2 FY2026", date(2025, 12, 10), "", "reported", "Q2 FY2026"),  # a stated fiscal year stays
    ("Microsoft", "Q1 2025", date(2025, 7, 1), "expects first-quarter revenue", "guidance", "Q1 FY2026"),
    ("Oracle", "2026", None, "", "reported", "FY2026"),
    ("Meta", "FY2026", None, "", "reported", "2026"),  # a December year: fiscal == calendar
    ("Meta", "Q4 FY2025", None, "", "reported", "Q4 2025"),
    ("Unknown Co", "Q3 2025", NOV20, "", "reported", "Q3 2025"),  # no calendar known: as stated
    ("NVIDIA", None, NOV20, "", "reported", None),
    # a quarter the text names only by its end: the extractor gives no period
    ("Microsoft", None, date(2025, 10, 30), "capex was $34.9 billion in the quarter ended Sept. 30", "reported",
     "Q1 FY2026"),
    ("Unknown Co", None, date(2025, 10, 30), "revenue in the quarter ended Sept. 30", "reported", "Q3 2025"),
    ("Unknown Co", None, None, "revenue in the quarter ended Sept. 30", "reported", None),  # no year to read
])
def test_fiscal_period(subject: str, period: str | None, published: date | None, sentence: str, modality: str,
                       expected: str | None) -> None:
    assert fiscal_period(subject, period, published, sentence, modality) == expected


def test_fiscal_calendar_is_data_and_follows_aliases() -> None:
    assert year_end_of("Microsoft") == 6 and year_end_of("微软") == 6
    assert year_end_of("Nvidia") == 1 and year_end_of("Alibaba") == 3 and year_end_of("Apple") == 9
    assert year_end_of("Alphabet") == 12
    assert year_end_of("Some Startup") is None


def test_families() -> None:
    assert family("spending") == family("capex")
    assert family("funding") == family("debt_issuance") == family("debt")
    assert family("cash") == family("cash_burn") == family("free_cash_flow")
    assert family("revenue") != family("profit")
    # a gap written as a shortfall and as a negative figure is one fact
    assert fact_key("Amazon", "cash", "USD", 20e9, 20e9) == fact_key("Amazon", "free_cash_flow", "USD", -20e9, -20e9)
    assert fact_key("Meta", "capex", "USD", 135e9, 135e9) != fact_key("Meta", "capex", "USD", -135e9, -135e9)
    assert same_fact("capex", "2026", "capex", None)  # one side without period
    assert same_fact("capex", "2026", "spending", "2026")
    assert same_fact("spending", "2026", "capex", None)
    assert not same_fact("capex", "2026", "spending", "2027")  # the periods differ: shown
    assert not same_fact("capex", "2026", "revenue", "2026")


def _known(metric: str, period: str | None, value: float, when: date = date(2026, 1, 1)) -> Known:
    return Known("Meta", metric, period, "USD", value, value, None, when, "note.md, 2026-01")


def test_fact_index_known_conflict_and_change() -> None:
    idx = FactIndex()
    idx.add(_known("capex", "2025", 72e9))
    idx.add(_known("capex", "2026", 135e9))
    assert idx.known("meta", "spending", "2026", "USD", 135e9, 135e9)
    assert idx.known("Meta", "capex", None, "USD", 135.2e9, 135.2e9)  # 3 significant figures
    assert not idx.known("Meta", "capex", "2027", "USD", 135e9, 135e9)
    clash = idx.conflicts("Meta", "capex", "2026", "USD", 140e9, 140e9)
    assert [k.low for k in clash] == [135e9]
    assert idx.conflicts("Meta", "capex", "2026", "USD", 135e9, 135e9) == []
    assert idx.conflicts("Meta", "capex", None, "USD", 140e9, 140e9) == []
    last = idx.last("Meta", "capex", "2027", "USD", None)
    assert last is not None and last.period == "2026"
    assert idx.last("Meta", "capex", "2025", "USD", None) is None  # nothing earlier
    assert idx.last("Meta", "capex", "Q1 2026", "USD", None) is None  # another kind of period
    assert period_order("Q3 FY2026") == ("QFY", 2026, 3) and period_order("H1 2025") == ("H", 2025, 1)


# The seed note's 18 evidence rows and the claims each yields (subject, metric, value, per, period).
SEED_ROWS: list[list[tuple[str, str, float, str | None, str | None]]] = [
    [("Amazon", "free_cash_flow", -20e9, None, None), ("Meta", "free_cash_flow", -5e9, None, None)],
    [],  # a filing, no figure
    [("Google", "debt", 10.9e9, None, "2024"), ("Google", "debt", 46.5e9, None, "2025")],
    [("TD", "debt_issuance", 337e9, None, "2026"), ("TD", "debt_issuance", 80e9, None, None)],  # sector totals
    [], [],  # no money
    [("Google", "capex", 185e9, None, None), ("Amazon", "capex", 200e9, None, None)],
    [("Oracle", "debt_issuance", 25e9, None, None)],
    [],  # a sector forecast names no company
    [], [], [], [],  # percentages, years, quotes
    [("xAI", "cash_burn", 1e9, "month", None), ("xAI", "cash_burn", 11e9, None, "2025")],
    [],
    [("Tesla", "capex", 20e9, None, None), ("Tesla", "investment", 2e9, None, None)],
    [],  # the sum of three labs
    [("Meta", "capex", 135e9, None, None)],
]


def test_seed_note_rows_yield_their_claims(extractor: Extractor) -> None:
    note = parse_note(SEED_NOTE.read_text("utf-8"), SEED_NOTE.name)
    assert len(note.rows) == 18
    texts = [f"{r.observation}\n{r.implication}" for r in note.rows]
    extractions = extractor.extract_many([(t, None, row_date(r.date)) for t, r in zip(texts, note.rows, strict=True)])
    got = [[(c.subject, c.metric, c.low, c.per, c.period) for c in row_claims(t, ex)]
           for t, ex in zip(texts, extractions, strict=True)]
    for i, (row, want, have) in enumerate(zip(note.rows, SEED_ROWS, got, strict=True)):
        assert have == want, f"row {i + 1} {row.observation!r}"


def _claim(subject: str, metric: str, value: float, period: str | None, lang: str = "en", start: int = 0) -> Claim:
    return Claim(subject, metric, value, value, "USD", "exact", None, period, f"{subject} {metric} {value:g}", lang,
                 start, start + 5)


def _article(s: Session, key: str, published: date) -> Article:
    art = Article(key=key, content_hash=key, title=key, published=published, body="x")
    s.add(art)
    s.flush()
    return art


def test_one_item_per_fact_within_14_days_and_conflicts_with_approved_claims(tmp_path: Path) -> None:
    db = Database(database_url(tmp_path / "q.db"))
    stats = QueueStats()
    try:
        with db.session() as s:
            a = _article(s, "a", date(2026, 2, 1))
            queue_claims(s, a, [_claim("OpenAI", "funding", 40e9, None)], EvidenceIndex(), [], stats)
            b = _article(s, "b", date(2026, 2, 10))  # 9 days later, other language, family metric
            queue_claims(s, b, [_claim("OpenAI", "debt_issuance", 40e9, None, "zh")], EvidenceIndex(), [], stats)
            c = _article(s, "c", date(2026, 3, 20))  # 38 days after: a family match is another item
            queue_claims(s, c, [_claim("OpenAI", "debt", 40e9, None)], EvidenceIndex(), [], stats)
            e = _article(s, "e", date(2026, 3, 21))  # the same fingerprint is always the same item
            queue_claims(s, e, [_claim("OpenAI", "funding", 40e9, None)], EvidenceIndex(), [], stats)
        assert (stats.queued, stats.merged, stats.same_article) == (2, 2, 0)
        with db.session() as s:
            first = s.exec(select(ClaimRecord).order_by(col(ClaimRecord.id))).first()
            assert first is not None
            view = claim_views(s, [first])[0]
            assert [src["langs"] for src in view["sources"]] == [["en"], ["zh"], ["en"]]
            first.status, first.period = "approved", "2025"
            s.add(first)
        with db.session() as s:  # an approved claim is known: another value for its period conflicts
            index = EvidenceIndex(facts=load_facts(s))
            d = _article(s, "d", date(2026, 3, 25))
            queue_claims(s, d, [_claim("OpenAI", "funding", 41e9, "2025"), _claim("OpenAI", "funding", 40e9, "2025"),
                                _claim("OpenAI", "funding", 50e9, "2026", start=9)], index, [], stats)
            recs = s.exec(select(ClaimRecord).order_by(col(ClaimRecord.id))).all()
            views = {v["low"]: v for v in claim_views(s, list(recs)[2:])}
        assert set(views) == {41e9, 50e9}  # $40B for 2025 is the approved claim: known
        assert views[41e9]["flags"][0]["kind"] == "conflict" and views[41e9]["flags"][0]["other_value"] == "$40B"
        assert views[50e9]["change"]["text"] == "funding 2026 $50B vs 2025 $40B, +25.0%"
    finally:
        db.close()
