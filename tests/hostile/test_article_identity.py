"""Finding 6: articles lost.

GUIDs were global across feeds, so two feeds that both publish `<guid>1</guid>` kept one
article and a hostile feed could suppress another's items; valid UTF-16/UTF-32 feeds came
out as mojibake.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import SQLModel, create_engine

from models import Database, database_url
from pipeline.config import load_settings
from pipeline.feeds import decode_feed
from pipeline.run import run
from tests.feedserver import FeedServer, rss
from tests.hostile.helpers import write_config

VICTIM = [("1", "Oracle bonds", "<p>Oracle sold $25 billion of bonds on Monday.</p>"),
          ("2", "Meta capex", "<p>Meta said capital expenditures would reach $135 billion in 2026.</p>")]
HOSTILE = [("1", "Nothing here", "<p>Filler.</p>"), ("2", "Nothing there", "<p>More filler.</p>")]


def rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def by_feed(db: Path) -> set[tuple[str, str]]:
    return set(rows(db, "select f.name, a.title from article a join articlefeed af on af.article_id = a.id "
                        "join feed f on f.id = af.feed_id"))


def test_a_feed_reusing_another_feeds_guids_suppresses_nothing(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/hostile.xml", rss(HOSTILE).encode())
    server.feed("/victim.xml", rss(VICTIM).encode())
    hostile = {"name": "hostile", "url": server.url("/hostile.xml")}
    run(load_settings(write_config(tmp_path, [hostile])))  # the hostile feed is read first
    config = write_config(tmp_path, [hostile, {"name": "victim", "url": server.url("/victim.xml")}])
    summary = run(load_settings(config))
    db = tmp_path / "state" / "claimlog.db"
    assert summary.new_articles == 2
    assert by_feed(db) == {("hostile", "Nothing here"), ("hostile", "Nothing there"),
                           ("victim", "Oracle bonds"), ("victim", "Meta capex")}
    assert summary.stats.found >= 2  # the victim's figures reached extraction
    again = run(load_settings(config))
    assert again.new_articles == 0 and len(rows(db, "select id from article")) == 4


def test_the_same_story_in_two_feeds_is_still_one_article(tmp_path: Path, server: FeedServer) -> None:
    server.feed("/a.xml", rss(VICTIM).encode())
    server.feed("/b.xml", rss([(f"b-{g}", t, d) for g, t, d in VICTIM], title="Mirror").encode())
    config = write_config(tmp_path, [{"name": "a", "url": server.url("/a.xml")},
                                     {"name": "b", "url": server.url("/b.xml")}])
    run(load_settings(config))
    db = tmp_path / "state" / "claimlog.db"
    assert len(rows(db, "select id from article")) == 2 and len(rows(db, "select id from articlefeed")) == 4


def _old_database(path: Path) -> None:
    """A database as the previous release left it: global keys such as `guid:1`."""
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("insert into feed (id, name, source_url, url, error_count, items, articles) "
                "values (1, 'hostile', 'x', 'x', 0, 2, 2)")
    for i, (guid, title, _) in enumerate(HOSTILE, 1):
        con.execute("insert into article (id, key, content_hash, guid, title, summary, body, fetched_at, extracted) "
                    "values (?, ?, ?, ?, ?, '', 'filler', '2026-01-01 00:00:00', 1)",
                    (i, f"guid:{guid}", f"h{i}", guid, title))
        con.execute("insert into articlefeed (article_id, feed_id) values (?, 1)", (i,))
    con.execute("insert into article (id, key, content_hash, title, summary, body, fetched_at, extracted) "
                "values (9, 'url:https://orphan.example/', 'h9', 'orphan', '', '', '2026-01-01 00:00:00', 1)")
    con.commit()
    con.close()


def test_existing_databases_are_migrated_to_per_feed_keys(tmp_path: Path, server: FeedServer) -> None:
    db = tmp_path / "state" / "claimlog.db"
    db.parent.mkdir()
    _old_database(db)
    Database(database_url(db)).close()
    keys = rows(db, "select id, key from article order by id")
    assert keys == [(1, "1|guid:1"), (2, "1|guid:2"), (9, "url:https://orphan.example/")]
    Database(database_url(db)).close()  # a second open changes nothing
    assert rows(db, "select id, key from article order by id") == keys

    server.feed("/hostile.xml", rss(HOSTILE).encode())
    server.feed("/victim.xml", rss(VICTIM).encode())
    config = write_config(tmp_path, [{"name": "hostile", "url": "x"},
                                     {"name": "victim", "url": server.url("/victim.xml")}])
    config.write_text(config.read_text("utf-8").replace('"x"', f'"{server.url("/hostile.xml")}"'), "utf-8")
    summary = run(load_settings(config))
    assert summary.new_articles == 2  # the victim's items; the hostile feed's are already stored
    assert {t for _, t in by_feed(db)} == {"Nothing here", "Nothing there", "Oracle bonds", "Meta capex"}


WIDE = rss([("w1", "甲骨文发债", "<p>Oracle sold $25 billion of bonds; 甲骨文发行250亿美元债券。</p>")], encoding=None)


def _declared(encoding: str) -> str:
    return WIDE.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')


@pytest.mark.parametrize(("label", "body", "content_type"), [
    ("utf-16 with BOM", _declared("UTF-16").encode("utf-16"), "application/rss+xml"),
    ("utf-16-be, declaration only", _declared("UTF-16BE").encode("utf-16-be"), "application/rss+xml"),
    ("utf-16-le, generic declaration", _declared("UTF-16").encode("utf-16-le"), "application/rss+xml"),
    ("utf-32 with BOM", _declared("UTF-32").encode("utf-32"), "application/rss+xml"),
    ("utf-32-be, declaration only", _declared("UTF-32").encode("utf-32-be"), "application/rss+xml"),
    ("utf-16-le, HTTP charset, no declaration", WIDE.replace('<?xml version="1.0"?>\n', "").encode("utf-16-le"),
     "application/rss+xml; charset=utf-16"),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + _declared("UTF-8").encode(), "application/rss+xml"),
])
def test_utf16_and_utf32_feeds_are_read(tmp_path: Path, server: FeedServer, label: str, body: bytes,
                                        content_type: str) -> None:
    server.feed("/wide.xml", body, content_type=content_type)
    config = write_config(tmp_path, [{"name": "wide", "url": server.url("/wide.xml")}])
    summary = run(load_settings(config))
    assert summary.read == 1, summary.failed
    db = tmp_path / "state" / "claimlog.db"
    assert rows(db, "select title, body from article") == [
        ("甲骨文发债", "Oracle sold $25 billion of bonds; 甲骨文发行250亿美元债券。")], label


@pytest.mark.parametrize("pad", [b"", b" "])  # odd and even lengths: both decode as UTF-16 bytes
def test_a_wide_declaration_does_not_turn_utf8_into_mojibake(pad: bytes) -> None:
    body = _declared("UTF-16").encode("utf-8") + pad
    assert decode_feed(body) == body.decode("utf-8")
    assert decode_feed(body, "utf-16") == body.decode("utf-8")
