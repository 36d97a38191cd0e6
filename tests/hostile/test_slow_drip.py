"""Finding 3: a slow-drip server hung the run forever.

The timeout was per read, so one byte a second never tripped it, and the run lock stayed
held, so the next cron run was refused too.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from pipeline.config import load_settings
from pipeline.lock import run_lock
from tests.feedserver import FeedServer, rss
from tests.hostile.helpers import RSS_LIMIT_MB, claimlog, write_config

DEADLINE = 4.0
DRIP = 0.3  # seconds between bytes: well inside the per-read timeout


def _drip(h: Any, data: bytes, seconds: float = 60.0) -> None:
    stop = time.monotonic() + seconds
    try:
        for i in range(len(data)):
            if time.monotonic() > stop:
                return
            h.wfile.write(data[i:i + 1])
            h.wfile.flush()
            time.sleep(DRIP)
    except (BrokenPipeError, ConnectionResetError):
        return


def drip_body(h: Any, n: int) -> None:
    body = rss([("d1", "Drip", "<p>slow</p>")]).encode()
    h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                  + f"Content-Length: {len(body)}\r\n\r\n".encode())
    _drip(h, body)


def drip_chunks(h: Any, n: int) -> None:
    h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n")
    _drip(h, b"1\r\n \r\n" * 1000)


def drip_headers(h: Any, n: int) -> None:
    _drip(h, b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 500 + b"\r\n\r\n")


def test_slow_drip_servers_are_cut_at_the_deadline(tmp_path: Path, server: FeedServer) -> None:
    server.routes.update({"/body.xml": drip_body, "/chunks.xml": drip_chunks, "/headers.xml": drip_headers})
    server.feed("/good.xml", rss([("g1", "Good", "<p>Meta said capex would reach $135 billion in 2026.</p>")]).encode())
    feeds = [{"name": name, "url": server.url(f"/{name}.xml")} for name in ("body", "chunks", "headers", "good")]
    config = write_config(tmp_path, feeds, timeout=2.0, deadline=DEADLINE, retries=2)

    result = claimlog("run", "--config", str(config), cwd=tmp_path, timeout=120)

    assert "Traceback" not in result.stderr
    assert result.returncode == 5, result.stderr  # the good feed was read, the others failed
    for name in ("body", "chunks", "headers"):
        assert f"feed failed: {name}: no complete response within the {DEADLINE:g}s deadline" in result.stderr
        assert server.hits[f"/{name}.xml"] == 1  # a dripping server is not given the deadline again
    # Start-up and extraction take a few seconds; every drip would take minutes.
    assert result.seconds < DEADLINE + 30, f"run took {result.seconds:.1f}s"
    assert result.max_rss_mb < RSS_LIMIT_MB, f"peak RSS {result.max_rss_mb:.0f} MB"
    with run_lock(load_settings(config).lock_path):  # the lock was released: the next cron run starts
        pass
