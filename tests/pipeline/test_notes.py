"""Notes: reading links, tags, rows; inserting rows without touching another byte."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import NoteChangedError
from pipeline.notes import (
    append_rows,
    escape_cell,
    format_row,
    insert_rows,
    parse_note,
    split_cells,
    write_atomic,
)
from tests.conftest import SEED_NOTE

ROW = format_row("2026-03-01", "FT: [[Oracle]] bond issuance **$38B**", "Debt keeps climbing")


def test_seed_note_has_18_rows_links_and_tags() -> None:
    note = parse_note(SEED_NOTE.read_text("utf-8"), SEED_NOTE.name)
    assert len(note.rows) == 18
    assert note.rows[0].date == "2026-02-08" and note.rows[-1].date == "2026-01"
    assert note.title == "AI Capex Arms Race"
    assert {"thesis", "ai", "infrastructure"} <= set(note.tags)
    assert {"xAI", "OpenAI", "Google", "Oracle", "NVIDIA", "Valor Equity Partners"} <= set(note.links)


def test_frontmatter_links_and_tables() -> None:
    text = ("---\ntags: [semis, ai]\naliases:\n  - Nvidia\n  - 英伟达\n---\n# NVIDIA\n"
            "See [[Google#Capex|Alphabet]] and [[Meta|Facebook]] #watch\n```\n[[NotALink]] #nottag\n```\n"
            "## Evidence log\n\n| Date | Observation | Implication |\n|---|---|---|\n"
            "| 2026-01-02 | [[Meta\\|Facebook]] capex **$70B** \\| up | fine |\n")
    note = parse_note(text, "NVIDIA.md")
    assert note.aliases == ("Nvidia", "英伟达")
    assert set(note.tags) == {"semis", "ai", "watch"}
    assert note.links == ("Google", "Meta")
    assert note.rows[0].observation == "[[Meta\\|Facebook]] capex **$70B** \\| up"
    assert note.rows[0].implication == "fine"


def test_cells_keep_escaped_pipes() -> None:
    assert split_cells("| a | b \\| c | d |") == ["a", "b \\| c", "d"]
    assert escape_cell("x | y\n z [[a|b]]") == "x \\| y z [[a\\|b]]"


def test_insert_changes_only_added_lines() -> None:
    old = SEED_NOTE.read_text("utf-8")
    new = insert_rows(old, [ROW])
    old_lines, new_lines = old.split("\n"), new.split("\n")
    assert len(new_lines) == len(old_lines) + 1
    i = new_lines.index(ROW)
    assert new_lines[i - 1].startswith("|------|")  # top of the table: newest first
    assert new_lines[:i] + new_lines[i + 1:] == old_lines
    assert insert_rows(new, [ROW]) == new  # idempotent


def test_crlf_and_missing_trailing_newline_are_kept() -> None:
    old = "# T\r\n\r\n## Evidence log\r\n\r\n| Date | Observation | Implication |\r\n|---|---|---|\r\n| 2026-01-01 | a | b |"
    new = insert_rows(old, [ROW])
    assert new == old.replace("|---|---|---|\r\n", "|---|---|---|\r\n" + ROW + "\r\n")
    bare = "# T\n## Evidence log\n| Date | Observation | Implication |\n|---|---|---|"
    assert insert_rows(bare, [ROW]) == bare + "\n" + ROW


def test_missing_section_is_created_at_the_end() -> None:
    old = "# Reading list\n\n- item\n"
    new = insert_rows(old, [ROW])
    assert new.startswith(old)
    assert new[len(old):] == f"\n## Evidence log\n\n| Date | Observation | Implication |\n|------|-------------|-------------|\n{ROW}\n"
    assert parse_note(new, "r.md").rows[0].raw == ROW


def test_append_keeps_a_concurrent_edit(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    note.write_text(SEED_NOTE.read_text("utf-8"), "utf-8")
    import pipeline.notes as notes

    real = notes.plan_insert
    calls = {"n": 0}

    def edit_then_plan(text: str, rows: list[str]) -> tuple[int, str]:
        calls["n"] += 1
        if calls["n"] == 1:  # the user saves after we read
            note.write_text(note.read_text("utf-8").replace("**Status**", "**Status (edited)**"), "utf-8")
        return real(text, rows)

    notes.plan_insert = edit_then_plan  # type: ignore[assignment]
    try:
        append_rows(note, [ROW])
    finally:
        notes.plan_insert = real  # type: ignore[assignment]
    text = note.read_text("utf-8")
    assert "**Status (edited)**" in text and ROW in text
    assert calls["n"] == 2


def test_write_atomic_refuses_a_changed_file(tmp_path: Path) -> None:
    p = tmp_path / "n.md"
    p.write_text("a", "utf-8")
    with pytest.raises(NoteChangedError):
        write_atomic(p, b"b", expected_hash="0" * 64)
    assert p.read_text("utf-8") == "a"
    assert list(tmp_path.iterdir()) == [p]  # no temp file left behind


def test_killed_apply_leaves_old_or_new_note(tmp_path: Path) -> None:
    """SIGKILL a writer at many moments: the note is always whole, old or new."""
    note = tmp_path / "AI Capex Arms Race.md"
    old = SEED_NOTE.read_text("utf-8") * 40  # big enough that a write takes a moment
    big_row = format_row("2026-03-01", "x" * 200_000, "y")
    new = insert_rows(old, [big_row])
    script = ("import sys; from pathlib import Path; from pipeline.notes import append_rows, format_row; "
              "append_rows(Path(sys.argv[1]), [format_row('2026-03-01', 'x' * 200_000, 'y')])")
    outcomes = set()
    for delay in (0.05, 0.15, 0.3, 0.6, 1.2, 5.0):
        note.write_text(old, "utf-8")
        proc = subprocess.Popen([sys.executable, "-c", script, str(note)], cwd=Path(__file__).parents[2])
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        text = note.read_text("utf-8")
        assert text in (old, new)
        outcomes.add(text == new)
    assert True in outcomes  # at least the unhurried run finished


LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(LINE, max_size=8), after=st.lists(LINE, max_size=8),
       rows=st.lists(LINE, max_size=4), ending=st.sampled_from(["\n", "\r\n"]), trailing=st.booleans())
def test_any_note_survives_apply_byte_for_byte(before: list[str], after: list[str], rows: list[str],
                                               ending: str, trailing: bool) -> None:
    body = [b for b in before if not b.lstrip().startswith(("|", "#"))]
    tail = [a for a in after if not a.lstrip().startswith("|")]
    table = ["## Evidence log", "", "| Date | Observation | Implication |", "|---|---|---|"]
    table += [format_row("2026-01-01", r, "") for r in rows]
    old = ending.join(body + table + [""] + tail) + (ending if trailing else "")
    new = insert_rows(old, [ROW])
    added = new.split(ending)
    assert ROW in added
    added.remove(ROW)
    assert ending.join(added) == old


def test_a_block_that_is_not_yaml_is_no_frontmatter() -> None:
    # Found by the property test above: "---" ... "..." around an evidence log whose table is no YAML.
    old = "---\n## Evidence log\n\n| Date | Observation | Implication |\n|---|---|---|\n\n..."
    new = insert_rows(old, [ROW])
    assert new.split("\n").count(ROW) == 1
    assert new.replace(ROW + "\n", "") == old  # inserted into the existing table, nothing else changed


def test_front_matter_nested_past_the_parser_depth_is_no_front_matter() -> None:
    # A hostile note: YAML nested deeper than the parser can recurse. It is read as text.
    old = "---\n" + "a: [\n" * 2000 + "...\n## Evidence log\n\n| Date | Observation | Implication |\n|---|---|---|\n"
    new = insert_rows(old, [ROW])
    assert new.replace(ROW + "\n", "") == old and new.count(ROW) == 1
