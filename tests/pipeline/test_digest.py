"""`claimlog digest`: per note, the new claims by checkpoint, counts, and the largest changes."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from models import ClaimRecord, Database, database_url
from pipeline.config import Settings
from pipeline.digest import build, markdown
from pipeline.queue import decide
from pipeline.run import run
from tests.conftest import run_cli


def test_the_demo_digest(demo: Settings) -> None:
    assert run_cli("run", "--quiet", "--config", str(demo.path)).returncode == 0
    result = run_cli("digest", "--config", str(demo.path))
    assert result.returncode == 0, result.stderr
    md = result.stdout
    assert md.startswith("# Thesis digest\n")
    section = md.split("## AI Capex Arms Race\n", 1)[1].split("\n## ", 1)[0]
    assert "6 validating, 1 invalidating." in section
    assert "- **Capex guidance increases continue** (1)\n  - [[Microsoft]] capex $37.5B (Q2 FY2026), up as reported" in section
    assert "- **Financing innovations spread** (4)\n" in section
    assert "- **AI capex cycle peaks/reverses** (1)\n  - [[Meta]] capex $120B (2026), -11% from $135B;" in section
    assert section.index("### Validates") < section.index("### Invalidates")
    assert "No new claims on: More corporate restructurings (mergers, spinoffs); Power/DC constraints persist;" in section
    assert "| [[Meta]] capex (2026) | $120B | -11% from $135B (AI Capex Arms Race.md) |" in section
    # every note with new claims has its section (a note that only mentions a company in its
    # prose is not where that company's claims go)
    assert "## NVIDIA\n" in md


def test_note_and_since_narrow_the_digest(demo: Settings) -> None:
    run(demo)
    one = run_cli("digest", "--note", "ai capex arms race", "--since", "2026-03-01", "--config", str(demo.path))
    assert one.returncode == 0, one.stderr
    assert one.stdout.startswith("# Thesis digest since 2026-03-01\n")
    assert "## China AI spending" not in one.stdout and "## AI Capex Arms Race" in one.stdout
    assert "[[Meta]] capex $120B" in one.stdout and "[[Amazon]]" not in one.stdout  # Amazon's is from February
    missing = run_cli("digest", "--note", "Nope", "--config", str(demo.path))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "no note named 'Nope'" in missing.stderr
    bad = run_cli("digest", "--since", "last week", "--config", str(demo.path))
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr


def test_rejected_claims_are_not_news(demo: Settings) -> None:
    run(demo)
    db = Database(database_url(demo.database))
    with db.session() as s:
        meta = s.exec(select(ClaimRecord).where(ClaimRecord.subject == "Meta", ClaimRecord.metric == "capex")).one()
    before = markdown(build(db, demo.vault, "AI Capex Arms Race"))
    decide(db, [meta.id or 0], "reject")
    after = markdown(build(db, demo.vault, "AI Capex Arms Race"))
    assert "6 validating, 1 invalidating." in before and "6 validating, 0 invalidating." in after
    assert "### Invalidates" not in after and "[[Meta]] capex" not in after


def test_feed_text_cannot_break_the_markdown(demo: Settings) -> None:
    run(demo)
    db = Database(database_url(demo.database))
    with db.session() as s:
        meta = s.exec(select(ClaimRecord).where(ClaimRecord.subject == "Meta", ClaimRecord.metric == "capex")).one()
        meta.subject = "Meta | x\n## Injected"
        meta.theses = ["AI Capex Arms Race.md"]
        s.add(meta)
    md = markdown(build(db, demo.vault, since=date(2026, 3, 1)))
    assert "\n## Injected" not in md
    assert all(line.count("|") - line.count("\\|") == 4 for line in md.splitlines() if line.startswith("| "))
