"""Finding 2: `[/x]` in feed-controlled text crashed every run.

Warnings went through rich markup (a redirect Location, a linked URL, a feed name); the
failure was never recorded, so the feed was never backed off and nothing was extracted.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.feedserver import FeedServer, rss
from tests.hostile.helpers import claimlog, write_config

MARKUP = "[/x][bold]"


def test_markup_in_feed_text_is_printed_as_text_and_the_run_goes_on(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/good.xml", rss([("g1", f"Meta {MARKUP} capex",
                                   "<p>Meta said capital expenditures would reach $135 billion in 2026.</p>")],
                                 title=MARKUP).encode())
    server.routes["/down.xml"] = (500, {}, b"boom")
    server.routes["/r"] = (302, {"Location": "/[/x]"}, b"")
    server.routes["/[/x]"] = (302, {"Location": "/[/x]"}, b"")
    server.routes["/titles.xml"] = (200, {"Content-Type": "application/rss+xml"}, (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>'
        f'<guid>t1</guid><link>{server.url("/page/[/x]")}</link></item></channel></rss>').encode())
    feeds = [{"name": f"Good {MARKUP} news", "url": server.url("/good.xml")},
             {"name": f"{MARKUP} down", "url": server.url("/down.xml")},
             {"name": "redirects", "url": server.url("/r")},
             {"name": "titles", "url": server.url("/titles.xml"), "fetch_linked": True}]
    config = write_config(tmp_path, feeds)
    (tmp_path / "vault" / "[x] Meta [bold].md").write_text("# Meta\n\n[[Meta]] capex.\n", "utf-8")

    for attempt in range(1, 4):
        result = claimlog("run", "--table", "--config", str(config), cwd=tmp_path, timeout=180)
        assert result.returncode == 5, result.stderr  # the good feed read, two failed
        assert "Traceback" not in result.stderr and "MarkupError" not in result.stderr + result.stdout
        con = sqlite3.connect(tmp_path / "state" / "claimlog.db")
        errors = dict(con.execute("select name, error_count from feed"))
        assert errors[f"{MARKUP} down"] == attempt and errors["redirects"] == attempt  # recorded: backs off
        if attempt == 1:
            assert f"feed failed: {MARKUP} down: HTTP 500" in result.stderr
            assert "redirect loop at " + server.url("/[/x]") in result.stderr
            assert "linked page " + server.url("/page/[/x]") + ": HTTP 404" in result.stderr
            assert con.execute("select count(*) from claim").fetchone()[0] >= 1
            assert f"Good {MARKUP} news" in result.stdout  # the new claims' source column
    result = claimlog("run", "--config", str(config), cwd=tmp_path, timeout=180)
    assert f"feed backing off: {MARKUP} down: 3 failures in a row" in result.stderr

    listed = claimlog("feeds", "--config", str(config), cwd=tmp_path, timeout=60)
    assert listed.returncode == 0 and f"{MARKUP} down" in listed.stdout
    scanned = claimlog("notes", "scan", "--config", str(config), cwd=tmp_path, timeout=120)
    assert scanned.returncode == 0 and "[x] Meta [bold].md" in scanned.stdout


def test_markup_in_the_configuration_is_reported_as_text(tmp_path: Path) -> None:
    config = write_config(tmp_path, [{"name": "x", "url": "http://example.invalid/", "lang": MARKUP}])
    result = claimlog("run", "--config", str(config), cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"[feeds[0].lang] must be one of 'en' or 'zh', not '{MARKUP}'" in result.stderr
