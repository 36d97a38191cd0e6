"""The run deadline: a feed that never answers holds the run once, never for every retry."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pipeline.run import run
from tests.feedserver import FeedServer, rss
from tests.pipeline.test_run import config, news


@pytest.fixture
def released() -> Iterator[threading.Event]:
    """Set at teardown: the hanging handlers then return and the server can stop."""
    event = threading.Event()
    yield event
    event.set()


def good_feeds(server: FeedServer, n: int = 3) -> list[tuple[str, str]]:
    for i in range(n):
        server.feed(f"/good{i}.xml", rss(news(i)).encode())
    return [(f"good{i}", server.url(f"/good{i}.xml")) for i in range(n)]


def test_a_feed_that_never_answers_is_asked_once(tmp_path: Any, server: FeedServer,
                                                  released: threading.Event) -> None:
    server.routes["/hang.xml"] = lambda h, n: released.wait(60)
    settings = config(tmp_path, [*good_feeds(server), ("hang", server.url("/hang.xml"))],
                      timeout=1.0, retries=3)
    summary = run(settings)
    assert set(summary.failed) == {"hang"} and "timed out" in summary.failed["hang"]
    assert server.hits["/hang.xml"] == 1  # a timeout is not retried within the run
    assert summary.read == 3 and summary.exit_code == 5


def test_the_run_deadline_ends_the_fetch_stage(tmp_path: Any, server: FeedServer,
                                               released: threading.Event) -> None:
    def drip(h: Any, n: int) -> None:
        # Headers, then a byte now and then: no read ever times out, the body never ends.
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.end_headers()
        try:
            while not released.wait(0.2):
                h.wfile.write(b" ")
                h.wfile.flush()
        except OSError:
            pass

    server.routes["/drip.xml"] = drip
    server.routes["/busy.xml"] = (503, {"Retry-After": "1"}, b"busy")
    feeds = [*good_feeds(server), ("drip", server.url("/drip.xml")), ("busy", server.url("/busy.xml"))]
    settings = config(tmp_path, feeds, timeout=2.0, deadline=600.0, retries=10, run_deadline=3.0)
    started = time.monotonic()
    summary = run(settings)
    fetch_took = summary.timings["fetch"]
    assert fetch_took < 3.0 + 5.0, (time.monotonic() - started, summary.timings)
    assert summary.failed["drip"] == "run deadline reached"
    assert summary.failed["busy"] == "HTTP 503"  # retried while there was time, then reported as is
    assert 2 <= server.hits["/busy.xml"] <= 4
    assert summary.read == 3 and summary.exit_code == 5

    # Next run, the feed is tried again, and counted as failing twice in a row.
    run(settings)
    assert server.hits["/drip.xml"] == 2
    con = sqlite3.connect(settings.database)
    try:
        errors = dict(con.execute("select name, error_count from feed"))
    finally:
        con.close()
    assert errors["drip"] == 2 and errors["good0"] == 0
