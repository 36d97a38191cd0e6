"""The command line: the demo end to end, extract's streaming contract, help and docs."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.claims import Extractor
from pipeline.config import Settings
from pipeline.extract_io import BATCH, run_extract
from tests.conftest import ROOT, run_cli


def test_demo_run_queues_both_languages_and_drops_known_rows(demo: Settings) -> None:
    first = run_cli("run", "--config", str(demo.path))
    assert first.returncode == 0, first.stderr
    queued = int(re.search(r"(\d+) new claims queued", first.stdout).group(1))
    known = int(re.search(r"dropped as already known\s*│\s*(\d+)", first.stdout).group(1))
    assert queued >= 5 and known >= 3
    con = sqlite3.connect(demo.database)
    langs = {lang for (lang,) in con.execute("select distinct s.lang from claimsource s join claim c on c.id = s.claim_id")}
    assert langs == {"en", "zh"}
    second = run_cli("run", "--config", str(demo.path))
    assert second.returncode == 0
    assert "Nothing new to review" in second.stdout
    assert re.search(r"queued\s*│\s*0", second.stdout)


# Sentences of the demo feeds whose figures misled a first user when queued as plain claims.
MISLEADING = {
    "halt their quarterly $30 billion": None,  # hypothetical: no claim at all
    "because it absolutely did not": None,  # denied: no claim
    "spending $39 a month": None,  # the customers' price, not the company's spending
    "黄仁勋预测的1万亿美元": "forecast",  # a prediction, never a plain reported figure
}


def test_demo_queue_holds_no_misleading_plain_claims(demo: Settings) -> None:
    assert run_cli("run", "--config", str(demo.path)).returncode == 0
    listed = run_cli("queue", "list", "--json", "--status", "all", "--config", str(demo.path))
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows and all(r["modality"] in ("reported", "guidance", "estimate", "forecast") for r in rows)
    for words, allowed in MISLEADING.items():
        hits = [r for r in rows if words in r["sentence"] and (words.split()[0] != "spending" or r["low"] == 39)]
        if allowed is None:
            assert not [r for r in hits if words != "halt their quarterly $30 billion" or r["low"] == 30e9], words
        else:
            assert hits and all(r["modality"] != "reported" for r in hits), (words, hits)


def test_extract_contract_and_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "en01", "text": "Meta is guiding $135B capex for 2026, roughly double last year.",
                    "lang": "en", "published": "2026-02-01"}),
        "{not json",
        json.dumps({"id": "zh01", "text": "甲骨文自由现金流为负237亿美元。", "lang": None, "published": None}),
        json.dumps({"id": "bad", "text": 5}),
    ]) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("extract", "--jsonl", str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "line 2" in result.stderr and "line 4" in result.stderr
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [x.get("id") for x in lines] == ["en01", None, "zh01", None]
    assert lines[1]["line"] == 2 and "line 2" in lines[1]["error"]
    en = lines[0]
    assert en["lang"] == "en"
    assert en["quantities"] == [{"kind": "money", "text": "$135B", "start": 16, "end": 21, "low": 135e9,
                                 "high": 135e9, "currency": "USD", "qualifier": "exact", "per": None}]
    assert en["entities"][0] == {"text": "Meta", "start": 0, "end": 4, "label": "ORG", "canonical": "Meta"}
    assert en["claims"] == [{"subject": "Meta", "metric": "capex", "low": 135e9, "high": 135e9, "currency": "USD",
                             "qualifier": "exact", "per": None, "period": "2026", "modality": "guidance",
                             "sentence": "Meta is guiding $135B capex for 2026, roughly double last year."}]
    zh = lines[2]
    assert zh["lang"] == "zh"
    assert zh["claims"][0]["subject"] == "Oracle" and zh["claims"][0]["low"] == -23.7e9


def test_extract_streams_its_input() -> None:
    """Output starts before the input is read to its end: the file is never loaded whole."""
    consumed = {"n": 0}
    first_output_at: list[int] = []

    def lines() -> Iterator[str]:
        for i in range(10_000):
            consumed["n"] = i + 1
            yield json.dumps({"id": i, "text": f"Item {i}: Meta sold ${i % 50 + 1} billion of bonds."}) + "\n"

    class Sink(io.StringIO):
        def write(self, s: str) -> int:
            if not first_output_at:
                first_output_at.append(consumed["n"])
            return super().write(s)

    sink = Sink()
    counts = run_extract(lines(), sink, Extractor(use_ner=False))
    assert counts.errors == 0 and counts.done == 10_000
    out = sink.getvalue().splitlines()
    assert len(out) == 10_000
    assert first_output_at[0] <= BATCH + 1
    assert [json.loads(line)["id"] for line in out] == list(range(10_000))  # two cores, input order kept
    assert json.loads(out[-1])["claims"][0]["subject"] == "Meta"


COMMANDS = [["run"], ["extract"], ["review"], ["apply"], ["feeds"], ["queue", "list"], ["queue", "approve"],
            ["queue", "reject"], ["queue", "skip"], ["queue", "undo"], ["queue", "edit"], ["notes", "scan"],
            ["digest"], ["db", "upgrade"], ["db", "copy"]]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_has_help_and_is_documented(command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.returncode == 0 and "Usage" in result.stdout
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"`claimlog {' '.join(command)}" in readme


def test_config_errors_are_clear(tmp_path: Path) -> None:
    (tmp_path / "claimlog.toml").write_text('vault = "v"\n[[feeds]]\nname = "x"\nurl = "u"\nlang = "fr"\n')
    result = run_cli("run", "--config", str(tmp_path / "claimlog.toml"))
    assert result.returncode == 2
    assert "[feeds[0].lang]" in result.stderr and "Traceback" not in result.stderr


def test_notes_scan_reads_every_note_and_row(demo: Settings) -> None:
    result = run_cli("notes", "scan", "--config", str(demo.path))
    assert result.returncode == 0, result.stderr
    assert re.search(r"AI Capex Arms Race\.md\s*│\s*\d+\s*│\s*\d+\s*│\s*18", result.stdout)
    assert "4 notes" in result.stdout
    con = sqlite3.connect(demo.database)
    assert con.execute("select count(*) from evidencerow").fetchone()[0] == 20
    assert con.execute("select count(*) from evidenceclaim").fetchone()[0] >= 12
    again = run_cli("notes", "scan", "--config", str(demo.path))
    assert "0 claims read from changed notes" in again.stdout
