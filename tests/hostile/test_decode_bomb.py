"""Finding 5: a 6.7 KB response with `Content-Encoding: gzip, gzip` used 8.5 GB.

The body was decoded before the size cap looked at it.
"""

from __future__ import annotations

import functools
import gzip
import sqlite3
import struct
import zlib
from pathlib import Path

from tests.feedserver import FeedServer, rss
from tests.hostile.helpers import RSS_LIMIT_MB, claimlog, write_config

GIB = 1024


@functools.cache
def zeros_gzip(mib: int) -> bytes:
    """A gzip member of `mib` MiB of zeros, built from one repeated deflate block (fast)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    mb = bytes(1 << 20)
    block = c.compress(mb) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(mb, crc)
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + block * mib + c.flush()
            + struct.pack("<II", crc, (mib << 20) & 0xFFFFFFFF))


def test_encoding_bombs_are_stopped_at_the_cap_while_streaming(tmp_path: Path, server: FeedServer) -> None:
    double = gzip.compress(zeros_gzip(GIB), 9)
    assert len(double) < 10_000  # a few KB on the wire, a GiB once decoded
    feed = rss([("s1", "Stacked", "<p>Oracle sold $25 billion of bonds.</p>")]).encode()
    xml = {"Content-Type": "application/rss+xml"}
    server.routes.update({
        "/double.xml": (200, {**xml, "Content-Encoding": "gzip, gzip"}, double),
        "/triple.xml": (200, {**xml, "Content-Encoding": "gzip,gzip, gzip"}, gzip.compress(double)),
        "/single.xml": (200, {**xml, "Content-Encoding": "gzip"}, zeros_gzip(GIB)),
        "/stacked.xml": (200, {**xml, "Content-Encoding": "deflate, gzip"}, gzip.compress(zlib.compress(feed))),
        "/br.xml": (200, {**xml, "Content-Encoding": "br"}, b"\x0b\x02\x80hello\x03"),
        "/corrupt.xml": (200, {**xml, "Content-Encoding": "gzip"}, b"\x1f\x8b\x08\x00garbage" * 10),
    })
    names = ["double", "triple", "single", "stacked", "br", "corrupt"]
    config = write_config(tmp_path, [{"name": n, "url": server.url(f"/{n}.xml")} for n in names],
                          deadline=20.0, max_body_bytes=5_000_000)

    result = claimlog("run", "--config", str(config), cwd=tmp_path, timeout=120)

    assert result.returncode == 5 and "Traceback" not in result.stderr, result.stderr  # some read, some not
    assert result.max_rss_mb < RSS_LIMIT_MB, f"peak RSS {result.max_rss_mb:.0f} MB"
    assert result.seconds < 20.0 + 30, f"run took {result.seconds:.1f}s"
    for name in ("double", "triple", "single"):
        assert f"feed failed: {name}: body is over the 5000000-byte limit once decoded (gzip)" in result.stderr
    assert "feed failed: br: unsupported Content-Encoding 'br'" in result.stderr
    assert "feed failed: corrupt: cannot decode gzip content" in result.stderr
    con = sqlite3.connect(tmp_path / "state" / "claimlog.db")
    assert con.execute("select title from article").fetchall() == [("Stacked",)]  # layered but honest
