"""The nightly run against a real HTTP server on 127.0.0.1: bad feeds, re-runs, kills, locks."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from models import database_url
from pipeline.config import Settings, load_settings
from pipeline.errors import LockedError
from pipeline.lock import run_lock_for
from pipeline.run import run
from tests.conftest import DEMO, ROOT, db_env, run_cli
from tests.feedserver import FIXTURES, FeedServer, rss

COMPANIES = ["Meta", "Oracle", "Amazon", "NVIDIA", "Microsoft", "Alphabet", "Tesla", "xAI"]


def news(feed: int, n: int = 6) -> list[tuple[str, str, str]]:
    """Items with figures, distinct per feed and item."""
    out = []
    for i in range(n):
        c = COMPANIES[(feed + i) % len(COMPANIES)]
        out.append((f"f{feed}-i{i}", f"{c} update {feed}.{i}",
                    f"<p>{c} reported revenue of ${10 + feed}.{i} billion in the third quarter of 2025.</p>"
                    f"<p>{c} said capital expenditures would reach ${100 + 7 * feed + i} billion in 2026.</p>"))
    return out


def config(tmp_path: Path, feeds: list[tuple[str, str]], **fetch: Any) -> Settings:
    vault = tmp_path / "vault"
    if not vault.exists():
        shutil.copytree(DEMO / "vault", vault)
    lines = ['vault = "vault"', 'database = "state/claimlog.db"']
    for name, url in feeds:
        lines += ["[[feeds]]", f'name = "{name}"', f'url = "{url}"']
    # A generous timeout: a loaded test machine must not turn a good feed into a failure.
    lines += ["[fetch]", *(f"{k} = {v!r}" for k, v in {"timeout": 5.0, "retries": 1, **fetch}.items())]
    path = tmp_path / "claimlog.toml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return load_settings(path)


def counts(settings: Settings) -> dict[str, int]:
    engine = create_engine(database_url(settings.database))  # the SQLite file, or CLAIMLOG_DATABASE_URL
    try:
        with engine.connect() as con:
            return {t: con.execute(text(f"select count(*) from {t}")).scalar_one()
                    for t in ("article", "articlefeed", "claim", "claimsource")}
    finally:
        engine.dispose()


def facts(settings: Settings) -> tuple[set, set, set]:
    con = sqlite3.connect(settings.database)
    try:
        return (set(con.execute("select key from article")),
                set(con.execute("select fingerprint, status from claim")),
                set(con.execute("select a.key, s.start from claimsource s join article a on a.id = s.article_id")))
    finally:
        con.close()


def broken_server(server: FeedServer) -> list[tuple[str, str]]:
    good = rss(news(1)).encode()
    server.feed("/good.xml", good)
    server.feed("/gzip.xml", rss(news(2)).encode(), gzipped=True)

    def slow(h: Any, n: int) -> None:
        time.sleep(4)
        h._send(200, {"Content-Type": "application/rss+xml"}, good)

    def flaky_429(h: Any, n: int) -> None:
        if n == 1:
            h._send(429, {"Retry-After": "1"}, b"slow down")
        else:
            h._send(200, {"Content-Type": "application/rss+xml"}, rss(news(3)).encode())

    server.routes.update({
        "/slow.xml": slow,
        "/500.xml": (500, {}, b"boom"),
        "/429.xml": flaky_429,
        "/loop-a": (302, {"Location": "/loop-b"}, b""),
        "/loop-b": (302, {"Location": "/loop-a"}, b""),
        "/huge.xml": (200, {"Content-Type": "application/rss+xml"}, b"<rss>" + b" " * 300_000 + b"</rss>"),
        "/malformed.xml": (200, {}, (FIXTURES / "feeds" / "malformed.xml").read_bytes()),
        "/gbk.xml": (200, {"Content-Type": "text/xml"}, (FIXTURES / "feeds" / "gbk_undeclared.xml").read_bytes()),
        "/empty.xml": (200, {}, (FIXTURES / "feeds" / "empty.xml").read_bytes()),
        "/html.xml": (200, {"Content-Type": "text/html"}, (FIXTURES / "feeds" / "not_a_feed.html").read_bytes()),
    })
    names = ["good", "gzip", "slow", "500", "429", "404", "loop", "huge", "malformed", "gbk", "empty", "html"]
    paths = ["/good.xml", "/gzip.xml", "/slow.xml", "/500.xml", "/429.xml", "/missing.xml", "/loop-a",
             "/huge.xml", "/malformed.xml", "/gbk.xml", "/empty.xml", "/html.xml"]
    return [(n, server.url(p)) for n, p in zip(names, paths, strict=True)]


def test_bad_feeds_never_stop_the_others(tmp_path: Path, server: FeedServer) -> None:
    settings = config(tmp_path, broken_server(server), max_body_bytes=200_000, timeout=2.0)
    lines: list[str] = []
    summary = run(settings, lambda stage, msg: lines.append(f"{stage}: {msg}"))
    assert set(summary.failed) == {"slow", "500", "404", "loop", "huge", "html"}
    assert "timed out" in summary.failed["slow"]
    assert "HTTP 500" in summary.failed["500"] and "HTTP 404" in summary.failed["404"]
    assert "redirect loop" in summary.failed["loop"]
    assert "limit" in summary.failed["huge"]
    assert "not a feed" in summary.failed["html"]
    assert "malformed" in summary.malformed
    for name in summary.failed:  # each failure is reported with the feed's name
        assert any(line.startswith(f"failed: {name}:") for line in lines)
    assert summary.read == 6  # good, gzip, 429 after its retry, malformed, gbk, empty
    assert server.hits["/429.xml"] == 2
    assert server.hits["/500.xml"] == 2  # retried once, then reported
    assert server.hits["/slow.xml"] == 1  # a timeout is not retried within the run
    assert summary.exit_code == 5  # some feeds failed, the run did its work
    con = sqlite3.connect(settings.database)
    titles = {t for (t,) in con.execute("select title from article")}
    assert "甲骨文发债" in titles and "Good item" in titles
    assert summary.stats.queued > 0


def test_second_run_is_all_304_and_adds_nothing(tmp_path: Path, server: FeedServer, db_url: str | None) -> None:
    server.feed("/a.xml", rss(news(1)).encode())
    server.feed("/b.xml", rss(news(2)).encode())
    settings = config(tmp_path, [("a", server.url("/a.xml")), ("b", server.url("/b.xml"))])
    first = run(settings)
    before = counts(settings)
    assert first.new_articles == 12 and before["claim"] > 0
    second = run(settings)
    assert second.not_modified == 2 and second.new_articles == 0 and second.stats.queued == 0
    assert counts(settings) == before
    conditional = [h for p, h in server.requests[-2:]]
    assert all("If-None-Match" in h for h in conditional)


def test_server_ignoring_conditional_get_is_not_parsed_again(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/a.xml", rss(news(1)).encode(), conditional=False)
    settings = config(tmp_path, [("a", server.url("/a.xml"))])
    run(settings)
    second = run(settings)
    assert second.not_modified == 1 and second.read == 0


def test_items_changing_guid_but_not_content_are_not_stored_again(tmp_path: Path, server: FeedServer) -> None:
    items = news(4)

    def shifting(h: Any, n: int) -> None:
        renamed = [(f"{g}-v{n}", t, d) for g, t, d in items]
        h._send(200, {"Content-Type": "application/rss+xml"}, rss(renamed).encode())

    server.routes["/shift.xml"] = shifting
    settings = config(tmp_path, [("shift", server.url("/shift.xml"))])
    run(settings)
    second = run(settings)
    assert second.read == 1 and second.new_articles == 0
    assert counts(settings)["article"] == len(items)


def test_same_article_in_two_feeds_is_stored_once(tmp_path: Path, server: FeedServer) -> None:
    body = rss(news(5)).encode()
    server.feed("/one.xml", body)
    server.feed("/two.xml", body.replace(b"<title>Test feed</title>", b"<title>Mirror</title>"))
    settings = config(tmp_path, [("one", server.url("/one.xml")), ("two", server.url("/two.xml"))])
    run(settings)
    c = counts(settings)
    assert c["article"] == 6 and c["articlefeed"] == 12


def test_permanent_redirect_updates_the_feed_url(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/new.xml", rss(news(1)).encode())
    server.routes["/old.xml"] = (301, {"Location": "/new.xml"}, b"")
    settings = config(tmp_path, [("moved", server.url("/old.xml"))])
    run(settings)
    con = sqlite3.connect(settings.database)
    assert con.execute("select url from feed").fetchone()[0] == server.url("/new.xml")
    run(settings)
    assert server.hits["/old.xml"] == 1 and server.hits["/new.xml"] == 2


def test_failing_feed_is_backed_off_and_no_feed_read_is_an_error(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/down.xml"] = (503, {}, b"down")
    settings = config(tmp_path, [("down", server.url("/down.xml"))], retries=0)
    for _ in range(3):
        summary = run(settings)
        assert summary.exit_code == 1 and "down" in summary.failed
    fourth = run(settings)
    assert "down" in fourth.backing_off and server.hits["/down.xml"] == 3
    result = run_cli("feeds", "--config", str(settings.path))
    assert "down" in result.stdout and "HTTP 503" in result.stdout


def test_a_second_run_refuses_while_the_lock_is_held(tmp_path: Path, server: FeedServer, db_url: str | None) -> None:
    server.feed("/a.xml", rss(news(1)).encode())
    settings = config(tmp_path, [("a", server.url("/a.xml"))])
    with run_lock_for(database_url(settings.database), settings.lock_path):
        with pytest.raises(LockedError):
            run(settings)
        result = run_cli("run", "--config", str(settings.path), env=db_env(db_url))
        assert result.returncode == 3
        assert "another" in result.stderr and "this one exits without doing anything" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def _progress(db: Path) -> tuple[int, int]:
    """(articles stored, articles extracted) as another process sees them; (0, 0) before."""
    if not db.exists():
        return 0, 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return con.execute("select count(*), coalesce(sum(extracted), 0) from article").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return 0, 0


def test_run_killed_midway_then_rerun_equals_one_clean_run(tmp_path: Path, server: FeedServer) -> None:
    for i in range(8):
        server.feed(f"/k{i}.xml", rss(news(i, 8)).encode())
    feeds = [(f"k{i}", server.url(f"/k{i}.xml")) for i in range(8)]
    server.latency = 0.2
    clean = config(tmp_path / "clean", feeds, concurrency=2, per_host=2)
    run(clean)
    expected = facts(clean)
    total = len(expected[0])
    # Kill while feeds are being stored, while articles are being extracted, and early.
    moments = {"storing": lambda a, x: a >= 1, "extracting": lambda a, x: x >= 1, "early": None}
    midway = []
    for label, when in moments.items():
        target = config(tmp_path / label, feeds, concurrency=2, per_host=2)
        env = {**os.environ, "PYTHONWARNINGS": "error"}
        proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", "--config", str(target.path)],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            stored, extracted = _progress(target.database)
            if (when is None and time.monotonic() > deadline - 59) or (when is not None and when(stored, extracted)):
                break
            time.sleep(0.01)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        stored, extracted = _progress(target.database)
        if 0 < stored < total or 0 < extracted < total:
            midway.append(label)
        run(target)
        assert facts(target) == expected, f"killed while {label}"
    assert midway, "no kill landed while the run was storing or extracting"


def test_many_feeds_are_parsed_in_a_second_process(tmp_path: Path, server: FeedServer, db_url: str | None) -> None:
    from pipeline.run import PARALLEL_PARSE_FEEDS

    n = PARALLEL_PARSE_FEEDS + 10
    for i in range(n):
        server.feed(f"/m{i}.xml", rss(news(i, 2)).encode())
    server.routes["/m0.xml"] = (200, {}, b"<html>not a feed</html>")
    settings = config(tmp_path, [(f"m{i}", server.url(f"/m{i}.xml")) for i in range(n)])
    summary = run(settings)
    assert summary.read == n - 1 and list(summary.failed) == ["m0"]
    assert counts(settings)["article"] == (n - 1) * 2


def test_title_only_feed_fetches_linked_pages_when_asked(tmp_path: Path, server: FeedServer) -> None:
    body = ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            f'<item><title>Oracle bonds</title><guid>p1</guid><link>{server.url("/story/1")}</link></item>'
            f'<item><title>Broken link</title><guid>p2</guid><link>{server.url("/story/missing")}</link></item>'
            '</channel></rss>').encode()
    server.feed("/titles.xml", body)
    server.routes["/story/1"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                                 "<html><nav>Home | Markets</nav><article><h1>Oracle</h1><p>Oracle sold $25 billion "
                                 "of bonds on Monday, one of the largest deals on record.</p></article>"
                                 "<footer>© 2026</footer></html>".encode())
    settings = config(tmp_path, [("titles", server.url("/titles.xml"))])
    text = settings.path.read_text("utf-8").replace('url = "' + server.url("/titles.xml") + '"',
                                                    'url = "' + server.url("/titles.xml") + '"\nfetch_linked = true')
    settings.path.write_text(text, "utf-8")
    lines: list[str] = []
    summary = run(load_settings(settings.path), lambda stage, msg: lines.append(msg))
    con = sqlite3.connect(settings.database)
    bodies = dict(con.execute("select guid, body from article"))
    assert bodies["p1"] == "Oracle sold $25 billion of bonds on Monday, one of the largest deals on record."
    assert "Home" not in bodies["p1"] and "2026" not in bodies["p1"]
    assert any("linked page" in ln and "missing" in ln for ln in lines)
    assert summary.stats.found >= 1


def test_encoding_override_for_a_feed_that_lies(tmp_path: Path, server: FeedServer) -> None:
    lying = rss([("g1", "腾讯", "<p>腾讯资本开支为130亿元。</p>")], encoding="ISO-8859-1").encode("utf-8")
    lying = lying.replace("腾讯资本开支为130亿元。".encode(), "腾讯资本开支为130亿元。".encode("gb18030"))
    lying = lying.replace("<title>腾讯</title>".encode(), "<title>腾讯</title>".encode("gb18030"))
    server.feed("/lies.xml", lying, content_type="text/xml; charset=ISO-8859-1")
    settings = config(tmp_path, [("lies", server.url("/lies.xml"))])
    settings.path.write_text(settings.path.read_text("utf-8").replace(
        f'url = "{server.url("/lies.xml")}"', f'url = "{server.url("/lies.xml")}"\nencoding = "gb18030"'), "utf-8")
    run(load_settings(settings.path))
    con = sqlite3.connect(settings.database)
    assert con.execute("select title, body from article").fetchone() == ("腾讯", "腾讯资本开支为130亿元。")


def test_an_article_the_extractor_chokes_on_stops_nothing_else(tmp_path: Path, server: FeedServer,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors.claims import Extractor

    items = news(1, 3) + [("boom", "Poison", "<p>BOOM: Meta spent $1 billion.</p>")]
    server.feed("/a.xml", rss(items).encode())
    real = Extractor.extract_many

    def fragile(self: Extractor, batch: Any) -> Any:
        if any("BOOM" in text for text, _, _ in batch):
            raise RuntimeError("cannot read this text")
        return real(self, batch)

    monkeypatch.setattr(Extractor, "extract_many", fragile)
    settings = config(tmp_path, [("a", server.url("/a.xml"))])
    lines: list[str] = []
    summary = run(settings, lambda stage, msg: lines.append(msg))
    assert summary.extracted == 4 and summary.stats.queued > 0
    assert list(summary.failed_articles) == ["Poison"]
    assert any("extraction failed" in ln and "cannot read this text" in ln for ln in lines)
    con = sqlite3.connect(settings.database)
    assert con.execute("select extract_error from article where title = 'Poison'").fetchone()[0].startswith("RuntimeError")
    assert run(settings).extracted == 0  # not retried forever


def test_a_feed_currency_setting_decides_a_bare_yuan(tmp_path: Path, server: FeedServer) -> None:
    # The same unmarked text: in the Taiwan feed 元 is the NT dollar, elsewhere the yuan;
    # a currency the text names itself still wins over the setting.
    server.feed("/tw.xml", rss([("t1", "腾讯", "<p>腾讯资本开支为130亿元。</p>"),
                                ("t2", "阿里巴巴", "<p>阿里巴巴资本开支为20亿美元。</p>")]).encode())
    server.feed("/cn.xml", rss([("c1", "小米", "<p>小米资本开支为130亿元。</p>")]).encode())
    settings = config(tmp_path, [("tw", server.url("/tw.xml")), ("cn", server.url("/cn.xml"))])
    settings.path.write_text(settings.path.read_text("utf-8").replace(
        f'url = "{server.url("/tw.xml")}"', f'url = "{server.url("/tw.xml")}"\ncurrency = "TWD"'), "utf-8")
    run(load_settings(settings.path))
    con = sqlite3.connect(settings.database)
    got = dict(con.execute("select subject, currency from claim"))
    assert got == {"Tencent": "TWD", "Alibaba": "USD", "Xiaomi": "CNY"}
