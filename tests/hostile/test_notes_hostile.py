"""Finding 7, notes: a line the user wrote during `apply` was lost; a "## Evidence log" in
frontmatter or fenced code got the table; read-only notes were rewritten; a claim's target
could name any file of the vault; a non-UTF-8 file name crashed every run; killed writes
left temp files behind.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models import Article, ClaimRecord, Database, database_url
from pipeline.config import Settings
from pipeline.notes import format_row, parse_note
from pipeline.queue import apply_approved
from pipeline.vault import read_vault
from tests.conftest import ROOT, run_cli

NOTE = "AI Capex Arms Race.md"


def approve(db: Database, target: str, observation: str) -> int:
    """An approved claim routed to `target`, written as `observation`."""
    with db.session() as s:
        art = s.get(Article, 1)
        if art is None:
            s.add(Article(id=1, key="k", content_hash="k", title="t", body="b"))
        rec = ClaimRecord(fingerprint=observation, loose_fingerprint=observation, subject="Oracle",
                          metric="debt", low=1e9, high=1e9, currency="USD", status="approved",
                          sentence="s", confidence=1.0, theses=[target], observation=observation)
        s.add(rec)
        s.flush()
        return rec.id or 0


def status(db: Database, cid: int) -> str:
    with db.session() as s:
        return s.get(ClaimRecord, cid).status


@pytest.fixture
def db(demo: Settings) -> Database:
    return Database(database_url(demo.database))


WRITER = """
import random, sys, time
from pathlib import Path
path, stop = Path(sys.argv[1]), Path(sys.argv[2])
n = 0
while not stop.exists():
    with open(path, "a", encoding="utf-8") as fh:  # what a script or a sync client does
        fh.write(f"user line {n}\\n")
    n += 1
    time.sleep(random.uniform(0.005, 0.040))
print(n)
"""


def test_concurrent_writer_loses_no_line(demo: Settings, db: Database, tmp_path: Path) -> None:
    note = demo.vault / NOTE
    seed = note.read_text("utf-8")
    filler = "".join(f"Filler paragraph {i}: notes that make the note large. " * 2 + "\n" for i in range(45_000))
    note.write_text(seed + "\n" + filler, "utf-8")
    original = note.read_text("utf-8")
    assert note.stat().st_size >= 5_000_000
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(note), str(stop)], stdout=subprocess.PIPE, text=True)
    rows = []
    try:
        time.sleep(0.2)
        for k in range(30):
            observation = f"apply number {k}"
            approve(db, NOTE, observation)
            result = apply_approved(db, demo.vault)
            assert result.errors == [] and len(result.applied) == 1, result.errors
            rows.append(observation)
    finally:
        stop.touch()
        out, _ = writer.communicate(timeout=30)
    written = int(out)
    assert written > 30
    lines = note.read_text("utf-8").split("\n")
    user = [ln for ln in lines if ln.startswith("user line ")]
    lost = sorted(set(range(written)) - {int(ln.split()[-1]) for ln in user})
    assert lost == [], f"{len(lost)} of {written} user lines lost"
    assert len(user) == written  # none doubled either
    applied = [ln for ln in lines if "apply number" in ln]
    assert len(applied) == 30
    # Every other byte is the note as it was.
    rest = [ln for ln in lines if not ln.startswith("user line ") and "apply number" not in ln]
    assert "\n".join(rest) == original


FRONTMATTER_NOTE = """---
title: Oracle
tags: [thesis]
## Evidence log
---
# Oracle

Body text.
"""

FENCED_NOTE = """# Oracle

Body.

````markdown
## Evidence log

| Date | Observation | Implication |
|------|-------------|-------------|
```
not the end of the fence
```
````

   ~~~
## Evidence log
   ~~~
"""


@pytest.mark.parametrize("text", [FRONTMATTER_NOTE, FENCED_NOTE], ids=["frontmatter", "fenced"])
def test_frontmatter_and_fenced_code_are_not_sections(demo: Settings, db: Database, text: str) -> None:
    note = demo.vault / "Oracle.md"
    note.write_text(text, "utf-8")
    assert not parse_note(text, "Oracle.md").has_log
    cid = approve(db, "Oracle.md", "bond sale")
    assert apply_approved(db, demo.vault).errors == []
    after = note.read_text("utf-8")
    assert after.startswith(text)  # nothing inserted in the frontmatter or a code block
    assert after[len(text):].startswith("\n## Evidence log\n")
    assert parse_note(after, "Oracle.md").rows[0].observation == "bond sale"
    assert status(db, cid) == "applied"


def test_read_only_note_is_refused(demo: Settings, db: Database) -> None:
    note = demo.vault / NOTE
    before = note.read_bytes()
    note.chmod(0o444)
    cid = approve(db, NOTE, "bond sale")
    proc = run_cli("apply", "--config", str(demo.path))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert [ln for ln in proc.stderr.splitlines() if "read-only" in ln and NOTE in ln]
    assert note.read_bytes() == before
    assert stat.S_IMODE(note.stat().st_mode) == 0o444
    assert status(db, cid) == "approved"


@pytest.mark.parametrize("target", [".obsidian/app.json", ".obsidian/workspace.md", ".trash/Old.md",
                                    "sub/../.obsidian/x.md", "../outside.md", "/tmp/claimlog-abs.md",
                                    "image.png", "link.md", "folder.md"])
def test_target_must_be_a_markdown_note_inside_the_vault(demo: Settings, db: Database, target: str) -> None:
    vault = demo.vault
    (vault / ".obsidian").mkdir()
    (vault / ".trash").mkdir()
    (vault / "folder.md").mkdir()
    files = {vault / ".obsidian/app.json": '{"theme": "dark"}\n', vault / ".obsidian/workspace.md": "# w\n",
             vault / ".obsidian/x.md": "# x\n", vault / ".trash/Old.md": "# old\n",
             vault.parent / "outside.md": "# outside\n", vault / "image.png": "png"}
    for path, text in files.items():
        path.write_text(text, "utf-8")
    (vault / "link.md").symlink_to(vault.parent / "outside.md")
    cid = approve(db, target, "bond sale")
    result = apply_approved(db, vault)
    assert len(result.errors) == 1 and target in result.errors[0], result.errors
    for path, text in files.items():
        assert path.read_text("utf-8") == text
    assert status(db, cid) == "approved"


def test_non_utf8_file_name_is_skipped_with_a_warning(demo: Settings) -> None:
    bad = os.fsencode(demo.vault) + b"/Caf\xe9 \xff.md"
    with open(bad, "w", encoding="utf-8") as fh:
        fh.write("# Cafe\n\n[[Oracle]]\n")
    notes, warnings = read_vault(demo.vault)
    assert len(notes) == 4 and len(warnings) == 1
    assert "Caf\\xe9 \\xff.md" in warnings[0]
    proc = run_cli("run", "--config", str(demo.path))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert [ln for ln in proc.stderr.splitlines() if "Caf\\xe9 \\xff.md" in ln and "not UTF-8" in ln]
    assert "queued" in proc.stdout


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from pipeline import notes
path = Path(sys.argv[1])
tmp = notes._Temp(path)
tmp.write(b"half a note")
os.kill(os.getpid(), signal.SIGKILL)  # killed mid-write, before the rename
"""


def test_stale_temp_file_is_removed_by_the_next_apply(demo: Settings, db: Database) -> None:
    note = demo.vault / NOTE
    proc = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(note)], cwd=ROOT)
    assert proc.returncode == -signal.SIGKILL
    stale = [p for p in demo.vault.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]
    assert len(stale) == 1
    old = demo.vault / f".{NOTE}.a1b2c3d4.tmp"  # from a version that put no pid in the name
    old.write_text("x", "utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    live = demo.vault / f".{NOTE}.{os.getpid()}.zz9.tmp"  # a write in progress right now
    live.write_text("y", "utf-8")
    approve(db, NOTE, "bond sale")
    proc = run_cli("apply", "--config", str(demo.path))
    assert proc.returncode == 0, proc.stderr
    assert not stale[0].exists() and not old.exists()
    assert live.exists()
    assert f"removed {stale[0].name}" in proc.stderr
    assert "bond sale" in note.read_text("utf-8")
    assert format_row  # the row format is the table's own
