"""What a queued claim bears on: its notes' checkpoints, and the flags on its sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from models import ClaimRecord, ClaimSource
from pipeline.checkpoints import Checkpoint, Rule, bears_on
from pipeline.errors import NoteError
from pipeline.lastknown import Cache, Change, change_of, prefetch
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
             read: dict[str, tuple[Checkpoint, ...]] | None = None, changes: bool = True,
             known: Cache | None = None,
             article_flags: dict[int, list[dict[str, Any]] | None] | None = None) -> dict[int, Change | None]:
    """Add `bears_on` ([{checkpoint, note, direction}]) and `flags` to claim views; their changes by id.

    `read` keeps the notes' checkpoints between calls, for a listing annotated chunk by chunk,
    and `known` the known values of the (subject, metric, currency) met so far. With `changes`
    False, a change is worked out only where a checkpoint's rule needs its direction, and none
    is returned. `article_flags`: the sources' articles' translation flags, when already read.
    """
    wanted = {t for v in views for t in v["theses"]}
    if read is None:
        by_note = note_checkpoints(vault, wanted)
    else:
        fresh = wanted - read.keys()
        read.update({rel: () for rel in fresh} | note_checkpoints(vault, fresh))
        by_note = read
    # Without `changes`, a claim none of whose notes' rules names its metric bears on nothing,
    # and one whose fitting rules all take any direction needs no change to say so.
    fitting = [None if changes else _fitting(v, by_note) for v in views]
    needs = [changes or any(r.direction != "any" for r in rules or ()) for rules in fitting]
    keys = {(v["subject"], v["metric"], v["currency"]) for v, need in zip(views, needs, strict=True) if need}
    if known is None:
        cache = prefetch(s, keys)
    else:
        known.update(prefetch(s, keys - known.keys()))
        cache = known
    found = {}
    for v, rules, need in zip(views, fitting, needs, strict=True):
        if rules is not None and not rules:
            v["bears_on"] = []
            continue
        # Every source's sentence speaks for the claim: the English one may say "up 66%".
        said = " ".join(dict.fromkeys([v["sentence"], *(src["sentence"] for src in v["sources"])]))
        change = change_of(s, {**v, "sentence": said}, cache) if need else None
        if changes:
            found[v["id"]] = change
        v["bears_on"] = bears_on(v["metric"], said, change.direction if change else None, v["theses"], by_note)
    claim_flags(s, views, article_flags)
    return found


def _fitting(view: dict[str, Any], by_note: dict[str, tuple[Checkpoint, ...]]) -> list[Rule]:
    """The rules of the claim's notes' checkpoints that name its metric: the only ones it can fit."""
    metric = view["metric"]
    return [r for note in view["theses"] for cp in by_note.get(note, ()) for r in cp.rules if metric in r.metrics]


def checkpoint_implication(s: Session, rec: ClaimRecord, vault: Path, rel: str) -> str:
    """What an applied row says it bears on in one note: 'validates: Capex guidance increases continue'."""
    sentences = s.exec(select(ClaimSource.sentence).where(ClaimSource.claim_id == rec.id)).all()
    said = " ".join(dict.fromkeys([rec.sentence, *sentences]))
    change = change_of(s, {**rec.model_dump(), "sentence": said})
    found = bears_on(rec.metric, said, change.direction if change else None, [rel], note_checkpoints(vault, {rel}))
    return "; ".join(f"{b['direction']}: {b['checkpoint']}" for b in found)
