"""What a queued claim bears on: its notes' checkpoints, and the flags on its sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from models import ClaimRecord, ClaimSource
from pipeline.checkpoints import Checkpoint, bears_on
from pipeline.errors import NoteError
from pipeline.lastknown import Change, change_of, prefetch
from pipeline.notes import read_note
from pipeline.translation import claim_flags


def note_checkpoints(vault: Path, rels: set[str]) -> dict[str, tuple[Checkpoint, ...]]:
    """Checkpoints of the named notes; a name outside the vault or an unreadable note has none."""
    root = vault.resolve()
    out: dict[str, tuple[Checkpoint, ...]] = {}
    for rel in rels:
        path = (vault / rel).resolve()
        # Targets come from the queue, which reviewers edit: read only Markdown notes of the vault.
        if (not path.is_relative_to(root) or path.suffix.lower() != ".md" or not path.is_file()
                or any(part.startswith(".") for part in path.relative_to(root).parts)):
            continue
        try:
            out[rel] = read_note(path, root).checkpoints
        except (NoteError, ValueError):
            continue
    return out


def annotate(s: Session, views: list[dict[str, Any]], vault: Path,
             read: dict[str, tuple[Checkpoint, ...]] | None = None) -> dict[int, Change | None]:
    """Add `bears_on` ([{checkpoint, note, direction}]) and `flags` to claim views; their changes by id.

    `read` keeps the notes' checkpoints between calls, for a listing annotated chunk by chunk.
    """
    wanted = {t for v in views for t in v["theses"]}
    if read is None:
        by_note = note_checkpoints(vault, wanted)
    else:
        fresh = wanted - read.keys()
        read.update({rel: () for rel in fresh} | note_checkpoints(vault, fresh))
        by_note = read
    cache = prefetch(s, {(v["subject"], v["metric"], v["currency"]) for v in views})
    changes = {}
    for v in views:
        # Every source's sentence speaks for the claim: the English one may say "up 66%".
        said = " ".join(dict.fromkeys([v["sentence"], *(src["sentence"] for src in v["sources"])]))
        change = changes[v["id"]] = change_of(s, {**v, "sentence": said}, cache)
        v["bears_on"] = bears_on(v["metric"], said, change.direction if change else None, v["theses"], by_note)
    claim_flags(s, views)
    return changes


def checkpoint_implication(s: Session, rec: ClaimRecord, vault: Path, rel: str) -> str:
    """What an applied row says it bears on in one note: 'validates: Capex guidance increases continue'."""
    sentences = s.exec(select(ClaimSource.sentence).where(ClaimSource.claim_id == rec.id)).all()
    said = " ".join(dict.fromkeys([rec.sentence, *sentences]))
    change = change_of(s, {**rec.model_dump(), "sentence": said})
    found = bears_on(rec.metric, said, change.direction if change else None, [rel], note_checkpoints(vault, {rel}))
    return "; ".join(f"{b['direction']}: {b['checkpoint']}" for b in found)
