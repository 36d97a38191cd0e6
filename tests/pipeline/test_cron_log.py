"""`--json` summaries and the log file: what cron mails and what one reads the morning after.

The real command in a subprocess, against real feeds on 127.0.0.1 and real files.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from pipeline.config import Settings
from tests.conftest import run_cli
from tests.feedserver import FeedServer, rss
from tests.pipeline.test_run import config, news

STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} (INFO|WARNING|ERROR) ")


def with_log(settings: Settings, extra: str = "") -> Path:
    """Add a [log] table to a test config; the log file's path."""
    settings.path.write_text(settings.path.read_text("utf-8") + f'[log]\nfile = "logs/claimlog.log"\n{extra}', "utf-8")
    return settings.path.parent / "logs" / "claimlog.log"


def test_run_json_is_one_object_with_the_failures(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/good.xml", rss(news(1)).encode())
    server.routes["/down.xml"] = (500, {}, b"boom")
    settings = config(tmp_path, [("good", server.url("/good.xml")), ("down", server.url("/down.xml"))], retries=0)
    done = run_cli("run", "--json", "--config", str(settings.path))
    assert done.returncode == 5, done.stderr
    out = json.loads(done.stdout)  # the whole of stdout is one object
    assert out["exit_code"] == 5 and out["feeds"] == 2 and out["read"] == 1
    assert out["failed"] == {"down": "HTTP 500"}
    assert out["queued"] == len(out["queued_ids"]) > 0 and out["new_articles"] == 6
    assert set(out["seconds"]) == {"notes", "fetch", "extract", "store", "queue"}  # store in fetch, queue in extract
    assert "down" not in done.stderr  # the failure is in the JSON, once

    again = json.loads(run_cli("run", "--json", "--config", str(settings.path)).stdout)
    assert (again["not_modified"], again["new_articles"], again["queued"]) == (1, 0, 0)


def test_feeds_and_notes_scan_json(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/good.xml", rss(news(1)).encode())
    server.routes["/down.xml"] = (404, {}, b"gone")
    settings = config(tmp_path, [("good", server.url("/good.xml")), ("down", server.url("/down.xml"))], retries=0)
    run_cli("run", "--quiet", "--config", str(settings.path))
    feeds = json.loads(run_cli("feeds", "--json", "--config", str(settings.path)).stdout)["feeds"]
    by_name = {f["name"]: f for f in feeds}
    assert by_name["good"]["error_count"] == 0 and by_name["good"]["articles"] == 6
    assert by_name["good"]["last_success"].endswith("+00:00")
    assert by_name["down"]["error_count"] == 1 and by_name["down"]["last_error"] == "HTTP 404"
    assert by_name["down"]["last_success"] is None

    scanned = run_cli("notes", "scan", "--json", "--config", str(settings.path))
    assert scanned.returncode == 0, scanned.stderr
    notes = json.loads(scanned.stdout)
    assert len(notes["notes"]) >= 1 and notes["evidence_rows"] == sum(n["evidence_rows"] for n in notes["notes"])
    assert {"note", "links", "tags", "evidence_rows"} <= set(notes["notes"][0])


def test_the_log_file_has_a_timestamped_line_per_stage_and_failure(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/good.xml", rss(news(1)).encode())
    server.routes["/down.xml"] = (500, {}, b"boom")
    settings = config(tmp_path, [("good", server.url("/good.xml")), ("down", server.url("/down.xml"))], retries=0)
    log = with_log(settings)
    done = run_cli("run", "--quiet", "--config", str(settings.path))
    assert done.returncode == 5
    assert [ln for ln in done.stderr.splitlines() if "down" in ln] == ["feed failed: down: HTTP 500"]
    lines = log.read_text("utf-8").splitlines()
    assert lines and all(STAMP.match(ln) for ln in lines), lines
    text = "\n".join(lines)
    for stage in ("run: started", "notes: ", "fetch: good: 6 items, 6 new", "extract: ", "run: done in"):
        assert stage in text, stage
    assert len([ln for ln in lines if "down" in ln]) == 1  # each failure once
    assert re.search(r"WARNING failed: down: HTTP 500$", text, re.M)


def test_the_log_file_rotates(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/good.xml", rss(news(1)).encode())
    settings = config(tmp_path, [("good", server.url("/good.xml"))], retries=0)
    log = with_log(settings, "max_bytes = 300\nbackups = 2\n")
    for _ in range(4):
        assert run_cli("run", "--quiet", "--config", str(settings.path)).returncode == 0
    kept = sorted(p.name for p in log.parent.iterdir())
    assert kept == ["claimlog.log", "claimlog.log.1", "claimlog.log.2"]
    assert all(p.stat().st_size <= 600 for p in log.parent.iterdir())


def test_a_crash_leaves_its_traceback_in_the_log_and_one_line_on_stderr(
        tmp_path: Path, server: FeedServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import pipeline.run
    from pipeline import cli, runlog

    server.feed("/good.xml", rss(news(1)).encode())
    settings = config(tmp_path, [("good", server.url("/good.xml"))], retries=0)
    log = with_log(settings)

    def bug(*args: object, **kwargs: object) -> None:  # a bug in the run: nothing the user did
        raise ZeroDivisionError("division by zero in a stage")

    monkeypatch.setattr(pipeline.run, "run", bug)
    monkeypatch.setattr(runlog, "_current", None)
    monkeypatch.setattr(sys, "argv", ["claimlog", "run", "--quiet", "--config", str(settings.path)])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "ZeroDivisionError" in err and str(log) in err
    logged = log.read_text("utf-8")
    assert "Traceback (most recent call last)" in logged and "division by zero in a stage" in logged
    runlog.close()
