"""Finding 1: a feed's item links made claimlog read local files and internal URLs.

`/etc/passwd` ended in the database, a secret file's line in a queued claim, a loopback
admin port was fetched, `/dev/zero` ate memory and a FIFO hung the run.
"""

from __future__ import annotations

import os
import sqlite3
from html import escape
from pathlib import Path

from pipeline.config import load_settings
from pipeline.run import run
from tests.feedserver import FeedServer
from tests.hostile.helpers import RSS_LIMIT_MB, claimlog, write_config

SECRET = "SECRET-7f3a9 Oracle spent $5 billion on chips in 2025."
STORY = ("<html><article><p>Oracle sold $25 billion of bonds on Monday, "
         "one of the largest deals on record.</p></article></html>")


def titles_feed(links: list[str]) -> bytes:
    items = "".join(f"<item><title>Item {i}</title><guid>l{i}</guid><link>{escape(u)}</link></item>"
                    for i, u in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


def bodies(db: Path) -> dict[str, str]:
    """Article body by the item's GUID (`l0`, `l1`... in link order)."""
    con = sqlite3.connect(db)
    try:
        return dict(con.execute("select guid, body from article"))
    finally:
        con.close()


def test_links_to_files_and_other_schemes_are_never_read(tmp_path: Path, server: FeedServer) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n", "utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    hostile = ["/etc/passwd", f"file://{secret}", str(secret), str(fifo), "/dev/zero", "file:///dev/zero",
               "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/", server.url("/to-file")]
    server.routes["/to-file"] = (302, {"Location": f"file://{secret}"}, b"")
    server.routes["/story"] = (200, {"Content-Type": "text/html; charset=utf-8"}, STORY.encode())
    server.feed("/titles.xml", titles_feed([*hostile, server.url("/story")]))
    config = write_config(tmp_path, [{"name": "titles", "url": server.url("/titles.xml"), "fetch_linked": True}],
                          deadline=10.0)

    result = claimlog("run", "--config", str(config), cwd=tmp_path, timeout=120)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.max_rss_mb < RSS_LIMIT_MB, f"peak RSS {result.max_rss_mb:.0f} MB"
    stored = bodies(tmp_path / "state" / "claimlog.db")
    assert stored[f"l{len(hostile)}"].startswith("Oracle sold $25 billion")
    assert all(stored[f"l{i}"] == "" for i in range(len(hostile)))
    everything = "\n".join(stored.values())
    assert "root:" not in everything and "SECRET-7f3a9" not in everything
    refusals = [ln for ln in result.stderr.splitlines()  # one line each, naming the feed and the link
                if ln.startswith("warning: titles: linked page ") and "refused" in ln]
    assert len(refusals) == len(hostile), result.stderr
    assert any("/to-file: refused file://" in ln for ln in refusals)


def test_a_feed_off_the_private_network_cannot_reach_loopback(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/admin"] = (200, {"Content-Type": "text/html"}, b"<p>admin panel: delete everything</p>")
    port = server.port
    links = [server.url("/admin"), f"http://localhost:{port}/admin", f"http://[::ffff:127.0.0.1]:{port}/admin",
             f"http://2130706433:{port}/admin", f"http://0.0.0.0:{port}/admin", "http://169.254.169.254/latest/meta-data/"]
    feed = tmp_path / "downloaded.xml"  # a feed file from elsewhere is not on the user's network
    feed.write_bytes(titles_feed(links))
    config = write_config(tmp_path, [{"name": "file feed", "url": str(feed), "fetch_linked": True}])
    lines: list[str] = []
    summary = run(load_settings(config), lambda stage, msg: lines.append(msg))
    assert summary.read == 1
    assert server.hits["/admin"] == 0
    refused = [ln for ln in lines if "linked page" in ln and "refused" in ln]
    assert len(refused) == len(links), lines
    assert all("allow_private_links" in ln for ln in refused)
    assert all(body == "" for body in bodies(tmp_path / "state" / "claimlog.db").values())


def test_allow_private_links_lets_an_intranet_user_opt_in(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/story"] = (200, {"Content-Type": "text/html; charset=utf-8"}, STORY.encode())
    feed = tmp_path / "intranet.xml"
    feed.write_bytes(titles_feed([server.url("/story"), "/etc/passwd"]))
    config = write_config(tmp_path, [{"name": "intranet", "url": str(feed), "fetch_linked": True}],
                          allow_private_links=True)
    run(load_settings(config))
    stored = bodies(tmp_path / "state" / "claimlog.db")
    assert stored["l0"].startswith("Oracle sold $25 billion")
    assert stored["l1"] == ""  # the switch opens private addresses, never files


def test_linked_pages_get_the_feed_caps(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/big"] = (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 300_000 + b"</p>")
    server.routes["/hop0"] = (302, {"Location": "/hop1"}, b"")
    for i in range(1, 6):
        server.routes[f"/hop{i}"] = (302, {"Location": f"/hop{i + 1}"}, b"")
    server.feed("/titles.xml", titles_feed([server.url("/big"), server.url("/hop0")]))
    config = write_config(tmp_path, [{"name": "t", "url": server.url("/titles.xml"), "fetch_linked": True}],
                          max_body_bytes=200_000, max_redirects=3)
    lines: list[str] = []
    run(load_settings(config), lambda stage, msg: lines.append(msg))
    assert any("/big" in ln and "limit" in ln for ln in lines)
    assert any("/hop0" in ln and "more than 3 redirects" in ln for ln in lines)
    assert server.hits["/hop4"] == 0


def test_configured_local_feeds_that_are_not_files_fail_fast(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.pipe"
    os.mkfifo(fifo)
    config = write_config(tmp_path, [{"name": "zero", "url": "/dev/zero"}, {"name": "fifo", "url": str(fifo)},
                                     {"name": "dir", "url": str(tmp_path)}], deadline=10.0)
    result = claimlog("run", "--config", str(config), cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.max_rss_mb < RSS_LIMIT_MB, f"peak RSS {result.max_rss_mb:.0f} MB"
    for name in ("zero", "fifo", "dir"):
        assert f"feed failed: {name}: cannot read" in result.stderr
    assert "not a regular file" in result.stderr
