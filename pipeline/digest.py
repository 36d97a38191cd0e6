"""The thesis digest: per note, the new claims by checkpoint and the largest changes.

Markdown on stdout (`claimlog digest`) for pasting or mailing from cron, and the same data
for a section of the review page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from models import ClaimRecord, Database
from pipeline.bearing import annotate
from pipeline.checkpoints import Checkpoint
from pipeline.errors import NoteError
from pipeline.lastknown import Change
from pipeline.notes import escape_cell
from pipeline.queue import METRIC_LABEL, claim_views, format_money
from pipeline.vault import read_vault

STATUSES = ("pending", "approved", "applied")  # a rejected claim is no news
TOP_CHANGES = 5


@dataclass
class Moved:
    """A claim and its change against the last known value."""

    view: dict[str, Any]
    change: Change
    ratio: float


@dataclass
class NoteDigest:
    """One note's part of the digest."""

    rel: str
    title: str
    checkpoints: tuple[Checkpoint, ...]
    claims: list[dict[str, Any]] = field(default_factory=list)
    by_checkpoint: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    changes: list[Moved] = field(default_factory=list)
    moves: dict[int, Change] = field(default_factory=dict)  # claim id -> its change

    def count(self, side: str) -> int:
        """Claims that bear on at least one checkpoint of this side."""
        return sum(1 for v in self.claims
                   if any(b["note"] == self.rel and b["direction"] == side for b in v["bears_on"]))


def _matches(wanted: str, rel: str, title: str) -> bool:
    w = wanted.casefold().removesuffix(".md")
    return w in (rel.casefold().removesuffix(".md"), title.casefold())


def build(db: Database, vault: Path, note: str | None = None, since: date | None = None) -> list[NoteDigest]:
    """The digest of every note with new claims or checkpoints (or of the one note named)."""
    notes, _ = read_vault(vault)
    if note is not None:
        notes = [n for n in notes if _matches(note, n.rel, n.title)]
    out = {n.rel: NoteDigest(n.rel, n.title, n.checkpoints) for n in notes}
    with db.session() as s:
        q = select(ClaimRecord).where(col(ClaimRecord.status).in_(STATUSES))
        if since is not None:
            q = q.where(col(ClaimRecord.published) >= since)
        recs = list(s.exec(q.order_by(col(ClaimRecord.published).desc(), col(ClaimRecord.id))).all())
        views = claim_views(s, [r for r in recs if any(t in out for t in r.theses or [])])
        changes = annotate(s, views, vault)
    for v in views:
        change = changes[v["id"]]
        ratio = change.ratio((v["low"] + v["high"]) / 2) if change else None
        for rel in v["theses"]:
            part = out.get(rel)
            if part is None:
                continue
            part.claims.append(v)
            if change is not None:
                part.moves[v["id"]] = change
            for b in v["bears_on"]:
                if b["note"] == rel:
                    part.by_checkpoint.setdefault(b["checkpoint"], []).append(v)
            if change is not None and ratio is not None and change.direction != "flat":
                part.changes.append(Moved(v, change, ratio))
    for part in out.values():
        part.changes.sort(key=lambda m: -abs(m.ratio))
        del part.changes[TOP_CHANGES:]
    return [p for p in out.values() if p.claims or (note is not None)]


def _one_line(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def claim_line(v: dict[str, Any], change: Change | None = None) -> str:
    """'[[Meta]] capex $120B (2026), -11% from $135B; Markets Wire, 2026-03-02'."""
    label = METRIC_LABEL.get(v["metric"], v["metric"])
    period = f" ({v['period']})" if v["period"] else ""
    moved = ""
    if change is not None and change.previous is not None:
        moved = ", " + change_text(v, change, with_source=False)
    elif change is not None and change.direction != "flat":
        moved = f", {change.direction} as reported"
    src = v["sources"][0] if v["sources"] else {}
    where = ", ".join(x for x in (", ".join(src.get("feeds", [])), v.get("published") or "") if x)
    return _one_line(f"[[{v['subject']}]] {label} {v['value']}{period}{moved}" + (f"; {where}" if where else ""))


def change_text(v: dict[str, Any], change: Change, with_source: bool = True) -> str:
    """'-11% from $135B (2026, AI Capex Arms Race.md)'."""
    before = format_money(change.previous or 0.0, change.previous or 0.0, v["currency"])
    ratio = change.ratio((v["low"] + v["high"]) / 2)
    meta = ", ".join(x for x in (change.previous_period, change.where if with_source else None) if x)
    shown = f"{ratio:+.0%} from {before}" if ratio is not None else f"{change.direction} from {before}"
    return shown + (f" ({meta})" if meta else "")


def markdown(parts: list[NoteDigest], since: date | None = None) -> str:
    """The digest as Markdown."""
    lines = ["# Thesis digest" + (f" since {since.isoformat()}" if since else ""), ""]
    if not parts:
        lines.append("No new claims for any note.")
    for p in parts:
        lines += [f"## {_one_line(p.title)}", ""]
        lines.append(f"{len(p.claims)} new claim{'s' if len(p.claims) != 1 else ''}: "
                     f"{p.count('validates')} validating, {p.count('invalidates')} invalidating.")
        lines.append("")
        for side, heading in (("validates", "Validates"), ("invalidates", "Invalidates")):
            hit = [c for c in p.checkpoints if c.side == side and c.text in p.by_checkpoint]
            if not hit:
                continue
            lines += [f"### {heading}", ""]
            for c in hit:
                claims = p.by_checkpoint[c.text]
                lines.append(f"- **{_one_line(c.text)}** ({len(claims)})")
                lines += [f"  - {claim_line(v, p.moves.get(v['id']))}" for v in claims]
            lines.append("")
        quiet = [c.text for c in p.checkpoints if c.text not in p.by_checkpoint]
        if p.checkpoints and quiet:
            lines += ["No new claims on: " + "; ".join(_one_line(t) for t in quiet) + ".", ""]
        if p.changes:
            lines += ["### Largest changes against the last known values", "",
                      "| Claim | Now | Change |", "|---|---|---|"]
            for m in p.changes:
                v = m.view
                label = f"[[{v['subject']}]] {METRIC_LABEL.get(v['metric'], v['metric'])}"
                label += f" ({v['period']})" if v["period"] else ""
                lines.append(f"| {escape_cell(label)} | {escape_cell(v['value'])} | {escape_cell(change_text(v, m.change))} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def for_page(db: Database, vault: Path) -> list[NoteDigest]:
    """The digest for the review page, which must show the queue even when the vault is gone."""
    try:
        return build(db, vault)
    except NoteError:
        return []
