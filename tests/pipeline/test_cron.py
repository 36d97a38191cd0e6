"""`claimlog run` under cron: quiet output, each failure once, exit codes, --version and -h.

The real command in a subprocess (so stdout and stderr are not terminals, as under cron)
against real feeds on 127.0.0.1.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.config import Settings
from pipeline.lock import run_lock
from tests.conftest import ROOT, run_cli
from tests.feedserver import FeedServer, rss
from tests.pipeline.test_run import config, news

STALE_PROMISE = "every claim found is already in the notes"


def test_the_readme_cron_line_is_silent_on_a_run_with_nothing_new(demo: Settings) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    cron = re.search(r"```cron\n(.*?)\n```", readme, re.S)
    assert cron and "run --quiet" in cron.group(1)
    first = run_cli("run", "--quiet", "--config", str(demo.path))
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    assert re.fullmatch(r"\d+ new claims queued for review \(.*\)\n", first.stdout), first.stdout
    second = run_cli("run", "--quiet", "--config", str(demo.path))
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")


def test_off_a_terminal_run_prints_the_count_and_summary_not_every_claim(demo: Settings) -> None:
    plain = run_cli("run", "--config", str(demo.path))
    assert plain.returncode == 0, plain.stderr
    count = int(re.search(r"^(\d+) new claims queued for review", plain.stdout, re.M).group(1))
    assert count >= 5 and "Run summary" in plain.stdout
    assert "Oracle" not in plain.stdout and "│ subject" not in plain.stdout  # no claim rows
    assert len(plain.stdout.splitlines()) < 20


def test_table_prints_every_new_claim(demo: Settings) -> None:
    tabled = run_cli("run", "--table", "--config", str(demo.path))
    assert tabled.returncode == 0, tabled.stderr
    count = int(re.search(r"(\d+) new claims queued for review", tabled.stdout).group(1))
    assert "subject" in tabled.stdout and "Oracle" in tabled.stdout
    # One row per claim: each row starts with the claim's id in the first column.
    assert len(re.findall(r"^│ \d+ +│", tabled.stdout, re.M)) == count


def test_some_feeds_failed_is_exit_5_and_each_failure_is_one_line(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/good.xml", rss(news(1)).encode(), conditional=False)
    server.routes["/down.xml"] = (500, {}, b"boom")
    settings = config(tmp_path, [("good", server.url("/good.xml")), ("down", server.url("/down.xml"))], retries=0)
    loud = run_cli("run", "--config", str(settings.path))
    assert loud.returncode == 5, loud.stderr
    assert [ln for ln in loud.stderr.splitlines() if "down" in ln] == ["feed failed: down: HTTP 500"]
    server.feed("/good.xml", rss(news(2)).encode(), conditional=False)
    quiet = run_cli("run", "--quiet", "--config", str(settings.path))
    assert quiet.returncode == 5
    assert quiet.stderr.splitlines() == ["feed failed: down: HTTP 500"]
    assert re.fullmatch(r"\d+ new claims queued for review \(.*\)\n", quiet.stdout), quiet.stdout


def test_every_feed_failed_is_exit_1_and_promises_nothing(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/down.xml"] = (503, {}, b"down")
    settings = config(tmp_path, [("down", server.url("/down.xml")), ("gone", server.url("/gone.xml"))], retries=0)
    result = run_cli("run", "--config", str(settings.path))
    assert result.returncode == 1
    assert STALE_PROMISE not in result.stdout
    assert "No feed could be read" in result.stdout
    assert sorted(ln for ln in result.stderr.splitlines() if ln.startswith("feed failed")) == [
        "feed failed: down: HTTP 503", "feed failed: gone: HTTP 404"]
    quiet = run_cli("run", "--quiet", "--config", str(settings.path))
    assert quiet.returncode == 1 and quiet.stdout == ""
    assert len(quiet.stderr.splitlines()) == 2 and "Traceback" not in quiet.stderr


def test_nothing_new_says_why(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/a.xml", rss(news(1)).encode())
    settings = config(tmp_path, [("a", server.url("/a.xml"))])
    assert run_cli("run", "--config", str(settings.path)).returncode == 0
    again = run_cli("run", "--config", str(settings.path))
    assert again.returncode == 0 and "no new articles since the last run" in again.stdout
    assert STALE_PROMISE not in again.stdout


def test_locked_is_exit_3_and_usage_is_exit_2(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/a.xml", rss(news(1)).encode())
    settings = config(tmp_path, [("a", server.url("/a.xml"))])
    with run_lock(settings.lock_path):
        locked = run_cli("run", "--quiet", "--config", str(settings.path))
    assert locked.returncode == 3 and locked.stdout == ""
    assert len(locked.stderr.splitlines()) == 1 and "another claimlog run" in locked.stderr
    usage = run_cli("run", "--no-such-flag")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_version_short_help_and_documented_exit_codes() -> None:
    version = run_cli("--version")
    assert version.returncode == 0 and re.fullmatch(r"claimlog \d+\.\d+\.\d+\n", version.stdout)
    readme = (ROOT / "README.md").read_text("utf-8")
    for args in (["-h"], ["run", "-h"]):
        shown = run_cli(*args, env={"COLUMNS": "300"})
        assert shown.returncode == 0 and "Usage" in shown.stdout
        text = " ".join(shown.stdout.split())
        for code in ("0 every feed read", "5 some feeds failed", "1 every feed failed", "2 usage",
                     "3 another run holds the lock", "4 the database", "6 database unreachable", "70 unexpected"):
            assert code in text, (args, code)
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |", "| 5 |", "| 6 |", "| 70 |"):
        assert code in readme, code
    assert "--quiet" in readme and "--table" in readme and "--version" in readme
