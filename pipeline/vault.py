"""The vault in the database: notes, evidence rows and their claims; aliases; the index."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert
from sqlalchemy import select as core_select
from sqlmodel import Session, col, delete, select

from extractors.spans import Extraction
from models import Database, EvidenceClaim, EvidenceRow, Thesis
from pipeline.dedup import EvidenceIndex, fingerprint, loose_fingerprint
from pipeline.errors import NoteError
from pipeline.evidence_rows import row_claims
from pipeline.facts import load_facts
from pipeline.fiscal import fiscal_period
from pipeline.notes import Note, read_note, vault_notes

if TYPE_CHECKING:  # the extractor loads only where notes are scanned
    from extractors.claims import Extractor
    from extractors.entities import AliasTable


@dataclass
class ScanResult:
    """What a scan found."""

    notes: list[Note] = field(default_factory=list)
    rows: int = 0
    claims: int = 0
    changed: int = 0
    errors: list[str] = field(default_factory=list)


def read_vault(vault: Path) -> tuple[list[Note], list[str]]:
    """Every readable note; unreadable ones are reported, not fatal."""
    paths, errors = vault_notes(vault)
    notes = []
    for path in paths:
        try:
            notes.append(read_note(path, vault))
        except NoteError as exc:
            errors.append(str(exc))
    errors.extend(problem for note in notes for problem in note.problems)
    return notes, errors


def alias_table(notes: list[Note], extra: dict[str, list[str]] | None = None) -> AliasTable:
    """Shipped aliases + config aliases + each note's aliases, named the way the notes link."""
    groups: dict[str, list[str]] = dict(extra or {})
    preferred: list[str] = []
    for n in notes:
        for link in n.links:
            if link not in preferred:
                preferred.append(link)
        if n.aliases:
            groups.setdefault(n.title, []).extend(n.aliases)
            if n.title not in preferred:
                preferred.append(n.title)
    from extractors.entities import AliasTable

    return AliasTable.shipped().merged(groups, preferred)


def row_date(value: str) -> date | None:
    """'2026-02-08' or '2026-01' -> a date (the first of the month for the latter)."""
    parts = value.strip().split("-")
    try:
        if len(parts) >= 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
    except ValueError:
        return None
    return None


SCAN_BATCH = 25  # notes written per transaction: the write lock is held for one batch only


def scan(db: Database, vault: Path, extractor: Extractor, notes: list[Note] | None = None) -> ScanResult:
    """Store every note and its evidence rows; rows of changed notes are read again.

    Rows are extracted outside any transaction and written a batch of notes at a time, so
    another process (an approval on the review page) never waits for a whole rescan.
    """
    result = ScanResult()
    if notes is None:
        notes, result.errors = read_vault(vault)
    result.notes = notes
    with db.session() as s:
        stored = {t.path: t.content_hash for t in s.exec(select(Thesis)).all()}
    changed = []
    for note in notes:
        if stored.get(note.rel) == note.content_hash:
            result.rows += len(note.rows)
        else:
            changed.append(note)
    for i in range(0, len(changed), SCAN_BATCH):
        batch = [(note, *_extract_rows(note, extractor)) for note in changed[i:i + SCAN_BATCH]]
        with db.session() as s:
            for note, rows, extractions in batch:
                _store_note(s, note, rows, extractions, result)
    gone = set(stored) - {n.rel for n in notes}
    if gone:
        with db.session() as s:
            for thesis in s.exec(select(Thesis).where(col(Thesis.path).in_(gone))).all():
                _drop_rows(s, thesis.id or 0)
                s.delete(thesis)
    return result


def _extract_rows(note: Note, extractor: Extractor) -> tuple[list[Any], list[Extraction]]:
    """A note's distinct rows and what the extractor finds in each."""
    seen: set[str] = set()
    rows = []
    for row in note.rows:
        if row.row_hash not in seen:
            seen.add(row.row_hash)
            rows.append(row)
    items = [(f"{row.observation}\n{row.implication}", None, row_date(row.date)) for row in rows]
    return rows, extractor.extract_many(items)


def _store_note(s: Session, note: Note, rows: list[Any], extractions: list[Extraction],
                result: ScanResult) -> None:
    result.changed += 1
    thesis = s.exec(select(Thesis).where(Thesis.path == note.rel)).first() or Thesis(path=note.rel, title=note.title)
    thesis.title, thesis.tags, thesis.links = note.title, list(note.tags), list(note.links)
    thesis.aliases, thesis.content_hash = list(note.aliases), note.content_hash
    thesis.has_evidence_log = note.has_log
    s.add(thesis)
    s.flush()
    _drop_rows(s, thesis.id or 0)
    _insert_rows(s, thesis.id or 0, rows, extractions, result)


def _insert_rows(s: Session, thesis_id: int, rows: list[Any], extractions: list[Extraction],
                 result: ScanResult) -> None:
    """A note's rows and their claims in two bulk inserts; row ids read back by their unique hash."""
    conn = s.connection()
    row_table, claim_table = EvidenceRow.__table__, EvidenceClaim.__table__  # type: ignore[attr-defined]
    if not rows:
        return
    conn.execute(insert(row_table), [
        {"thesis_id": thesis_id, "line_no": row.line_no, "date": row.date, "observation": row.observation,
         "implication": row.implication, "row_hash": row.row_hash, "figures": [[m.currency, m.low] for m in ex.money]}
        for row, ex in zip(rows, extractions, strict=True)])
    ids: dict[str, int] = dict(conn.execute(core_select(row_table.c.row_hash, row_table.c.id)
                            .where(row_table.c.thesis_id == thesis_id)).all())
    claims = []
    for row, ex in zip(rows, extractions, strict=True):
        result.rows += 1
        for c in row_claims(f"{row.observation}\n{row.implication}", ex):
            period = fiscal_period(c.subject, c.period, row_date(row.date), row.observation)
            claims.append({"row_id": ids[row.row_hash],
                           "fingerprint": fingerprint(c.subject, c.metric, period, c.currency, c.low, c.high),
                           "loose_fingerprint": loose_fingerprint(c.subject, c.metric, c.currency, c.low, c.high),
                           "has_period": c.period is not None, "subject": c.subject, "metric": c.metric,
                           "low": c.low, "high": c.high, "currency": c.currency, "period": c.period})
            result.claims += 1
    if claims:
        conn.execute(insert(claim_table), claims)


def _drop_rows(s: Session, thesis_id: int) -> None:
    row_ids = select(EvidenceRow.id).where(EvidenceRow.thesis_id == thesis_id)
    s.exec(delete(EvidenceClaim).where(col(EvidenceClaim.row_id).in_(row_ids)))  # type: ignore[call-overload]
    s.exec(delete(EvidenceRow).where(col(EvidenceRow.thesis_id) == thesis_id))  # type: ignore[call-overload]


def evidence_index(db: Database) -> EvidenceIndex:
    """Fingerprints and figure-bucketed texts of every evidence row, from the database."""
    index = EvidenceIndex()
    with db.session() as s:
        for fp, loose, has_period in s.exec(select(EvidenceClaim.fingerprint, EvidenceClaim.loose_fingerprint,
                                                   EvidenceClaim.has_period)).all():
            index.add_claim(fp, loose, has_period)
        # Figures were read when the note was scanned; no row is parsed again here.
        for obs, figures in s.exec(select(EvidenceRow.observation, EvidenceRow.figures)).all():
            index.add_text(obs, [(str(cur), float(value)) for cur, value in figures or []])
        index.facts = load_facts(s)
    return index


def routing_table(notes: list[Note], aliases: AliasTable) -> list[tuple[str, set[str], bool]]:
    """(note path, names that route to it, has an evidence log); names folded to canonical too."""
    from pipeline.routing import topic_names

    out = []
    for n in notes:
        names = topic_names(n)
        for name in list(names):
            canon = aliases.resolve(name)
            if canon:
                names.add(canon.casefold())
        out.append((n.rel, names, n.has_log))
    return out
