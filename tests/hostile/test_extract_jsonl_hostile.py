"""Finding 8, one bad line lost everything: `extract --jsonl` with a deeply nested line or
a 1M-character sentence crashed and wrote nothing, not even the good lines before it;
`"id": NaN` was written as invalid JSON; the exit code was 0 when every line failed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

GOOD = '{"id": "good%d", "text": "Meta is guiding $135B capex for 2026.", "lang": "en"}'
BAD = {
    "nested": '{"id": "n", "text": "x", "extra": ' + "[" * 200_000 + "]" * 200_000 + "}",
    "long_sentence": json.dumps({"id": "long", "text": "Oracle sold $1 billion of bonds " + "and more " * 111_112}),
    "nan_id": '{"id": NaN, "text": "Meta spent $5B."}',
    "inf_id": '{"id": Infinity, "text": "Meta spent $5B."}',
    "object_id": '{"id": {"a": 1}, "text": "Meta spent $5B."}',
    "huge_int": '{"id": 1' + "0" * 5000 + ', "text": "Meta spent $5B."}',
    "text_number": '{"id": "t", "text": 12}',
    "published_list": '{"id": "p", "text": "Meta spent $5B.", "published": [2026]}',
    "bad_date": '{"id": "d", "text": "Meta spent $5B.", "published": "2026-13-45"}',
    "not_json": "{'id': 1}",
    "array": "[1, 2]",
    "surrogate": '{"id": "s", "text": "Meta spent $5B \\ud800 on capex."}',
}


def check_output(out: str, n_lines: int) -> list[dict]:
    rows = [json.loads(line, parse_constant=lambda c: pytest.fail(f"{c} in output")) for line in out.splitlines()]
    assert len(rows) == n_lines
    return rows


@pytest.mark.parametrize("kind", sorted(BAD))
def test_one_bad_line_among_good_ones(tmp_path: Path, kind: str) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([GOOD % 1, BAD[kind], GOOD % 2]) + "\n", "utf-8")
    proc = run_cli("extract", "--jsonl", str(src), "-o", str(tmp_path / "out.jsonl"), timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    rows = check_output((tmp_path / "out.jsonl").read_text("utf-8"), 3)
    assert rows[0]["id"] == "good1" and rows[2]["id"] == "good2"
    assert rows[0]["claims"][0]["low"] == 135e9 and rows[2]["claims"]
    if kind == "surrogate":
        assert rows[1]["id"] == "s" and "claims" in rows[1]
    else:
        assert rows[1]["line"] == 2 and rows[1]["error"].startswith("line 2: ")


def test_exit_code_1_when_no_line_could_be_processed(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(BAD["nan_id"] + "\n" + BAD["nested"] + "\n", "utf-8")
    proc = run_cli("extract", "--jsonl", str(src), timeout=120)
    assert proc.returncode == 1
    assert len(check_output(proc.stdout, 2)) == 2
    assert "Traceback" not in proc.stderr


def test_output_is_flushed_line_by_line(tmp_path: Path) -> None:
    """The first result is out while the input is still open."""
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "extract", "--jsonl", "-"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONWARNINGS": "error"})
    with proc:
        assert proc.stdin and proc.stdout
        proc.stdin.write(BAD["array"] + "\n")  # an error line goes out at once
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())
        assert first["line"] == 1 and "error" in first
        proc.stdin.write(GOOD % 1 + "\n")
        proc.stdin.close()
        assert json.loads(proc.stdout.readline())["id"] == "good1"
        assert proc.wait(120) == 0


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(GOOD % 1 + "\n", "utf-8")
    for target in (tmp_path / "missing" / "out.jsonl", tmp_path):
        proc = run_cli("extract", "--jsonl", str(src), "-o", str(target), timeout=120)
        assert proc.returncode == 2
        assert proc.stderr.strip().count("\n") == 0 and str(target) in proc.stderr
